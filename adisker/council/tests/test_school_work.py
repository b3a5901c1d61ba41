"""The school's page of methodological work is built once per school summary version and read
from the cache; every write of what it shows gives the school a new version."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adisker.core.testing import Cast
from adisker.council.models import Association, DevelopmentTopic, MethodologicalTheme
from adisker.council.services import add_mentoring_pair, schedule_meeting
from adisker.council.tests.factories import council_of, structure_of, this_year
from adisker.records.models import SelfEducationTopic
from adisker.schools.models import InterSchoolAssociation, School, Subject

pytestmark = pytest.mark.django_db


def page(client: Client, school: School) -> tuple[str, int]:
    """The page's cached part, as it came in the page, and the page's queries."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("council:school", args=[school.pk]))
    assert response.status_code == 200
    work = response.context["work"]
    assert work in response.content.decode()  # as HTML, not escaped
    return work, len(captured)


def version(school: School) -> int:
    return School.objects.values_list("summary_version", flat=True).get(pk=school.pk)


def test_the_second_visit_reads_the_page_from_the_cache(client, cast: Cast) -> None:
    council_of(cast.school_a, head=cast.deputy_a.staff_profile, formation_decision="Хаттама №1")
    client.force_login(cast.teacher_a)
    first, first_queries = page(client, cast.school_a)
    assert "Хаттама №1" in first

    again, queries = page(client, cast.school_a)

    assert again == first
    # Session, user, roles, the school and the academic year.
    assert queries == 5 < first_queries


def test_another_staff_members_write_shows_on_the_next_visit(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    before, _queries = page(client, cast.school_a)
    assert "Шығармашылық топ" not in before
    client.force_login(cast.deputy_a)
    response = client.post(
        reverse("council:structure_create", args=[cast.school_a.pk]),
        {"kind": "commission", "name": "Шығармашылық топ"},
    )
    assert response.status_code == 302

    client.force_login(cast.teacher_a)
    after, _queries = page(client, cast.school_a)

    assert "Шығармашылық топ" in after


def test_what_the_reader_may_do_is_cached_apart(client, cast: Cast) -> None:
    pair = add_mentoring_pair(
        school=cast.school_a,
        academic_year=this_year(),
        mentor=cast.head_a.staff_profile,
        mentee=cast.teacher_a.staff_profile,
    )
    remove = reverse("council:pair_delete", args=[pair.pk])
    client.force_login(cast.deputy_a)
    assert remove in page(client, cast.school_a)[0]
    client.force_login(cast.teacher_a)
    assert remove not in page(client, cast.school_a)[0]


def test_each_reader_gets_their_own_csrf_token(cast: Cast) -> None:
    pair = add_mentoring_pair(
        school=cast.school_a,
        academic_year=this_year(),
        mentor=cast.head_a.staff_profile,
        mentee=cast.teacher_a.staff_profile,
    )
    builder = Client(enforce_csrf_checks=True)
    builder.force_login(cast.admin)
    page(builder, cast.school_a)
    reader = Client(enforce_csrf_checks=True)
    reader.force_login(cast.deputy_a)
    html, queries = page(reader, cast.school_a)
    assert queries == 5  # the admin's entry: the deputy may do the same
    action = reverse("council:pair_delete", args=[pair.pk])
    form = re.search(rf'action="{action}">.*?value="([^"]+)"', html)
    assert form is not None

    response = reader.post(action, {"csrfmiddlewaretoken": form.group(1)})

    assert response.status_code == 302
    assert not type(pair).objects.exists()


def staff_of(cast: Cast):  # type: ignore[no-untyped-def]
    return cast.teacher_a.staff_profile


def renamed(obj, field: str, value: str) -> Callable[[], None]:  # type: ignore[no-untyped-def]
    def change() -> None:
        setattr(obj, field, value)
        obj.save()

    return change


# Each write of what the page shows: what it needs made first, then the school whose version
# the write itself must change, and the write.
Write = tuple[School, Callable[[], object]]
WRITES: dict[str, Callable[[Cast], Write]] = {}


def write(function: Callable[[Cast], Write]) -> Callable[[Cast], Write]:
    WRITES[function.__name__] = function
    return function


@write
def structure_formed(cast: Cast) -> Write:
    return cast.school_a, lambda: structure_of(cast.school_a)


@write
def structure_renamed(cast: Cast) -> Write:
    return cast.school_a, renamed(structure_of(cast.school_a), "name", "Тіл ӘБ")


@write
def member_added(cast: Cast) -> Write:
    association = structure_of(cast.school_a)
    return cast.school_a, lambda: association.members.add(staff_of(cast))


@write
def structure_subject_added(cast: Cast) -> Write:
    association = structure_of(cast.school_a)
    biology = Subject.objects.create(code="bio", name_kk="Биология")
    return cast.school_a, lambda: association.subjects.add(biology)


@write
def meeting_scheduled(cast: Cast) -> Write:
    council = council_of(cast.school_a)
    day = this_year().starts_on
    return cast.school_a, lambda: schedule_meeting(association=council, held_on=day)


@write
def theme_set(cast: Cast) -> Write:
    return cast.school_a, lambda: MethodologicalTheme.objects.create(
        school=cast.school_a, title="Тақырып", start_year=2024, end_year=2028
    )


@write
def pair_removed(cast: Cast) -> Write:
    pair = add_mentoring_pair(
        school=cast.school_a,
        academic_year=this_year(),
        mentor=cast.head_a.staff_profile,
        mentee=staff_of(cast),
    )
    return cast.school_a, pair.delete


@write
def topic_linked(cast: Cast) -> Write:
    topic = DevelopmentTopic.objects.create(
        school=cast.school_a, academic_year=this_year(), title="Бағалау"
    )
    own = SelfEducationTopic.objects.create(
        staff=staff_of(cast), academic_year=this_year(), topic="Формативті бағалау"
    )
    return cast.school_a, lambda: topic.self_education_topics.add(own)


@write
def self_education_topic_reworded(cast: Cast) -> Write:
    own = SelfEducationTopic.objects.create(
        staff=staff_of(cast), academic_year=this_year(), topic="Бағалау"
    )
    return cast.school_a, renamed(own, "topic", "Критериалды бағалау")


@write
def staff_subject_added(cast: Cast) -> Write:
    geography = Subject.objects.create(code="geo", name_kk="География")
    return cast.school_a, lambda: staff_of(cast).subjects.add(geography)


@write
def subject_renamed(cast: Cast) -> Write:
    # Any school's council may list it.
    return cast.school_b, renamed(
        Subject.objects.create(code="chem", name_kk="Химия"), "name_kk", "Химия пәні"
    )


def joint_of(cast: Cast) -> InterSchoolAssociation:
    joint = InterSchoolAssociation.objects.create(
        district=cast.district_a, base_school=cast.school_a2, name_kk="Бірлестік"
    )
    joint.member_schools.add(cast.school_a)
    return joint


@write
def joint_renamed_at_the_base_school(cast: Cast) -> Write:
    return cast.school_a2, renamed(joint_of(cast), "name_kk", "Аудандық бірлестік")


@write
def joint_renamed_at_a_member_school(cast: Cast) -> Write:
    return cast.school_a, renamed(joint_of(cast), "name_kk", "Аудандық бірлестік")


@write
def school_left_the_joint(cast: Cast) -> Write:
    joint = joint_of(cast)
    return cast.school_a, lambda: joint.member_schools.remove(cast.school_a)


@write
def joint_deleted(cast: Cast) -> Write:
    return cast.school_a, joint_of(cast).delete


@write
def joint_structure_formed(cast: Cast) -> Write:
    joint = joint_of(cast)
    return cast.school_a, lambda: structure_of(
        inter_school=joint, kind=Association.Kind.INTER_SCHOOL
    )


@pytest.mark.parametrize("name", WRITES)
def test_a_write_of_what_the_page_shows_gives_the_school_a_new_version(
    cast: Cast, name: str
) -> None:
    school, change = WRITES[name](cast)
    before = version(school)

    change()

    assert version(school) != before
