"""The methodological calendar: every seminar, open lesson, master class or round table of a
school, or of an inter-school association of small-class schools (R8), with its participants,
materials and the participants' short feedback."""

from __future__ import annotations

import datetime
import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from adisker.council.access import COUNCIL_EDITORS, visible_owner_q
from adisker.council.models import Owned, district_owner_ids, one_owner
from adisker.lib.text import fold
from adisker.people.models import StaffProfile, User
from adisker.schools.models import InterSchoolAssociation, School


class EventQuerySet(models.QuerySet["Event"]):
    def visible_to(self, user: User) -> EventQuerySet:
        """The council's rule, written once: a school's events are seen by its staff and its
        district's methodologist; an inter-school association's by the staff of its base and
        member schools and by the district (R8)."""
        return self.filter(visible_owner_q(user))

    def editable_by(self, user: User) -> EventQuerySet:
        if user.is_administrator:
            return self.all()
        scope = user.scope
        return self.filter(
            Q(school_id__in=scope.school_ids_with(COUNCIL_EDITORS))
            | Q(inter_school__district_id__in=scope.district_ids)
            | Q(structure__head__user=user)
        )

    def of_district(self, district_id: int) -> EventQuerySet:
        """Events of the district's schools and inter-school associations; by lists of owner
        ids, which the owner-and-date indexes answer, as `visible_to` does."""
        return self.of_owners(*district_owner_ids(district_id))

    def of_owners(self, school_ids: list[int], inter_school_ids: list[int]) -> EventQuerySet:
        return self.filter(Q(school_id__in=school_ids) | Q(inter_school_id__in=inter_school_ids))

    def for_calendar(self) -> EventQuerySet:
        """What a month shows of an event: its times, title, place and host. Without the
        organiser, the form of work and the long texts that `for_list` reads: a district's
        month holds 170 events."""
        return (
            self.select_related("inter_school")
            .prefetch_related("school")
            .defer("description", "search_text")
            .order_by("starts_at", "pk")
        )

    def between(self, start: datetime.datetime, end: datetime.datetime) -> EventQuerySet:
        """Events that overlap [start, end)."""
        return self.filter(starts_at__lt=end, ends_at__gt=start)

    def search(self, text: str) -> EventQuerySet:
        text = fold(text)
        return self.filter(search_text__contains=text) if text else self

    def for_list(self) -> EventQuerySet:
        # Schools are fetched for the listed events only: joined, they made PostgreSQL hash all
        # the country's schools for a district's eight upcoming events.
        return (
            self.select_related("inter_school", "organiser", "form_of_work")
            .prefetch_related("school")
            .order_by("starts_at", "pk")
        )


class Event(Owned):
    # The association (subject department), commission or group that holds it; its head may
    # edit the event.
    structure = models.ForeignKey(
        "council.Association",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("methodological structure"),
    )
    title = models.CharField(_("title"), max_length=300)
    form_of_work = models.ForeignKey(
        "council.FormOfWork",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("form of work"),
    )
    plan_item = models.ForeignKey(
        "council.PlanItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("item of the annual plan"),
    )
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    organiser = models.ForeignKey(
        StaffProfile,
        on_delete=models.PROTECT,
        related_name="organised_events",
        verbose_name=_("organiser"),
    )
    participants = models.ManyToManyField(
        StaffProfile,
        through="Participation",
        related_name="events",
        verbose_name=_("participants"),
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    search_text = models.TextField(editable=False, default="")
    history = HistoricalRecords(excluded_fields=["search_text"])

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        # Pages read the events of a few owners that overlap a period: by owner, then by end,
        # since the events still to end are few while the past grows every year. No index
        # leads with the start: walking it in order, the database would read the whole past.
        indexes = [
            models.Index(fields=["ends_at"], name="event_ends"),
            models.Index(fields=["school", "ends_at"], name="event_school_ends"),
            models.Index(fields=["inter_school", "ends_at"], name="event_joint_ends"),
        ]
        constraints = [
            one_owner("event_belongs_to_school_or_inter_school"),
            models.CheckConstraint(
                name="event_ends_after_start", condition=Q(ends_at__gte=models.F("starts_at"))
            ),
            models.CheckConstraint(
                name="event_has_place_or_link", condition=~Q(place="") | ~Q(online_url="")
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.search_text = fold(self.title, self.place)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.pk])

    @property
    def host(self) -> School | InterSchoolAssociation:
        return self.school or self.inter_school  # type: ignore[return-value]

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    def staff_pool(self) -> models.QuerySet[StaffProfile]:
        """Who may organise or take part: the school's staff, or the staff of every school of
        the inter-school association."""
        if self.school_id:
            return StaffProfile.objects.filter(school_id=self.school_id)
        joint = self.inter_school
        return StaffProfile.objects.filter(
            Q(school_id=joint.base_school_id) | Q(school_id__in=joint.member_schools.values("pk"))
        )

    def local_days(self) -> list[datetime.date]:
        """The calendar days the event covers, in local time."""
        first = timezone.localtime(self.starts_at).date()
        last = timezone.localtime(self.ends_at).date()
        if timezone.localtime(self.ends_at).time() == datetime.time(0) and last > first:
            last -= datetime.timedelta(days=1)
        return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


class Participation(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participations", verbose_name=_("event")
    )
    staff = models.ForeignKey(
        StaffProfile,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("participant"),
    )
    # None until the organiser marks attendance after the event.
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["staff__last_name", "staff__first_name", "pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["event", "staff"], name="participation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.staff} · {self.event}"


def material_upload_path(instance: EventMaterial, filename: str) -> str:
    # A random folder: names are never guessable, and the files are served only through a view.
    return f"events/{instance.event_id}/{secrets.token_urlsafe(12)}/{filename}"


class EventMaterial(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="materials", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    file = models.FileField(_("file"), upload_to=material_upload_path, max_length=500)
    uploaded_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return self.title or self.filename

    def get_absolute_url(self) -> str:
        return reverse("events:material", args=[self.event_id, self.pk])

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class Feedback(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("event")
    )
    staff = models.ForeignKey(
        StaffProfile,
        on_delete=models.CASCADE,
        related_name="event_feedback",
        verbose_name=_("participant"),
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.CharField(_("feedback"), max_length=1000, blank=True)
    given_at = models.DateTimeField(_("given"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["given_at", "pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(fields=["event", "staff"], name="feedback_one_per_participant"),
            models.CheckConstraint(
                name="feedback_rating_1_to_5", condition=Q(rating__gte=1, rating__lte=5)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff} · {self.event}: {self.rating}"


class CalendarFeed(models.Model):
    """The secret address of a user's iCalendar feed: calendar apps subscribe without a
    session, so whoever holds the address sees the user's events until it is regenerated."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("user")
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("events:feed", args=[self.token])

    @classmethod
    def for_user(cls, user: User) -> CalendarFeed:
        feed, _created = cls.objects.get_or_create(
            user=user, defaults={"token": secrets.token_urlsafe(32)}
        )
        return feed

    def regenerate(self) -> None:
        self.token = secrets.token_urlsafe(32)
        self.save(update_fields=["token", "created_at"])
