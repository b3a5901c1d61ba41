"""The cast every test needs, built with factory_boy.

School A and school A2 are in district A; school B is in district B. Each role gets a user,
so that a test can say "the deputy of school A" or "a teacher of school B".
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

import factory
import lxml.html
from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db.models import Model
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, resolve, reverse
from django.utils.module_loading import import_string

from adisker.lib.identifiers import control_digit
from adisker.people.models import (
    Position,
    QualificationCategory,
    Role,
    RoleMembership,
    StaffProfile,
    User,
)
from adisker.schools.models import District, Region, School

PASSWORD = "correct horse battery"
CSRF_PROBE_HEADER = "HTTP_X_CSRF_PROBE"
# Django's own admin pages are tested by Django; every other URL pattern must be.
UNTESTED_NAMESPACES = {"admin"}
_serials = itertools.count(1)
_iin_serials = itertools.count(1)


def with_control_digit(first_eleven: str) -> str | None:
    check = control_digit(first_eleven)
    return None if check is None else f"{first_eleven}{check}"


def valid_number(prefix: str) -> str:
    """A 12-digit number starting with `prefix` whose control digit is right."""
    width = 11 - len(prefix)
    while True:
        serial = next(_serials)
        if serial >= 10**width:
            raise RuntimeError(f"No numbers left after the prefix {prefix}.")
        if number := with_control_digit(f"{prefix}{serial:0{width}d}"):
            return number


def valid_iin(born: datetime.date | None = None) -> str:
    """A woman's IIN: born on `born`, or in the 1900s on a day of 1985 onwards that moves on
    every 10,000 numbers, so that a long suite never runs out of distinct IINs."""
    while True:
        serial = next(_iin_serials)
        day = born or datetime.date(1985, 3, 15) + datetime.timedelta(days=serial // 10_000)
        century = 4 if day.year < 2000 else 6
        if number := with_control_digit(f"{day:%y%m%d}{century}{serial % 10_000:04d}"):
            return number


def valid_bin() -> str:
    return valid_number("050440")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name_kk = factory.Sequence(lambda n: f"Облыс {n}")
    name_ru = factory.Sequence(lambda n: f"Область {n}")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    region = factory.SubFactory(RegionFactory)
    name_kk = factory.Sequence(lambda n: f"Аудан {n}")
    name_ru = factory.Sequence(lambda n: f"Район {n}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    district = factory.SubFactory(DistrictFactory)
    name_kk = factory.Sequence(lambda n: f"№{n} мектеп")
    name_ru = factory.Sequence(lambda n: f"Школа №{n}")
    bin = factory.LazyFunction(valid_bin)
    school_type = School.Type.GENERAL
    locality = School.Locality.URBAN
    language = School.Language.KAZAKH
    pupil_count = 500


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.kz")
    password = factory.django.Password(PASSWORD)


class StaffProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffProfile

    school = factory.SubFactory(SchoolFactory)
    last_name = factory.Sequence(lambda n: f"Әбенова{n}")
    first_name = "Айгүл"
    patronymic = "Серікқызы"
    iin = factory.LazyFunction(valid_iin)
    position = factory.LazyFunction(lambda: Position.objects.get(code="teacher"))
    category = factory.LazyFunction(lambda: QualificationCategory.objects.get(code="moderator"))
    education = StaffProfile.Education.HIGHER


def member(role: str, *, school: School | None = None, district: District | None = None) -> User:
    """A user holding `role`; school roles also get a staff profile in that school."""
    user = UserFactory(username=f"{role}-{next(_serials)}")
    RoleMembership.objects.create(user=user, role=role, school=school, district=district)
    if school is not None:
        StaffProfileFactory(school=school, user=user)
    return user


@dataclass
class Cast:
    district_a: District
    district_b: District
    school_a: School
    school_a2: School
    school_b: School
    teacher_a: User
    head_a: User
    facilitator_a: User
    deputy_a: User
    director_a: User
    teacher_b: User
    deputy_b: User
    methodologist_a: User
    methodologist_b: User
    admin: User

    def user(self, name: str) -> User:
        return getattr(self, name)


def build_cast() -> Cast:
    region = RegionFactory()
    district_a = DistrictFactory(region=region)
    district_b = DistrictFactory(region=region)
    school_a = SchoolFactory(district=district_a)
    school_a2 = SchoolFactory(district=district_a)
    school_b = SchoolFactory(district=district_b)
    return Cast(
        district_a=district_a,
        district_b=district_b,
        school_a=school_a,
        school_a2=school_a2,
        school_b=school_b,
        teacher_a=member(Role.TEACHER, school=school_a),
        head_a=member(Role.ASSOCIATION_HEAD, school=school_a),
        facilitator_a=member(Role.PLC_FACILITATOR, school=school_a),
        deputy_a=member(Role.DEPUTY_DIRECTOR, school=school_a),
        director_a=member(Role.DIRECTOR, school=school_a),
        teacher_b=member(Role.TEACHER, school=school_b),
        deputy_b=member(Role.DEPUTY_DIRECTOR, school=school_b),
        methodologist_a=member(Role.DISTRICT_METHODOLOGIST, district=district_a),
        methodologist_b=member(Role.DISTRICT_METHODOLOGIST, district=district_b),
        admin=member(Role.ADMINISTRATOR),
    )


@dataclass(frozen=True)
class NamedPattern:
    view_name: str
    pattern: URLPattern


def named_patterns(resolver: URLResolver, namespace: str = "") -> list[NamedPattern]:
    """Every URL pattern of the project, outside Django's admin, with its full view name."""
    found: list[NamedPattern] = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in UNTESTED_NAMESPACES:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else pattern.lookup_str
            found.append(NamedPattern(name, pattern))
    return found


def home_page(client: Client) -> HttpResponse:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def listed(
    response: HttpResponse, model: type[Model], links: str = "//tbody/tr/td[1]/a"
) -> list[Model]:
    """The objects a list page links to (by default from the first cell of each row of its
    table), in the order shown: what the reader sees."""
    page = lxml.html.fromstring(response.content)
    pks = [resolve(a.get("href")).kwargs["pk"] for a in page.xpath(links)]
    found = model.objects.in_bulk(pks)
    return [found[pk] for pk in pks]


class ServerProcess:
    """One server process's cache: a client of its own of the configured cache. With the
    local-memory default each process keeps its own entries, as separate gunicorn workers do;
    with a shared cache (REDIS_URL) each has its own connection to the same server."""

    def __init__(self, name: str) -> None:
        config = settings.CACHES["default"]
        backend = import_string(config["BACKEND"])
        location = config.get("LOCATION", "")
        if issubclass(backend, LocMemCache):
            location = f"server-process-{name}-{next(_serials)}"
        self.cache = backend(location, config)
        self._before: list[BaseCache] = []

    def __enter__(self) -> ServerProcess:
        self._before.append(caches["default"])
        caches["default"] = self.cache
        return self

    def __exit__(self, *exc: object) -> None:
        caches["default"] = self._before.pop()


def server_processes() -> tuple[ServerProcess, ServerProcess]:
    """Two server processes over one database: `with first: ...` serves a request as the
    first would, with its cache."""
    return ServerProcess("first"), ServerProcess("second")


def session_queries() -> int:
    """What reading a signed-in request's session costs the database: nothing when sessions
    are kept in the shared cache in front of it (REDIS_URL), one query otherwise."""
    return 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
