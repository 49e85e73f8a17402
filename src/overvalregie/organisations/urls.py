from django.urls import path

from overvalregie.organisations import views

urlpatterns = [
    path("", views.organisation_list, name="organisation-list"),
    path("<uuid:pk>/", views.organisation_detail, name="organisation-detail"),
]
