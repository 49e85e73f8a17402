from django.urls import include, path

from overvalregie.web.admin_site import admin_site

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin_site.urls),
    path("audit/", include("overvalregie.audit.urls")),
    path("organisaties/", include("overvalregie.organisations.urls")),
    path("overvallen/", include("overvalregie.incidents.urls")),
    path("veiligheidsanalyse/", include("overvalregie.safety_analysis.urls")),
    path("aanpak/", include("overvalregie.approach.urls")),
    path("maatregelen/", include("overvalregie.measures.urls")),
    path("slachtoffers/", include("overvalregie.lines.urls")),
    path("", include("overvalregie.web.urls")),
]
