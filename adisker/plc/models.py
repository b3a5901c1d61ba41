"""Professional learning communities (R19–R26): the communities, their meetings with rotating
roles, inquiry / Lesson Study cycles with coded focus pupils and pupils' evidence, mutual lesson
observation, and shared practice with the recognition it earns.

No model here has a field for a pupil's name: pupils are codes ("A", "П1") checked by
`validate_pupil_code`, so that no name can be stored even by mistake.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from adisker.council.models import Owned, one_owner
from adisker.lib.counting import count_of
from adisker.lib.dates import today
from adisker.lib.i18n import LocalizedNameMixin, localized
from adisker.lib.text import fold
from adisker.people.models import SCHOOL_MANAGERS, StaffProfile, User
from adisker.schools.models import AcademicYear, InterSchoolAssociation, School, Subject

PUPIL_CODE_MAX_LENGTH = 4
# A code is one letter with an optional number ("A", "П1", "Ә-3") or a number ("12"). A longer
# word is most likely a name, or a pupil's initials, typed where a code belongs.
_PUPIL_CODE = re.compile(r"^(?:[^\W\d_]-?\d{0,2}|\d{1,3})$")
ATTACHMENT_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "jpg", "jpeg", "png"]
PHOTO_EXTENSIONS = ["jpg", "jpeg", "png"]


def validate_pupil_code(value: str) -> None:
    """Refuse anything that could be a pupil's name: only a short code is accepted."""
    value = value.strip()
    if len(value) > PUPIL_CODE_MAX_LENGTH or " " in value or not _PUPIL_CODE.match(value):
        raise ValidationError(
            _(
                "Write a pupil code: one letter with an optional number, such as “A”, “B” or "
                "“П1”. Pupils are never named here."
            ),
            code="pupil_code",
        )


def upload_path(instance: models.Model, filename: str) -> str:
    return f"plc/{instance._meta.model_name}/{filename}"


# Communities --------------------------------------------------------------------------------


class CommunityQuerySet(models.QuerySet["Community"]):
    def visible_to(self, user: User) -> CommunityQuerySet:
        """Members and the facilitator; the school's deputy director and director; for an
        inter-school PLC the managers of its schools; the district's methodologist; admins.

        The condition is read first as lists of ids: an OR over the joined associations and
        memberships made PostgreSQL join every membership in the country on each request."""
        if user.is_administrator:
            return self.all()
        school_ids, inter_school_ids, own_ids = community_reach(user)
        return self.filter(
            Q(school_id__in=school_ids)
            | Q(inter_school_id__in=inter_school_ids)
            | Q(pk__in=own_ids)
        )

    def for_list(self) -> CommunityQuerySet:
        """With what a list shows of each: its place, facilitator, and how many members and
        cycles in progress it has, counted per community rather than over a join."""
        members = Community.members.through.objects.filter(community=models.OuterRef("pk"))
        cycles = InquiryCycle.objects.filter(community=models.OuterRef("pk"))
        return self.select_related("school", "inter_school", "facilitator").annotate(
            member_count=count_of(members),
            open_cycles=count_of(cycles.exclude(stage=Stage.CLOSED)),
        )

    def search(self, text: str) -> CommunityQuerySet:
        """The name, or the school's name or BIN, contains the text."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(name__icontains=text)
            | Q(school_id__in=School.objects.search(text).values("pk"))
            | Q(inter_school__name_kk__icontains=text)
            | Q(inter_school__name_ru__icontains=text)
        )

    def of_staff(self, staff: StaffProfile) -> CommunityQuerySet:
        # The ids as a subquery: the same two index lookups, without a query of their own.
        return self.filter(pk__in=_community_ids_query(staff))


def _community_ids_query(staff: StaffProfile) -> models.QuerySet:
    membership = Community.members.through.objects.filter(staffprofile=staff)
    facilitated = Community.objects.filter(facilitator=staff).order_by()
    return membership.values_list("community_id", flat=True).union(
        facilitated.values_list("pk", flat=True)
    )


def community_reach(user: User) -> tuple[list[int], list[int], list[int]]:
    """Whose PLCs a user other than an administrator sees: the schools they manage or oversee,
    the inter-school associations of those, and the communities they belong to or facilitate;
    read once per request."""
    cached = getattr(user, "_community_reach", None)
    if cached is not None:
        return cached
    scope = user.scope
    managed = scope.school_ids_with(SCHOOL_MANAGERS)
    school_ids = sorted(managed | scope.district_school_ids)
    inter_school_ids: list[int] = []
    if managed or scope.district_ids:
        inter_school_ids = sorted(
            InterSchoolAssociation.objects.filter(
                Q(district_id__in=scope.district_ids)
                | Q(base_school_id__in=managed)
                | Q(member_schools__in=managed)
            )
            .order_by()
            .values_list("pk", flat=True)
            .distinct()
        )
    profile = getattr(user, "staff_profile", None)
    own_ids = community_ids_of(profile) if profile is not None else []
    user._community_reach = school_ids, inter_school_ids, own_ids  # type: ignore[attr-defined]
    return user._community_reach  # type: ignore[attr-defined]


def community_ids_of(staff: StaffProfile) -> list[int]:
    """The communities a person belongs to or facilitates, in one query on two indexes."""
    return sorted(_community_ids_query(staff))


class Community(Owned):
    """A PLC: within one school, or across the schools of an inter-school association."""

    name = models.CharField(_("name"), max_length=300)
    academic_year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("academic year")
    )
    facilitator = models.ForeignKey(
        StaffProfile,
        on_delete=models.PROTECT,
        related_name="facilitated_communities",
        verbose_name=_("facilitator"),
    )
    members = models.ManyToManyField(
        StaffProfile, blank=True, related_name="communities", verbose_name=_("members")
    )
    theme = models.ForeignKey(
        "council.MethodologicalTheme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="communities",
        verbose_name=_("school's methodological theme"),
    )
    focus = models.TextField(
        _("focus on pupils' learning"),
        help_text=_(
            "What the community wants to change in pupils' learning: tied to the school's "
            "methodological theme or to needs found by diagnostics."
        ),
    )
    norms = models.TextField(_("agreed norms"), blank=True)
    meeting_schedule = models.CharField(
        _("meeting schedule"),
        max_length=200,
        blank=True,
        help_text=_("For example: every second Tuesday, 15:00."),
    )
    minutes_per_meeting = models.PositiveSmallIntegerField(
        _("time set aside per meeting, minutes"),
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(480)],
    )
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CommunityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("professional learning community")
        verbose_name_plural = _("professional learning communities")
        # The national list pages through every community by name.
        indexes = [models.Index(fields=["name", "id"], name="plc_community_name_idx")]
        constraints = [
            one_owner("plc_community_school_xor_association"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plc:detail", args=[self.pk])

    @property
    def is_inter_school(self) -> bool:
        return self.inter_school_id is not None

    @property
    def where(self) -> str:
        return str(self.inter_school if self.is_inter_school else self.school)

    def school_ids(self) -> set[int]:
        """The schools whose staff may join."""
        if self.school_id:
            return {self.school_id}
        association = self.inter_school
        assert association is not None
        return {
            association.base_school_id,
            *association.member_schools.values_list("pk", flat=True),
        }

    def eligible_staff(self) -> models.QuerySet[StaffProfile]:
        return StaffProfile.objects.filter(school_id__in=self.school_ids()).select_related("school")

    def participants(self) -> list[StaffProfile]:
        """The facilitator first, then the members (each once)."""
        people = [self.facilitator]
        people += [m for m in self.members.all() if m.pk != self.facilitator_id]
        return people

    def next_meeting(self) -> Meeting | None:
        return self.meetings.filter(held_on__gte=today()).order_by("held_on", "pk").first()


class MeetingRole(models.TextChoices):
    FACILITATOR = "facilitator", _("facilitator")
    NOTE_TAKER = "note_taker", _("note-taker")
    TIMEKEEPER = "timekeeper", _("timekeeper")
    PRESENTER = "presenter", _("presenter")


class Meeting(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("community")
    )
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=300)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("PLC meeting")
        verbose_name_plural = _("PLC meetings")

    def __str__(self) -> str:
        return f"{self.held_on:%d.%m.%Y} {self.topic}"


class MeetingAssignment(models.Model):
    """Who held which role at a meeting: the roles rotate, so leadership is shared (R24)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("meeting")
    )
    role = models.CharField(_("role"), max_length=20, choices=MeetingRole.choices)
    staff = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="+", verbose_name=_("member")
    )

    class Meta:
        verbose_name = _("meeting role")
        verbose_name_plural = _("meeting roles")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "role"], name="plc_one_holder_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.staff}"


@dataclass(frozen=True)
class LeadershipRow:
    staff: StaffProfile
    counts: list[int]  # one per MeetingRole, in its order

    @property
    def total(self) -> int:
        return sum(self.counts)


def leadership_of(community: Community, participants: list[StaffProfile]) -> list[LeadershipRow]:
    """How many times each participant held each meeting role: one query."""
    found: dict[tuple[int, str], int] = {
        (row["staff_id"], row["role"]): row["n"]
        for row in MeetingAssignment.objects.filter(meeting__community=community)
        .values("staff_id", "role")
        .annotate(n=Count("pk"))
    }
    roles = [choice for choice, _label in MeetingRole.choices]
    return [
        LeadershipRow(person, [found.get((person.pk, role), 0) for role in roles])
        for person in participants
    ]


# Inquiry / Lesson Study cycles ------------------------------------------------------------------


class Stage(models.TextChoices):
    QUESTION = "question", _("research question and target class")
    FOCUS_PUPILS = "focus_pupils", _("focus pupils")
    PLANNING = "planning", _("research lesson planned together")
    TAUGHT = "taught", _("lesson taught and observed")
    DISCUSSION = "discussion", _("post-lesson discussion")
    RETAUGHT = "retaught", _("revised lesson taught again")
    REPORT = "report", _("final report")
    CLOSED = "closed", _("cycle completed")


STAGE_ORDER = [choice for choice, _label in Stage.choices]


class Attainment(models.TextChoices):
    HIGH = "high", _("high attainment")
    MIDDLE = "middle", _("middle attainment")
    LOW = "low", _("low attainment")


class InquiryCycle(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="cycles", verbose_name=_("community")
    )
    title = models.CharField(_("title"), max_length=300)
    research_question = models.TextField(_("research question"))
    target_class = models.CharField(
        _("target class"), max_length=20, help_text=_("For example: 7 Ә.")
    )
    subject = models.ForeignKey(
        Subject,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subject"),
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.QUESTION
    )
    discussion_notes = models.TextField(_("post-lesson discussion"), blank=True)
    report = models.TextField(_("final report: findings and next steps"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("inquiry cycle")
        verbose_name_plural = _("inquiry cycles")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plc:cycle", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.stage != Stage.CLOSED

    @property
    def stage_number(self) -> int:
        return STAGE_ORDER.index(self.stage) + 1

    @property
    def next_stage(self) -> str | None:
        index = STAGE_ORDER.index(self.stage)
        return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None

    def lesson(self, round_number: int) -> ResearchLesson | None:
        return next((x for x in self.lessons.all() if x.round == round_number), None)

    def missing_for_next_stage(self) -> list[str]:
        """What the current stage still lacks before the cycle may move on (empty: ready)."""
        missing: list[str] = []
        if self.stage == Stage.QUESTION:
            if not (self.research_question.strip() and self.target_class.strip()):
                missing.append(str(_("the research question and the target class")))
        elif self.stage == Stage.FOCUS_PUPILS:
            levels = {p.attainment for p in self.focus_pupils.all()}
            if len(levels) < len(Attainment.choices):
                missing.append(
                    str(_("three focus pupils: one of high, one of middle, one of low attainment"))
                )
        elif self.stage == Stage.PLANNING:
            lesson = self.lesson(1)
            if lesson is None or not (lesson.plan.strip() and lesson.expected_responses.strip()):
                missing.append(str(_("the lesson plan with the pupils' expected responses")))
        elif self.stage == Stage.TAUGHT:
            lesson = self.lesson(1)
            if lesson is None or lesson.taught_on is None:
                missing.append(str(_("the date the lesson was taught")))
            if lesson is None or not lesson.observations.exists():
                missing.append(str(_("at least one observation form")))
        elif self.stage == Stage.DISCUSSION:
            if not self.discussion_notes.strip():
                missing.append(str(_("the notes of the post-lesson discussion")))
        elif self.stage == Stage.RETAUGHT:
            lesson = self.lesson(2)
            if lesson is None or lesson.taught_on is None:
                missing.append(str(_("the revised lesson and the date it was taught")))
        elif self.stage == Stage.REPORT:
            if not self.report.strip():
                missing.append(str(_("the final report")))
            if not self.results.filter(phase=ResultPhase.AFTER).exists():
                missing.append(str(_("the pupils' results after the cycle")))
        return missing

    @transaction.atomic
    def advance(self, *, by: User, to: str) -> None:
        """Move to the next stage, only from the stage the user saw (a second click or a
        stale page does nothing twice) and only when the current stage is complete."""
        locked = InquiryCycle.objects.select_for_update().get(pk=self.pk)
        if locked.stage != self.stage or to != self.next_stage:
            raise ValidationError(_("The cycle has moved on meanwhile; reload the page."))
        missing = self.missing_for_next_stage()
        if missing:
            raise ValidationError(
                _("Before moving on, add: %(missing)s.") % {"missing": "; ".join(missing)}
            )
        self.stage = to
        self.save(update_fields=["stage"])
        StageChange.objects.create(cycle=self, stage=to, by=by)


class StageChange(models.Model):
    cycle = models.ForeignKey(InquiryCycle, on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.at:%d.%m.%Y}"


class FocusPupil(models.Model):
    """A pupil the observers follow, known only by a code and an attainment level."""

    cycle = models.ForeignKey(InquiryCycle, on_delete=models.CASCADE, related_name="focus_pupils")
    code = models.CharField(
        _("pupil code"), max_length=PUPIL_CODE_MAX_LENGTH, validators=[validate_pupil_code]
    )
    attainment = models.CharField(_("attainment"), max_length=10, choices=Attainment.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("focus pupil")
        verbose_name_plural = _("focus pupils")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code"], name="plc_focus_pupil_code"),
            models.UniqueConstraint(
                fields=["cycle", "attainment"], name="plc_focus_pupil_attainment"
            ),
        ]

    def __str__(self) -> str:
        return self.code


class ResearchLesson(models.Model):
    """The lesson planned together (round 1) and the revised lesson taught again (round 2)."""

    cycle = models.ForeignKey(InquiryCycle, on_delete=models.CASCADE, related_name="lessons")
    round = models.PositiveSmallIntegerField(
        _("round"), validators=[MinValueValidator(1), MaxValueValidator(2)]
    )
    teacher = models.ForeignKey(
        StaffProfile,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("teacher who teaches it"),
    )
    topic = models.CharField(_("lesson topic"), max_length=300)
    plan = models.TextField(_("lesson plan"))
    expected_responses = models.TextField(_("pupils' expected responses"))
    taught_on = models.DateField(_("taught on"), null=True, blank=True)

    class Meta:
        ordering = ["round"]
        verbose_name = _("research lesson")
        verbose_name_plural = _("research lessons")
        constraints = [models.UniqueConstraint(fields=["cycle", "round"], name="plc_lesson_round")]

    def __str__(self) -> str:
        return self.topic


class LessonObservation(models.Model):
    """One observer's form for one focus pupil in one research lesson."""

    lesson = models.ForeignKey(
        ResearchLesson, on_delete=models.CASCADE, related_name="observations"
    )
    observer = models.ForeignKey(
        StaffProfile, on_delete=models.PROTECT, related_name="+", verbose_name=_("observer")
    )
    pupil = models.ForeignKey(
        FocusPupil,
        on_delete=models.CASCADE,
        related_name="observations",
        verbose_name=_("focus pupil"),
    )
    summary = models.TextField(_("what the pupil learned, and what got in the way"), blank=True)

    class Meta:
        ordering = ["pupil__code", "observer__last_name"]
        verbose_name = _("observation form")
        verbose_name_plural = _("observation forms")
        constraints = [
            models.UniqueConstraint(
                fields=["lesson", "observer", "pupil"], name="plc_one_form_per_pupil"
            )
        ]

    def __str__(self) -> str:
        return f"{self.pupil} · {self.observer}"


class ObservationNote(models.Model):
    observation = models.ForeignKey(
        LessonObservation, on_delete=models.CASCADE, related_name="notes"
    )
    at = models.TimeField(_("time"))
    text = models.TextField(_("what the pupil did or said"))
    photo = models.FileField(
        _("photo of the pupil's work"),
        upload_to=upload_path,
        blank=True,
        validators=[FileExtensionValidator(PHOTO_EXTENSIONS)],
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("time-stamped note")
        verbose_name_plural = _("time-stamped notes")

    def __str__(self) -> str:
        return f"{self.at:%H:%M} {self.text[:50]}"


class ResultPhase(models.TextChoices):
    BEFORE = "before", _("before the cycle")
    AFTER = "after", _("after the cycle")


class PupilResult(models.Model):
    """One pupil's score (by code) before or after the cycle, in percent."""

    cycle = models.ForeignKey(InquiryCycle, on_delete=models.CASCADE, related_name="results")
    code = models.CharField(
        _("pupil code"), max_length=PUPIL_CODE_MAX_LENGTH, validators=[validate_pupil_code]
    )
    phase = models.CharField(_("when"), max_length=10, choices=ResultPhase.choices)
    score = models.DecimalField(
        _("score, %"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        ordering = ["code", "phase"]
        verbose_name = _("pupil's result")
        verbose_name_plural = _("pupils' results")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code", "phase"], name="plc_result_once")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.get_phase_display()}: {self.score}"


@dataclass(frozen=True)
class ResultRow:
    code: str
    attainment: str
    before: Decimal | None
    after: Decimal | None

    @property
    def change(self) -> Decimal | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class Evidence:
    """The class's and the focus pupils' results before and after (R21)."""

    focus: list[ResultRow]
    class_before: Decimal | None
    class_after: Decimal | None
    pupils: int

    @property
    def class_change(self) -> Decimal | None:
        if self.class_before is None or self.class_after is None:
            return None
        return self.class_after - self.class_before


def _mean(values: list[Decimal]) -> Decimal | None:
    return (sum(values) / len(values)).quantize(Decimal("0.1")) if values else None


def evidence_of(cycle: InquiryCycle) -> Evidence:
    """Built from the prefetched `results` and `focus_pupils` of the cycle."""
    scores: dict[tuple[str, str], Decimal] = {
        (r.code, r.phase): r.score for r in cycle.results.all()
    }
    focus = [
        ResultRow(
            p.code,
            p.get_attainment_display(),
            scores.get((p.code, ResultPhase.BEFORE)),
            scores.get((p.code, ResultPhase.AFTER)),
        )
        for p in cycle.focus_pupils.all()
    ]
    before = [s for (_code, phase), s in scores.items() if phase == ResultPhase.BEFORE]
    after = [s for (_code, phase), s in scores.items() if phase == ResultPhase.AFTER]
    return Evidence(focus, _mean(before), _mean(after), len({code for code, _phase in scores}))


def cycles_of(staff: StaffProfile) -> models.QuerySet[InquiryCycle]:
    """The cycles a teacher took part in: as a member of the PLC, as the teacher of a research
    lesson or as an observer; with what `evidence_of` needs."""
    # One indexed lookup per way of taking part, united: an OR across the four joins made the
    # database read every cycle in the country (34 ms for one record on the national data set).
    taught = ResearchLesson.objects.filter(teacher=staff).order_by().values_list("cycle_id")
    observed = LessonObservation.objects.filter(observer=staff).order_by()
    ids = (
        InquiryCycle.objects.filter(community_id__in=community_ids_of(staff))
        .order_by()
        .values_list("pk")
        .union(taught, observed.values_list("lesson__cycle_id"))
    )
    return (
        InquiryCycle.objects.filter(pk__in=[pk for (pk,) in ids])
        .select_related("community")
        .prefetch_related("results", "focus_pupils")
        .order_by("-created_at", "-pk")
    )


# Mutual lesson observation -------------------------------------------------------------------

# The deputy director reads the feedback once the observed teacher has opened it, or this many
# days after it was given, whichever comes first: the teacher hears it first, but an unopened
# message does not keep it from the school for ever.
FEEDBACK_PRIVATE_DAYS = 7


class ObservationRule(models.Model):
    """A school's rule for mutual observation: each teacher visited so many times a half-year."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="observation_rule")
    visits_per_half_year = models.PositiveSmallIntegerField(
        _("visits each teacher receives per half-year"),
        default=2,
        validators=[MinValueValidator(0), MaxValueValidator(20)],
    )

    class Meta:
        verbose_name = _("observation rule")
        verbose_name_plural = _("observation rules")

    def __str__(self) -> str:
        return str(self.visits_per_half_year)


DEFAULT_VISITS_PER_HALF_YEAR = 2


def visits_required(school: School) -> int:
    rule = ObservationRule.objects.filter(school=school).first()
    return rule.visits_per_half_year if rule else DEFAULT_VISITS_PER_HALF_YEAR


def half_year_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """September–December, then January–August (the summer counts with the spring)."""
    if day.month >= 9:
        return datetime.date(day.year, 9, 1), datetime.date(day.year, 12, 31)
    return datetime.date(day.year, 1, 1), datetime.date(day.year, 8, 31)


class ObservationTemplateQuerySet(models.QuerySet["ObservationTemplate"]):
    def for_school(self, school_id: int) -> ObservationTemplateQuerySet:
        return self.filter(Q(school__isnull=True) | Q(school_id=school_id))


class ObservationTemplate(LocalizedNameMixin):
    """A lesson observation form: shared ones (no school) are reference data; a school may
    make its own."""

    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="observation_templates",
        verbose_name=_("school"),
    )
    name_kk = models.CharField(_("name in Kazakh"), max_length=200)
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    questions_kk = models.TextField(_("questions in Kazakh, one per line"))
    questions_ru = models.TextField(_("questions in Russian, one per line"))
    questions_en = models.TextField(_("questions in English, one per line"), blank=True)

    objects = ObservationTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["name_kk"]
        verbose_name = _("observation form template")
        verbose_name_plural = _("observation form templates")

    @property
    def questions(self) -> list[str]:
        return [line.strip() for line in localized(self, "questions").splitlines() if line.strip()]


class ObservationVisitQuerySet(models.QuerySet["ObservationVisit"]):
    def visible_to(self, user: User) -> ObservationVisitQuerySet:
        """The two teachers concerned, the school's managers, the district's methodologist."""
        if user.is_administrator:
            return self.all()
        scope = user.scope
        condition = Q(school_id__in=scope.school_ids_with(SCHOOL_MANAGERS)) | Q(
            school__district_id__in=scope.district_ids
        )
        profile = getattr(user, "staff_profile", None)
        if profile is not None:
            condition |= Q(observer=profile) | Q(observed=profile)
        return self.filter(condition)

    def done(self) -> ObservationVisitQuerySet:
        return self.filter(completed_at__isnull=False)

    def between(self, start: datetime.date, end: datetime.date) -> ObservationVisitQuerySet:
        return self.filter(visit_on__range=(start, end))


class ObservationVisit(models.Model):
    """One teacher visiting a colleague's lesson (өзара сабаққа қатысу).

    The simple way to schedule one, also for other apps: `ObservationVisit.schedule(observer=,
    observed=, on=, by=)`.
    """

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="observation_visits", editable=False
    )
    observer = models.ForeignKey(
        StaffProfile,
        on_delete=models.CASCADE,
        related_name="visits_made",
        verbose_name=_("observer"),
    )
    observed = models.ForeignKey(
        StaffProfile,
        on_delete=models.CASCADE,
        related_name="visits_received",
        verbose_name=_("observed teacher"),
    )
    visit_on = models.DateField(_("date"))
    lesson = models.CharField(_("class and lesson"), max_length=200, blank=True)
    template = models.ForeignKey(
        ObservationTemplate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("observation form"),
    )
    # [{"question": ..., "answer": ...}], the questions copied in as they were asked.
    answers = models.JSONField(_("answers"), default=list, blank=True)
    feedback = models.TextField(_("feedback to the observed teacher"), blank=True)
    completed_at = models.DateTimeField(_("form filed at"), null=True, blank=True)
    feedback_read_at = models.DateTimeField(
        _("read by the observed teacher at"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("scheduled by")
    )

    objects = ObservationVisitQuerySet.as_manager()

    class Meta:
        ordering = ["-visit_on", "-pk"]
        verbose_name = _("lesson observation visit")
        verbose_name_plural = _("lesson observation visits")
        constraints = [
            models.CheckConstraint(
                name="plc_visit_not_oneself", condition=~Q(observer=models.F("observed"))
            )
        ]

    def __str__(self) -> str:
        return f"{self.observer} → {self.observed}, {self.visit_on:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("plc:visit", args=[self.pk])

    @classmethod
    def schedule(
        cls,
        *,
        observer: StaffProfile,
        observed: StaffProfile,
        on: datetime.date,
        by: User | None = None,
        template: ObservationTemplate | None = None,
        lesson: str = "",
    ) -> ObservationVisit:
        if observer.pk == observed.pk:
            raise ValidationError(_("A teacher does not observe their own lesson."))
        if observer.school_id != observed.school_id:
            raise ValidationError(_("Both teachers must work at the same school."))
        return cls.objects.create(
            school_id=observed.school_id,
            observer=observer,
            observed=observed,
            visit_on=on,
            template=template,
            lesson=lesson,
            created_by=by,
        )

    @property
    def is_done(self) -> bool:
        return self.completed_at is not None

    def complete(self, *, answers: list[dict[str, str]], feedback: str) -> None:
        self.answers = answers
        self.feedback = feedback
        self.completed_at = self.completed_at or timezone.now()
        self.save(update_fields=["answers", "feedback", "completed_at"])

    def feedback_visible_to(self, user: User) -> bool:
        """The observer who wrote it and the observed teacher; the school's deputy director
        and director only once the teacher has opened it or FEEDBACK_PRIVATE_DAYS have passed;
        never other teachers."""
        if not self.is_done:
            return False
        profile = getattr(user, "staff_profile", None)
        if profile is not None and profile.pk in (self.observer_id, self.observed_id):
            return True
        manages = user.is_administrator or self.school_id in user.scope.school_ids_with(
            SCHOOL_MANAGERS
        )
        if not manages:
            return False
        assert self.completed_at is not None
        released = self.completed_at + datetime.timedelta(days=FEEDBACK_PRIVATE_DAYS)
        return self.feedback_read_at is not None or timezone.now() >= released

    def mark_read_by(self, user: User) -> None:
        profile = getattr(user, "staff_profile", None)
        if (
            self.is_done
            and self.feedback_read_at is None
            and profile
            and profile.pk == self.observed_id
        ):
            self.feedback_read_at = timezone.now()
            self.save(update_fields=["feedback_read_at"])


@dataclass(frozen=True)
class MatrixRow:
    staff: StaffProfile
    cells: list[int]  # visits by each observer (the same staff, in order)
    received: int
    made: int
    below: bool


def visit_matrix(
    school: School, start: datetime.date, end: datetime.date
) -> tuple[list[StaffProfile], list[MatrixRow], int]:
    """Teachers × teachers: how many completed visits each observer made to each observed
    teacher in [start, end], and who received fewer than the school's rule. Three queries."""
    required = visits_required(school)
    staff = list(StaffProfile.objects.filter(school=school).order_by("last_name", "first_name"))
    counts: dict[tuple[int, int], int] = {
        (row["observed_id"], row["observer_id"]): row["n"]
        for row in ObservationVisit.objects.filter(school=school)
        .done()
        .between(start, end)
        .values("observed_id", "observer_id")
        .annotate(n=Count("pk"))
    }
    made: dict[int, int] = {}
    for (_observed, observer), n in counts.items():
        made[observer] = made.get(observer, 0) + n
    ids = [person.pk for person in staff]
    rows = []
    for person, observed in zip(staff, ids, strict=True):
        cells = [counts.get((observed, observer), 0) for observer in ids]
        received = sum(cells)
        rows.append(MatrixRow(person, cells, received, made.get(person.pk, 0), received < required))
    return staff, rows, required


# Shared practice ------------------------------------------------------------------------------


class PracticeQuerySet(models.QuerySet["Practice"]):
    def visible_to(self, user: User) -> PracticeQuerySet:
        """Practice is shared across the district: the staff of every school of the author's
        district, the district's methodologist, administrators."""
        if user.is_administrator:
            return self.all()
        scope = user.scope
        districts = set(scope.district_ids) | set(
            School.objects.filter(pk__in=scope.member_school_ids).values_list(
                "district_id", flat=True
            )
        )
        return self.filter(school__district_id__in=districts)

    def search(self, text: str) -> PracticeQuerySet:
        """Words of the query all present in the title, approach, text or tags.

        On PostgreSQL a full-text search with the 'simple' configuration (Kazakh has no
        stemmer) over the casefolded copy, so that the database's locale cannot matter; on
        SQLite a plain match of every word in that copy.
        """
        words = fold(text).split()
        if not words:
            return self
        from django.db import connection

        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchVector

            query = SearchQuery(" ".join(words), config="simple", search_type="plain")
            return self.annotate(search_vector=SearchVector("search_text", config="simple")).filter(
                search_vector=query
            )
        condition = Q()
        for word in words:
            condition &= Q(search_text__contains=word)
        return self.filter(condition)

    def for_list(self) -> PracticeQuerySet:
        """Counted per listed practice: grouped over the endorsements × adaptations join, the
        whole district's (or country's) practice was counted before the list was cut. Authors
        and schools are fetched for the listed ones: joined, PostgreSQL hashed every staff
        member of the country before sorting (85 ms)."""
        endorsements = PracticeEndorsement.objects.filter(practice=models.OuterRef("pk"))
        adaptations = PracticeAdaptation.objects.filter(practice=models.OuterRef("pk"))
        return (
            self.select_related("subject")
            .prefetch_related("author", "school")
            .annotate(
                endorsement_count=count_of(endorsements),
                adaptation_count=count_of(adaptations),
            )
        )


class Practice(models.Model):
    """A teacher's practice shared with colleagues (R3, R16, R25)."""

    author = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="practices", verbose_name=_("author")
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="practices", editable=False
    )
    title = models.CharField(_("title"), max_length=300)
    approach = models.CharField(
        _("approach"), max_length=200, help_text=_("For example: formative assessment, jigsaw.")
    )
    subject = models.ForeignKey(
        Subject,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subject"),
    )
    grade = models.PositiveSmallIntegerField(
        _("grade"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(12)],
    )
    description = models.TextField(_("description"))
    tags = models.CharField(
        _("tags"), max_length=300, blank=True, help_text=_("Separated by commas.")
    )
    file = models.FileField(
        _("file"),
        upload_to=upload_path,
        blank=True,
        validators=[FileExtensionValidator(ATTACHMENT_EXTENSIONS)],
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    featured_at = models.DateTimeField(_("featured at"), null=True, blank=True)
    featured_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    search_text = models.TextField(editable=False, default="")

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("shared practice")
        verbose_name_plural = _("shared practices")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.school_id = self.author.school_id
        self.search_text = fold(self.title, self.approach, self.description, self.tags)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "school"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("plc:practice", args=[self.pk])

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]

    @property
    def is_featured(self) -> bool:
        return self.featured_at is not None

    def toggle_featured(self, *, by: User) -> None:
        if self.featured_at:
            self.featured_at, self.featured_by = None, None
        else:
            self.featured_at, self.featured_by = timezone.now(), by
        self.save(update_fields=["featured_at", "featured_by"])


class PracticeEndorsement(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="endorsements")
    staff = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.UniqueConstraint(fields=["practice", "staff"], name="plc_endorse_once")
        ]

    def __str__(self) -> str:
        return str(self.staff)


class PracticeComment(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="comments")
    staff = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:50]


class PracticeAdaptation(models.Model):
    """A colleague tried the practice in their own class, and says how it went."""

    class Outcome(models.TextChoices):
        WORKED = "worked", _("worked well")
        PARTLY = "partly", _("worked in part")
        DID_NOT = "did_not", _("did not work")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="adaptations")
    staff = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="+", verbose_name=_("teacher")
    )
    adapted_on = models.DateField(_("tried on"), default=today)
    how = models.TextField(_("how it was adapted"))
    outcome = models.CharField(_("how it went"), max_length=10, choices=Outcome.choices)
    notes = models.TextField(_("what the pupils showed"), blank=True)

    class Meta:
        ordering = ["-adapted_on", "-pk"]
        verbose_name = _("adaptation")
        verbose_name_plural = _("adaptations")

    def __str__(self) -> str:
        return f"{self.staff}: {self.practice}"


@dataclass(frozen=True)
class Recognition:
    practices: list[Practice]  # annotated with endorsement_count and adaptation_count

    @property
    def endorsements(self) -> int:
        return sum(p.endorsement_count for p in self.practices)

    @property
    def adaptations(self) -> int:
        return sum(p.adaptation_count for p in self.practices)

    @property
    def featured(self) -> int:
        return sum(1 for p in self.practices if p.is_featured)

    @property
    def total(self) -> int:
        return self.endorsements + self.adaptations + self.featured


def recognition_for(staff: StaffProfile) -> Recognition:
    """What colleagues gave the teacher's shared practice: endorsements, adaptations in their
    classes, featuring by the deputy director (R25). One query."""
    practices = list(
        Practice.objects.filter(author=staff)
        .annotate(
            endorsement_count=Count(
                "endorsements", filter=~Q(endorsements__staff=staff), distinct=True
            ),
            adaptation_count=Count(
                "adaptations", filter=~Q(adaptations__staff=staff), distinct=True
            ),
        )
        .order_by("-published_at", "-pk")
    )
    return Recognition(practices)


def record_section(staff: StaffProfile) -> dict[str, object]:
    """The context of templates/plc/record_section.html for a teacher's record."""
    cycles = list(cycles_of(staff))
    return {
        "plc_cycles": [(cycle, evidence_of(cycle)) for cycle in cycles],
        "plc_recognition": recognition_for(staff),
    }
