"""The council's documents: the annual plan of methodological work and a meeting's protocol.

Builders only: they take what the view fetched and return DOCX bytes in the active language.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from adisker.council.models import AnnualPlan, Association, Meeting, PlanItem, ProtocolDecision
from adisker.lib import documents
from adisker.lib.documents import Column
from adisker.people.models import Role, StaffProfile
from adisker.records.plan import school_signers
from adisker.schools.models import InterSchoolAssociation, School


def owner_name(owner: School | InterSchoolAssociation) -> str:
    return owner.name


def item_when(item: PlanItem) -> str:
    if item.planned_on:
        return item.planned_on.strftime(documents.DATE_FORMAT)
    if item.planned_month:
        return capfirst(str(item.get_planned_month_display()))
    return ""


def item_responsible(item: PlanItem) -> str:
    return item.responsible.short_name if item.responsible else ""


def item_result(item: PlanItem) -> str:
    lines = [item.expected_result]
    if item.audience:
        lines.insert(0, _("For whom: %(audience)s") % {"audience": item.audience})
    return "\n".join(line for line in lines if line)


def item_status(item: PlanItem) -> str:
    text = capfirst(str(item.get_status_display()))
    if item.evidence and item.status != PlanItem.Status.PLANNED:
        text += f"\n{item.evidence}"
    return text


def plan_columns() -> list[Column]:
    return [
        Column(_("Content of the work"), lambda item: _item_title(item), width=40),
        Column(_("Form of work"), lambda item: item.form_of_work.name, width=18),
        Column(_("Date"), item_when, width=12, align="center"),
        Column(_("Responsible"), item_responsible, width=18),
        Column(_("Expected result"), item_result, width=28),
        Column(_("Status"), item_status, width=16),
    ]


def _item_title(item: PlanItem) -> str:
    if item.association is not None:
        return f"{item.title}\n({item.association.name})"
    return item.title


def plan_docx(plan: AnnualPlan, items: Sequence[PlanItem]) -> bytes:
    document = documents.docx_document(landscape=True)
    signers = school_signers(plan.school) if plan.school_id else {}
    if plan.school_id:
        director = signers.get(Role.DIRECTOR)
        approver_role = capfirst(str(Role.DIRECTOR.label))
        approver_name = director.short_name if director else ""
    else:
        approver_role = capfirst(_("district methodologist"))
        approver_name = ""
    documents.add_approval(
        document,
        heading=pgettext("approval of a document", "APPROVED").upper(),
        role=approver_role,
        name=approver_name,
    )
    if plan.approved_on:
        documents.add_paragraph(
            document,
            _("Approved on %(date)s") % {"date": plan.approved_on.strftime(documents.DATE_FORMAT)},
            indent=0.62,
            space_after=12,
        )
    documents.add_title(
        document,
        owner_name(plan.owner),
        _("Annual plan of methodological work").upper(),
        _("for the %(year)s academic year") % {"year": plan.academic_year},
    )
    if plan.theme:
        documents.add_paragraph(
            document,
            _("School methodological theme: «%(theme)s» (%(years)s)")
            % {"theme": plan.theme.title, "years": plan.theme.years_label},
            space_after=4,
        )
    if plan.goals:
        documents.add_paragraph(document, _("Goal: %(goal)s") % {"goal": plan.goals}, space_after=4)
    if plan.tasks:
        documents.add_paragraph(document, _("Tasks:"), bold=True)
        for line in plan.tasks.splitlines():
            if line.strip():
                documents.add_paragraph(document, line.strip())
    documents.add_paragraph(document, space_after=6)
    documents.add_table(document, plan_columns(), items)
    deputy = signers.get(Role.DEPUTY_DIRECTOR)
    documents.add_signature(
        document,
        capfirst(str(Role.DEPUTY_DIRECTOR.label)),
        deputy.short_name if deputy else "",
    )
    return documents.docx_bytes(document)


def protocol_kind_title(association: Association) -> str:
    """The meeting's heading: "the methodological council's meeting", etc."""
    kinds = Association.Kind
    if association.kind == kinds.COUNCIL:
        return _("Meeting of the methodological council")
    if association.kind == kinds.SUBJECT:
        return _("Meeting of the methodological association «%(name)s»") % {
            "name": association.name
        }
    if association.kind == kinds.INTER_SCHOOL:
        return _("Meeting of the inter-school methodological association «%(name)s»") % {
            "name": association.name
        }
    return f"{capfirst(association.get_kind_display())} «{association.name}»"


def protocol_docx(
    meeting: Meeting,
    *,
    present: Sequence[StaffProfile],
    absent: Sequence[StaffProfile],
    decisions: dict[int, list[ProtocolDecision]],
) -> bytes:
    association = meeting.association
    document = documents.docx_document()
    documents.add_title(
        document,
        owner_name(association.owner),
        protocol_kind_title(association),
    )
    documents.add_paragraph(
        document,
        _("PROTOCOL No. %(number)s") % {"number": meeting.number},
        bold=True,
        align="center",
        size=16,
        space_before=6,
        space_after=6,
    )
    place = f", {meeting.place}" if meeting.place else ""
    documents.add_paragraph(
        document, f"{date_format(meeting.held_on, 'DATE_FORMAT')}{place}", align="right"
    )
    documents.add_paragraph(document, space_after=6)
    chair, secretary = association.head, association.secretary
    lines = [
        (_("Chair"), chair.short_name if chair else "—"),
        (_("Secretary"), secretary.short_name if secretary else "—"),
        (_("Present"), _("%(count)s people") % {"count": len(present)}),
        (_("Absent"), _("%(count)s people") % {"count": len(absent)}),
    ]
    if absent:
        lines[-1] = (
            _("Absent"),
            _("%(count)s people") % {"count": len(absent)}
            + f" ({', '.join(s.short_name for s in absent)})",
        )
    if meeting.invited:
        lines.append((_("Invited"), meeting.invited))
    for label, value in lines:
        _labelled(document, f"{label}: ", value)

    agenda = list(meeting.agenda_items.all())
    documents.add_paragraph(
        document, _("AGENDA").upper(), bold=True, align="center", space_before=12, space_after=4
    )
    for index, item in enumerate(agenda, start=1):
        speaker = f" ({item.speaker.short_name})" if item.speaker else ""
        documents.add_paragraph(document, f"{index}. {item.title}{speaker}")

    for index, item in enumerate(agenda, start=1):
        documents.add_paragraph(
            document, f"{index}. {item.title}", bold=True, space_before=12, space_after=2
        )
        heard = item.heard or item.title
        speaker = f"{item.speaker.short_name} — " if item.speaker else ""
        _labelled(document, _("HEARD:") + " ", f"{speaker}{heard}")
        if item.spoke:
            _labelled(document, _("SPOKE:") + " ", item.spoke)
        item_decisions = decisions.get(item.pk, [])
        if item_decisions:
            documents.add_paragraph(document, _("DECIDED:"), bold=True, space_before=4)
            for number, decision in enumerate(item_decisions, start=1):
                text = f"{index}.{number}. {decision.text}"
                details = []
                if decision.owner:
                    details.append(_("Responsible: %(name)s") % {"name": decision.owner.short_name})
                if decision.due_on:
                    details.append(
                        _("Deadline: %(date)s")
                        % {"date": decision.due_on.strftime(documents.DATE_FORMAT)}
                    )
                if details:
                    text += f" ({'; '.join(details)})"
                documents.add_paragraph(document, text)

    documents.add_signature(document, _("Chair"), chair.short_name if chair else "")
    documents.add_signature(document, _("Secretary"), secretary.short_name if secretary else "")
    return documents.docx_bytes(document)


def _labelled(document, label: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """A paragraph with a bold label and plain text, as protocols write "СЛУШАЛИ: ..."."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = documents.Pt(2)
    bold = paragraph.add_run(documents.clean(label))
    bold.bold = True
    paragraph.add_run(documents.clean(text))
