from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from adisker.lib.dates import today
from adisker.lib.uploads import table_kind
from adisker.people.models import STAFF_EDITORS, StaffProfile, User
from adisker.people.roster import WITHOUT, RosterChoices, RosterQuestion
from adisker.schools.models import District, School


def add_district_choice(form: forms.BaseForm, user: User, *, district_id: int | None) -> None:
    """Let a user who reaches schools in many districts choose the district first, so that the
    school list holds one district's schools rather than every school in the country.

    The district is the submitted one, else `district_id` (the page is asked again with
    ?district= when the choice changes, or the form edits a school's staff member).
    """
    if not user.scope.spans_districts:
        return
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False
    )
    form.fields = {"district": district, **form.fields}
    if form.is_bound:
        district_id = chosen_id(form.data.get("district"))
    form.initial["district"] = district_id
    school = form.fields["school"]
    school.queryset = (
        school.queryset.filter(district_id=district_id)
        if district_id is not None
        else school.queryset.none()
    )


def chosen_id(value: object) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() else None


class StaffProfileForm(forms.ModelForm):
    # Longer than an IIN so that one pasted with spaces reaches clean_iin, which removes them.
    iin = forms.CharField(label=_("IIN"), max_length=24)

    class Meta:
        model = StaffProfile
        fields = [
            "school",
            "last_name",
            "first_name",
            "patronymic",
            "iin",
            "position",
            "subjects",
            "education",
            "education_details",
            "experience_started_on",
            "category",
            "email",
            "phone",
        ]
        widgets = {
            "experience_started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "subjects": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        }

    def __init__(self, *args, user: User, district_id: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only schools whose staff this user may change can be chosen.
        self.fields["school"].queryset = staff_editable_schools(user)
        if district_id is None and self.instance.pk is not None:
            district_id = self.instance.school.district_id
        add_district_choice(self, user, district_id=district_id)
        self.fields["iin"].widget.attrs.update(inputmode="numeric", autocomplete="off")

    def clean_iin(self) -> str:
        # People copy IINs from documents with spaces in them.
        return "".join(self.cleaned_data["iin"].split())

    def clean_experience_started_on(self):
        started = self.cleaned_data["experience_started_on"]
        if started and started > today():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return started


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The username or password is wrong. Both are case-sensitive; check the keyboard "
            "layout (Kazakh, Russian, English)."
        ),
        "inactive": _("This account is switched off. Ask your school's administrator."),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")


def staff_editable_schools(user: User) -> QuerySet[School]:
    """The schools whose staff `user` may change."""
    if user.is_administrator:
        return School.objects.all()
    return School.objects.filter(pk__in=user.scope.school_ids_with(STAFF_EDITORS))


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
