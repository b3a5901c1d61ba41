from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from adisker.lib.uploads import table_kind
from adisker.people.forms import add_district_choice, staff_editable_schools
from adisker.people.models import User
from adisker.roster.columns import WITHOUT
from adisker.roster.reading import RosterChoices, RosterQuestion
from adisker.schools.models import School


class RosterUploadForm(forms.Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none())
    file = forms.FileField(
        label=_("Staff list (.xlsx, .xls, .ods or .csv)"),
        help_text=_(
            "The header row may be in Kazakh, Russian or English and may have title rows above "
            "it. Nothing is imported until you check the preview."
        ),
    )

    def __init__(self, *args, user: User, district_id: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = staff_editable_schools(user)
        add_district_choice(self, user, district_id=district_id)
        schools = self.fields["school"].queryset
        if len(ids := list(schools.values_list("pk", flat=True)[:2])) == 1:
            self.fields["school"].initial = ids[0]
        self.fields["file"].widget.attrs["accept"] = ",".join(ROSTER_FILE_TYPES)

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        table_kind(upload, upload.name)
        return upload


ROSTER_FILE_TYPES = (
    ".xlsx",
    ".xls",
    ".ods",
    ".csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-excel",
    "application/vnd.oasis.opendocument.spreadsheet",
    "text/csv",
)


class RosterChoicesForm(forms.Form):
    """The deputy's answer to each question of a roster's preview: a subject, position or
    category the reference data does not know or finds ambiguous."""

    def __init__(self, *args, questions: list[RosterQuestion], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[question.field_name] = forms.ChoiceField(
                label=_("“%(value)s”") % {"value": question.value},
                choices=[("", _("— choose —")), *question.options],
            )

    @property
    def asked(self) -> list[tuple[RosterQuestion, forms.BoundField]]:
        return [(question, self[question.field_name]) for question in self.questions]

    def choices(self) -> RosterChoices:
        chosen: RosterChoices = {}
        for question in self.questions:
            value = self.cleaned_data[question.field_name]
            ids = () if value == WITHOUT else tuple(int(pk) for pk in value.split(","))
            chosen[(question.kind, question.key)] = ids
        return chosen
