"""Inquiry / Lesson Study cycles: the question, the stages, coded focus pupils, research
lessons with their observations, and the pupils' results before and after."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from adisker.people.models import StaffProfile, User
from adisker.plc.models.common import (
    PHOTO_EXTENSIONS,
    PUPIL_CODE_MAX_LENGTH,
    upload_path,
    validate_pupil_code,
)
from adisker.plc.models.communities import Community
from adisker.schools.models import Subject


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
