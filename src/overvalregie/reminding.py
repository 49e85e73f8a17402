"""Reminders of what is overdue: at most one e-mail per recipient per run, and per item at most
once a week, queued for the worker.

An app gives the overdue items (rows with a ``reminded`` timestamp), who is reminded of each,
and the task that sends one e-mail; :func:`queue` claims the items and enqueues the e-mails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Q

#: Days between two reminders of the same item.
REMIND_EVERY = dt.timedelta(days=7)


def not_lately(now) -> Q:
    """Items not reminded in the last :data:`REMIND_EVERY`."""
    return Q(reminded__isnull=True) | Q(reminded__lt=now - REMIND_EVERY)


def queue(model, due: Iterable, recipient_of: Callable, task, now) -> int:
    """Queue ``task.enqueue(user_id, item_ids)`` once per recipient of the ``due`` items (rows
    of ``model``, already filtered with :func:`not_lately`); returns how many were queued."""
    recipients: dict[str, list[str]] = {}
    for item in due:
        user = recipient_of(item)
        if user is not None:
            recipients.setdefault(str(user.pk), []).append(str(item.pk))
    queued = 0
    for user_id, ids in recipients.items():
        with transaction.atomic():
            # Claim the items: a run at the same time (a second timer, say) that read them
            # too claims none of them again, so no one gets the same reminder twice.
            claimed = [
                str(pk)
                for pk in model.objects.select_for_update()
                .filter(not_lately(now), pk__in=ids)
                .values_list("pk", flat=True)
            ]
            if not claimed:
                continue
            model.objects.filter(pk__in=claimed).update(reminded=now)
            task.enqueue(user_id, claimed)
            queued += 1
    return queued
