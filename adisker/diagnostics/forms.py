from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from adisker.council.models import FormOfWork
from adisker.diagnostics.models import Instrument, Item, Level, Option
from adisker.lib.dates import today


def field_name(item: Item) -> str:
    return f"item-{item.pk}"


class SectionForm(forms.Form):
    """One section of a questionnaire. Every field is optional here: a draft may be partial;
    completeness is checked when the whole questionnaire is submitted."""

    def __init__(
        self, *args: Any, items: list[Item], options: dict[int, list[Option]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            choices = [(str(o.pk), o.text) for o in options.get(item.pk, [])]
            label = item.text
            field: forms.Field
            if item.kind in (Item.Kind.LIKERT, Item.Kind.SINGLE):
                field = forms.ChoiceField(
                    label=label,
                    choices=choices,
                    required=False,
                    widget=forms.RadioSelect(attrs={"class": "btn-check"}),
                )
            elif item.kind == Item.Kind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    label=label,
                    choices=choices,
                    required=False,
                    widget=forms.CheckboxSelectMultiple(attrs={"class": "btn-check"}),
                )
            elif item.kind == Item.Kind.NUMBER:
                field = forms.DecimalField(
                    label=label,
                    required=False,
                    min_value=Decimal(0),
                    max_digits=10,
                    decimal_places=2,
                    widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
                )
            else:
                field = forms.CharField(label=label, required=False, max_length=500)
            field.item = item  # type: ignore[attr-defined]
            self.fields[field_name(item)] = field

    def values(self) -> dict[int, Any]:
        found: dict[int, Any] = {}
        for item in self.items:
            value = self.cleaned_data.get(field_name(item))
            if item.kind in (Item.Kind.LIKERT, Item.Kind.SINGLE):
                value = int(value) if value else None
            elif item.kind == Item.Kind.MULTIPLE:
                value = [int(v) for v in value or []]
            elif item.kind == Item.Kind.TEXT:
                value = (value or "").strip()
            found[item.pk] = value
        return found


def draft_initial(items: list[Item], draft: dict[str, Any]) -> dict[str, Any]:
    initial = {}
    for item in items:
        value = draft.get(str(item.pk))
        if value is None:
            continue
        if item.kind == Item.Kind.MULTIPLE:
            initial[field_name(item)] = [str(v) for v in value]
        elif item.kind in (Item.Kind.LIKERT, Item.Kind.SINGLE):
            initial[field_name(item)] = str(value)
        else:
            initial[field_name(item)] = value
    return initial


class CampaignForm(forms.Form):
    instrument = forms.ModelChoiceField(
        label=_("Instrument"), queryset=Instrument.objects.all(), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean_deadline(self) -> Any:
        deadline = self.cleaned_data["deadline"]
        if deadline < today():
            raise forms.ValidationError(_("The deadline cannot be in the past."))
        return deadline


class LevelForm(forms.Form):
    """Thresholds of a version's levels; the lowest always starts at 0."""

    def __init__(self, *args: Any, levels: list[Level], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.levels = levels
        for level in levels[1:]:
            self.fields[f"level-{level.pk}"] = forms.DecimalField(
                label=level.name,
                min_value=Decimal(1),
                max_value=Decimal(100),
                decimal_places=1,
                initial=level.min_score,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        values = [data.get(f"level-{level.pk}") for level in self.levels[1:]]
        if None not in values and values != sorted(set(values)):
            raise forms.ValidationError(_("Each level must start above the one before it."))
        return data


class ItemTextForm(forms.Form):
    text_kk = forms.CharField(label=_("text in Kazakh"), max_length=500)
    text_ru = forms.CharField(label=_("text in Russian"), max_length=500)
    text_en = forms.CharField(label=_("text in English"), max_length=500)


class ProposalDecisionForm(forms.Form):
    """The deputy's decision on a proposal: accept it (with a title and, for a topic, the
    form of work of the plan item it becomes) or set it aside."""

    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("reject", _("Set aside"))])
    title = forms.CharField(max_length=300, required=False)
    form_code = forms.ChoiceField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = FormOfWork.objects.values_list("code", "code")
        self.fields["form_code"].choices = [("", ""), *codes]
