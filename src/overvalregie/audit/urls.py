from django.urls import path

from overvalregie.audit import views

urlpatterns = [
    path("", views.audit_search, name="audit-search"),
    path("verify/", views.audit_verify, name="audit-verify"),
    path("<int:sequence>/", views.audit_entry, name="audit-entry"),
]
