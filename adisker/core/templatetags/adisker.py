from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django import forms, template
from django.forms import BoundField
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

WIDGET_CLASSES = {"select": "form-select", "checkbox": "form-check-input"}


class PlainSelect(forms.Select):
    """A Select that writes its options itself. Django builds a dictionary per option and renders
    each through a template of its own: the lists of schools, subjects and districts in a filter
    form cost a fifth of the staff list's time. Options of a group are written flat, without the
    group's heading: our forms have none."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option, " selected" if option in chosen else "", label)
                for option, label in self._flat_choices()
            ),
        )
        final_attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), options)

    def _flat_choices(self) -> Iterator[tuple[str, Any]]:
        for value, label in self.choices:
            if isinstance(label, (list, tuple)):
                for group_value, group_label in label:
                    yield ("" if group_value is None else str(group_value)), group_label
            else:
                yield ("" if value is None else str(value)), label


@register.filter
def bootstrap(field: BoundField) -> SafeString:
    """The field's widget with Bootstrap's classes, marked invalid when it has errors."""
    css = WIDGET_CLASSES.get(field.widget_type, "form-control")
    if field.errors:
        css += " is-invalid"
    widget = field.field.widget
    if type(widget) is forms.Select:
        plain = PlainSelect(attrs=widget.attrs, choices=widget.choices)
        return field.as_widget(widget=plain, attrs={"class": css})
    return field.as_widget(attrs={"class": css})


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: object) -> str:
    """The current query string with some parameters replaced, for pagination links."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    encoded: str = query.urlencode()
    return encoded


@register.filter
def minutes(value: datetime.timedelta | None) -> int:
    return int(value.total_seconds() // 60) if value else 0
