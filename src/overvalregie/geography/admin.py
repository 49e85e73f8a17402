"""Management pages for geography. Boundaries come from imports (``import-geography``), so
areas cannot be added here and their geometry is shown as a summary, not edited as JSON."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from overvalregie.geography.models import (
    District,
    FocusArea,
    Municipality,
    Neighbourhood,
    PoliceUnit,
)
from overvalregie.organisations.policy import Action
from overvalregie.web.admin_site import PolicyModelAdmin, admin_site


def _vertex_count(geojson: dict) -> int:
    coordinates = geojson.get("coordinates", [])
    if geojson.get("type") == "Polygon":
        coordinates = [coordinates]
    return sum(len(ring) for polygon in coordinates for ring in polygon)


class GeographyAdmin(PolicyModelAdmin):
    manage_action = Action.MANAGE_GEOGRAPHY
    exclude = ["geometry"]

    @admin.display(description=_("geometry"))
    def geometry_summary(self, obj) -> str:
        if not obj.geometry:
            return "-"
        try:
            vertices = _vertex_count(obj.geometry)
        except TypeError:
            vertices = "?"
        return _("%(type)s with %(vertices)s points") % {
            "type": obj.geometry.get("type", "?"),
            "vertices": vertices,
        }


class AreaAdmin(GeographyAdmin):
    list_display = ["code", "name", "boundary_year", "population"]
    list_filter = ["boundary_year"]
    search_fields = ["code", "name"]
    readonly_fields = ["code", "geometry_summary", "bbox", "updated"]
    exclude = ["geometry", "min_lon", "min_lat", "max_lon", "max_lat"]

    @admin.display(description=_("bounding box"))
    def bbox(self, obj) -> str:
        return f"{obj.min_lon:.5f}, {obj.min_lat:.5f} – {obj.max_lon:.5f}, {obj.max_lat:.5f}"

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(PoliceUnit, site=admin_site)
class PoliceUnitAdmin(AreaAdmin):
    pass


@admin.register(Municipality, site=admin_site)
class MunicipalityAdmin(AreaAdmin):
    list_display = [*AreaAdmin.list_display, "police_unit"]
    list_filter = ["boundary_year", "police_unit"]
    list_select_related = ["police_unit"]


@admin.register(District, site=admin_site)
class DistrictAdmin(AreaAdmin):
    list_display = [*AreaAdmin.list_display, "municipality"]
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality"]


@admin.register(Neighbourhood, site=admin_site)
class NeighbourhoodAdmin(AreaAdmin):
    list_display = [*AreaAdmin.list_display, "district", "municipality"]
    list_select_related = ["district", "municipality"]
    autocomplete_fields = ["district", "municipality"]


@admin.register(FocusArea, site=admin_site)
class FocusAreaAdmin(GeographyAdmin):
    list_display = ["name", "municipality", "created"]
    list_select_related = ["municipality"]
    search_fields = ["name"]
    readonly_fields = ["geometry_summary", "created"]
    autocomplete_fields = ["municipality"]

    def has_add_permission(self, request) -> bool:
        return False
