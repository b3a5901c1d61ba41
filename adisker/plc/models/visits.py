"""Mutual lesson observation: the school's rule, templates, and visits with their feedback."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from adisker.lib.i18n import LocalizedNameMixin, localized
from adisker.people.models import SCHOOL_MANAGERS, StaffProfile, User
from adisker.schools.models import School

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
