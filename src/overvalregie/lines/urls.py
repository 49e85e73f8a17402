from django.urls import path

from overvalregie.lines.views import follow_ups

urlpatterns = [
    path("", follow_ups.follow_up_list, name="follow-up-list"),
    path("<uuid:pk>/", follow_ups.follow_up_detail, name="follow-up-detail"),
    path("<uuid:pk>/stappen/<uuid:step>/", follow_ups.step_update, name="follow-up-step"),
    path("<uuid:pk>/status/", follow_ups.status_update, name="follow-up-status"),
]
