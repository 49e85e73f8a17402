"""The privacy officer's view of the audit log: search, one entry, chain verification.

Only roles allowed ``VIEW_AUDIT_LOG`` get here; everyone else gets 404 and a "refused" entry.
Every look at the log is itself an audit entry.
"""

import json

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render

from overvalregie.audit.forms import AuditSearchForm
from overvalregie.audit.models import AuditAction, AuditEntry
from overvalregie.audit.services import record, record_refused, verify_chain
from overvalregie.organisations.policy import Action, can

PAGE_SIZE = 50
LOG = "audit.log"
PURPOSE = "privacy review"


def _entries_for(request):
    """The entries the user may see; 404 (and a recorded refusal) for anyone else."""
    if not can(request.user, Action.VIEW_AUDIT_LOG):
        record_refused(request.user, Action.VIEW_AUDIT_LOG, object_type=LOG)
        raise Http404
    return AuditEntry.objects.visible_to(request.user)


@login_required
def audit_search(request):
    entries = _entries_for(request)
    form = AuditSearchForm(request.GET or None)
    filtered = form.is_bound and form.is_valid()
    if filtered:
        entries = form.filter(entries)
    elif form.is_bound:  # a wrong filter shows its error, not the whole log
        entries = entries.none()
    page = Paginator(entries.order_by("-sequence"), PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    record(
        request.user,
        AuditAction.READ,
        object_type=LOG,
        purpose=PURPOSE,
        detail={
            "filters": form.used_filters() if filtered else [],
            "page": page.number,
        },
    )
    return render(request, "audit/audit_search.html", {"form": form, "page": page})


@login_required
def audit_entry(request, sequence: int):
    entry = get_object_or_404(_entries_for(request), sequence=sequence)
    record(
        request.user, AuditAction.READ, object_type=LOG, object_id=str(sequence), purpose=PURPOSE
    )
    return render(
        request,
        "audit/audit_entry.html",
        {
            "entry": entry,
            "detail_json": json.dumps(entry.detail, indent=2, sort_keys=True, ensure_ascii=False),
            "hash_matches": entry.compute_hash() == entry.entry_hash,
        },
    )


@login_required
def audit_verify(request):
    _entries_for(request)  # 404 before 405: no hint to others that this exists
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    result = verify_chain()
    record(
        request.user,
        AuditAction.READ,
        object_type=LOG,
        purpose=PURPOSE,
        detail={"verify": "ok" if result.ok else "broken", "checked": result.checked},
    )
    return render(request, "audit/audit_verify.html", {"result": result})
