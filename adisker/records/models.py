from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from adisker.lib.dates import today
from adisker.people.models import QualificationCategory, StaffProfile, User
from adisker.records.cycle import Cycle, add_years
from adisker.schools.models import AcademicYear

DOCUMENT_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "docx"]


def record_upload_path(instance: models.Model, filename: str) -> str:
    return f"records/{instance.staff_id}/{filename}"


class Confirmable(models.Model):
    """An entry the deputy director checks against the original document (courses, categories)."""

    confirmed_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def confirm(self, *, by: User) -> None:
        self.confirmed_by = by
        self.confirmed_at = timezone.now()
        self.save(update_fields=["confirmed_by", "confirmed_at"])


class QualificationCourseQuerySet(models.QuerySet["QualificationCourse"]):
    def confirmed(self) -> QualificationCourseQuerySet:
        return self.filter(confirmed_at__isnull=False)

    def awaiting_follow_up(self, on: datetime.date) -> QualificationCourseQuerySet:
        """Courses finished by `on` with nothing shared yet, confirmed or not: the teacher owes
        the follow-up from the course's end, whether or not the deputy has checked it yet.
        A course imported from the staff list is the school's history before Adisker: whatever
        was shared of it was shared on paper, so it owes nothing here."""
        return self.filter(finished_on__lte=on, follow_up__isnull=True, imported=False)


class QualificationCourse(Confirmable):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        BLENDED = "blended", _("blended")

    staff = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="courses", verbose_name=_("teacher")
    )
    provider = models.CharField(_("provider"), max_length=300)
    title = models.CharField(_("course title"), max_length=500)
    # Staff lists often give a course's year and place only: an imported course may have no
    # hours or format; one entered by hand has both (QualificationCourseForm).
    hours = models.PositiveSmallIntegerField(
        _("hours"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, blank=True)
    started_on = models.DateField(_("started on"))
    finished_on = models.DateField(_("finished on"))
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    certificate = models.FileField(
        _("certificate"),
        upload_to=record_upload_path,
        blank=True,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS)],
    )
    imported = models.BooleanField(_("imported from the staff list"), db_default=False)
    history = HistoricalRecords()

    objects = QualificationCourseQuerySet.as_manager()

    class Meta:
        ordering = ["-finished_on"]
        verbose_name = _("qualification-upgrade course")
        verbose_name_plural = _("qualification-upgrade courses")
        constraints = [
            models.CheckConstraint(
                condition=Q(finished_on__gte=F("started_on")), name="course_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["staff", "finished_on"])]

    def __str__(self) -> str:
        return self.title

    def follow_up_due_on(self) -> datetime.date:
        return self.finished_on + datetime.timedelta(days=settings.COURSE_FOLLOW_UP_DAYS)


class CourseFollowUp(models.Model):
    """What the teacher did to share a course with colleagues (R5)."""

    class Kind(models.TextChoices):
        SEMINAR = "seminar", _("seminar for colleagues")
        OPEN_LESSON = "open_lesson", _("open lesson")
        SUMMARY = "summary", _("written summary")

    course = models.OneToOneField(
        QualificationCourse,
        on_delete=models.CASCADE,
        related_name="follow_up",
        verbose_name=_("course"),
    )
    kind = models.CharField(_("form"), max_length=20, choices=Kind.choices)
    held_on = models.DateField(_("date"))
    description = models.TextField(_("what was shared"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("course follow-up")
        verbose_name_plural = _("course follow-ups")

    def __str__(self) -> str:
        return self.get_kind_display()


class Attestation(Confirmable):
    staff = models.ForeignKey(
        StaffProfile,
        on_delete=models.CASCADE,
        related_name="attestations",
        verbose_name=_("teacher"),
    )
    category = models.ForeignKey(
        QualificationCategory, on_delete=models.PROTECT, verbose_name=_("qualification category")
    )
    assigned_on = models.DateField(_("assigned on"))
    valid_until = models.DateField(_("valid until"))
    order_number = models.CharField(_("order number"), max_length=100, blank=True)
    imported = models.BooleanField(_("imported from the staff list"), db_default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-assigned_on"]
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gt=F("assigned_on")), name="attestation_valid_after"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category} ({self.assigned_on:%d.%m.%Y})"

    @staticmethod
    def default_valid_until(assigned_on: datetime.date) -> datetime.date:
        return add_years(assigned_on, settings.ATTESTATION_PERIOD_YEARS)


class EducationEntry(models.Model):
    class Level(models.TextChoices):
        VOCATIONAL = "vocational", _("technical and vocational")
        BACHELOR = "bachelor", _("higher (bachelor's or specialist)")
        MASTER = "master", _("master's degree")
        DOCTORAL = "doctoral", _("doctoral degree (PhD)")

    staff = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="education_entries"
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    institution = models.CharField(_("institution"), max_length=300)
    speciality = models.CharField(_("speciality"), max_length=300)
    graduated_in = models.PositiveSmallIntegerField(_("year of graduation"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-graduated_in"]
        verbose_name = _("education")
        verbose_name_plural = _("education")

    def __str__(self) -> str:
        return f"{self.institution}, {self.graduated_in}"


class PositionEntry(models.Model):
    staff = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="position_entries"
    )
    organisation = models.CharField(_("organisation"), max_length=300)
    position = models.CharField(_("position"), max_length=300)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("position held")
        verbose_name_plural = _("positions held")

    def __str__(self) -> str:
        return f"{self.position}, {self.organisation}"


class SelfEducationTopic(models.Model):
    staff = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="self_education_topics"
    )
    academic_year = models.ForeignKey(
        AcademicYear, on_delete=models.PROTECT, verbose_name=_("academic year")
    )
    topic = models.CharField(_("topic"), max_length=500)
    plan = models.TextField(_("plan"), blank=True)
    write_up = models.TextField(_("generalised experience (final write-up)"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-academic_year__start_year"]
        verbose_name = _("self-education topic")
        verbose_name_plural = _("self-education topics")
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "academic_year"], name="one_self_education_topic_a_year"
            )
        ]

    def __str__(self) -> str:
        return self.topic


class Achievement(models.Model):
    """Open lessons given, seminars and master classes led, publications, awards (R2, R3)."""

    class Kind(models.TextChoices):
        OPEN_LESSON = "open_lesson", _("open lesson")
        SEMINAR = "seminar", _("seminar led")
        MASTER_CLASS = "master_class", _("master class led")
        PUBLICATION = "publication", _("publication")
        AWARD = "award", _("award")
        COMPETITION = "competition", _("competition")

    class Level(models.TextChoices):
        SCHOOL = "school", _("school")
        DISTRICT = "district", _("district")
        REGION = "region", _("region")
        NATIONAL = "national", _("national")
        INTERNATIONAL = "international", _("international")

    staff = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="achievements")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=500)
    held_on = models.DateField(_("date"))
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(
        _("file"),
        upload_to=record_upload_path,
        blank=True,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS)],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("achievement")
        verbose_name_plural = _("achievements")

    def __str__(self) -> str:
        return self.title


class PlannedCourse(models.Model):
    """A year the deputy director plans a teacher's next course in the perspective plan."""

    staff = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="planned_courses"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("planned course")
        verbose_name_plural = _("planned courses")
        constraints = [
            models.UniqueConstraint(fields=["staff", "year"], name="one_planned_course_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.year}"


class ReminderSent(models.Model):
    """One row per reminder sent, so that a daily run never sends the same one twice."""

    class Kind(models.TextChoices):
        COURSE_DUE = "course_due", _("course coming due")
        COURSE_OVERDUE = "course_overdue", _("course overdue")
        ATTESTATION_DUE = "attestation_due", _("attestation coming due")
        ATTESTATION_OVERDUE = "attestation_overdue", _("attestation overdue")

    staff = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["staff", "kind", "due_on"], name="reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.kind} {self.due_on}"


def with_cycle_dates(staff: models.QuerySet[StaffProfile]) -> models.QuerySet[StaffProfile]:
    """Annotate the last confirmed course end and the current attestation's end."""
    return staff.annotate(
        last_course_on=Max("courses__finished_on", filter=Q(courses__confirmed_at__isnull=False)),
        attestation_until=Max(
            "attestations__valid_until", filter=Q(attestations__confirmed_at__isnull=False)
        ),
    )


def course_cycle(last_course_on: datetime.date | None, on: datetime.date | None = None) -> Cycle:
    return Cycle.after(
        last_course_on, years=settings.QUALIFICATION_COURSE_PERIOD_YEARS, today=on or today()
    )


def attestation_cycle(valid_until: datetime.date | None, on: datetime.date | None = None) -> Cycle:
    return Cycle.until(valid_until, today=on or today())
