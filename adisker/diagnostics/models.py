"""Diagnostics (R9): instruments as versioned data, campaigns, responses and their scores.

An instrument's questions live in an `InstrumentVersion`. A version is frozen as soon as a
campaign uses it; an edit after that goes into a new draft version, so results already given
keep the items, scores and thresholds they were given against.

Anonymity. The answers of an anonymous instrument (the staff climate) are stored in a
`Response` without respondent, without timestamp and without any reference to the
`Invitation`. The invitation keeps only whether its person has submitted, so that nobody can
answer twice and the response rate is known. While a person is still answering, their draft is
kept on their invitation (so they can come back); submitting moves it into the unlinked
response and erases the draft in the same transaction.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from adisker.lib.i18n import LocalizedNameMixin, localized
from adisker.people.models import StaffProfile
from adisker.schools.models import District, School

# Aggregates of an anonymous instrument are never shown for fewer answers than this.
MIN_ANONYMOUS_GROUP = 5


class Instrument(LocalizedNameMixin):
    class Kind(models.TextChoices):
        COMPETENCE = "competence", _("methodological competence")
        CLIMATE = "climate", _("moral-psychological climate")
        RESOURCES = "resources", _("material-technical capacity")
        INNOVATION = "innovation", _("innovation activity")
        READINESS = "readiness", _("leaders' readiness")
        PLC_MATURITY = "plc_maturity", _("PLC maturity")

    class Respondent(models.TextChoices):
        TEACHER = "teacher", _("every teacher")
        LEADER = "leader", _("school leaders")
        SCHOOL = "school", _("the school (its deputy director)")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name_kk = models.CharField(_("name in Kazakh"), max_length=200)
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    description_kk = models.TextField(_("description in Kazakh"))
    description_ru = models.TextField(_("description in Russian"))
    description_en = models.TextField(_("description in English"))
    respondent = models.CharField(_("who answers"), max_length=20, choices=Respondent.choices)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    # The council rates each teacher on the same dimensions, beside the self-assessment.
    expert_assessment = models.BooleanField(
        _("with the council's expert assessment"), default=False
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def get_absolute_url(self) -> str:
        return reverse("diagnostics:instrument", args=[self.pk])

    @property
    def description(self) -> str:
        return localized(self, "description")

    def latest_version(self) -> InstrumentVersion:
        return self.versions.order_by("-number").first()  # type: ignore[return-value]


class InstrumentVersion(models.Model):
    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="versions", verbose_name=_("instrument")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True)

    class Meta:
        ordering = ["instrument", "number"]
        verbose_name = _("instrument version")
        verbose_name_plural = _("instrument versions")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="version_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.instrument} v{self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    def freeze(self) -> None:
        if self.frozen_at is None:
            self.frozen_at = timezone.now()
            self.save(update_fields=["frozen_at"])


class Dimension(LocalizedNameMixin):
    version = models.ForeignKey(
        InstrumentVersion, on_delete=models.CASCADE, related_name="dimensions"
    )
    code = models.SlugField(_("code"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_kk = models.CharField(_("name in Kazakh"), max_length=200)
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    # How a need in this dimension is met in the annual plan: a PD topic and, in order of
    # preference, the codes of the council's forms of work (the first for a whole-staff need,
    # the second for a group's).
    topic_kk = models.CharField(_("development topic in Kazakh"), max_length=300, blank=True)
    topic_ru = models.CharField(_("development topic in Russian"), max_length=300, blank=True)
    topic_en = models.CharField(_("development topic in English"), max_length=300, blank=True)
    form_codes = models.CharField(_("forms of work"), max_length=200, blank=True)

    class Meta:
        ordering = ["version", "order", "pk"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="dimension_code_unique")
        ]

    @property
    def topic(self) -> str:
        return localized(self, "topic") or self.name


class Level(LocalizedNameMixin):
    """A level is reached when a dimension's score (0–100) is at least `min_score`."""

    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="levels")
    code = models.SlugField(_("code"), max_length=40)
    min_score = models.DecimalField(_("from score"), max_digits=5, decimal_places=1)
    name_kk = models.CharField(_("name in Kazakh"), max_length=100)
    name_ru = models.CharField(_("name in Russian"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)

    class Meta:
        ordering = ["version", "min_score"]
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="level_code_unique")
        ]


class Section(models.Model):
    version = models.ForeignKey(
        InstrumentVersion, on_delete=models.CASCADE, related_name="sections"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title_kk = models.CharField(_("title in Kazakh"), max_length=200)
    title_ru = models.CharField(_("title in Russian"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200)

    class Meta:
        ordering = ["version", "order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")


class Item(models.Model):
    class Kind(models.TextChoices):
        LIKERT = "likert", _("scale")
        SINGLE = "single", _("single choice")
        MULTIPLE = "multiple", _("multiple choice")
        NUMBER = "number", _("number")
        TEXT = "text", _("short text")

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items")
    dimension = models.ForeignKey(
        Dimension,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("dimension"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text_kk = models.CharField(_("text in Kazakh"), max_length=500)
    text_ru = models.CharField(_("text in Russian"), max_length=500)
    text_en = models.CharField(_("text in English"), max_length=500)
    required = models.BooleanField(_("required"), default=True)
    # A number answer scores in full at this value and above.
    number_max = models.PositiveIntegerField(_("full score at"), null=True, blank=True)

    class Meta:
        ordering = ["section", "order", "pk"]
        verbose_name = _("item")
        verbose_name_plural = _("items")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return localized(self, "text")

    @property
    def is_scored(self) -> bool:
        return self.dimension_id is not None and self.kind != self.Kind.TEXT


class Option(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="options")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text_kk = models.CharField(_("text in Kazakh"), max_length=300)
    text_ru = models.CharField(_("text in Russian"), max_length=300)
    text_en = models.CharField(_("text in English"), max_length=300)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, default=Decimal(0))

    class Meta:
        ordering = ["item", "order", "pk"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return localized(self, "text")


class CampaignQuerySet(models.QuerySet["Campaign"]):
    def for_list(self) -> CampaignQuerySet:
        return self.select_related("version__instrument", "school", "district")


class Campaign(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("campaign status", "open")
        CLOSED = "closed", pgettext_lazy("campaign status", "closed")

    version = models.ForeignKey(
        InstrumentVersion,
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("instrument version"),
    )
    title = models.CharField(_("title"), max_length=200)
    # A school's campaign, or a district's (over all its schools).
    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="diagnostic_campaigns",
        verbose_name=_("school"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="diagnostic_campaigns",
        verbose_name=_("district"),
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # Kept on the campaign, not per invitation: who was reminded when would tell who had
    # not answered by then.
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("diagnostic campaign")
        verbose_name_plural = _("diagnostic campaigns")
        # The newest first, a page at a time, without sorting the country's campaigns for the
        # administrator's first page.
        indexes = [models.Index(fields=["-created_at", "-id"], name="campaign_newest_first")]
        constraints = [
            models.CheckConstraint(
                name="campaign_school_or_district",
                condition=Q(school__isnull=False, district__isnull=True)
                | Q(school__isnull=True, district__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("diagnostics:campaign", args=[self.pk])

    @property
    def instrument(self) -> Instrument:
        return self.version.instrument

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def district_id_of_scope(self) -> int:
        return self.district_id or self.school.district_id  # type: ignore[union-attr]

    @property
    def results_visible(self) -> bool:
        """Anonymous results wait for the close: watching the average move as each person
        submits would otherwise tell what that person answered."""
        return not (self.instrument.anonymous and self.is_open)

    def close(self) -> None:
        self.status = self.Status.CLOSED
        self.save(update_fields=["status"])

    def previous(self) -> Campaign | None:
        """The last earlier campaign of the same instrument over the same school or district."""
        return (
            Campaign.objects.filter(
                version__instrument_id=self.version.instrument_id,
                school_id=self.school_id,
                district_id=self.district_id,
                created_at__lt=self.created_at,
            )
            .select_related("version")
            .order_by("-created_at", "-pk")
            .first()
        )


class Invitation(models.Model):
    """One person asked to answer: about themself, about a teacher (the council's expert
    assessment) or about their school."""

    class Role(models.TextChoices):
        SELF = "self", _("self-assessment")
        EXPERT = "expert", _("expert assessment")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="diagnostic_invitations"
    )
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    subject = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.SELF)
    draft = models.JSONField(default=dict, blank=True)
    # Only whether the person has submitted: no time, so nothing orders it against responses.
    submitted = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "user", "subject"],
                condition=Q(subject__isnull=False),
                name="invitation_unique_about_subject",
            ),
            models.UniqueConstraint(
                fields=["campaign", "user", "school"],
                condition=Q(subject__isnull=True),
                name="invitation_unique_about_school",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}:{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("diagnostics:answer", args=[self.pk])


class Response(models.Model):
    """Submitted answers. For an anonymous instrument `respondent` and `subject` stay empty
    and nothing here refers to the invitation or to when it was submitted."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responses")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=10, choices=Invitation.Role.choices, default="self")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.ForeignKey(
        StaffProfile,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="diagnostic_responses",
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.campaign_id}:{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers")
    option = models.ForeignKey(Option, on_delete=models.PROTECT, null=True, related_name="+")
    options = models.ManyToManyField(Option, blank=True, related_name="+")
    number = models.DecimalField(max_digits=10, decimal_places=2, null=True)
    text = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="answer_once_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.response_id}:{self.item_id}"


class DimensionScore(models.Model):
    """A response's score in one dimension (0–100) and the level it reached, kept as given."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="scores")
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="scores")
    score = models.DecimalField(max_digits=5, decimal_places=1)
    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "dimension"], name="score_once_per_dimension"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension_id}: {self.score}"


class Proposal(models.Model):
    """A suggestion for the annual plan computed from a competence campaign (R9, R23, R27)."""

    class Kind(models.TextChoices):
        TOPIC = "topic", _("development topic for the annual plan")
        PLC = "plc", _("candidate PLC")
        MENTORING = "mentoring", _("mentoring pair")
        OBSERVATION = "observation", _("mutual lesson observation")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="proposals")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=300)
    form_code = models.CharField(_("form of work"), max_length=40, blank=True)
    members = models.ManyToManyField(StaffProfile, blank=True, related_name="+")
    stronger = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    weaker = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # How it was derived: the rule, its threshold and the scores it looked at.
    rationale = models.JSONField(default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # What accepting it created, e.g. "council.planitem:17".
    created_object = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["campaign", "kind", "pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return self.title
