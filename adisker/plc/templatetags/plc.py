"""{% plc_record_section staff %}: the PLC part of a teacher's professional record."""

from __future__ import annotations

from django import template

from adisker.people.models import StaffProfile
from adisker.plc.models import record_section

register = template.Library()


@register.inclusion_tag("plc/record_section.html")
def plc_record_section(staff: StaffProfile) -> dict[str, object]:
    return record_section(staff)
