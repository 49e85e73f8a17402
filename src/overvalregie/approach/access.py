"""What one reader may do with one approach: run it, read its records, see small counts.

Everyone with ``VIEW_APPROACH`` whose area the approach reaches follows it. Only the
approach's own municipality *owns* it: its coordinator runs it, and its coordinator and mayor
read what was said in meetings. Anyone else (partners, overseers, and the municipalities a
regional approach reaches) sees counts below the suppression threshold hidden.
"""

from __future__ import annotations

from dataclasses import dataclass

from overvalregie.incidents.aggregates import suppresses
from overvalregie.organisations.policy import Action, can
from overvalregie.organisations.querysets import scope_municipalities


@dataclass(frozen=True)
class Reader:
    #: The approach belongs to a municipality the reader's organisation works for.
    owns: bool
    #: The reader runs the approach: its coordinator, while it is under way.
    manages: bool
    #: The reader may read agendas, minutes, answers and internal communication.
    records: bool
    #: Counts below the threshold are hidden from this reader.
    suppress: bool


def reader_of(user, approach) -> Reader:
    owns = scope_municipalities(user).filter(pk=approach.municipality_id).exists()
    return Reader(
        owns=owns,
        manages=owns and approach.is_active and can(user, Action.MANAGE_APPROACH),
        records=owns and can(user, Action.VIEW_APPROACH_RECORDS),
        suppress=suppresses(user, owns),
    )
