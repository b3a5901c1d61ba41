"""Shared practice, and the recognition it earns: endorsements, comments, adaptations."""

from __future__ import annotations

from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from adisker.lib.counting import count_of
from adisker.lib.dates import today
from adisker.lib.text import fold
from adisker.people.models import StaffProfile, User
from adisker.plc.models.common import ATTACHMENT_EXTENSIONS, upload_path
from adisker.schools.models import School, Subject


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
        member of the country before sorting."""
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
