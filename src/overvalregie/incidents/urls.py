from django.urls import path

from overvalregie.incidents import import_views, views

urlpatterns = [
    path("", views.robbery_list, name="robbery-list"),
    path("export.csv", views.export_csv, name="robbery-export-csv"),
    path("export.xlsx", views.export_xlsx, name="robbery-export-xlsx"),
    path("kaart/buurten.geojson", views.map_areas, name="robbery-map-areas"),
    path("kaart/overvallen.geojson", views.map_points, name="robbery-map-points"),
    path("<uuid:pk>/", views.robbery_detail, name="robbery-detail"),
    path("importeren/", import_views.import_upload, name="robbery-import"),
    path("importeren/sjabloon.csv", import_views.import_template, name="robbery-import-template"),
    path("importeren/<uuid:pk>/", import_views.import_job, name="robbery-import-job"),
    path(
        "importeren/<uuid:pk>/voortgang.json",
        import_views.import_job_progress,
        name="robbery-import-progress",
    ),
]
