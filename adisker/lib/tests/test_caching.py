"""Data kept in the shared cache until a table it read is written (lib.caching): every kind of
write renews it, in the writing process and in another, and only once it is committed."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection, transaction

from adisker.core.testing import SchoolFactory, StaffProfileFactory, server_processes
from adisker.lib.caching import cached, tables_written
from adisker.people.models import Position, StaffProfile
from adisker.schools.models import School

builds: list[object] = []


def staff_names(school_id: int) -> list[str]:
    builds.append(school_id)
    return list(
        StaffProfile.objects.filter(school_id=school_id)
        .select_related("position")
        .values_list("last_name", "position__name_kk")
    )


def names(school_id: int) -> list[str]:
    return [name for name, _position in cached(staff_names, school_id)]


def positions(school_id: int) -> set[str]:
    return {position for _name, position in cached(staff_names, school_id)}


@pytest.fixture
def school(db: None) -> School:
    builds.clear()
    school = SchoolFactory()
    StaffProfileFactory(school=school, last_name="Бірінші")
    return school


# In a transaction of their own, as requests are: a test's writes otherwise never commit.
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@committed
def test_a_second_call_is_served_from_the_cache(shared_cache: None, school: School) -> None:
    assert names(school.pk) == names(school.pk) == ["Бірінші"]
    assert builds == [school.pk]


@committed
@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda s: StaffProfileFactory(school=s, last_name="Жаңа"), id="create"),
        pytest.param(
            lambda s: StaffProfile.objects.filter(school=s).update(last_name="Жаңа"), id="update"
        ),
        pytest.param(lambda s: StaffProfile.objects.filter(school=s).delete(), id="delete"),
        pytest.param(
            lambda s: connection.cursor().execute(
                "UPDATE people_staffprofile SET last_name = %s WHERE school_id = %s",
                ["Жаңа", s.pk],
            ),
            id="raw SQL",
        ),
    ],
)
def test_every_kind_of_write_renews_what_was_read(
    shared_cache: None, school: School, write
) -> None:  # type: ignore[no-untyped-def]
    before = names(school.pk)
    write(school)
    assert names(school.pk) != before
    assert len(builds) == 2


@committed
def test_a_write_to_a_joined_table_renews_it(shared_cache: None, school: School) -> None:
    assert positions(school.pk) == {"Мұғалім"}
    Position.objects.filter(code="teacher").update(name_kk="Пән мұғалімі")
    assert positions(school.pk) == {"Пән мұғалімі"}


@committed
def test_a_write_elsewhere_keeps_it(shared_cache: None, school: School) -> None:
    names(school.pk)
    SchoolFactory()
    names(school.pk)
    assert builds == [school.pk]


@committed
def test_the_writer_reads_its_own_write_before_it_commits(
    shared_cache: None, school: School
) -> None:
    names(school.pk)
    with transaction.atomic():
        StaffProfileFactory(school=school, last_name="Екінші")
        assert set(names(school.pk)) == {"Бірінші", "Екінші"}
    _first, second = server_processes()
    with second:
        assert set(names(school.pk)) == {"Бірінші", "Екінші"}


@committed
def test_a_rolled_back_write_renews_nothing(shared_cache: None, school: School) -> None:
    names(school.pk)
    with pytest.raises(RuntimeError), transaction.atomic():
        StaffProfileFactory(school=school, last_name="Екінші")
        raise RuntimeError
    assert names(school.pk) == ["Бірінші"]
    assert builds == [school.pk]


@committed
def test_a_write_in_one_process_renews_the_other(shared_cache: None, school: School) -> None:
    first, second = server_processes()
    with second:
        assert names(school.pk) == ["Бірінші"]
    with first:
        StaffProfile.objects.filter(school=school).update(last_name="Өзгерген")
    with second:
        assert names(school.pk) == ["Өзгерген"]


@committed
def test_an_outer_build_renews_with_the_inner_ones_tables(
    shared_cache: None, school: School
) -> None:
    def report(school_id: int) -> str:
        return ", ".join(names(school_id))

    names(school.pk)  # the inner entry is in the cache before the outer is built
    assert cached(report, school.pk) == "Бірінші"
    StaffProfile.objects.filter(school=school).update(last_name="Өзгерген")
    assert cached(report, school.pk) == "Өзгерген"


@committed
def test_writes_outside_djangos_cursor_are_told(shared_cache: None, school: School) -> None:
    names(school.pk)
    with connection.cursor() as cursor:
        # As PostgreSQL's COPY and other writes that Django does not send.
        cursor.connection.cursor().execute(
            "UPDATE people_staffprofile SET last_name = 'Көшірілген' "
            f"WHERE school_id = {int(school.pk)}"
        )
    assert names(school.pk) == ["Бірінші"]
    tables_written(["people_staffprofile"])
    assert names(school.pk) == ["Көшірілген"]


def test_without_a_shared_cache_every_call_builds(school: School) -> None:
    names(school.pk)
    names(school.pk)
    assert builds == [school.pk, school.pk]


def test_the_key_takes_plain_values_only(shared_cache: None, school: School) -> None:
    with pytest.raises(TypeError):
        cached(staff_names, school)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        cached(staff_names, school_id=school.pk)  # type: ignore[call-arg]
    assert cached(lambda day: day.year, datetime.date(2026, 9, 1)) == 2026


@committed
def test_an_entry_of_other_code_is_never_read(
    shared_cache: None, school: School, monkeypatch
) -> None:
    from adisker.lib import caching

    names(school.pk)
    monkeypatch.setattr(caching, "code_version", lambda: "a-later-release")
    names(school.pk)
    assert builds == [school.pk, school.pk]


@committed
def test_an_entry_that_cannot_be_read_is_built_again(shared_cache: None, school: School) -> None:
    from django.core.cache import cache

    from adisker.lib.caching import _entry_key

    names(school.pk)
    key = _entry_key(staff_names, (school.pk,))
    versions, _blob = cache.get(key)
    cache.set(key, (versions, b"not a pickle"))
    assert names(school.pk) == ["Бірінші"]
    assert builds == [school.pk, school.pk]
