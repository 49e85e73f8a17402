"""Login, role choice and the dashboard of each role."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from overvalregie.organisations.middleware import SESSION_KEY
from overvalregie.organisations.models import Membership
from overvalregie.organisations.policy import Action, active_membership, can
from overvalregie.web.dashboards import dashboard_context


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


@login_required
def dashboard(request):
    membership = active_membership(request.user)
    if membership is None or not can(request.user, Action.VIEW_DASHBOARD):
        return render(request, "web/no_membership.html", status=403)
    template, context = dashboard_context(request.user, membership)
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def choose_membership(request):
    memberships = Membership.objects.filter(user=request.user, active=True).select_related(
        "organisation"
    )
    if request.method == "POST":
        chosen = memberships.filter(pk=request.POST.get("membership")).first()
        if chosen is None:
            raise Http404
        request.session[SESSION_KEY] = str(chosen.pk)
        target = request.POST.get("next") or reverse("dashboard")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("dashboard")
        return HttpResponseRedirect(target)
    return render(request, "web/choose_membership.html", {"memberships": memberships})


def health(request):
    """For load balancers: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
