"""The robbery register: list with map, detail, exports, and counts for partners."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from overvalregie.audit.models import AuditAction
from overvalregie.audit.services import record
from overvalregie.geography.models import Municipality, Neighbourhood
from overvalregie.incidents import exports
from overvalregie.incidents.aggregates import shown
from overvalregie.incidents.choices import TargetType
from overvalregie.incidents.forms import RobberyFilterForm
from overvalregie.incidents.models import Robbery
from overvalregie.organisations.policy import Action, can, role_of, suppress_small_counts
from overvalregie.organisations.querysets import scope_municipalities
from overvalregie.organisations.roles import Role

PAGE_SIZE = 50
#: The map shows at most this many robberies; the table (and the exports) have them all.
MAP_LIMIT = 5_000

#: Marker colour per target type (Okabe–Ito and friends: distinguishable for most people).
TARGET_COLOURS = {
    TargetType.SHOP: "#0072b2",
    TargetType.HOSPITALITY: "#d55e00",
    TargetType.SNACK_BAR: "#e69f00",
    TargetType.PETROL_STATION: "#009e73",
    TargetType.HOME: "#cc79a7",
    TargetType.CASH_IN_TRANSIT: "#56b4e9",
    TargetType.BANK: "#000000",
    TargetType.MEAL_COURIER: "#f0e442",
    TargetType.OTHER_BUSINESS: "#7f7f7f",
}

#: Geometry fields of the related areas: never loaded for lists.
AREA_GEOMETRY = ("municipality__geometry", "district__geometry", "neighbourhood__geometry")


def _register_user(request):
    """The user, if their role may open individual robberies; else 404."""
    if not can(request.user, Action.VIEW_INCIDENTS):
        raise Http404
    return request.user


def _filtered(request, user):
    """(form, queryset): the user's robberies narrowed by a valid form; none when invalid."""
    form = RobberyFilterForm(request.GET, user)
    queryset = Robbery.objects.visible_to(user)
    if form.is_valid():
        return form, form.filter(queryset).order_by(*form.ordering())
    return form, queryset.none()


def _legend():
    return [
        {"value": value, "label": str(label), "colour": TARGET_COLOURS[value]}
        for value, label in TargetType.choices
    ]


@login_required
def robbery_list(request):
    if not can(request.user, Action.VIEW_INCIDENTS):
        # Partners, overseers and the other roles that see figures: counts per area only.
        if can(request.user, Action.VIEW_AGGREGATES):
            return _area_counts(request)
        raise Http404
    user = request.user
    form, robberies = _filtered(request, user)
    robberies = robberies.select_related(*exports.RELATED).defer(*AREA_GEOMETRY)
    page = None
    if form.is_valid():
        page = Paginator(robberies, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "incidents/robbery_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "map_limit": MAP_LIMIT,
            "legend": _legend(),
            "sort": form.cleaned_data.get("sort") if form.is_valid() else "-date",
            "can_import": can(user, Action.IMPORT_INCIDENTS),
        },
    )


def _area_counts(request):
    """Partners and overseers: robberies per area, small counts suppressed, no revealing total."""
    user = request.user
    form = RobberyFilterForm(request.GET, user, areas=False)
    per_municipality = role_of(user) == Role.OVERSEER
    suppress = suppress_small_counts(user)
    rows = []
    total = None
    if form.is_valid():
        robberies = form.filter(Robbery.objects.filter(municipality__in=scope_municipalities(user)))
        key = "municipality_id" if per_municipality else "neighbourhood_id"
        counts = {r[key]: r["n"] for r in robberies.values(key).annotate(n=Count("id")).order_by()}
        if per_municipality:
            areas = scope_municipalities(user).only("pk", "code", "name").order_by("name")
        else:
            areas = (
                Neighbourhood.objects.filter(municipality__in=scope_municipalities(user))
                .select_related("municipality")
                .only("pk", "code", "name", "municipality__name")
                .order_by("municipality__name", "name")
            )
        rows = [(area, shown(counts.get(area.pk, 0), suppress)) for area in areas]
        unlocated = counts.get(None, 0)
        if unlocated:
            rows.append((None, shown(unlocated, suppress)))
        if not any(count.suppressed for _area, count in rows):
            total = sum(count.value for _area, count in rows)
    return render(
        request,
        "incidents/robbery_counts.html",
        {
            "form": form,
            "rows": rows,
            "total": total,
            "per_municipality": per_municipality,
            "threshold": shown(0, False).threshold,
        },
    )


@login_required
def robbery_detail(request, pk):
    user = _register_user(request)
    robbery = get_object_or_404(
        Robbery.objects.visible_to(user)
        .select_related(*exports.RELATED, "business")
        .defer("municipality__geometry", "district__geometry"),
        pk=pk,
    )
    return render(
        request,
        "incidents/robbery_detail.html",
        {
            "robbery": robbery,
            "sections": _detail_sections(robbery),
            "point": {
                "lon": robbery.lon,
                "lat": robbery.lat,
                "colour": TARGET_COLOURS.get(robbery.target_type, "#000000"),
                "label": robbery.get_target_type_display(),
            },
            "boundary": robbery.neighbourhood.geometry if robbery.neighbourhood_id else None,
        },
    )


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _detail_sections(robbery) -> list[dict]:
    """The facts of one robbery, as (label, text) per section."""
    unknown = _("unknown")
    facts = [
        (_("Kind"), robbery.get_kind_display()),
        (_("Date"), robbery.date.isoformat()),
        (_("Time"), robbery.time.strftime("%H:%M") if robbery.time else unknown),
        (_("Attempt or completed"), _("Attempt") if robbery.attempt else _("Completed")),
        (_("Target type"), robbery.get_target_type_display()),
    ]
    if robbery.shop_branch:
        facts.append((_("Shop branch"), robbery.get_shop_branch_display()))
    facts += [
        (_("Weapon"), robbery.get_weapon_display()),
        (_("Violence used"), _yes_no(robbery.violence)),
        (_("Injured persons"), robbery.injured),
        (_("Number of offenders"), unknown if robbery.offenders is None else robbery.offenders),
        (_("Loot"), robbery.get_loot_band_display()),
        (_("Suspect arrested"), _yes_no(robbery.suspect_arrested)),
        (_("Solved"), _yes_no(robbery.solved)),
    ]
    if robbery.address:
        facts.append((_("Address"), robbery.address))
    facts += [(_("Source"), robbery.source), (_("Source id"), robbery.source_id)]
    sections = [{"title": _("What happened"), "facts": facts}]
    business = robbery.business
    if business is not None:
        business_facts = [
            (_("Name"), business.name),
            (_("Kind"), business.get_target_type_display()),
        ]
        if business.branch:
            business_facts.append((_("Branch"), business.get_branch_display()))
        business_facts.append((_("Address"), business.address))
        sections.append({"title": _("Business"), "facts": business_facts})
    sections.append(
        {
            "title": _("Where"),
            "facts": [
                (_("Municipality"), str(robbery.municipality)),
                (_("District"), str(robbery.district) if robbery.district_id else unknown),
                (
                    _("Neighbourhood"),
                    str(robbery.neighbourhood) if robbery.neighbourhood_id else unknown,
                ),
                (_("Coordinates (latitude, longitude)"), f"{robbery.lat:.5f}, {robbery.lon:.5f}"),
            ],
        }
    )
    return sections


@login_required
def map_areas(request):
    """The neighbourhood boundaries of the user's scope, as a GeoJSON FeatureCollection."""
    user = _register_user(request)
    neighbourhoods = Neighbourhood.objects.filter(municipality__in=scope_municipalities(user)).only(
        "pk", "code", "name", "geometry"
    )
    features = [
        {
            "type": "Feature",
            "geometry": n.geometry,
            "properties": {"code": n.code, "name": n.name},
        }
        for n in neighbourhoods
    ]
    if not features:  # no neighbourhoods imported yet: the municipalities instead
        municipalities = Municipality.objects.filter(pk__in=scope_municipalities(user))
        features = [
            {
                "type": "Feature",
                "geometry": m.geometry,
                "properties": {"code": m.code, "name": m.name},
            }
            for m in municipalities.only("pk", "code", "name", "geometry")
        ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


@login_required
def map_points(request):
    """The filtered robberies (all pages, at most MAP_LIMIT) as a GeoJSON FeatureCollection."""
    user = _register_user(request)
    form, robberies = _filtered(request, user)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    labels = dict(TargetType.choices)
    detail = reverse("robbery-detail", args=["00000000-0000-0000-0000-000000000000"])
    rows = robberies.values_list("pk", "lon", "lat", "date", "target_type")[:MAP_LIMIT]
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "url": detail.replace("00000000-0000-0000-0000-000000000000", str(pk)),
                "date": date.isoformat(),
                "target_type": target,
                "label": str(labels.get(target, target)),
                "colour": TARGET_COLOURS.get(target, "#000000"),
            },
        }
        for pk, lon, lat, date, target in rows
    ]
    return JsonResponse(
        {"type": "FeatureCollection", "features": features, "limit": MAP_LIMIT},
    )


def _export(request, fmt: str):
    user = _register_user(request)
    form, robberies = _filtered(request, user)
    if not form.is_valid():
        return render(
            request,
            "incidents/robbery_list.html",
            {"form": form, "page": None, "legend": _legend(), "map_limit": MAP_LIMIT},
            status=400,
        )
    robberies = exports.export_queryset(robberies)
    rows = robberies.count()
    record(
        user,
        AuditAction.EXPORT,
        object_type="incidents.robbery",
        detail={"rows": rows, "format": fmt, "filters": form.used_filters()},
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"overvallen-{stamp}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            exports.csv_lines(robberies.iterator(chunk_size=2000)),
            content_type="text/csv; charset=utf-8",
        )
    else:
        content, _rows = exports.xlsx_bytes(robberies.iterator(chunk_size=2000))
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def export_csv(request):
    return _export(request, "csv")


@login_required
def export_xlsx(request):
    return _export(request, "xlsx")
