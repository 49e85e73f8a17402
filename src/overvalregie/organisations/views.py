from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from overvalregie.organisations.models import Membership, Organisation


@login_required
def organisation_list(request):
    organisations = (
        Organisation.objects.visible_to(request.user)
        .select_related("municipality", "police_unit")
        .defer("municipality__geometry", "police_unit__geometry")
    )
    return render(request, "organisations/organisation_list.html", {"organisations": organisations})


@login_required
def organisation_detail(request, pk):
    organisation = get_object_or_404(
        Organisation.objects.visible_to(request.user)
        .select_related("municipality", "police_unit")
        .defer("municipality__geometry", "police_unit__geometry"),
        pk=pk,
    )
    memberships = (
        Membership.objects.visible_to(request.user)
        .filter(organisation=organisation, active=True)
        .select_related("user")
        .order_by("role", "user__username")
    )
    return render(
        request,
        "organisations/organisation_detail.html",
        {"organisation": organisation, "memberships": memberships},
    )
