from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from adisker.lib.dates import today
from adisker.lib.i18n import LocalizedNameMixin
from adisker.lib.identifiers import validate_iin
from adisker.lib.text import fold_letters, search_condition
from adisker.schools.models import District, ReferenceAlias, School, Subject


class Role(models.TextChoices):
    TEACHER = "teacher", _("teacher")
    ASSOCIATION_HEAD = "association_head", _("head of a methodological association")
    PLC_FACILITATOR = "plc_facilitator", _("PLC facilitator")
    DEPUTY_DIRECTOR = "deputy_director", _("deputy director for methodological work")
    DIRECTOR = "director", _("director")
    DISTRICT_METHODOLOGIST = "district_methodologist", _("district methodologist")
    ADMINISTRATOR = "administrator", _("administrator")


SCHOOL_ROLES = frozenset(
    {Role.TEACHER, Role.ASSOCIATION_HEAD, Role.PLC_FACILITATOR, Role.DEPUTY_DIRECTOR, Role.DIRECTOR}
)
# Who sees every staff member of a school, and who may change them.
SCHOOL_MANAGERS = frozenset({Role.DEPUTY_DIRECTOR, Role.DIRECTOR})
STAFF_EDITORS = frozenset({Role.DEPUTY_DIRECTOR})


@dataclass(frozen=True)
class Scope:
    """What a user's role memberships reach, loaded once per request."""

    roles_by_school: dict[int, frozenset[str]] = field(default_factory=dict)
    district_ids: frozenset[int] = frozenset()
    # The schools of those districts, so that lists filter on an indexed school id rather than
    # on a join to the schools, which PostgreSQL can only answer by reading every row.
    district_school_ids: frozenset[int] = frozenset()
    is_administrator: bool = False

    @property
    def member_school_ids(self) -> set[int]:
        return set(self.roles_by_school)

    @property
    def roles(self) -> set[str]:
        found = {role for roles in self.roles_by_school.values() for role in roles}
        if self.district_ids:
            found.add(Role.DISTRICT_METHODOLOGIST)
        if self.is_administrator:
            found.add(Role.ADMINISTRATOR)
        return found

    @property
    def spans_districts(self) -> bool:
        """Whether the user reaches too many schools to choose one from a single list."""
        return self.is_administrator or len(self.district_ids) > 1

    def school_ids_with(self, roles: frozenset[str] | set[str]) -> set[int]:
        return {pk for pk, held in self.roles_by_school.items() if held & roles}


class User(AbstractUser):
    language = models.CharField(
        _("interface language"), max_length=5, choices=settings.LANGUAGES, blank=True
    )
    history = HistoricalRecords(excluded_fields=["last_login", "password"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        profile = getattr(self, "staff_profile", None)
        return profile.full_name if profile else self.get_full_name() or self.username

    @property
    def short_name(self) -> str:
        profile = getattr(self, "staff_profile", None)
        return profile.short_name if profile else self.username

    @cached_property
    def scope(self) -> Scope:
        roles_by_school: dict[int, set[str]] = {}
        district_ids: set[int] = set()
        district_school_ids: set[int] = set()
        administrator = self.is_superuser
        # One row per school of a methodologist's district, in the same single query.
        for role, school_id, district_id, district_school_id in self.memberships.values_list(
            "role", "school_id", "district_id", "district__schools"
        ):
            if role == Role.ADMINISTRATOR:
                administrator = True
            elif school_id is not None:
                roles_by_school.setdefault(school_id, set()).add(role)
            elif district_id is not None:
                district_ids.add(district_id)
                if district_school_id is not None:
                    district_school_ids.add(district_school_id)
        return Scope(
            roles_by_school={pk: frozenset(roles) for pk, roles in roles_by_school.items()},
            district_ids=frozenset(district_ids),
            district_school_ids=frozenset(district_school_ids),
            is_administrator=administrator,
        )

    @property
    def is_administrator(self) -> bool:
        return self.scope.is_administrator

    def has_role(self, *roles: str) -> bool:
        return bool(self.scope.roles & set(roles))


class RoleMembership(models.Model):
    """A role held in one school, in one district (methodologists) or everywhere (admins)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("school"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("district"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role membership")
        verbose_name_plural = _("role memberships")
        constraints = [
            models.CheckConstraint(
                name="membership_scope_fits_role",
                condition=(
                    Q(role__in=sorted(SCHOOL_ROLES), school__isnull=False, district__isnull=True)
                    | Q(
                        role=Role.DISTRICT_METHODOLOGIST,
                        school__isnull=True,
                        district__isnull=False,
                    )
                    | Q(role=Role.ADMINISTRATOR, school__isnull=True, district__isnull=True)
                ),
            ),
            # One constraint per scope: unique constraints over nullable columns would let
            # duplicates through, since NULL never equals NULL.
            models.UniqueConstraint(
                fields=["user", "role", "school"],
                condition=Q(school__isnull=False),
                name="membership_unique_in_school",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "district"],
                condition=Q(district__isnull=False),
                name="membership_unique_in_district",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(school__isnull=True, district__isnull=True),
                name="membership_unique_global",
            ),
        ]

    def __str__(self) -> str:
        where = self.school or self.district
        return f"{self.get_role_display()}: {where}" if where else self.get_role_display()


class QualificationCategory(LocalizedNameMixin):
    """The categories since 2020: педагог, -модератор, -сарапшы, -зерттеуші, -шебер."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    rank = models.PositiveSmallIntegerField(_("rank"), unique=True)
    name_kk = models.CharField(_("name in Kazakh"), max_length=100)
    name_ru = models.CharField(_("name in Russian"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["rank"]
        verbose_name = _("qualification category")
        verbose_name_plural = _("qualification categories")


class Position(LocalizedNameMixin):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_kk = models.CharField(_("name in Kazakh"), max_length=200)
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_kk"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")


class CategoryAlias(ReferenceAlias):
    """A short or old name of a category: "сарапшы", "высшая" (old categories map as the
    reform did: second, first, highest to модератор, сарапшы, зерттеуші)."""

    category = models.ForeignKey(
        QualificationCategory,
        on_delete=models.CASCADE,
        related_name="aliases",
        verbose_name=_("qualification category"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("qualification category alias")
        verbose_name_plural = _("qualification category aliases")
        constraints = ReferenceAlias.unique_per_school("category_alias")


class PositionAlias(ReferenceAlias):
    """An abbreviation or another form of a position: "ДОІЖО", "зам. по УВР", "мұғалімі"."""

    position = models.ForeignKey(
        Position, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("position")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("position alias")
        verbose_name_plural = _("position aliases")
        constraints = ReferenceAlias.unique_per_school("position_alias")


def managed_school_ids(user: User) -> set[int]:
    """The schools whose staff a user sees as a manager of the school or a methodologist of
    its district."""
    scope = user.scope
    return scope.school_ids_with(SCHOOL_MANAGERS) | scope.district_school_ids


class StaffProfileQuerySet(models.QuerySet["StaffProfile"]):
    def visible_to(self, user: User) -> StaffProfileQuerySet:
        """A teacher sees their own profile; school managers their school; methodologists
        their district; administrators everyone."""
        if user.is_administrator:
            return self.all()
        schools = managed_school_ids(user)
        own = getattr(user, "staff_profile", None)
        if own is None or own.school_id in schools:
            # One condition on the indexed school: with the own profile ORed in as well,
            # PostgreSQL read a district's staff by walking the whole index.
            return self.filter(school_id__in=schools)
        return self.filter(Q(school_id__in=schools) | Q(pk=own.pk))

    def editable_by(self, user: User) -> StaffProfileQuerySet:
        if user.is_administrator:
            return self.all()
        return self.filter(school_id__in=user.scope.school_ids_with(STAFF_EDITORS))

    def search(self, text: str) -> StaffProfileQuerySet:
        condition = search_condition(text)
        return self if condition is None else self.filter(condition)

    def for_list(self) -> StaffProfileQuerySet:
        # Schools are fetched for the page's rows only: joining them makes PostgreSQL hash all
        # the country's schools before it sorts and cuts the page.
        return self.select_related("position", "category").prefetch_related("school", "subjects")


class StaffProfile(models.Model):
    class Education(models.TextChoices):
        VOCATIONAL = "vocational", _("technical and vocational")
        HIGHER = "higher", _("higher")
        MASTER = "master", _("master's degree")
        DOCTORAL = "doctoral", _("doctoral degree (PhD)")

    user = models.OneToOneField(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_profile",
        verbose_name=_("user account"),
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="staff", verbose_name=_("school")
    )
    # Kazakh names are written surname, given name, patronymic; the patronymic may be absent
    # or be a -ұлы / -қызы form, so it is free text.
    last_name = models.CharField(_("surname"), max_length=100)
    first_name = models.CharField(_("given name"), max_length=100)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    iin = models.CharField(_("IIN"), max_length=12, unique=True, validators=[validate_iin])
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="staff", verbose_name=_("position")
    )
    subjects = models.ManyToManyField(
        Subject, blank=True, related_name="teachers", verbose_name=_("subjects")
    )
    education = models.CharField(_("education"), max_length=20, choices=Education.choices)
    education_details = models.CharField(
        _("institution and speciality"), max_length=300, blank=True
    )
    experience_started_on = models.DateField(
        _("pedagogical experience since"), null=True, blank=True
    )
    category = models.ForeignKey(
        QualificationCategory,
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("qualification category"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    search_text = models.TextField(editable=False, default="")
    history = HistoricalRecords(excluded_fields=["search_text"], m2m_fields=[subjects])

    objects = StaffProfileQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "patronymic"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        indexes = [
            models.Index(fields=["school", "last_name", "first_name"]),
            # The administrator's list of the whole country is read in this order, a page at a time.
            models.Index(fields=["last_name", "first_name", "patronymic"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.search_text = self.build_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("people:staff_detail", args=[self.pk])

    def get_record_url(self) -> str:
        return reverse("records:record", args=[self.pk])

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    @property
    def short_name(self) -> str:
        """Surname and initials, as on signature lines: Абенова А. Қ."""
        initials = " ".join(f"{p[0]}." for p in (self.first_name, self.patronymic) if p)
        return f"{self.last_name} {initials}".strip()

    def build_search_text(self) -> str:
        return fold_letters(self.last_name, self.first_name, self.patronymic, self.iin)

    def experience_years(self, on: datetime.date | None = None) -> int | None:
        if self.experience_started_on is None:
            return None
        on = on or today()
        start = self.experience_started_on
        years = on.year - start.year - ((on.month, on.day) < (start.month, start.day))
        return max(years, 0)
