"""{% plc_record_section staff %}: the PLC part of a teacher's professional record;
{{ row.cells|visit_cells }}: a row of the who-visited-whom matrix."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from adisker.people.models import StaffProfile
from adisker.plc.selectors import record_section

register = template.Library()


@register.inclusion_tag("plc/record_section.html")
def plc_record_section(staff: StaffProfile) -> dict[str, object]:
    return record_section(staff)


@register.filter
def visit_cells(cells: list[int]) -> SafeString:
    """One cell per observer, empty when there was no visit. Joined here rather than looped
    over in the template: a large school's row has over a hundred cells, too many for the
    template engine's loop. The counts are integers, so nothing to escape."""
    return mark_safe("".join(f"<td>{n}</td>" if n else "<td></td>" for n in cells))
