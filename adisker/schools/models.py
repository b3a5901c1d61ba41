from __future__ import annotations

import datetime
from typing import Protocol

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from adisker.lib.dates import FIRST_MONTH, academic_start_year, today
from adisker.lib.i18n import LocalizedNameMixin
from adisker.lib.identifiers import validate_bin
from adisker.lib.text import fold_letters, reference_key, search_condition


class ReaderScope(Protocol):
    @property
    def member_school_ids(self) -> set[int]: ...

    @property
    def district_ids(self) -> frozenset[int]: ...


class Reader(Protocol):
    """What the schools' querysets need to know of who reads: a signed-in user of the people
    app (people.models.User), which the schools know nothing else of."""

    @property
    def is_administrator(self) -> bool: ...

    @property
    def scope(self) -> ReaderScope: ...


class Region(LocalizedNameMixin):
    name_kk = models.CharField(_("name in Kazakh"), max_length=200, unique=True)
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_kk"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class District(LocalizedNameMixin):
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="districts", verbose_name=_("region")
    )
    name_kk = models.CharField(_("name in Kazakh"), max_length=200)
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_kk"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            models.UniqueConstraint(fields=["region", "name_kk"], name="district_unique_name")
        ]


class SchoolQuerySet(models.QuerySet["School"]):
    def visible_to(self, user: Reader) -> SchoolQuerySet:
        """Schools the user may open: their own, their district's, or all for an administrator."""
        if user.is_administrator:
            return self.all()
        scope = user.scope
        return self.filter(
            Q(pk__in=scope.member_school_ids) | Q(district_id__in=scope.district_ids)
        )

    def search(self, text: str) -> SchoolQuerySet:
        condition = search_condition(text)
        return self if condition is None else self.filter(condition)


class School(LocalizedNameMixin):
    class Type(models.TextChoices):
        GENERAL = "general", _("general secondary school")
        GYMNASIUM = "gymnasium", _("gymnasium")
        LYCEUM = "lyceum", _("lyceum")
        SMALL_CLASS = "small_class", _("small-class school")

    class Locality(models.TextChoices):
        URBAN = "urban", _("urban")
        RURAL = "rural", _("rural")

    class Language(models.TextChoices):
        KAZAKH = "kk", _("Kazakh")
        RUSSIAN = "ru", _("Russian")
        MIXED = "mixed", _("Kazakh and Russian")

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="schools", verbose_name=_("district")
    )
    name_kk = models.CharField(_("name in Kazakh"), max_length=300)
    name_ru = models.CharField(_("name in Russian"), max_length=300)
    bin = models.CharField(_("BIN"), max_length=12, unique=True, validators=[validate_bin])
    school_type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    locality = models.CharField(_("locality"), max_length=10, choices=Locality.choices)
    language = models.CharField(
        _("language of instruction"), max_length=10, choices=Language.choices
    )
    pupil_count = models.PositiveIntegerField(_("pupils"), default=0)
    search_text = models.TextField(editable=False, default="")
    history = HistoricalRecords(excluded_fields=["search_text"])

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name_kk"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        # Lists of schools are in name order a page at a time: the administrator's list of
        # the country's 7,500 read and sorted every school for its first 25.
        indexes = [models.Index(fields=["name_kk", "id"], name="school_name_order")]

    def save(self, *args, **kwargs) -> None:
        self.search_text = fold_letters(self.name_kk, self.name_ru, self.bin)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("schools:detail", args=[self.pk])


class InterSchoolAssociation(LocalizedNameMixin):
    """Small-class schools grouped around a large base school for joint methodological work (R8)."""

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="associations", verbose_name=_("district")
    )
    base_school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        related_name="based_associations",
        verbose_name=_("base school"),
    )
    member_schools = models.ManyToManyField(
        School, related_name="inter_school_associations", verbose_name=_("member schools")
    )
    name_kk = models.CharField(_("name in Kazakh"), max_length=300)
    name_ru = models.CharField(_("name in Russian"), max_length=300)
    history = HistoricalRecords(m2m_fields=[member_schools])

    class Meta:
        ordering = ["name_kk"]
        verbose_name = _("inter-school methodological association")
        verbose_name_plural = _("inter-school methodological associations")
        # As for schools: without it the administrator's first page joined every school
        # to sort the country's 777 associations.
        indexes = [models.Index(fields=["name_kk", "id"], name="inter_school_name_order")]


class Subject(LocalizedNameMixin):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_kk = models.CharField(_("name in Kazakh"), max_length=200)
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_kk"]
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")


class ReferenceAlias(models.Model):
    """Another name a reference value goes by in the lists schools keep: an abbreviation, an
    old or short form, a form in another language. National ones (no school) are reference
    data; a school's are the choices its deputy director made in a roster import's preview,
    and come first for that school."""

    class Language(models.TextChoices):
        KAZAKH = "kk", _("Kazakh")
        RUSSIAN = "ru", _("Russian")
        ENGLISH = "en", _("English")

    name = models.CharField(_("name"), max_length=200)
    key = models.CharField(max_length=200, editable=False)
    # Blank for a school's own: the language of a name a deputy chose is not asked.
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, blank=True)
    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school"),
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.key = reference_key(self.name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "key"}
        super().save(*args, **kwargs)

    @classmethod
    def unique_per_school(cls, name: str) -> list[models.UniqueConstraint]:
        # One per scope: NULL never equals NULL, so one constraint would let national
        # duplicates through.
        return [
            models.UniqueConstraint(
                fields=["school", "key"], condition=Q(school__isnull=False), name=f"{name}_school"
            ),
            models.UniqueConstraint(
                fields=["key"], condition=Q(school__isnull=True), name=f"{name}_national"
            ),
        ]


class SubjectAlias(ReferenceAlias):
    """A name for one subject or several ("Қазақ тілі мен әдебиеті" is two). An ambiguous one
    ("Тарих") is asked about in the preview, its subjects being the answers offered."""

    subjects = models.ManyToManyField(Subject, related_name="aliases", verbose_name=_("subjects"))
    ambiguous = models.BooleanField(_("ask which is meant"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("subject alias")
        verbose_name_plural = _("subject aliases")
        constraints = ReferenceAlias.unique_per_school("subject_alias")


class AcademicYearQuerySet(models.QuerySet["AcademicYear"]):
    def for_date(self, day: datetime.date) -> AcademicYear:
        year, _created = self.get_or_create(start_year=academic_start_year(day))
        return year

    def current(self) -> AcademicYear:
        return self.for_date(today())


class AcademicYear(models.Model):
    start_year = models.PositiveSmallIntegerField(_("first calendar year"), unique=True)
    history = HistoricalRecords()

    objects = AcademicYearQuerySet.as_manager()

    class Meta:
        ordering = ["-start_year"]
        verbose_name = _("academic year")
        verbose_name_plural = _("academic years")

    def __str__(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}"

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.start_year, FIRST_MONTH, 1)

    @property
    def ends_on(self) -> datetime.date:
        return datetime.date(self.start_year + 1, FIRST_MONTH, 1) - datetime.timedelta(days=1)

    def contains(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on
