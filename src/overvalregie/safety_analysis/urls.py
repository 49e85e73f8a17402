from django.urls import path

from overvalregie.safety_analysis import views

urlpatterns = [
    path("", views.analysis_list, name="analysis-list"),
    path("<uuid:pk>/", views.analysis_detail, name="analysis-detail"),
    path("<uuid:pk>/voortgang.json", views.analysis_progress, name="analysis-progress"),
    path("<uuid:pk>/rapport.pdf", views.analysis_pdf, name="analysis-pdf"),
    path("<uuid:pk>/besluit/", views.decision_new, name="decision-new"),
]
