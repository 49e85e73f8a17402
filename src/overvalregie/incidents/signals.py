"""Signals of the robbery register, for apps that act on new robberies."""

from django.dispatch import Signal

#: Sent after an import of robberies has been committed.
robberies_imported = Signal()
