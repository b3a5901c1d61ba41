"""The records' documents: the perspective plan (XLSX, DOCX), the district roll-up (XLSX) and
a teacher's portfolio for attestation (DOCX).

Builders only: they take what the view fetched and return bytes in the active language.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.document import Document

from adisker.lib import documents
from adisker.lib.dates import today
from adisker.lib.documents import Column, Trusted
from adisker.people.models import Role, StaffProfile
from adisker.records.plan import Coverage, PlanRow, SchoolPlan, coverage_total
from adisker.schools.models import District

PLAN_MARK = Trusted("+")


def plan_columns(years: Sequence[int]) -> list[Column]:
    def mark(year: int):  # type: ignore[no-untyped-def]
        return lambda row: PLAN_MARK if year in row.marked_years else None

    return [
        Column(_("Full name"), lambda row: row.staff.full_name, width=34),
        Column(_("Position"), lambda row: row.staff.position.name, width=16),
        Column(_("Subjects"), lambda row: row.subjects, width=16),
        Column(_("Category"), lambda row: row.staff.category.name, width=22),
        Column(_("Last course (year, hours)"), last_course, width=14, align="center"),
        *(Column(str(year), mark(year), width=7, align="center") for year in years),
    ]


def last_course(row: PlanRow) -> str | None:
    if row.last_course is None:
        return None
    return _("%(year)s, %(hours)s h") % {
        "year": row.last_course.finished_on.year,
        "hours": row.last_course.hours,
    }


def plan_title(plan: SchoolPlan) -> str:
    return _(
        "Perspective plan of qualification-upgrade courses of «%(school)s» (%(first)s–%(last)s)"
    ) % {
        "school": plan.school.name,
        "first": plan.years[0],
        "last": plan.years[-1],
    }


def plan_totals(plan: SchoolPlan) -> list[object]:
    blanks = [None] * 4
    return [_("Total"), *blanks, *plan.totals]


def signature_role(role: str) -> str:
    return capfirst(str(Role(role).label))


def plan_signature(plan: SchoolPlan) -> tuple[str, str]:
    return signature_role(Role.DEPUTY_DIRECTOR), plan.deputy.short_name if plan.deputy else ""


def plan_xlsx(plan: SchoolPlan) -> bytes:
    role, name = plan_signature(plan)
    return documents.xlsx_table(
        [plan_title(plan), str(plan.school.district)],
        plan_columns(plan.years),
        plan.rows,
        sheet_title=str(plan.years[0]),
        total_row=plan_totals(plan),
        footer_lines=[f"{role}: ______________ / {name}"],
    )


def plan_docx(plan: SchoolPlan) -> bytes:
    document = documents.docx_document(landscape=True)
    documents.add_approval(
        document,
        heading=_("APPROVED"),
        role=signature_role(Role.DIRECTOR),
        name=plan.director.short_name if plan.director else "",
    )
    documents.add_title(document, plan_title(plan))
    documents.add_table(document, plan_columns(plan.years), plan.rows, total_row=plan_totals(plan))
    documents.add_signature(document, *plan_signature(plan))
    return documents.docx_bytes(document)


def coverage_columns(year: int) -> list[Column]:
    return [
        Column(_("School"), lambda row: row.school.name if row.school else _("Total"), width=40),
        Column(_("Staff"), lambda row: row.teachers, width=13, align="right"),
        Column(
            _("Course in the last %(period)s years")
            % {"period": settings.QUALIFICATION_COURSE_PERIOD_YEARS},
            lambda row: row.covered,
            width=14,
            align="right",
        ),
        Column(
            _("Coverage, %"), lambda row: row.percent, width=12, align="right", number_format="0.0"
        ),
        Column(_("Overdue"), lambda row: row.overdue, width=11, align="right"),
        Column(_("No course on record"), lambda row: row.no_record, width=13, align="right"),
        Column(_("Due this year"), lambda row: row.due_this_year, width=11, align="right"),
        Column(
            _("Planned for %(year)s") % {"year": year},
            lambda row: row.planned_this_year,
            width=12,
            align="right",
        ),
    ]


def coverage_title(district: District) -> str:
    return _("Qualification-upgrade courses in %(district)s: coverage by school") % {
        "district": district.name
    }


def coverage_xlsx(district: District, rows: list[Coverage], *, on: datetime.date) -> bytes:
    columns = coverage_columns(on.year)
    total = coverage_total(rows)
    return documents.xlsx_table(
        [coverage_title(district), _("As of %(date)s") % {"date": on.strftime("%d.%m.%Y")}],
        columns,
        rows,
        sheet_title=str(on.year),
        total_row=[column.value(total) for column in columns],
    )


# Portfolio

PERSONAL = [
    (gettext_lazy("Full name"), lambda s: s.full_name),
    (gettext_lazy("School"), lambda s: s.school.name),
    (gettext_lazy("Position"), lambda s: s.position.name),
    (gettext_lazy("Subjects"), lambda s: ", ".join(x.name for x in s.subjects.all())),
    (gettext_lazy("Qualification category"), lambda s: s.category.name),
    (
        gettext_lazy("Education"),
        lambda s: ", ".join(p for p in (s.get_education_display(), s.education_details) if p),
    ),
    (gettext_lazy("Pedagogical experience, years"), lambda s: s.experience_years()),
]

EDUCATION = [
    Column(gettext_lazy("Year of graduation"), lambda e: e.graduated_in, width=16, align="center"),
    Column(gettext_lazy("Institution"), lambda e: e.institution, width=36),
    Column(gettext_lazy("Speciality"), lambda e: e.speciality, width=26),
    Column(gettext_lazy("Level"), lambda e: e.get_level_display(), width=20),
]

POSITIONS = [
    Column(gettext_lazy("Period"), lambda p: period(p.started_on, p.ended_on), width=20),
    Column(gettext_lazy("Position"), lambda p: p.position, width=35),
    Column(gettext_lazy("Organisation"), lambda p: p.organisation, width=45),
]

COURSES = [
    Column(
        gettext_lazy("Dates"), lambda c: period(c.started_on, c.finished_on, days=True), width=16
    ),
    Column(gettext_lazy("Course"), lambda c: f"{c.title} ({c.provider})", width=38),
    Column(gettext_lazy("Hours"), lambda c: c.hours, width=10, align="center"),
    Column(gettext_lazy("Certificate number"), lambda c: c.certificate_number, width=16),
    Column(gettext_lazy("Confirmed"), lambda c: confirmed(c), width=17, align="center"),
]

ATTESTATIONS = [
    Column(gettext_lazy("Qualification category"), lambda a: a.category.name, width=28),
    Column(gettext_lazy("Assigned on"), lambda a: a.assigned_on, width=17, align="center"),
    Column(gettext_lazy("Valid until"), lambda a: a.valid_until, width=17, align="center"),
    Column(gettext_lazy("Order number"), lambda a: a.order_number, width=16),
    Column(gettext_lazy("Confirmed"), lambda a: confirmed(a), width=17, align="center"),
]

TOPICS = [
    Column(gettext_lazy("Academic year"), lambda t: str(t.academic_year), width=18, align="center"),
    Column(gettext_lazy("Topic"), lambda t: t.topic, width=40),
    Column(gettext_lazy("Generalised experience"), lambda t: t.write_up, width=46),
]

ACHIEVEMENTS = [
    Column(gettext_lazy("Date"), lambda a: a.held_on, width=17, align="center"),
    Column(gettext_lazy("Kind"), lambda a: a.get_kind_display(), width=20),
    Column(gettext_lazy("Title"), lambda a: a.title, width=44),
    Column(gettext_lazy("Level"), lambda a: a.get_level_display(), width=18),
]


def period(start: datetime.date, end: datetime.date | None, *, days: bool = False) -> str:
    shown = "%d.%m.%Y" if days else "%Y"
    finish = end.strftime(shown) if end else _("now")
    return f"{start.strftime(shown)}–{finish}"


def confirmed(entry: object) -> str:
    at = getattr(entry, "confirmed_at", None)
    return at.strftime("%d.%m.%Y") if at else _("not confirmed")


# Sections the modules above the record add to the portfolio after the record's own (the PLC
# work): each `section(document, staff, number)` writes its heading, numbered `number`.
PortfolioSection = Callable[[Document, StaffProfile, int], None]
portfolio_sections: list[PortfolioSection] = []


def portfolio_section(section: PortfolioSection) -> PortfolioSection:
    if section not in portfolio_sections:
        portfolio_sections.append(section)
    return section


def portfolio_docx(staff: StaffProfile, *, director: StaffProfile | None) -> bytes:
    """The teacher's record as the attestation commission reads it: A4 portrait, one section
    per part of the record, signed by the director."""
    sections = [
        (_("Education"), EDUCATION, staff.education_entries.all()),
        (_("Positions held"), POSITIONS, staff.position_entries.all()),
        (
            _("Qualification-upgrade courses"),
            COURSES,
            staff.courses.order_by("-finished_on", "-pk"),
        ),
        (_("Attestation"), ATTESTATIONS, staff.attestations.select_related("category")),
        (
            _("Self-education topics"),
            TOPICS,
            staff.self_education_topics.select_related("academic_year"),
        ),
        (
            _("Open lessons, seminars, publications and awards"),
            ACHIEVEMENTS,
            staff.achievements.all(),
        ),
    ]
    document = documents.docx_document()
    documents.add_title(document, _("Portfolio of a teacher"), staff.full_name)
    documents.add_heading(document, _("Personal data"))
    documents.add_fields(document, [(label, value(staff)) for label, value in PERSONAL])
    for number, (heading, columns, entries) in enumerate(sections, start=1):
        documents.add_heading(document, f"{number}. {heading}")
        entries = list(entries)
        if entries:
            documents.add_table(document, columns, entries)
        else:
            documents.add_paragraph(document, _("Nothing recorded yet."))
    for number, section in enumerate(portfolio_sections, start=len(sections) + 1):
        section(document, staff, number)
    documents.add_paragraph(
        document,
        _("Compiled on %(date)s") % {"date": today().strftime("%d.%m.%Y")},
        space_before=18,
    )
    documents.add_signature(
        document, signature_role(Role.DIRECTOR), director.short_name if director else ""
    )
    documents.add_paragraph(document, _("Place of seal"), size=documents.TABLE_SIZE)
    return documents.docx_bytes(document)
