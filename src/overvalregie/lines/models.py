"""The three lines of the approach. For now the victim line (*slachtoffergerichte aanpak*):
a follow-up after every robbery (:class:`VictimFollowUp`) with its steps.

A follow-up holds personal data: the victim's address (the robbery's) and what was agreed
with them. Only the municipality's coordinator and the victim support organisation it was
referred to see it (``querysets.FollowUpQuerySet.visible_to``), and every opening of one is
logged with its purpose.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from overvalregie.incidents.choices import TargetType
from overvalregie.incidents.models import Robbery
from overvalregie.lines.querysets import FollowUpQuerySet, FollowUpStepQuerySet
from overvalregie.organisations.models import Organisation


class StepKind(models.TextChoices):
    """The steps of a follow-up, in their usual order."""

    SCREENING = "screening", _("Screening")
    MAYOR_VISIT = "mayor_visit", _("Visit by or for the mayor")
    CONTACT = "contact", _("Contact with the victim")
    REFERRAL = "referral", _("Referral to victim support")
    FINANCIAL = "financial", _("Subsidy and Schadefonds")
    SECURITY_ADVICE = "security_advice", _("Security advice")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood action")
    EVALUATION = "evaluation", _("Evaluation questions")


#: What each step is for, shown beside it.
STEP_HELP = {
    StepKind.SCREENING: _(
        "Home or business, violence and injuries, a KVO area, and whether victim support is "
        "already in touch."
    ),
    StepKind.MAYOR_VISIT: _(
        "Decide whether the mayor (or someone on the mayor's behalf) visits, and ask the "
        "victim's consent."
    ),
    StepKind.CONTACT: _("Make contact: how the victim is doing and what they need."),
    StepKind.REFERRAL: _(
        "Refer to Slachtofferhulp Nederland or the sector's first-line service, with consent."
    ),
    StepKind.FINANCIAL: _(
        "Point to the subsidy for preventive measures after a robbery and, after injury, the "
        "Schadefonds Geweldsmisdrijven."
    ),
    StepKind.SECURITY_ADVICE: _(
        "Advice against a repeat: a camera scan, a skimming safe, card payment only."
    ),
    StepKind.NEIGHBOURHOOD: _(
        "Inform the entrepreneurs or residents nearby, within two to three weeks."
    ),
    StepKind.EVALUATION: _("Ask the evaluation questions: how was the aftercare?"),
}


class VictimKind(models.TextChoices):
    BUSINESS = "business", _("Business")
    HOME = "home", _("Home")
    PERSON = "person", _("Person (courier, transport)")


def victim_kind_of(target_type: str) -> str:
    if target_type == TargetType.HOME:
        return VictimKind.HOME
    if target_type in (TargetType.MEAL_COURIER, TargetType.CASH_IN_TRANSIT):
        return VictimKind.PERSON
    return VictimKind.BUSINESS


#: Steps the victim support organisation takes once the victim is referred to it; the rest
#: (screening, the mayor's visit, referring, security advice, the neighbourhood action) are
#: the municipality's.
VICTIM_SUPPORT_STEPS = frozenset({StepKind.CONTACT, StepKind.FINANCIAL, StepKind.EVALUATION})


class Answer(models.TextChoices):
    UNKNOWN = "unknown", _("Unknown")
    YES = "yes", _("Yes")
    NO = "no", _("No")


class MayorVisit(models.TextChoices):
    UNDECIDED = "undecided", _("Not decided yet")
    MAYOR = "mayor", _("The mayor visits")
    ON_BEHALF = "on_behalf", _("A visit on the mayor's behalf")
    LETTER = "letter", _("A letter from the mayor")
    NONE = "none", _("No visit")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("follow-up status", "Open")
    CLOSED = "closed", pgettext_lazy("follow-up status", "Closed")


class VictimFollowUp(models.Model):
    """The aftercare after one robbery."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    robbery = models.OneToOneField(
        Robbery, verbose_name=_("robbery"), on_delete=models.PROTECT, related_name="follow_up"
    )
    #: The victim support organisation the follow-up was referred to (it sees it then).
    referred_to = models.ForeignKey(
        Organisation,
        verbose_name=_("referred to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    existing_contact = models.CharField(
        _("already in touch with victim support"),
        max_length=8,
        choices=Answer.choices,
        default=Answer.UNKNOWN,
    )
    consent = models.CharField(
        _("consent to contact and referral"),
        max_length=8,
        choices=Answer.choices,
        default=Answer.UNKNOWN,
    )
    mayor_visit = models.CharField(
        _("visit by or for the mayor"),
        max_length=16,
        choices=MayorVisit.choices,
        default=MayorVisit.UNDECIDED,
    )
    status = models.CharField(
        _("status"), max_length=8, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("Only what the aftercare needs; never more about the victim than that."),
    )
    opened = models.DateField(_("opened"))
    closed = models.DateField(_("closed"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["-opened", "created"]
        verbose_name = _("victim follow-up")
        verbose_name_plural = _("victim follow-ups")

    def __str__(self) -> str:
        return str(_("Follow-up of the robbery of %(date)s") % {"date": self.robbery.date})

    @property
    def is_open(self) -> bool:
        return self.status == FollowUpStatus.OPEN

    # Where and what follow the robbery itself, so that a correction in the register (an
    # import that moves it to another municipality, say) moves its follow-up along.
    @property
    def municipality(self):
        return self.robbery.municipality

    @property
    def victim_kind(self) -> str:
        return victim_kind_of(self.robbery.target_type)

    def get_victim_kind_display(self) -> str:
        return VictimKind(self.victim_kind).label


class FollowUpStep(models.Model):
    """One step of a follow-up, with its deadline."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    follow_up = models.ForeignKey(VictimFollowUp, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=32, choices=StepKind.choices)
    order = models.PositiveSmallIntegerField()
    due = models.DateField(_("deadline"))
    done = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.TextField(_("outcome"), blank=True)
    #: When the last reminder of this step went out (at most one a week).
    reminded = models.DateTimeField(null=True, blank=True)

    objects = FollowUpStepQuerySet.as_manager()

    class Meta:
        ordering = ["follow_up", "order"]
        constraints = [
            models.UniqueConstraint(fields=["follow_up", "kind"], name="one_step_of_a_kind")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    def is_overdue(self, today) -> bool:
        """Not done past its deadline, while the follow-up is open (as
        ``FollowUpStepQuerySet.overdue``)."""
        return self.done is None and self.due < today and self.follow_up.is_open
