from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from adisker.lib.dates import today
from adisker.records.models import (
    Achievement,
    Attestation,
    CourseFollowUp,
    EducationEntry,
    PositionEntry,
    QualificationCourse,
    SelfEducationTopic,
)
from adisker.schools.models import AcademicYear

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def not_in_future(day: datetime.date | None) -> None:
    if day and day > today():
        raise forms.ValidationError(_("The date cannot be in the future."))


class UploadSizeMixin:
    """Refuse uploaded files above MAX_UPLOAD_MB before they are stored."""

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()  # type: ignore[misc]
        for name, value in cleaned.items():
            size = getattr(value, "size", None)
            if size is not None and size > settings.MAX_UPLOAD_MB * 1024 * 1024:
                self.add_error(  # type: ignore[attr-defined]
                    name,
                    _("The file is larger than %(limit)d MB.") % {"limit": settings.MAX_UPLOAD_MB},
                )
        return cleaned


class QualificationCourseForm(UploadSizeMixin, forms.ModelForm):
    class Meta:
        model = QualificationCourse
        fields = [
            "title",
            "provider",
            "hours",
            "format",
            "started_on",
            "finished_on",
            "certificate_number",
            "certificate",
        ]
        widgets = {"started_on": DATE, "finished_on": DATE}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only an imported course may lack them: the model allows it, a hand entry does not.
        for name in ("hours", "format"):
            self.fields[name].required = True

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        started, finished = cleaned.get("started_on"), cleaned.get("finished_on")
        if finished and finished > today():
            self.add_error("finished_on", _("The date cannot be in the future."))
        if started and finished and finished < started:
            self.add_error("finished_on", _("The course cannot end before it starts."))
        return cleaned


class CourseFollowUpForm(forms.ModelForm):
    class Meta:
        model = CourseFollowUp
        fields = ["kind", "held_on", "description"]
        widgets = {"held_on": DATE, "description": forms.Textarea(attrs={"rows": 4})}

    def clean_held_on(self) -> datetime.date:
        held_on = self.cleaned_data["held_on"]
        not_in_future(held_on)
        return held_on


class AttestationForm(forms.ModelForm):
    class Meta:
        model = Attestation
        fields = ["category", "assigned_on", "valid_until", "order_number"]
        widgets = {"assigned_on": DATE, "valid_until": DATE}

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["valid_until"].required = False
        self.fields["valid_until"].help_text = _(
            "Leave empty: the category is valid for %(years)d years from the date assigned."
        ) % {"years": settings.ATTESTATION_PERIOD_YEARS}

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        assigned = cleaned.get("assigned_on")
        if assigned:
            try:
                not_in_future(assigned)
            except forms.ValidationError as error:
                self.add_error("assigned_on", error)
            if not cleaned.get("valid_until"):
                cleaned["valid_until"] = Attestation.default_valid_until(assigned)
            elif cleaned["valid_until"] <= assigned:
                self.add_error("valid_until", _("The end must come after the date assigned."))
        return cleaned


class EducationEntryForm(forms.ModelForm):
    class Meta:
        model = EducationEntry
        fields = ["level", "institution", "speciality", "graduated_in"]

    def clean_graduated_in(self) -> int:
        year = self.cleaned_data["graduated_in"]
        if not 1950 <= year <= today().year:
            raise forms.ValidationError(_("Enter a year between 1950 and this year."))
        return year


class PositionEntryForm(forms.ModelForm):
    class Meta:
        model = PositionEntry
        fields = ["position", "organisation", "started_on", "ended_on"]
        widgets = {"started_on": DATE, "ended_on": DATE}

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        started, ended = cleaned.get("started_on"), cleaned.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("The end cannot come before the start."))
        return cleaned


class SelfEducationTopicForm(forms.ModelForm):
    class Meta:
        model = SelfEducationTopic
        fields = ["academic_year", "topic", "plan", "write_up"]
        widgets = {
            "plan": forms.Textarea(attrs={"rows": 4}),
            "write_up": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        current = AcademicYear.objects.current()
        self.fields["academic_year"].queryset = AcademicYear.objects.filter(
            start_year__lte=current.start_year
        )
        self.fields["academic_year"].initial = current.pk

    def clean_academic_year(self) -> AcademicYear:
        year = self.cleaned_data["academic_year"]
        taken = SelfEducationTopic.objects.filter(staff=self.instance.staff, academic_year=year)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("There is already a topic for this academic year."))
        return year


class AchievementForm(UploadSizeMixin, forms.ModelForm):
    class Meta:
        model = Achievement
        fields = ["kind", "title", "held_on", "level", "description", "file"]
        widgets = {"held_on": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def clean_held_on(self) -> datetime.date:
        held_on = self.cleaned_data["held_on"]
        not_in_future(held_on)
        return held_on
