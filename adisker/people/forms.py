from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from adisker.lib.dates import today
from adisker.people.models import STAFF_EDITORS, StaffProfile, User
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
