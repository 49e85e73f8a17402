from django.urls import path

from overvalregie.incidents import views

urlpatterns = [
    path("", views.robbery_list, name="robbery-list"),
    path("export.csv", views.export_csv, name="robbery-export-csv"),
    path("export.xlsx", views.export_xlsx, name="robbery-export-xlsx"),
    path("kaart/buurten.geojson", views.map_areas, name="robbery-map-areas"),
    path("kaart/overvallen.geojson", views.map_points, name="robbery-map-points"),
    path("<uuid:pk>/", views.robbery_detail, name="robbery-detail"),
]
