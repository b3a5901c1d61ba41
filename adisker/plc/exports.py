"""The PLC's report on its cycles and the report of one Lesson Study cycle, as DOCX.

Pure builders: an object in, bytes out; the view checks access and sets the language. Pupils
appear only by their codes.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Prefetch
from django.utils import formats
from django.utils.translation import gettext as _
from docx.document import Document

from adisker.lib import documents
from adisker.lib.dates import today
from adisker.lib.documents import Column
from adisker.people.models import StaffProfile
from adisker.plc.models import (
    Community,
    InquiryCycle,
    LessonObservation,
    MeetingAssignment,
    MeetingRole,
)
from adisker.plc.selectors import ResultRow, evidence_of
from adisker.records.exports import portfolio_section


def _score(value: Decimal | None) -> str:
    """In the document's language: 62,5 in Kazakh and Russian, 62.5 in English."""
    return "—" if value is None else formats.number_format(value, 1, use_l10n=True)


def _change(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"+{_score(value)}" if value > 0 else _score(value)


def result_columns() -> list[Column]:
    return [
        Column(_("Pupil code"), lambda r: r.code, width=14),
        Column(_("Attainment"), lambda r: r.attainment, width=22),
        Column(_("Before, %"), lambda r: _score(r.before), width=14, align="center"),
        Column(_("After, %"), lambda r: _score(r.after), width=14, align="center"),
        Column(_("Change"), lambda r: _change(r.change), width=14, align="center"),
    ]


def _add_evidence(document, cycle: InquiryCycle) -> None:  # type: ignore[no-untyped-def]
    evidence = evidence_of(cycle)
    rows = [
        *evidence.focus,
        ResultRow(
            _("Class"),
            _("%(count)d pupils, mean") % {"count": evidence.pupils},
            evidence.class_before,
            evidence.class_after,
        ),
    ]
    documents.add_table(document, result_columns(), rows, numbered_rows=False)


def _cycle_with_related(pk: int) -> InquiryCycle:
    return (
        InquiryCycle.objects.select_related("community__facilitator", "subject")
        .prefetch_related(
            "results",
            "focus_pupils",
            "stage_changes__by__staff_profile",
            "lessons__teacher",
            Prefetch(
                "lessons__observations",
                queryset=LessonObservation.objects.select_related(
                    "observer", "pupil"
                ).prefetch_related("notes"),
            ),
        )
        .get(pk=pk)
    )


def lesson_study_docx(cycle: InquiryCycle) -> bytes:
    """One cycle: question, focus pupils, the lessons with the observers' notes per pupil, the
    discussion, the results before and after, and the conclusions."""
    cycle = _cycle_with_related(cycle.pk)
    community = cycle.community
    document = documents.docx_document()
    documents.add_title(document, _("Lesson Study report"), cycle.title)
    documents.add_fields(
        document,
        [
            (_("Professional learning community"), community.name),
            (_("Facilitator"), community.facilitator.full_name),
            (_("Research question"), cycle.research_question),
            (_("Target class"), cycle.target_class),
            (_("Subject"), cycle.subject.name if cycle.subject else ""),
            (_("Stage"), cycle.get_stage_display()),
        ],
    )
    documents.add_heading(document, _("1. Focus pupils"))
    pupils = list(cycle.focus_pupils.all())
    if pupils:
        documents.add_table(
            document,
            [
                Column(_("Pupil code"), lambda p: p.code, width=20),
                Column(_("Attainment"), lambda p: p.get_attainment_display(), width=40),
            ],
            pupils,
        )
    else:
        documents.add_paragraph(document, _("Nothing recorded yet."))

    for lesson in cycle.lessons.all():
        heading = _("2. Research lesson") if lesson.round == 1 else _("4. Revised lesson")
        documents.add_heading(document, heading)
        documents.add_fields(
            document,
            [
                (_("Lesson topic"), lesson.topic),
                (_("Teacher"), lesson.teacher.full_name),
                (_("Taught on"), lesson.taught_on),
                (_("Lesson plan"), lesson.plan),
                (_("Pupils' expected responses"), lesson.expected_responses),
            ],
        )
        observations = list(lesson.observations.all())
        if observations:
            documents.add_paragraph(document, _("Observation forms"), bold=True, space_before=6)
            documents.add_table(
                document,
                [
                    Column(_("Pupil code"), lambda o: o.pupil.code, width=10),
                    Column(_("Observer"), lambda o: o.observer.short_name, width=20),
                    Column(
                        _("Time-stamped notes"),
                        lambda o: "\n".join(f"{n.at:%H:%M} {n.text}" for n in o.notes.all()),
                        width=45,
                    ),
                    Column(_("Summary"), lambda o: o.summary, width=25),
                ],
                observations,
            )
    documents.add_heading(document, _("3. Post-lesson discussion"))
    documents.add_paragraph(document, cycle.discussion_notes or _("Nothing recorded yet."))
    documents.add_heading(document, _("5. Pupils' results before and after the cycle"))
    _add_evidence(document, cycle)
    documents.add_heading(document, _("6. Findings and next steps"))
    documents.add_paragraph(document, cycle.report or _("Nothing recorded yet."))
    changes = list(cycle.stage_changes.all())
    if changes:
        documents.add_heading(document, _("Course of the cycle"))
        documents.add_table(
            document,
            [
                Column(_("Stage"), lambda c: c.get_stage_display(), width=40),
                Column(_("By"), lambda c: str(c.by) if c.by else "", width=30),
                Column(_("Date"), lambda c: c.at.date(), width=15),
            ],
            changes,
        )
    documents.add_paragraph(
        document,
        _("Compiled on %(date)s") % {"date": today().strftime("%d.%m.%Y")},
        space_before=18,
    )
    documents.add_signature(document, _("Facilitator"), community.facilitator.short_name)
    return documents.docx_bytes(document)


def community_report_docx(community: Community) -> bytes:
    """The PLC's cycle report: who, focus and norms, meetings with their roles, and each
    cycle's results before and after."""
    document = documents.docx_document()
    documents.add_title(
        document, _("Report of the professional learning community"), community.name
    )
    participants = community.participants()
    documents.add_fields(
        document,
        [
            (_("School or association"), community.where),
            (_("Academic year"), str(community.academic_year)),
            (_("Facilitator"), community.facilitator.full_name),
            (_("Members"), ", ".join(p.short_name for p in participants)),
            (_("School's methodological theme"), community.theme.title if community.theme else ""),
            (_("Focus on pupils' learning"), community.focus),
            (_("Agreed norms"), community.norms),
            (_("Meeting schedule"), community.meeting_schedule),
        ],
    )
    documents.add_heading(document, _("1. Meetings"))
    meetings = list(
        community.meetings.order_by("held_on", "pk").prefetch_related(
            Prefetch("assignments", queryset=MeetingAssignment.objects.select_related("staff"))
        )
    )
    labels = dict(MeetingRole.choices)
    if meetings:
        documents.add_table(
            document,
            [
                Column(_("Date"), lambda m: m.held_on, width=14),
                Column(_("Topic"), lambda m: m.topic, width=40),
                Column(
                    _("Roles"),
                    lambda m: "\n".join(
                        f"{labels[a.role]}: {a.staff.short_name}" for a in m.assignments.all()
                    ),
                    width=40,
                ),
            ],
            meetings,
        )
    else:
        documents.add_paragraph(document, _("Nothing recorded yet."))
    documents.add_heading(document, _("2. Inquiry cycles"))
    cycles = list(
        community.cycles.order_by("created_at", "pk").prefetch_related("results", "focus_pupils")
    )
    if not cycles:
        documents.add_paragraph(document, _("Nothing recorded yet."))
    for cycle in cycles:
        documents.add_paragraph(
            document, f"{cycle.title} ({cycle.target_class})", bold=True, space_before=8
        )
        question = _("Research question")
        documents.add_paragraph(document, f"{question}: {cycle.research_question}")
        stage = _("Stage")
        documents.add_paragraph(document, f"{stage}: {cycle.get_stage_display()}")
        _add_evidence(document, cycle)
        if cycle.report:
            findings = _("Findings and next steps")
            documents.add_paragraph(document, f"{findings}: {cycle.report}")
    documents.add_paragraph(
        document,
        _("Compiled on %(date)s") % {"date": today().strftime("%d.%m.%Y")},
        space_before=18,
    )
    documents.add_signature(document, _("Facilitator"), community.facilitator.short_name)
    return documents.docx_bytes(document)


@portfolio_section
def add_portfolio_section(document: Document, staff: StaffProfile, number: int) -> None:
    """The portfolio's section on PLC work: the cycles the teacher took part in with the
    class's results before and after, and the recognition of their shared practice."""
    from adisker.plc.selectors import cycles_of, recognition_for

    documents.add_heading(
        document, f"{number}. " + _("Professional learning communities and shared practice")
    )
    cycles = [(cycle, evidence_of(cycle)) for cycle in cycles_of(staff)]
    if cycles:
        documents.add_table(
            document,
            [
                Column(
                    _("Cycle"), lambda row: f"{row[0].title} ({row[0].community.name})", width=40
                ),
                Column(_("Stage"), lambda row: row[0].get_stage_display(), width=20),
                Column(
                    _("Before, %"),
                    lambda row: _score(row[1].class_before),
                    width=12,
                    align="center",
                ),
                Column(
                    _("After, %"), lambda row: _score(row[1].class_after), width=12, align="center"
                ),
            ],
            cycles,
        )
    recognition = recognition_for(staff)
    if recognition.practices:
        documents.add_table(
            document,
            [
                Column(_("Shared practice"), lambda p: p.title, width=44),
                Column(_("Endorsements"), lambda p: p.endorsement_count, width=14, align="center"),
                Column(_("Adaptations"), lambda p: p.adaptation_count, width=14, align="center"),
                Column(
                    _("Featured"),
                    lambda p: _("yes") if p.is_featured else "",
                    width=12,
                    align="center",
                ),
            ],
            recognition.practices,
        )
    if not (cycles or recognition.practices):
        documents.add_paragraph(document, _("Nothing recorded yet."))
