"""bench/generate_scale.py: a valid, deterministic synthetic data set whose logins work."""

from __future__ import annotations

import datetime
import io
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.db.models import Count
from django.urls import reverse

from adisker.council.models import Association, Meeting
from adisker.diagnostics.models import (
    Answer,
    Campaign,
    DimensionScore,
    Instrument,
    InstrumentVersion,
    Invitation,
    Proposal,
    Response,
)
from adisker.diagnostics.scoring import VersionStructure, dimension_scores
from adisker.events.models import Event
from adisker.lib.dates import today
from adisker.lib.identifiers import has_valid_checksum
from adisker.people.models import Role, RoleMembership, StaffProfile, User
from adisker.plc.models import Community
from adisker.records.models import QualificationCourse
from adisker.schools.models import InterSchoolAssociation, School
from bench.generate_scale import Refused
from bench.generate_scale import generate as generate_scale

PASSWORD = "scale password for the test"
SCHOOLS, PER_SCHOOL = 40, 20
SPRING, AUTUMN = "Әдістемелік құзыреттілік — көктем", "Әдістемелік құзыреттілік — күз"


def generate(*, seed: int = 3, schools: int = SCHOOLS, per_school: int = PER_SCHOOL) -> str:
    output = io.StringIO()
    generate_scale(schools=schools, teachers_per_school=per_school, seed=seed, out=output)
    return output.getvalue()


@pytest.fixture(scope="module")
def generated(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock(), transaction.atomic():
        patch.setenv("SCALE_PASSWORD", PASSWORD)
        yield generate()
        transaction.set_rollback(True)


@pytest.fixture
def scale(generated: str, db: None) -> str:
    return generated


def test_it_builds_schools_of_every_type_around_the_average_size(scale: str) -> None:
    schools = School.objects.annotate(staff_count=Count("staff"))
    assert len(schools) == SCHOOLS
    assert {s.school_type for s in schools} == set(School.Type.values)
    average = sum(s.staff_count for s in schools) / SCHOOLS
    assert PER_SCHOOL * 0.9 <= average <= PER_SCHOOL * 1.1
    small = [s.staff_count for s in schools if s.school_type == School.Type.SMALL_CLASS]
    large = [s.staff_count for s in schools if s.school_type == School.Type.GYMNASIUM]
    assert max(small) < min(large)
    assert InterSchoolAssociation.objects.exists()
    assert f"{SCHOOLS} schools, {StaffProfile.objects.count():,} staff" in scale


def test_every_identifier_is_valid_and_unique(scale: str) -> None:
    iins = list(StaffProfile.objects.values_list("iin", flat=True))
    bins = list(School.objects.values_list("bin", flat=True))
    assert all(has_valid_checksum(number) for number in iins + bins)
    assert len(set(iins)) == len(iins)


def test_each_school_has_one_director_and_one_deputy_and_every_staff_member_a_login(
    scale: str,
) -> None:
    for role in (Role.DIRECTOR, Role.DEPUTY_DIRECTOR):
        per_school = (
            RoleMembership.objects.filter(role=role).values("school").annotate(n=Count("id"))
        )
        assert sorted(row["school"] for row in per_school) == sorted(
            School.objects.values_list("pk", flat=True)
        )
        assert {row["n"] for row in per_school} == {1}
    assert not StaffProfile.objects.filter(user__isnull=True).exists()
    assert RoleMembership.objects.filter(role=Role.ASSOCIATION_HEAD).exists()
    assert RoleMembership.objects.filter(role=Role.PLC_FACILITATOR).exists()


def test_it_writes_records_and_methodological_work_of_this_year(scale: str) -> None:
    on = today()
    assert QualificationCourse.objects.filter(finished_on__gt=on).count() == 0
    oldest = QualificationCourse.objects.order_by("finished_on").first()
    assert oldest is not None and oldest.finished_on.year <= on.year - 8
    councils = Association.objects.filter(kind=Association.Kind.COUNCIL)
    assert councils.count() == SCHOOLS
    assert Meeting.objects.filter(held_on__gt=on).count() == 0
    assert Community.objects.filter(inter_school__isnull=False).exists()
    assert Event.objects.filter(starts_at__date__gt=on).exists()


def test_the_printed_logins_work(scale: str, client: Any) -> None:
    logins = [line.split()[0] for line in scale.splitlines() if line.startswith("  ")]
    usernames = [name for name in logins if User.objects.filter(username=name).exists()]
    assert len(usernames) == 5
    for username in usernames:
        response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
        assert response.status_code == 302
        assert client.get(reverse("home")).status_code == 200
        client.logout()


def test_new_rows_get_fresh_ids_after_it(scale: str) -> None:
    """The writer gives ids itself; the sequences must have been moved past them."""
    staff = StaffProfile.objects.order_by("pk").first()
    assert staff is not None
    course = QualificationCourse.objects.create(
        staff=staff,
        provider="Өрлеу",
        title="Жаңа курс",
        hours=72,
        format=QualificationCourse.Format.ONLINE,
        started_on=today(),
        finished_on=today(),
    )
    assert course.pk > QualificationCourse.objects.exclude(pk=course.pk).order_by("-pk")[0].pk


def test_it_refuses_a_database_that_has_schools(scale: str) -> None:
    before = StaffProfile.objects.count()
    with pytest.raises(Refused, match="empty"):
        generate()
    assert StaffProfile.objects.count() == before


def test_each_school_has_a_closed_spring_and_an_open_autumn_competence_campaign(
    scale: str,
) -> None:
    on = today()
    found: dict[int, dict[str, tuple[str, datetime.date, int]]] = defaultdict(dict)
    for school_id, title, status, deadline, created_at in Campaign.objects.filter(
        version__instrument__code="competence"
    ).values_list("school_id", "title", "status", "deadline", "created_at"):
        found[school_id][title] = (status, deadline, (on - created_at.date()).days)
    assert set(found) == set(School.objects.values_list("pk", flat=True))
    for campaigns in found.values():
        assert set(campaigns) == {SPRING, AUTUMN}
        status, _deadline, age = campaigns[SPRING]
        assert status == Campaign.Status.CLOSED and 190 <= age <= 210
        status, deadline, age = campaigns[AUTUMN]
        assert status == Campaign.Status.OPEN and deadline > on and 10 <= age <= 30


def test_everyone_is_invited_and_about_the_intended_share_answered(scale: str) -> None:
    staff = StaffProfile.objects.count()
    climate = Campaign.objects.get(version__instrument__code="climate")
    district_staff = StaffProfile.objects.filter(school__district=climate.district).count()
    for title, invited, share in ((SPRING, staff, 0.85), (AUTUMN, staff, 0.40)):
        campaigns = Campaign.objects.filter(title=title)
        invitations = Invitation.objects.filter(campaign__in=campaigns)
        responses = Response.objects.filter(campaign__in=campaigns)
        assert invitations.count() == invited
        assert responses.count() == invitations.filter(submitted=True).count()
        assert share - 0.05 <= responses.count() / invited <= share + 0.05
    assert climate.invitations.count() == district_staff
    assert climate.responses.count() == climate.invitations.filter(submitted=True).count()
    assert 0.65 <= climate.responses.count() / district_staff <= 0.75
    # An answer to every item and a score in every dimension.
    for campaign in (climate, Campaign.objects.filter(title=SPRING).first()):
        items = VersionStructure.load(campaign.version).items
        per_response = Counter(
            Answer.objects.filter(response__campaign=campaign).values_list("response", flat=True)
        )
        assert set(per_response.values()) == {len(items)}
        assert (
            DimensionScore.objects.filter(response__campaign=campaign).count()
            == len(per_response) * campaign.version.dimensions.count()
        )


def test_the_stored_scores_are_those_scoring_gives_for_the_stored_answers(scale: str) -> None:
    structures = {
        v.pk: VersionStructure.load(v)
        for v in InstrumentVersion.objects.filter(campaigns__isnull=False).distinct()
    }
    sample = Response.objects.select_related("campaign").order_by("pk")[::37]
    assert {r.campaign.version_id for r in sample} == set(structures)
    for response in sample:
        structure = structures[response.campaign.version_id]
        answers = {a.item_id: a.option_id for a in response.answers.all()}
        stored = {s.dimension_id: (s.score, s.level_id) for s in response.scores.all()}
        assert stored == {
            dimension_id: (score, structure.level_for(score).pk)
            for dimension_id, score in dimension_scores(structure, answers).items()
        }


def test_teachers_reach_every_level(scale: str) -> None:
    spring = DimensionScore.objects.filter(response__campaign__title=SPRING)
    levels = Counter(spring.values_list("level__code", flat=True))
    assert set(levels) == {"low", "medium", "high"}
    assert min(levels.values()) >= 0.1 * sum(levels.values())


def test_the_climate_survey_names_nobody(scale: str) -> None:
    climate = Campaign.objects.get(version__instrument__code="climate")
    assert climate.instrument.anonymous and climate.status == Campaign.Status.CLOSED
    assert climate.school_id is None and climate.district_id is not None
    assert not climate.responses.filter(respondent__isnull=False).exists()
    assert not climate.responses.filter(subject__isnull=False).exists()
    assert not climate.invitations.filter(subject__isnull=False).exists()
    assert not any(climate.invitations.values_list("draft", flat=True))


def test_every_version_used_is_the_latest_and_frozen(scale: str) -> None:
    used = InstrumentVersion.objects.filter(campaigns__isnull=False).distinct()
    assert {v.instrument.code for v in used} == {"competence", "climate"}
    for version in used:
        first = Campaign.objects.filter(version=version).order_by("created_at")[0]
        assert version.frozen_at is not None and version.frozen_at <= first.created_at
        assert version == Instrument.objects.get(pk=version.instrument_id).latest_version()


def test_generated_results_and_proposals_open_for_the_deputy(scale: str, client: Any) -> None:
    proposal = Proposal.objects.select_related("campaign", "school").first()
    assert proposal is not None and proposal.campaign.title == SPRING
    school = proposal.school
    deputy = RoleMembership.objects.get(role=Role.DEPUTY_DIRECTOR, school=school).user
    client.force_login(deputy)
    for campaign in Campaign.objects.filter(school=school):
        page = client.get(reverse("diagnostics:results", args=[campaign.pk]))
        assert page.status_code == 200
        assert page.context["teachers"] and page.context["results"].any_shown
    page = client.get(reverse("diagnostics:proposals", args=[proposal.campaign_id]))
    assert page.status_code == 200 and page.context["proposals"]
