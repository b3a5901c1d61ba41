"""The school's methodological structures, its annual plan of methodological work, and the
meetings of the council and associations with their protocols and decisions (R6-R15, R8).

Everything here belongs to an *owner*: one school, or one inter-school association of
small-class schools around a base school (R8). Visibility follows the owner: a school's people
see their school's, the district methodologist sees the district's, and every member school of an
inter-school association sees that association's plan, structures and meetings.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Max, Q
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from adisker.lib.dates import academic_start_year, today
from adisker.lib.i18n import LocalizedNameMixin
from adisker.people.models import StaffProfile
from adisker.records.models import SelfEducationTopic
from adisker.schools.models import AcademicYear, InterSchoolAssociation, School, Subject

if TYPE_CHECKING:
    from adisker.people.models import User


def inter_schools_reached_by(user: User) -> models.QuerySet[InterSchoolAssociation]:
    """Inter-school associations a user sees: those whose base or member school is theirs, and
    every one of their district as a methodologist (all for an administrator)."""
    if user.is_administrator:
        return InterSchoolAssociation.objects.all()
    scope = user.scope
    schools = scope.member_school_ids
    return InterSchoolAssociation.objects.filter(
        Q(base_school_id__in=schools)
        | Q(member_schools__in=schools)
        | Q(district_id__in=scope.district_ids)
    ).distinct()


def owner_visibility(user: User, prefix: str = "") -> Q:
    """The condition "the user sees this owner" for a model with `school` and `inter_school`
    foreign keys (reached through `prefix`, e.g. "plan__")."""
    if user.is_administrator:
        return Q()
    school_ids, inter_school_ids = visible_owner_ids(user)
    return Q(**{f"{prefix}school_id__in": school_ids}) | Q(
        **{f"{prefix}inter_school_id__in": inter_school_ids}
    )


def visible_owner_ids(user: User) -> tuple[list[int], list[int]]:
    """The schools and inter-school associations a user sees, as lists of ids, read once per
    request. Lists rather than subqueries: "school_id IN (1, 2) OR inter_school_id IN (3)" lets
    the database answer each branch from an index on the owner and a date, where a subquery in
    an OR makes it filter the whole table (a national calendar has millions of events)."""
    cached = getattr(user, "_visible_owner_ids", None)
    if cached is None:
        scope = user.scope
        # A methodologist's districts' schools came with their roles.
        school_ids = set(scope.member_school_ids) | scope.district_school_ids
        reached = inter_schools_reached_by(user).order_by().values_list("pk", flat=True)
        cached = (sorted(school_ids), sorted(reached))
        user._visible_owner_ids = cached  # type: ignore[attr-defined]
    return cached


def district_owner_ids(district_id: int) -> tuple[list[int], list[int]]:
    """A district's schools and inter-school associations, as `visible_owner_ids` gives them."""
    schools = School.objects.filter(district_id=district_id).order_by()
    joint = InterSchoolAssociation.objects.filter(district_id=district_id).order_by()
    return (
        sorted(schools.values_list("pk", flat=True)),
        sorted(joint.values_list("pk", flat=True)),
    )


class OwnedQuerySet(models.QuerySet):
    owner_prefix = ""

    def visible_to(self, user: User) -> OwnedQuerySet:
        return self.filter(owner_visibility(user, self.owner_prefix))

    def for_school(self, school: School) -> OwnedQuerySet:
        """What a school works with: its own, and its inter-school associations' (R8)."""
        prefix = self.owner_prefix
        joint = InterSchoolAssociation.objects.filter(
            Q(base_school=school) | Q(member_schools=school)
        ).values("pk")
        return self.filter(
            Q(**{f"{prefix}school": school}) | Q(**{f"{prefix}inter_school_id__in": joint})
        )


class Owned(models.Model):
    """Belongs to exactly one school or one inter-school association."""

    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school"),
    )
    inter_school = models.ForeignKey(
        InterSchoolAssociation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inter-school methodological association"),
    )

    class Meta:
        abstract = True

    @property
    def owner(self) -> School | InterSchoolAssociation:
        return self.school if self.school_id else self.inter_school  # type: ignore[return-value]

    @property
    def owner_district_id(self) -> int:
        owner = self.owner
        return owner.district_id


def one_owner(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        name=name,
        condition=Q(school__isnull=False, inter_school__isnull=True)
        | Q(school__isnull=True, inter_school__isnull=False),
    )


class MethodologicalTheme(models.Model):
    """The school's multi-year methodological theme."""

    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        related_name="methodological_themes",
        verbose_name=_("school"),
    )
    title = models.CharField(_("theme"), max_length=500)
    start_year = models.PositiveSmallIntegerField(_("from (academic year starting)"))
    end_year = models.PositiveSmallIntegerField(_("to (academic year starting)"))
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_year"]
        verbose_name = _("school methodological theme")
        verbose_name_plural = _("school methodological themes")
        constraints = [
            models.CheckConstraint(
                name="theme_years_in_order", condition=Q(end_year__gte=models.F("start_year"))
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def years_label(self) -> str:
        return f"{self.start_year}-{self.end_year + 1}"

    def covers(self, year: AcademicYear) -> bool:
        return self.start_year <= year.start_year <= self.end_year


class DevelopmentTopic(models.Model):
    """A topic of teachers' professional development set by the council for a year (R12);
    teachers' self-education topics are linked to it."""

    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        related_name="development_topics",
        verbose_name=_("school"),
    )
    academic_year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("academic year")
    )
    title = models.CharField(_("topic"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    self_education_topics = models.ManyToManyField(
        SelfEducationTopic,
        blank=True,
        related_name="development_topics",
        verbose_name=_("linked self-education topics"),
    )
    history = HistoricalRecords(m2m_fields=[self_education_topics])

    class Meta:
        ordering = ["title"]
        verbose_name = _("topic of professional development")
        verbose_name_plural = _("topics of professional development")

    def __str__(self) -> str:
        return self.title


class FormOfWork(LocalizedNameMixin):
    """Reference list: seminar, workshop, open lesson, master class, Lesson Study..."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_kk = models.CharField(_("name in Kazakh"), max_length=200)
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    ordering = models.PositiveSmallIntegerField(_("order in lists"), default=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["ordering", "name_kk"]
        verbose_name = _("form of methodological work")
        verbose_name_plural = _("forms of methodological work")


class Association(Owned):
    """A methodological structure for one academic year: the methodological council, a subject
    methodological association, a commission, a creative group, the school of the young
    teacher, or an inter-school association's working body."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("methodological council")
        SUBJECT = "subject", _("methodological association")
        COMMISSION = "commission", _("commission")
        CREATIVE_GROUP = "creative_group", _("creative group")
        YOUNG_TEACHER = "young_teacher", _("school of the young teacher")
        INTER_SCHOOL = "inter_school", _("inter-school methodological association")

    academic_year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("academic year")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    subjects = models.ManyToManyField(
        Subject, blank=True, related_name="+", verbose_name=_("subjects")
    )
    head = models.ForeignKey(
        StaffProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="headed_associations",
        verbose_name=_("chair / head"),
    )
    secretary = models.ForeignKey(
        StaffProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("secretary"),
    )
    members = models.ManyToManyField(
        StaffProfile, blank=True, related_name="associations", verbose_name=_("members")
    )
    # The council is elected by the staff (R15): when, and by which decision.
    formed_on = models.DateField(_("formed on"), null=True, blank=True)
    formation_decision = models.CharField(_("decision that formed it"), max_length=500, blank=True)
    tasks = models.TextField(_("tasks and questions for the year"), blank=True)
    history = HistoricalRecords(m2m_fields=[members, subjects])

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("methodological structure")
        verbose_name_plural = _("methodological structures")
        constraints = [
            one_owner("association_one_owner"),
            models.UniqueConstraint(
                fields=["school", "academic_year"],
                condition=Q(kind="council"),
                name="one_council_a_year",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("council:association", args=[self.pk])

    @property
    def is_council(self) -> bool:
        return self.kind == self.Kind.COUNCIL

    def next_meeting_number(self) -> int:
        last = self.meetings.aggregate(n=Max("number"))
        return (last["n"] or 0) + 1


class AnnualPlan(Owned):
    """The annual plan of methodological work of a school or an inter-school association (R14)."""

    academic_year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("academic year")
    )
    theme = models.ForeignKey(
        MethodologicalTheme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("school methodological theme"),
    )
    goals = models.TextField(_("goal"), blank=True)
    tasks = models.TextField(_("tasks"), blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        "people.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    history = HistoricalRecords()

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-academic_year__start_year"]
        verbose_name = _("annual plan of methodological work")
        verbose_name_plural = _("annual plans of methodological work")
        constraints = [
            one_owner("plan_one_owner"),
            models.UniqueConstraint(
                fields=["school", "academic_year"],
                condition=Q(school__isnull=False),
                name="one_school_plan_a_year",
            ),
            models.UniqueConstraint(
                fields=["inter_school", "academic_year"],
                condition=Q(inter_school__isnull=False),
                name="one_joint_plan_a_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner} {self.academic_year}"

    def get_absolute_url(self) -> str:
        return reverse("council:plan", args=[self.pk])

    @property
    def is_approved(self) -> bool:
        return self.approved_on is not None

    def approve(self, *, by: User) -> None:
        """The director's signature under the plan, dated today."""
        self.approved_on = today()
        self.approved_by = by
        self.save(update_fields=["approved_on", "approved_by"])


class PlanItemQuerySet(models.QuerySet["PlanItem"]):
    def visible_to(self, user: User) -> PlanItemQuerySet:
        return self.filter(owner_visibility(user, "plan__"))

    def for_list(self) -> PlanItemQuerySet:
        return self.select_related("form_of_work", "responsible", "association")

    def in_month(self, day: datetime.date) -> PlanItemQuerySet:
        """Items planned for the month of `day`: by date, or by month alone within the plan's
        academic year."""
        start_year = academic_start_year(day)
        return self.filter(
            Q(planned_on__year=day.year, planned_on__month=day.month)
            | Q(
                planned_on__isnull=True,
                planned_month=day.month,
                plan__academic_year__start_year=start_year,
            )
        )


class PlanItem(models.Model):
    """One line of the annual plan: what, which form, when, who, for whom, what result."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        DONE = "done", _("done")
        MOVED = "moved", _("moved")
        CANCELLED = "cancelled", _("cancelled")

    plan = models.ForeignKey(
        AnnualPlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan")
    )
    title = models.CharField(_("content of the work"), max_length=500)
    form_of_work = models.ForeignKey(
        FormOfWork, on_delete=models.PROTECT, related_name="+", verbose_name=_("form of work")
    )
    planned_on = models.DateField(_("date"), null=True, blank=True)
    # When only the month is known (a plan often says "October").
    planned_month = models.PositiveSmallIntegerField(
        _("month"),
        null=True,
        blank=True,
        choices=list(MONTHS.items()),
    )
    responsible = models.ForeignKey(
        StaffProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_plan_items",
        verbose_name=_("responsible"),
    )
    audience = models.CharField(_("for whom"), max_length=300, blank=True)
    expected_result = models.CharField(_("expected result"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    evidence = models.TextField(_("evidence of completion"), blank=True)
    # The association or commission that takes the question up (R13).
    association = models.ForeignKey(
        Association,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_items",
        verbose_name=_("methodological structure"),
    )
    history = HistoricalRecords()

    objects = PlanItemQuerySet.as_manager()

    class Meta:
        ordering = ["planned_on", "planned_month", "pk"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        constraints = [
            models.CheckConstraint(
                name="plan_item_month_valid",
                condition=Q(planned_month__isnull=True)
                | Q(planned_month__gte=1, planned_month__lte=12),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("council:plan", args=[self.plan_id]) + f"#item-{self.pk}"

    @property
    def month(self) -> int | None:
        return self.planned_on.month if self.planned_on else self.planned_month


class MentoringPair(models.Model):
    """A mentor and a young teacher for one year (school of the young teacher)."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="mentoring_pairs", verbose_name=_("school")
    )
    academic_year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("academic year")
    )
    mentor = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="mentees", verbose_name=_("mentor")
    )
    mentee = models.ForeignKey(
        StaffProfile,
        on_delete=models.CASCADE,
        related_name="mentors",
        verbose_name=_("young teacher"),
    )
    goals = models.CharField(_("focus of mentoring"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["mentor__last_name", "mentee__last_name"]
        verbose_name = _("mentor-mentee pair")
        verbose_name_plural = _("mentor-mentee pairs")
        constraints = [
            models.UniqueConstraint(
                fields=["academic_year", "mentor", "mentee"], name="one_pair_a_year"
            ),
            models.CheckConstraint(
                name="mentor_is_not_mentee", condition=~Q(mentor=models.F("mentee"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor.short_name} → {self.mentee.short_name}"


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def visible_to(self, user: User) -> MeetingQuerySet:
        return self.filter(owner_visibility(user, "association__"))


class Meeting(models.Model):
    """A meeting (отырыс / заседание) of the council or an association; its protocol is
    numbered within the structure's academic year."""

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("methodological structure"),
    )
    # Structures are formed for one academic year, so numbering per structure is per year.
    number = models.PositiveSmallIntegerField(_("protocol number"))
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    plan_item = models.ForeignKey(
        PlanItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("plan item"),
    )
    attendees = models.ManyToManyField(
        StaffProfile, blank=True, related_name="attended_meetings", verbose_name=_("present")
    )
    invited = models.CharField(_("invited"), max_length=500, blank=True)
    history = HistoricalRecords(m2m_fields=[attendees])

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-number"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["association", "number"], name="protocol_number_unique")
        ]

    def __str__(self) -> str:
        return f"№{self.number} {self.association}"

    def get_absolute_url(self) -> str:
        return reverse("council:meeting", args=[self.pk])


class AgendaItem(models.Model):
    """One question of the agenda and what the protocol says about it."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    order = models.PositiveSmallIntegerField(_("number"), default=1)
    title = models.CharField(_("question"), max_length=500)
    speaker = models.ForeignKey(
        StaffProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("speaker"),
    )
    heard = models.TextField(_("heard"), blank=True)
    spoke = models.TextField(_("spoke"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class DecisionQuerySet(models.QuerySet["ProtocolDecision"]):
    def visible_to(self, user: User) -> DecisionQuerySet:
        return self.filter(owner_visibility(user, "agenda_item__meeting__association__"))

    def open(self) -> DecisionQuerySet:
        return self.filter(done_on__isnull=True)

    def for_list(self) -> DecisionQuerySet:
        return self.select_related("owner", "agenda_item__meeting__association")


class ProtocolDecision(models.Model):
    """A decision of the protocol; it is also a task with an owner and a deadline, followed up on
    the owner's home page and at the structure's next meeting."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("question")
    )
    text = models.TextField(_("decision"))
    owner = models.ForeignKey(
        StaffProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="protocol_decisions",
        verbose_name=_("responsible"),
    )
    due_on = models.DateField(_("deadline"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    outcome = models.TextField(_("what was done"), blank=True)
    history = HistoricalRecords()

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text

    @property
    def meeting(self) -> Meeting:
        return self.agenda_item.meeting

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    def complete(self, *, on: datetime.date, outcome: str) -> None:
        self.done_on = on
        self.outcome = outcome
        self.save(update_fields=["done_on", "outcome"])

    def reopen(self) -> None:
        self.done_on = None
        self.save(update_fields=["done_on"])
