"""Repeat victimisation and the near-repeat role of each event.

*Repeat victimisation*: the same target (a business, an address) robbed again. The caller
passes a key per event (a business id, a normalised address) or ``None`` when unknown.

*Roles*: within a distance ``d`` metres and ``t`` days, an event that follows an earlier one

- at the same place (distance 0, or the same target key when keys are given) is a **repeat**;
- elsewhere within ``d`` is a **near repeat** (a repeat wins when both apply);
- an event that is neither but is followed by a repeat or near repeat is an **originator**;
- any other event is **isolated**.

"Follows" needs an order. Dates are whole days, so two events on the same day are ordered by
their time of day when both have one, else by their position in the input (the tie-break is
explicit and the same on every run): the earlier in that order is the originator, the later
the (near) repeat. Events on the same day and place are thus one originator and one repeat,
never two repeats of each other.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

ORIGINATOR, NEAR_REPEAT, REPEAT, ISOLATED = "originator", "near_repeat", "repeat", "isolated"
ROLES = (ORIGINATOR, NEAR_REPEAT, REPEAT, ISOLATED)


@dataclass(frozen=True)
class RepeatVictimisation:
    n_events: int
    n_with_target: int  # events with a known target
    targets: int  # distinct targets
    targets_by_count: dict[int, int]  # robberies at a target -> number of targets (5 = 5 or more)
    repeat_targets: int  # targets robbed more than once
    events_at_repeat_targets: int
    share_at_repeat_targets: float  # of the events with a known target
    days_to_repeat: np.ndarray  # days between consecutive robberies of the same target
    median_days_to_repeat: float | None
    share_repeats_within: dict[int, float]  # days -> share of repeats within that many days


def repeat_victimisation(
    keys: list, dates: np.ndarray, within: tuple[int, ...] = (7, 30, 365)
) -> RepeatVictimisation:
    """Repeats per target: ``keys[i]`` names the target of event ``i`` (``None``: unknown)."""
    dates = np.asarray(dates, dtype="datetime64[D]")
    if len(keys) != len(dates):
        raise ValueError("keys and dates must have the same length")
    known = [i for i, key in enumerate(keys) if key is not None and key != ""]
    by_target: dict = {}
    for i in known:
        by_target.setdefault(keys[i], []).append(dates[i])
    counts = np.array([len(days) for days in by_target.values()], dtype=np.int64)
    capped = np.minimum(counts, 5)
    targets_by_count = {k: int((capped == k).sum()) for k in range(1, 6)}
    gaps = [
        np.diff(np.sort(np.array(days, dtype="datetime64[D]"))).astype(np.int64)
        for days in by_target.values()
        if len(days) > 1
    ]
    days_to_repeat = np.concatenate(gaps) if gaps else np.empty(0, dtype=np.int64)
    at_repeats = int(counts[counts > 1].sum())
    return RepeatVictimisation(
        n_events=len(keys),
        n_with_target=len(known),
        targets=len(by_target),
        targets_by_count=targets_by_count,
        repeat_targets=int((counts > 1).sum()),
        events_at_repeat_targets=at_repeats,
        share_at_repeat_targets=at_repeats / len(known) if known else 0.0,
        days_to_repeat=days_to_repeat,
        median_days_to_repeat=float(np.median(days_to_repeat)) if len(days_to_repeat) else None,
        share_repeats_within={
            days: float((days_to_repeat <= days).mean()) if len(days_to_repeat) else 0.0
            for days in within
        },
    )


@dataclass(frozen=True)
class Roles:
    roles: np.ndarray  # one of ROLES per event (dtype object)
    counts: dict[str, int]
    distance: float
    days: int

    def share(self, role: str) -> float:
        return self.counts[role] / len(self.roles) if len(self.roles) else 0.0


def near_repeat_roles(
    x: np.ndarray,
    y: np.ndarray,
    dates: np.ndarray,
    *,
    distance: float,
    days: int,
    minutes: np.ndarray | None = None,
    keys: list | None = None,
    metric: str = "euclidean",
) -> Roles:
    """The role of each event (see the module docstring). ``minutes``: time of day in minutes
    (-1 when unknown) for the same-day order; ``keys``: targets, for repeats at one target
    whose coordinates differ a little."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    day = np.asarray(dates, dtype="datetime64[D]").astype(np.int64)
    n = len(x)
    if not (len(y) == len(day) == n) or (minutes is not None and len(minutes) != n):
        raise ValueError("x, y, dates (and minutes) must have the same length")
    if distance < 0 or days < 0:
        raise ValueError("distance and days must not be negative")
    # The order in which the events happened: day, then time of day when known, then input.
    minute = np.full(n, -1) if minutes is None else np.asarray(minutes, dtype=np.int64)
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), minute, day))] = np.arange(n)

    tree = cKDTree(np.column_stack([x, y]))
    p = 1 if metric == "manhattan" else 2
    pairs = tree.query_pairs(distance * (1 + 1e-12), p=p, output_type="ndarray")
    i, j = pairs[:, 0], pairs[:, 1]
    if len(i):
        dx, dy = x[i] - x[j], y[i] - y[j]
        d = np.abs(dx) + np.abs(dy) if p == 1 else np.hypot(dx, dy)
        close = (d <= distance) & (np.abs(day[i] - day[j]) <= days)
        i, j, d = i[close], j[close], d[close]
    else:
        d = np.empty(0)
    # Orient every pair: earlier -> later.
    later_is_i = rank[i] > rank[j]
    first, second = np.where(later_is_i, j, i), np.where(later_is_i, i, j)
    same_place = d == 0
    if keys is not None:
        same_place |= np.array(
            [
                keys[a] is not None and keys[a] != "" and keys[a] == keys[b]
                for a, b in zip(i, j, strict=True)
            ],
            dtype=bool,
        )
    roles = np.full(n, ISOLATED, dtype=object)
    is_repeat = np.zeros(n, dtype=bool)
    is_repeat[second[same_place]] = True
    is_near = np.zeros(n, dtype=bool)
    is_near[second[~same_place]] = True
    is_near &= ~is_repeat
    followed = np.zeros(n, dtype=bool)
    followed[first] = True
    roles[followed & ~is_repeat & ~is_near] = ORIGINATOR
    roles[is_near] = NEAR_REPEAT
    roles[is_repeat] = REPEAT
    return Roles(
        roles=roles,
        counts={role: int((roles == role).sum()) for role in ROLES},
        distance=distance,
        days=days,
    )
