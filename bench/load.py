"""Each role's main pages under load, measured against the framework's floor (issue 7).

Serves the app with gunicorn (sync workers, DEBUG off) on a free loopback port and loads it
from a second process with wrk, which is written in C and so leaves the CPU to the server.
Signed-in users are real users of the database the environment points at (DATABASE_URL, else
SQLITE_PATH): up to --users per role, teachers spread over the list, deputy directors and
directors of the largest schools, methodologists of the largest districts. Their sessions are
written straight into the session store (no password, no lock-out counting) and deleted at
the end.

For every page of every role (the home page, each menu item, the main detail pages, each
resolved per user so that users hit their own objects) it prints the median and 95th
percentile latency, requests per second and the queries one request runs, and the same for
/floor/, a page that only renders a small template for a signed-in user: the floor is measured
at the start, every few pages and at the end, and the headline figure is each page's p95 as a
multiple of the floor's (the median of the floor runs, and the runs just before and after the
page, which shows when something else on the machine took CPU meanwhile). A page that answers
anything but 200 (a redirect to the login page, a 403, a 500) is reported as a problem, never
measured, and the script then exits with status 1. Then the generated documents (XLSX, DOCX):
size and median time, downloaded one after another. Last, each worker's peak memory.
Target: every main page within 3x the floor at p95 with 16 users on the national data set.

    .venv/bin/python bench/load.py [--workers 4] [--connections 16] [--duration 10]
        [--users 16] [--roles teacher,director] [--pages plan] [--list] [--out results.md]

Needs wrk (Debian: apt-get install wrk). Static files are collected into STATIC_ROOT
(default /tmp/adisker-bench-static) for the manifest storage. Never run by pytest.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WRK_SCRIPT = ROOT / "bench" / "wrk" / "rotate.lua"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("STATIC_ROOT", "/tmp/adisker-bench-static")
# Production-like: no debug pages, no query log, plain HTTP on loopback.
os.environ["DEBUG"] = "0"
os.environ["HTTPS"] = "0"
os.environ["ALLOWED_HOSTS"] = ",".join(
    [*filter(None, os.environ.get("ALLOWED_HOSTS", "").split(",")), "127.0.0.1", "localhost"]
)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import resolve, reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from adisker.core.navigation import items_for  # noqa: E402
from adisker.council.models import (  # noqa: E402
    AnnualPlan,
    Association,
    Meeting,
    inter_schools_reached_by,
)
from adisker.diagnostics.access import overseen_campaigns, result_schools  # noqa: E402
from adisker.diagnostics.models import Campaign, Instrument, Invitation  # noqa: E402
from adisker.events.models import Event  # noqa: E402
from adisker.people.access import overseen_schools  # noqa: E402
from adisker.people.models import (  # noqa: E402
    SCHOOL_ROLES,
    Role,
    RoleMembership,
    StaffProfile,
    User,
)
from adisker.plc.models import Community, InquiryCycle, ObservationVisit, Practice  # noqa: E402
from adisker.schools.models import District, InterSchoolAssociation, School  # noqa: E402

TARGET = 3.0
MODEL_BACKEND = "adisker.people.backends.StaffBackend"
MANAGERS = frozenset({Role.DEPUTY_DIRECTOR, Role.DIRECTOR})
ROLLUP = frozenset({Role.DISTRICT_METHODOLOGIST, Role.ADMINISTRATOR})
OVERSEERS = MANAGERS | ROLLUP
TEACHING = frozenset({Role.TEACHER, Role.ASSOCIATION_HEAD, Role.PLC_FACILITATOR})


# Who signs in -------------------------------------------------------------------------------


def spread(items: list[int], limit: int) -> list[int]:
    """`limit` items evenly spaced over the list, the same ones on every run."""
    if len(items) <= limit:
        return items
    return [items[i * len(items) // limit] for i in range(limit)]


def pick_users(role: str, limit: int) -> list[User]:
    """Up to `limit` active users for whom `role` is the highest they hold (a deputy who also
    teaches counts as a deputy): managers of the largest schools and methodologists of the
    largest districts (their pages are the heavy ones), the others spread over everyone."""
    higher = Role.values[Role.values.index(role) + 1 :]
    memberships = RoleMembership.objects.filter(role=role, user__is_active=True).exclude(
        user__memberships__role__in=higher
    )
    if role in SCHOOL_ROLES:
        memberships = memberships.filter(user__staff_profile__isnull=False)
    if role in MANAGERS:
        ordered = memberships.annotate(size=Count("school__staff")).order_by("-size", "user_id")
        ids = list(dict.fromkeys(ordered.values_list("user_id", flat=True)))[:limit]
    elif role == Role.DISTRICT_METHODOLOGIST:
        ordered = memberships.annotate(size=Count("district__schools__staff")).order_by(
            "-size", "user_id"
        )
        ids = list(dict.fromkeys(ordered.values_list("user_id", flat=True)))[:limit]
    else:
        everyone = memberships.order_by("user_id").values_list("user_id", flat=True).distinct()
        ids = spread(list(everyone), limit)
    found = User.objects.select_related("staff_profile").in_bulk(ids)
    return [found[pk] for pk in ids]


def open_session(user: User) -> str:
    """A signed-in session written straight into the store, as login() would leave it."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = MODEL_BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


# Which pages: each resolved for one user, None when that user has nothing of the kind ------


_main_schools: dict[int, School | None] = {}


def main_school(user: User) -> School | None:
    """The user's largest school: their own, else the largest they oversee."""
    if user.pk not in _main_schools:
        scope = user.scope
        if scope.roles_by_school:
            candidates = School.objects.filter(pk__in=scope.member_school_ids)
        else:
            candidates = overseen_schools(user)
        _main_schools[user.pk] = (
            candidates.annotate(size=Count("staff")).order_by("-size", "pk").first()
        )
    return _main_schools[user.pk]


def main_district(user: User) -> District | None:
    school = main_school(user)
    return school.district if school else None


def profile(user: User) -> StaffProfile | None:
    return getattr(user, "staff_profile", None)


def colleague(user: User) -> StaffProfile | None:
    """Someone else on the staff of the user's largest school."""
    school = main_school(user)
    if school is None:
        return None
    return (
        StaffProfile.objects.filter(school=school)
        .exclude(user=user)
        .order_by("last_name", "first_name", "pk")
        .first()
    )


def annual_plan(user: User) -> AnnualPlan | None:
    plans = AnnualPlan.objects.visible_to(user).order_by("-academic_year__start_year", "pk")
    school = main_school(user)
    return (plans.filter(school=school).first() if school else None) or plans.first()


def structure(user: User) -> Association | None:
    """The structure the user heads, else the largest of their school."""
    me = profile(user)
    headed = Association.objects.filter(head=me) if me else Association.objects.none()
    largest = (
        Association.objects.visible_to(user)
        .filter(school=main_school(user))
        .annotate(size=Count("members"))
        .order_by("-academic_year__start_year", "-size", "pk")
    )
    return headed.order_by("-academic_year__start_year", "pk").first() or largest.first()


def council_meeting(user: User) -> Meeting | None:
    meetings = Meeting.objects.visible_to(user).order_by("-held_on", "-pk")
    school = main_school(user)
    return (meetings.filter(association__school=school).first() if school else None) or (
        meetings.first()
    )


def inter_school(user: User) -> InterSchoolAssociation | None:
    return inter_schools_reached_by(user).order_by("pk").first()


def event(user: User) -> Event | None:
    events = Event.objects.visible_to(user).annotate(size=Count("participations"))
    return events.order_by("-size", "-starts_at", "pk").first()


def community(user: User) -> Community | None:
    """The PLC the user facilitates, else the largest they see."""
    me = profile(user)
    facilitated = Community.objects.filter(facilitator=me) if me else Community.objects.none()
    largest = (
        Community.objects.visible_to(user).annotate(size=Count("members")).order_by("-size", "pk")
    )
    return facilitated.order_by("pk").first() or largest.first()


def cycle(user: User) -> InquiryCycle | None:
    visible = Community.objects.visible_to(user)
    return InquiryCycle.objects.filter(community__in=visible).order_by("-pk").first()


def practice(user: User) -> Practice | None:
    return Practice.objects.visible_to(user).order_by("-pk").first()


def visit(user: User) -> ObservationVisit | None:
    return ObservationVisit.objects.visible_to(user).order_by("-visit_on", "-pk").first()


def campaign(user: User) -> Campaign | None:
    return overseen_campaigns(user).order_by("-pk").first()


def campaign_with_results(user: User, *, of_district: bool | None = None) -> Campaign | None:
    """The latest campaign whose results the user sees: of a district, of a school, or
    either."""
    campaigns = overseen_campaigns(user).for_list().order_by("-pk")
    if of_district is not None:
        campaigns = campaigns.filter(district__isnull=not of_district)
    for found in campaigns[:20]:
        if found.results_visible and result_schools(user, found).exists():
            return found
    return None


def competence_campaign(user: User) -> Campaign | None:
    competence = overseen_campaigns(user).filter(
        version__instrument__kind=Instrument.Kind.COMPETENCE
    )
    return competence.order_by("-pk").first()


def own_invitation(user: User) -> Invitation | None:
    return Invitation.objects.filter(user=user, role=Invitation.Role.SELF).order_by("-pk").first()


def own_result(user: User) -> str | None:
    me = profile(user)
    invitation = (
        Invitation.objects.filter(
            user=user,
            role=Invitation.Role.SELF,
            submitted=True,
            campaign__version__instrument__anonymous=False,
        )
        .order_by("-pk")
        .first()
    )
    if me is None or invitation is None:
        return None
    return reverse("diagnostics:teacher", args=[invitation.campaign_id, me.pk])


def colleague_result(user: User) -> str | None:
    school = main_school(user)
    if school is None:
        return None
    invitation = (
        Invitation.objects.filter(
            school=school,
            role=Invitation.Role.SELF,
            submitted=True,
            campaign__version__instrument__anonymous=False,
            campaign__in=overseen_campaigns(user),
        )
        .exclude(user=user)
        .filter(user__staff_profile__isnull=False)
        .select_related("user__staff_profile")
        .order_by("-pk")
        .first()
    )
    if invitation is None:
        return None
    staff_pk = invitation.user.staff_profile.pk
    return reverse("diagnostics:teacher", args=[invitation.campaign_id, staff_pk])


UrlFor = Callable[[User], str | None]


def fixed(view: str) -> UrlFor:
    return lambda user: reverse(view)


def at(finder: Callable[[User], Any], view: str = "") -> UrlFor:
    """The URL of the object `finder` picks for a user: its own page, or `view` with its pk."""

    def url(user: User) -> str | None:
        found = finder(user)
        if found is None:
            return None
        return reverse(view, args=[found.pk]) if view else found.get_absolute_url()

    return url


def filtered(view: str, name: str, finder: Callable[[User], Any]) -> UrlFor:
    """`view` narrowed to the object `finder` picks: ?name=pk."""

    def url(user: User) -> str | None:
        found = finder(user)
        return f"{reverse(view)}?{name}={found.pk}" if found is not None else None

    return url


@dataclass(frozen=True)
class Page:
    name: str
    url: UrlFor
    roles: frozenset[str] | None = None  # None: every role


PAGES = [
    Page("home", fixed("home")),
    # The menu items come next, from core.navigation, then these.
    Page("own record", at(profile, "records:record"), TEACHING | MANAGERS),
    Page("school page", at(main_school, "schools:detail")),
    # A manager's menu already leads to their school's staff and plan.
    Page("school staff list", filtered("people:staff_list", "school", main_school), ROLLUP),
    Page("a colleague's staff page", at(colleague), OVERSEERS),
    Page("a colleague's record", at(colleague, "records:record"), OVERSEERS),
    Page("school course plan", filtered("records:plan", "school", main_school), ROLLUP),
    # The methodologist's menu already leads to their district's.
    Page(
        "district course coverage",
        filtered("records:district_plan", "district", main_district),
        MANAGERS | {Role.ADMINISTRATOR},
    ),
    Page("council: school page", at(main_school, "council:school")),
    Page("council: annual plan", at(annual_plan)),
    Page("council: structure", at(structure)),
    Page("council: meeting", at(council_meeting)),
    Page("council: inter-school association", at(inter_school, "council:joint"), OVERSEERS),
    Page("events list", fixed("events:list")),
    Page("event page", at(event)),
    Page("PLC page", at(community)),
    Page("PLC Lesson Study cycle", at(cycle)),
    Page("practice list", fixed("plc:practices")),
    Page("practice page", at(practice)),
    Page("mutual visits", fixed("plc:visits")),
    Page("mutual visit page", at(visit)),
    Page("visit matrix", at(main_school, "plc:visit_matrix"), OVERSEERS),
    Page("diagnostics: my questionnaire", at(own_invitation), TEACHING | MANAGERS),
    Page("diagnostics: my results", own_result, TEACHING | MANAGERS),
    Page("diagnostics: campaign", at(campaign), OVERSEERS),
    Page(
        "diagnostics: campaign results",
        at(campaign_with_results, "diagnostics:results"),
        OVERSEERS,
    ),
    Page("diagnostics: a teacher's results", colleague_result, MANAGERS | {Role.ADMINISTRATOR}),
    Page(
        "diagnostics: proposals",
        at(competence_campaign, "diagnostics:proposals"),
        frozenset({Role.DEPUTY_DIRECTOR, Role.ADMINISTRATOR}),
    ),
    Page("diagnostics: instruments", fixed("diagnostics:instruments"), OVERSEERS),
    Page("API: staff", fixed("api:staff-list"), OVERSEERS),
]


def menu_pages(users: list[User]) -> list[Page]:
    """Every item of the menu shown to any of the users; a redirect (My profile, say) is
    followed to the page it leads to."""
    seen: dict[str, Page] = {}
    for user in users:
        for item in items_for(user):
            if item.url_name not in seen:
                with translation.override("en"):
                    label = str(item.label)
                seen[item.url_name] = Page(
                    f"menu: {label}",
                    lambda u, item=item: item.url if item.shown_to(u) else None,
                )
    return list(seen.values())


MANAGERS_FIRST = (
    Role.DEPUTY_DIRECTOR,
    Role.DIRECTOR,
    Role.DISTRICT_METHODOLOGIST,
    Role.ADMINISTRATOR,
    Role.PLC_FACILITATOR,
    Role.ASSOCIATION_HEAD,
    Role.TEACHER,
)
DISTRICT_FIRST = (Role.DISTRICT_METHODOLOGIST, Role.ADMINISTRATOR, *MANAGERS_FIRST[:2])
PLC_FIRST = (Role.PLC_FACILITATOR, *MANAGERS_FIRST)
TEACHER_FIRST = (Role.TEACHER, *MANAGERS_FIRST)
# (document, its URL for a user, whose download is measured: the first of these roles that
# can). Managers' documents cover the largest schools, the methodologist's a whole district.
DOCUMENTS: list[tuple[str, UrlFor, tuple[str, ...]]] = [
    ("school course plan XLSX", at(main_school, "records:plan_xlsx"), MANAGERS_FIRST),
    ("school course plan DOCX", at(main_school, "records:plan_docx"), MANAGERS_FIRST),
    (
        "district course coverage XLSX",
        at(main_district, "records:district_plan_xlsx"),
        DISTRICT_FIRST,
    ),
    ("council annual plan DOCX", at(annual_plan, "council:plan_docx"), MANAGERS_FIRST),
    ("council protocol DOCX", at(council_meeting, "council:protocol_docx"), MANAGERS_FIRST),
    ("PLC report DOCX", at(community, "plc:community_docx"), PLC_FIRST),
    ("Lesson Study DOCX", at(cycle, "plc:cycle_docx"), PLC_FIRST),
    (
        "diagnostics results XLSX, a district's campaign",
        at(lambda u: campaign_with_results(u, of_district=True), "diagnostics:results_xlsx"),
        DISTRICT_FIRST,
    ),
    (
        "diagnostics results XLSX, a school's campaign",
        at(lambda u: campaign_with_results(u, of_district=False), "diagnostics:results_xlsx"),
        MANAGERS_FIRST,
    ),
    ("staff list template XLSX", fixed("roster:template"), MANAGERS_FIRST),
    (
        "portfolio DOCX",
        at(lambda u: profile(u) or colleague(u), "records:portfolio_docx"),
        TEACHER_FIRST,
    ),
]


# Checking pages in-process ------------------------------------------------------------------


@dataclass
class Target:
    """One page of one role: the (cookie, path) pairs wrk rotates over, and what was found."""

    role: str
    page: str
    pairs: list[tuple[str, str]] = field(default_factory=list)
    view: str = ""
    queries: int | None = None
    failures: list[str] = field(default_factory=list)
    skipped: str = ""
    result: dict[str, Any] | None = None
    # The p95 of the floor runs just before and just after this page's: other load on the
    # machine that comes and goes shows in both.
    near_floor_p95: float | None = None


def fetch(client: Client, path: str) -> tuple[int, str, str]:
    """(status, final path, note): redirects within the site are followed, up to three; one
    to the login page ends there."""
    note = ""
    for _hop in range(4):
        response = client.get(path)
        if response.status_code not in (301, 302, 303, 307, 308):
            return response.status_code, path, note
        location = response["Location"]
        if location.startswith(reverse("login")):
            return response.status_code, path, "redirects to the login page"
        note = f"{path} redirects to {location}"
        path = location
    return response.status_code, path, "too many redirects"


def matches(texts: list[str], page: Page, users: list[User]) -> bool:
    """Whether the page's name, or the view of its first user's URL, contains one of `texts`."""
    if any(text in page.name for text in texts):
        return True
    path = next((p for p in map(page.url, users) if p is not None), None)
    if path is None:
        return False
    view = resolve(path.split("?")[0]).view_name
    return any(text in view for text in texts)


def check(role: str, page: Page, users: list[User], cookies: dict[int, str]) -> Target:
    target = Target(role, page.name)
    client = Client(HTTP_HOST="127.0.0.1")
    for user in users:
        path = page.url(user)
        if path is None:
            continue
        client.cookies[settings.SESSION_COOKIE_NAME] = cookies[user.pk]
        status, final, note = fetch(client, path)
        if status == 200:
            target.pairs.append((cookies[user.pk], final))
        else:
            target.failures.append(f"{user.username}: GET {path} -> {status} {note}".rstrip())
    if not target.pairs:
        target.skipped = "every user failed" if target.failures else "no user of the role has one"
        return target
    path = target.pairs[0][1]
    target.view = resolve(path.split("?")[0]).view_name
    client.cookies[settings.SESSION_COOKIE_NAME] = target.pairs[0][0]
    client.get(path)  # the second request is counted: caches are warm, as under load
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    target.queries = len(captured)
    return target


# Serving and loading ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(workers: int, port: int, log: Path) -> subprocess.Popen[bytes]:
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "adisker.wsgi:application",
        f"--workers={workers}",
        "--worker-class=sync",
        f"--bind=127.0.0.1:{port}",
        # A slow page must be measured, not killed.
        "--timeout=300",
        "--no-control-socket",
        "--log-level=warning",
    ]
    with log.open("wb") as output:
        server = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped:\n{log.read_text()[-3000:]}")
        try:
            status, _size, _seconds = get(port, reverse("login"), "")
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    stop_gunicorn(server)
    sys.exit(f"gunicorn did not answer in 60 s:\n{log.read_text()[-3000:]}")


def stop_gunicorn(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def get(port: int, path: str, cookie: str) -> tuple[int, int, float]:
    """(status, body size in bytes, seconds) of one GET over HTTP."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    return response.status, len(body), time.perf_counter() - started


def run_wrk(
    port: int, pairs: list[tuple[str, str]], seconds: int, args: argparse.Namespace
) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as listing:
        for cookie, path in pairs:
            listing.write(f"{settings.SESSION_COOKIE_NAME}={cookie}\t{path}\n")
    try:
        completed = subprocess.run(
            [
                "wrk",
                f"--threads={args.threads}",
                f"--connections={args.connections}",
                f"--duration={seconds}s",
                "--timeout=60s",
                f"--script={WRK_SCRIPT}",
                f"http://127.0.0.1:{port}",
                "--",
                listing.name,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        os.unlink(listing.name)
    for line in completed.stdout.splitlines():
        if line.startswith("BENCH "):
            found = json.loads(line.removeprefix("BENCH "))
            seconds_run = found["duration_us"] / 1e6
            found["rps"] = found["requests"] / seconds_run if seconds_run else 0.0
            found["p50_ms"] = found["p50_us"] / 1000
            found["p95_ms"] = found["p95_us"] / 1000
            found["socket_errors"] = sum(
                found[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts")
            )
            return found
    sys.exit(f"wrk gave no figures:\n{completed.stdout}\n{completed.stderr}")


def measure(port: int, pairs: list[tuple[str, str]], args: argparse.Namespace) -> dict[str, Any]:
    if args.cold:
        # Nothing any worker kept in the shared cache (sessions included) survives into the
        # page's figures, and no warm-up fills it again first.
        cache.clear()
    elif args.warmup > 0:
        run_wrk(port, pairs, args.warmup, args)
        drain(port, pairs[0][0])
    found = run_wrk(port, pairs, args.duration, args)
    drain(port, pairs[0][0])
    return found


def drain(port: int, cookie: str) -> None:
    """Wait until the server has worked off what wrk left queued. A page of seconds leaves the
    workers busy long after wrk stops, and the next page measured would get their time (or
    not one answer in its seconds)."""
    deadline = time.monotonic() + 300
    header = f"{settings.SESSION_COOKIE_NAME}={cookie}"
    while time.monotonic() < deadline:
        _status, _size, seconds = get(port, reverse("floor"), header)
        if seconds < 0.25:
            return
    sys.exit("The server did not drain in 300 s.")


def peak_memory(master: int) -> dict[str, Any]:
    """VmHWM (peak resident set) of the master and each of its children, in MB."""

    def vm_hwm(pid: int) -> float | None:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    workers = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines())
        except (OSError, ValueError):
            continue
        if int(fields.get("PPid", "0")) == master:
            workers.append(int(status.parent.name))
    return {
        "master_mb": vm_hwm(master),
        "workers_mb": {pid: vm_hwm(pid) for pid in workers},
    }


# Reporting ----------------------------------------------------------------------------------


def ratio(value: float, floor: float) -> float | None:
    return value / floor if floor else None


def times(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}x" + (" !" if value > TARGET else "")


HEADINGS = [
    "role",
    "page",
    "view",
    "users",
    "p50 ms",
    "p95 ms",
    "req/s",
    "p50/floor",
    "p95/floor",
    "p95/near floor",
    "queries",
    "non-2xx",
]


def page_rows(targets: list[Target], floor: dict[str, float]) -> list[list[str]]:
    rows = []
    for t in targets:
        if t.result is None:
            continue
        r = t.result
        rows.append(
            [
                t.role,
                t.page,
                t.view,
                str(len({cookie for cookie, _path in t.pairs})),
                f"{r['p50_ms']:.1f}",
                f"{r['p95_ms']:.1f}",
                f"{r['rps']:.1f}",
                times(ratio(r["p50_ms"], floor["p50_ms"])),
                times(ratio(r["p95_ms"], floor["p95_ms"])),
                times(ratio(r["p95_ms"], t.near_floor_p95 or 0)),
                str(t.queries),
                str(r["non2xx"] + r["socket_errors"]),
            ]
        )
    return rows


def text_table(headings: list[str], rows: list[list[str]]) -> str:
    columns = zip(headings, *rows, strict=True)
    widths = [max(len(cell) for cell in column) for column in columns]
    numeric = {i for i, h in enumerate(headings) if h not in ("role", "page", "view", "document")}

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.rjust(width) if i in numeric else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(headings), line(["-" * w for w in widths]), *map(line, rows)])


def markdown_table(headings: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headings) + " |", "|" + "---|" * len(headings)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def database_label() -> str:
    name = settings.DATABASES["default"]["NAME"]
    return (
        f"{connection.vendor} {name}: {School.objects.count():,} schools, "
        f"{StaffProfile.objects.count():,} staff, {User.objects.count():,} users"
    )


# The run ------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--connections", type=int, default=16, help="concurrent users")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--warmup", type=int, default=1, help="seconds before each page, or 0")
    parser.add_argument("--users", type=int, default=16, help="users per role")
    parser.add_argument("--floor-every", type=int, default=5, help="pages between floor runs")
    parser.add_argument("--doc-repeats", type=int, default=3, help="requests per document")
    parser.add_argument("--roles", default="", help="comma-separated roles, e.g. teacher,director")
    parser.add_argument(
        "--pages",
        type=lambda value: [text for text in value.split(",") if text],
        default=[],
        help="only pages and documents whose name (or page view) has one of these, comma-separated",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="flush the shared cache (REDIS_URL) before each page and floor run, no warm-up",
    )
    parser.add_argument("--no-documents", action="store_true", help="skip the documents")
    parser.add_argument("--list", action="store_true", help="print the pages, load nothing")
    parser.add_argument("--out", type=Path, help="also write the results: .json, else Markdown")
    args = parser.parse_args()
    if args.connections < args.threads:
        parser.error("--connections must be at least --threads")
    unknown = set(filter(None, args.roles.split(","))) - set(Role.values)
    if unknown:
        parser.error(f"unknown roles: {', '.join(sorted(unknown))}; known: {', '.join(Role)}")
    return args


def main() -> None:
    args = parse_args()
    if not args.list and shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk).")
    roles = [r for r in Role.values if not args.roles or r in args.roles.split(",")]
    print(f"Database: {database_label()}")
    print(f"Collecting static files into {settings.STATIC_ROOT}")
    call_command("collectstatic", interactive=False, verbosity=0)

    users = {role: pick_users(role, args.users) for role in roles}
    everyone = list({u.pk: u for found in users.values() for u in found}.values())
    cookies = {user.pk: open_session(user) for user in everyone}
    server = None
    workdir = Path(tempfile.mkdtemp(prefix="adisker-load-"))
    try:
        started = time.monotonic()
        targets = collect_targets(users, cookies, args.pages)
        print(f"Checked {len(targets)} pages in-process in {time.monotonic() - started:.0f} s\n")
        print_pages(targets, users)
        problems = [f"{t.role} / {t.page}: {f}" for t in targets for f in t.failures]
        if args.list:
            if problems:
                sys.exit(1)
            return

        port = free_port()
        log = workdir / "gunicorn.log"
        server = start_gunicorn(args.workers, port, log)
        print(
            f"\ngunicorn: {args.workers} sync workers on 127.0.0.1:{port}; wrk: "
            f"{args.threads} threads, {args.connections} connections, {args.duration:g} s a page "
            + (
                "the cache flushed before each page, no warm-up\n"
                if args.cold
                else f"after {args.warmup:g} s of warm-up\n"
            )
        )
        floor_pairs = [(cookies[u.pk], reverse("floor")) for u in everyone]
        floor_runs: list[dict[str, Any]] = []

        def run_floor() -> None:
            found = measure(port, floor_pairs, args)
            if not found["requests"]:
                problems.append(f"floor: not one answer in {args.duration} s")
                return
            floor_runs.append(found)
            print(
                f"  floor: p50 {found['p50_ms']:.1f} ms, p95 {found['p95_ms']:.1f} ms, "
                f"{found['rps']:.0f} req/s, non-2xx {found['non2xx'] + found['socket_errors']}"
            )

        measured = [t for t in targets if t.pairs]
        # Every worker meets every template and translation catalogue before the first figure.
        everything = floor_pairs + [pair for t in measured for pair in t.pairs]
        run_wrk(port, everything, max(5, 5 * args.warmup), args)
        run_floor()
        floor_before: dict[int, int] = {}
        for n, target in enumerate(measured, 1):
            floor_before[id(target)] = len(floor_runs) - 1
            target.result = measure(port, target.pairs, args)
            r = target.result
            print(
                f"[{n}/{len(measured)}] {target.role} / {target.page}: p50 {r['p50_ms']:.1f} ms, "
                f"p95 {r['p95_ms']:.1f} ms, {r['rps']:.1f} req/s, {target.queries} queries"
                + (f", NON-2XX {r['statuses']}" if r["non2xx"] else "")
                + (f", SOCKET ERRORS {r['socket_errors']}" if r["socket_errors"] else "")
            )
            if not r["requests"]:
                problems.append(
                    f"{target.role} / {target.page}: not one answer in {args.duration} s"
                )
            if r["non2xx"] or r["socket_errors"]:
                problems.append(
                    f"{target.role} / {target.page}: under load {r['non2xx']} non-2xx "
                    f"{r['statuses']}, {r['socket_errors']} socket errors"
                )
            if n % args.floor_every == 0 and n < len(measured):
                run_floor()
        run_floor()
        floor = {
            key: statistics.median(run[key] for run in floor_runs)
            for key in ("p50_ms", "p95_ms", "rps")
        }
        for target in measured:
            before = floor_before[id(target)]
            near = floor_runs[before : before + 2]
            target.near_floor_p95 = statistics.mean(run["p95_ms"] for run in near)

        documents = [] if args.no_documents else measure_documents(port, users, cookies, args)
        memory = peak_memory(server.pid)
        report(args, targets, floor, floor_runs, documents, memory, problems)
        if problems:
            sys.exit(1)
    finally:
        if server is not None:
            stop_gunicorn(server)
        Session.objects.filter(session_key__in=cookies.values()).delete()
        shutil.rmtree(workdir, ignore_errors=True)


def collect_targets(
    users: dict[str, list[User]], cookies: dict[int, str], only: list[str]
) -> list[Target]:
    """Each role's pages, checked in-process; a page whose users all reach the very URLs of an
    earlier page of the role (a menu item that redirects to it) is kept only once."""
    targets: list[Target] = []
    for role, role_users in users.items():
        if not role_users:
            print(f"{role}: no user holds this role, skipped")
            continue
        seen: dict[frozenset[str], str] = {}
        for page in [PAGES[0], *menu_pages(role_users), *PAGES[1:]]:
            if page.roles is not None and role not in page.roles:
                continue
            if only and not matches(only, page, role_users):
                continue
            target = check(role, page, role_users, cookies)
            paths = frozenset(path for _cookie, path in target.pairs)
            if paths and paths in seen:
                target.skipped, target.pairs = f"the same URLs as {seen[paths]!r}", []
            elif paths:
                seen[paths] = target.page
            targets.append(target)
    return targets


def print_pages(targets: list[Target], users: dict[str, list[User]]) -> None:
    for role, found in users.items():
        if not found:
            continue
        schools = {main_school(u).pk for u in found if main_school(u) is not None}
        print(f"{role}: {len(found)} users, {len(schools)} schools")
        for t in (t for t in targets if t.role == role):
            if t.skipped:
                print(f"  - {t.page}: skipped, {t.skipped}")
            else:
                example = t.pairs[0][1]
                print(f"  {t.page}  [{t.view}]  {len(t.pairs)} users, e.g. {example}")
            for failure in t.failures:
                print(f"      FAILED {failure}")


def measure_documents(
    port: int, users: dict[str, list[User]], cookies: dict[int, str], args: argparse.Namespace
) -> list[dict[str, Any]]:
    """Each generated document, downloaded --doc-repeats times one after another by the first
    user of the first of its roles who can."""
    print("\nDocuments")
    found = []
    for name, url, roles in DOCUMENTS:
        if args.pages and not any(text in name for text in args.pages):
            continue
        for role in roles:
            user = next(iter(users.get(role, [])), None)
            path = url(user) if user is not None else None
            if path is None:
                continue
            cookie = f"{settings.SESSION_COOKIE_NAME}={cookies[user.pk]}"
            first = get(port, path, cookie)
            if first[0] != 200:
                continue  # not this role's document; the next role may have it
            runs = [first] + [get(port, path, cookie) for _ in range(args.doc_repeats - 1)]
            entry = {
                "document": name,
                "role": role,
                "view": resolve(path.split("?")[0]).view_name,
                "path": path,
                "kb": statistics.median(size for _status, size, _s in runs) / 1024,
                "median_s": statistics.median(seconds for _status, _size, seconds in runs),
                "statuses": sorted({status for status, _size, _s in runs}),
            }
            found.append(entry)
            print(
                f"  {name} as {role}: {entry['kb']:.1f} KB, {entry['median_s']:.3f} s "
                f"(median of {len(runs)}), {path}"
            )
            break
        else:
            print(f"  {name}: no chosen user could download one")
    return found


def report(
    args: argparse.Namespace,
    targets: list[Target],
    floor: dict[str, float],
    floor_runs: list[dict[str, Any]],
    documents: list[dict[str, Any]],
    memory: dict[str, Any],
    problems: list[str],
) -> None:
    rows = page_rows(targets, floor)
    over = [row for row in rows if row[8].endswith("!")]
    over_near = [row for row in rows if row[9].endswith("!")]
    spread = max(run["p95_ms"] for run in floor_runs) / (
        min(run["p95_ms"] for run in floor_runs) or 1
    )
    doc_headings = ["document", "role", "view", "KB", "median s"]
    doc_rows = [
        [d["document"], d["role"], d["view"], f"{d['kb']:.1f}", f"{d['median_s']:.3f}"]
        for d in documents
    ]
    workers = ", ".join(f"{mb:.0f}" for mb in memory["workers_mb"].values() if mb is not None)
    summary = [
        f"Database: {database_label()}",
        f"gunicorn {args.workers} sync workers; wrk {args.threads} threads, "
        f"{args.connections} connections, {args.duration:g} s a page"
        + (", the cache flushed before each page (cold)" if args.cold else "")
        + f"; cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}",
        f"Floor (/floor/, median of {len(floor_runs)} runs): p50 {floor['p50_ms']:.1f} ms, "
        f"p95 {floor['p95_ms']:.1f} ms, {floor['rps']:.0f} req/s; runs' p95: "
        + ", ".join(f"{run['p95_ms']:.1f}" for run in floor_runs),
        f"Pages over {TARGET:g}x the floor at p95: {len(over)} of {len(rows)} "
        f"({len(over_near)} against the floor runs next to them)",
        f"Peak memory (VmHWM): master {memory['master_mb'] or 0:.0f} MB, workers {workers} MB",
    ]
    if spread > 1.5:
        summary.append(
            f"The floor's p95 varied {spread:.1f}x between runs: something else used the CPU "
            "meanwhile; the p95/near floor column compares each page with the runs next to it."
        )
    print("\n" + text_table(HEADINGS, rows))
    if doc_rows:
        print("\n" + text_table(doc_headings, doc_rows))
    print("\n" + "\n".join(summary))
    for problem in problems:
        print(f"PROBLEM {problem}")
    if args.out is None:
        return
    if args.out.suffix == ".json":
        data = {
            "summary": summary,
            "cold": args.cold,
            "cache": settings.CACHES["default"]["BACKEND"],
            "floor": floor,
            "floor_runs": floor_runs,
            "pages": [
                {
                    "role": t.role,
                    "page": t.page,
                    "view": t.view,
                    "paths": sorted({path for _cookie, path in t.pairs}),
                    "queries": t.queries,
                    "skipped": t.skipped,
                    "failures": t.failures,
                    "result": t.result,
                    "p95_to_floor": ratio(t.result["p95_ms"], floor["p95_ms"])
                    if t.result
                    else None,
                    "p95_to_near_floor": ratio(t.result["p95_ms"], t.near_floor_p95)
                    if t.result and t.near_floor_p95
                    else None,
                }
                for t in targets
            ],
            "documents": documents,
            "memory": memory,
            "problems": problems,
        }
        args.out.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    else:
        parts = [
            "\n".join(f"- {line}" for line in summary),
            markdown_table(HEADINGS, rows),
            markdown_table(doc_headings, doc_rows) if doc_rows else "",
            "\n".join(f"- {p}" for p in problems),
        ]
        args.out.write_text("\n\n".join(p for p in parts if p) + "\n")
    print(f"Written to {args.out}")


if __name__ == "__main__":
    main()
