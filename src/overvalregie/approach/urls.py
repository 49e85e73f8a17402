from django.urls import path

from overvalregie.approach.views import approaches, meetings, plan, report

urlpatterns = [
    path("", approaches.approach_list, name="approach-list"),
    path("nieuw/", approaches.approach_new, name="approach-new"),
    path("<uuid:pk>/", approaches.approach_detail, name="approach-detail"),
    path("<uuid:pk>/bewerken/", approaches.approach_edit, name="approach-edit"),
    path("<uuid:pk>/stappen/<uuid:step>/", approaches.step_detail, name="approach-step"),
    path("<uuid:pk>/project/", approaches.project, name="approach-project"),
    path("<uuid:pk>/project/leden/nieuw/", approaches.member_edit, name="approach-member-new"),
    path("<uuid:pk>/project/leden/<uuid:part>/", approaches.member_edit, name="approach-member"),
    path(
        "<uuid:pk>/project/toezeggingen/nieuw/",
        approaches.commitment_edit,
        name="approach-commitment-new",
    ),
    path(
        "<uuid:pk>/project/toezeggingen/<uuid:part>/",
        approaches.commitment_edit,
        name="approach-commitment",
    ),
    path("<uuid:pk>/plan/", plan.plan, name="approach-plan"),
    path("<uuid:pk>/plan/doelen/nieuw/", plan.goal_edit, name="approach-goal-new"),
    path("<uuid:pk>/plan/doelen/<uuid:part>/", plan.goal_edit, name="approach-goal"),
    path("<uuid:pk>/plan/acties/nieuw/", plan.action_edit, name="approach-action-new"),
    path("<uuid:pk>/plan/acties/<uuid:part>/", plan.action_edit, name="approach-action"),
    path("<uuid:pk>/overleggen/", meetings.meeting_list, name="approach-meetings"),
    path("<uuid:pk>/overleggen/nieuw/", meetings.meeting_edit, name="approach-meeting-new"),
    path("<uuid:pk>/overleggen/<uuid:part>/", meetings.meeting_edit, name="approach-meeting"),
    path(
        "<uuid:pk>/overleggen/verzoeken/nieuw/",
        meetings.request_new,
        name="approach-request-new",
    ),
    path(
        "<uuid:pk>/overleggen/verzoeken/<uuid:part>/intrekken/",
        meetings.request_withdraw,
        name="approach-request-withdraw",
    ),
    path("<uuid:pk>/communicatie/", meetings.communication, name="approach-communication"),
    path("<uuid:pk>/voortgangsrapportage/", report.progress_report, name="approach-report"),
    path(
        "<uuid:pk>/voortgangsrapportage.pdf",
        report.progress_report_pdf,
        name="approach-report-pdf",
    ),
]
