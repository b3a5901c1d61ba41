from __future__ import annotations

import datetime

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()

WIDGET_CLASSES = {"select": "form-select", "checkbox": "form-check-input"}


@register.filter
def bootstrap(field: BoundField) -> SafeString:
    """The field's widget with Bootstrap's classes, marked invalid when it has errors."""
    css = WIDGET_CLASSES.get(field.widget_type, "form-control")
    if field.errors:
        css += " is-invalid"
    return field.as_widget(attrs={"class": css})


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: object) -> str:
    """The current query string with some parameters replaced, for pagination links."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.filter
def minutes(value: datetime.timedelta | None) -> int:
    return int(value.total_seconds() // 60) if value else 0
