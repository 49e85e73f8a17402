"""The upload page: upload a file, watch it being checked, look at the preview, confirm."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from overvalregie.incidents.choices import TargetType
from overvalregie.incidents.forms import ImportUploadForm
from overvalregie.incidents.importers import jobs
from overvalregie.incidents.importers.rows import COORDINATES, OPTIONAL, REQUIRED
from overvalregie.incidents.models import ImportJob, ImportState, Robbery
from overvalregie.organisations.policy import Action, can

#: Recent uploads listed under the upload form.
RECENT = 10


def _importer(request):
    if not can(request.user, Action.IMPORT_INCIDENTS):
        raise Http404
    return request.user


def _job(request, pk) -> ImportJob:
    return get_object_or_404(ImportJob.objects.visible_to(_importer(request)), pk=pk)


@login_required
def import_upload(request):
    user = _importer(request)
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            job = jobs.start(user, form.cleaned_data["file"])
            return redirect("robbery-import-job", pk=job.pk)
    else:
        form = ImportUploadForm()
    recent = ImportJob.objects.visible_to(user).only(
        "pk", "filename", "created", "state", "to_add", "to_change", "unchanged", "rejected"
    )[:RECENT]
    return render(request, "incidents/import_upload.html", {"form": form, "recent": recent})


def _field_label(name: str) -> str:
    try:
        return str(Robbery._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _sample_rows(rows: list[dict]) -> list[dict]:
    """Sample rows as stored on the job, with a date, target type and fields a person can read."""
    labels = dict(TargetType.choices)
    shown = []
    for row in rows:
        try:
            date = dt.date.fromisoformat(row["date"])
        except (KeyError, TypeError, ValueError):
            date = None
        target = row.get("target_type", "")
        changed = [_field_label(name) for name in row.get("changed", [])]
        shown.append(
            {
                **row,
                "date": date,
                "target_label": labels.get(target, target),
                "changed_labels": changed,
            }
        )
    return shown


@login_required
def import_job(request, pk):
    job = _job(request, pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "confirm" and not jobs.confirm(request.user, job):
            messages.warning(request, _("This file can no longer be imported."))
        elif action == "discard":
            jobs.discard(request.user, job)
        return redirect("robbery-import-job", pk=job.pk)
    samples = job.samples or {}
    return render(
        request,
        "incidents/import_job.html",
        {
            "job": job,
            "states": ImportState,
            "progress": jobs.progress(job),
            "samples": [
                (
                    _("Robberies to add (first rows)"),
                    _sample_rows(samples.get("to_add", [])),
                    False,
                ),
                (
                    _("Robberies to change (first rows)"),
                    _sample_rows(samples.get("to_change", [])),
                    True,
                ),
            ],
            "more_errors": job.error_count - len(job.errors),
            "form": ImportUploadForm(),
        },
    )


@login_required
def import_job_progress(request, pk):
    """How far the worker is, for the progress bar: polled by the page while it works."""
    return JsonResponse(jobs.progress(_job(request, pk)))


@login_required
def import_template(request):
    """An empty CSV with every column of the import format, WGS84 coordinates."""
    _importer(request)
    columns = [*REQUIRED, *COORDINATES[:2], *OPTIONAL]
    response = HttpResponse(";".join(columns) + "\r\n", content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="overvallen-sjabloon.csv"'
    return response
