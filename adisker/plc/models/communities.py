"""Communities, their meetings and the rotating roles of a meeting."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from adisker.council.models import Owned, one_owner
from adisker.lib.counting import count_of
from adisker.lib.dates import today
from adisker.people.models import SCHOOL_MANAGERS, StaffProfile, User
from adisker.schools.models import AcademicYear, InterSchoolAssociation, School


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
        # Cycles belong to a community: their module imports this one.
        from adisker.plc.models.cycles import InquiryCycle, Stage

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
