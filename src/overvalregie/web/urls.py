from django.contrib.auth import views as auth_views
from django.urls import path

from overvalregie.web import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("rol/", views.choose_membership, name="choose-membership"),
    path("health/", views.health, name="health"),
]
