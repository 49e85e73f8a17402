from django.urls import path

from overvalregie.measures.views import catalogue, deployments

urlpatterns = [
    path("", catalogue.measure_list, name="measure-list"),
    path("nieuw/", catalogue.measure_edit, name="measure-new"),
    path("<uuid:pk>/", catalogue.measure_detail, name="measure-detail"),
    path("<uuid:pk>/bewerken/", catalogue.measure_edit, name="measure-edit"),
    path("inzet/", deployments.deployment_list, name="deployment-list"),
    path("inzet/nieuw/", deployments.deployment_edit, name="deployment-new"),
    path("inzet/<uuid:pk>/", deployments.deployment_detail, name="deployment-detail"),
    path("inzet/<uuid:pk>/bewerken/", deployments.deployment_edit, name="deployment-edit"),
    path("inzet/<uuid:pk>/effect/", deployments.evaluation, name="deployment-evaluation"),
]
