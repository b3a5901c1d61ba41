from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from adisker.council.models import (
    AgendaItem,
    AnnualPlan,
    Association,
    DevelopmentTopic,
    Meeting,
    MentoringPair,
    MethodologicalTheme,
    PlanItem,
    ProtocolDecision,
)
from adisker.people.models import StaffProfile
from adisker.records.models import SelfEducationTopic
from adisker.schools.models import AcademicYear, InterSchoolAssociation, School

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CHECKBOXES = forms.CheckboxSelectMultiple


def owner_staff(
    school: School | None = None, inter_school: InterSchoolAssociation | None = None
) -> QuerySet[StaffProfile]:
    """Who may sit on an owner's structures: the school's staff, or every staff member of an
    inter-school association's base and member schools (R8)."""
    if school is not None:
        found = StaffProfile.objects.filter(school=school)
    else:
        assert inter_school is not None
        found = StaffProfile.objects.filter(
            Q(school_id=inter_school.base_school_id)
            | Q(school__in=inter_school.member_schools.all())
        ).distinct()
    return found.select_related("school").order_by("last_name", "first_name")


class StaffChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: StaffProfile) -> str:  # type: ignore[override]
        return obj.full_name


class StaffChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: StaffProfile) -> str:  # type: ignore[override]
        return obj.full_name


class OwnerStaffMixin:
    """Limits every staff field to the owner's staff."""

    staff_fields: tuple[str, ...] = ()

    def limit_staff(self, staff: QuerySet[StaffProfile]) -> None:
        for name in self.staff_fields:
            field = self.fields.get(name)  # type: ignore[attr-defined]
            if field is not None:
                field.queryset = staff


class ThemeForm(forms.ModelForm):
    class Meta:
        model = MethodologicalTheme
        fields = ["title", "start_year", "end_year", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The theme cannot end before it starts."))
        return cleaned


class TopicForm(forms.ModelForm):
    class Meta:
        model = DevelopmentTopic
        fields = ["title", "description", "self_education_topics"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "self_education_topics": CHECKBOXES,
        }

    def __init__(self, *args: Any, school: School, year: AcademicYear, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["self_education_topics"]
        field.queryset = SelfEducationTopic.objects.filter(
            staff__school=school, academic_year=year
        ).select_related("staff")
        field.label_from_instance = lambda t: f"{t.staff.short_name}: {t.topic}"
        field.required = False


class AssociationForm(OwnerStaffMixin, forms.ModelForm):
    staff_fields = ("head", "secretary", "members")

    head = StaffChoice(
        queryset=StaffProfile.objects.none(), required=False, label=_("chair / head")
    )
    secretary = StaffChoice(
        queryset=StaffProfile.objects.none(), required=False, label=_("secretary")
    )
    members = StaffChoices(
        queryset=StaffProfile.objects.none(), required=False, label=_("members"), widget=CHECKBOXES
    )

    class Meta:
        model = Association
        fields = [
            "kind",
            "name",
            "subjects",
            "head",
            "secretary",
            "members",
            "formed_on",
            "formation_decision",
            "tasks",
        ]
        widgets = {
            "formed_on": DATE,
            "subjects": CHECKBOXES,
            "tasks": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "formation_decision": _(
                "The council is elected by the staff: e.g. protocol No. 1 of the pedagogical "
                "council of 28 August."
            ),
            "tasks": _("The questions the council gives this structure to take up this year."),
        }

    def __init__(
        self,
        *args: Any,
        academic_year: AcademicYear,
        school: School | None = None,
        inter_school: InterSchoolAssociation | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.owner_school, self.owner_inter_school = school, inter_school
        self.academic_year = academic_year
        self.limit_staff(owner_staff(school, inter_school))
        kinds = Association.Kind
        if inter_school is not None:
            self.fields["kind"].choices = [(kinds.INTER_SCHOOL, kinds.INTER_SCHOOL.label)]
        else:
            self.fields["kind"].choices = [c for c in kinds.choices if c[0] != kinds.INTER_SCHOOL]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("kind") == Association.Kind.COUNCIL and self.owner_school is not None:
            others = Association.objects.filter(
                school=self.owner_school,
                academic_year=self.academic_year,
                kind=Association.Kind.COUNCIL,
            ).exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error(
                    "kind", _("The school already has a methodological council this year.")
                )
        return cleaned

    def save(self, commit: bool = True) -> Association:
        association = super().save(commit=False)
        association.school = self.owner_school
        association.inter_school = self.owner_inter_school
        association.academic_year = self.academic_year
        association.save()
        self.save_m2m()
        # The chair and the secretary are members too.
        extra = [s for s in (association.head, association.secretary) if s is not None]
        if extra:
            association.members.add(*extra)
        return association


class MentoringPairForm(forms.ModelForm):
    mentor = StaffChoice(queryset=StaffProfile.objects.none(), label=_("mentor"))
    mentee = StaffChoice(queryset=StaffProfile.objects.none(), label=_("young teacher"))

    class Meta:
        model = MentoringPair
        fields = ["mentor", "mentee", "goals"]

    def __init__(self, *args: Any, school: School, year: AcademicYear, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.school, self.year = school, year
        staff = owner_staff(school)
        self.fields["mentor"].queryset = staff
        self.fields["mentee"].queryset = staff

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        mentor, mentee = cleaned.get("mentor"), cleaned.get("mentee")
        if mentor and mentee:
            if mentor == mentee:
                self.add_error("mentee", _("A mentor cannot mentor themselves."))
            elif MentoringPair.objects.filter(
                academic_year=self.year, mentor=mentor, mentee=mentee
            ).exists():
                self.add_error("mentee", _("This pair already exists this year."))
        return cleaned

    def save(self, commit: bool = True) -> MentoringPair:
        pair = super().save(commit=False)
        pair.school, pair.academic_year = self.school, self.year
        pair.save()
        return pair


class PlanForm(forms.ModelForm):
    class Meta:
        model = AnnualPlan
        fields = ["theme", "goals", "tasks"]
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 3}),
            "tasks": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan: AnnualPlan = self.instance
        if plan.school_id is not None:
            self.fields["theme"].queryset = MethodologicalTheme.objects.filter(school=plan.school)
        else:
            del self.fields["theme"]


class PlanItemForm(OwnerStaffMixin, forms.ModelForm):
    staff_fields = ("responsible",)
    responsible = StaffChoice(
        queryset=StaffProfile.objects.none(), required=False, label=_("responsible")
    )

    class Meta:
        model = PlanItem
        fields = [
            "title",
            "form_of_work",
            "planned_on",
            "planned_month",
            "responsible",
            "audience",
            "expected_result",
            "association",
            "status",
            "evidence",
        ]
        widgets = {"planned_on": DATE, "evidence": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "planned_month": _("When only the month is known."),
            "association": _("The association or commission that takes the question up."),
        }

    def __init__(
        self,
        *args: Any,
        plan: AnnualPlan,
        only_association: Association | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.limit_staff(owner_staff(plan.school, plan.inter_school))
        associations = Association.objects.filter(
            school=plan.school, inter_school=plan.inter_school, academic_year=plan.academic_year
        )
        field = self.fields["association"]
        if only_association is not None:
            # An association head plans their own structure's questions only.
            field.queryset = associations.filter(pk=only_association.pk)
            field.required = True
            field.empty_label = None
        else:
            field.queryset = associations

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        day, month = cleaned.get("planned_on"), cleaned.get("planned_month")
        year = self.plan.academic_year
        if day and not year.contains(day):
            self.add_error(
                "planned_on",
                _("The date must fall within the academic year %(year)s.") % {"year": year},
            )
        if not day and not month:
            self.add_error("planned_month", _("Give a date or at least a month."))
        if day and month and day.month != month:
            cleaned["planned_month"] = day.month
        if day and not month:
            cleaned["planned_month"] = day.month
        return cleaned

    def save(self, commit: bool = True) -> PlanItem:
        item = super().save(commit=False)
        item.plan = self.plan
        item.planned_month = self.cleaned_data.get("planned_month")
        item.save()
        return item


class ItemStatusForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["status", "evidence"]
        widgets = {"evidence": forms.Textarea(attrs={"rows": 2})}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("status") == PlanItem.Status.DONE and not cleaned.get("evidence"):
            self.add_error(
                "evidence",
                _("Say what shows it was done: a protocol, a link, materials, a photo report."),
            )
        return cleaned


class MeetingForm(forms.ModelForm):
    attendees = StaffChoices(
        queryset=StaffProfile.objects.none(), required=False, label=_("present"), widget=CHECKBOXES
    )

    class Meta:
        model = Meeting
        fields = ["held_on", "place", "plan_item", "attendees", "invited"]
        widgets = {"held_on": DATE}

    def __init__(self, *args: Any, association: Association, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.association = association
        self.fields["attendees"].queryset = owner_staff(
            association.school, association.inter_school
        )
        self.fields["plan_item"].queryset = PlanItem.objects.filter(
            plan__school=association.school,
            plan__inter_school=association.inter_school,
            plan__academic_year=association.academic_year,
        ).select_related("form_of_work")
        self.fields["plan_item"].required = False
        if not self.instance.pk:
            self.initial.setdefault("attendees", list(association.members.all()))

    def clean_held_on(self):  # type: ignore[no-untyped-def]
        day = self.cleaned_data["held_on"]
        year = self.association.academic_year
        if day and not year.contains(day):
            raise forms.ValidationError(
                _("The date must fall within the academic year %(year)s.") % {"year": year}
            )
        return day


class AgendaItemForm(forms.ModelForm):
    speaker = StaffChoice(queryset=StaffProfile.objects.none(), required=False, label=_("speaker"))

    class Meta:
        model = AgendaItem
        fields = ["title", "speaker", "heard", "spoke"]
        widgets = {
            "heard": forms.Textarea(attrs={"rows": 3}),
            "spoke": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "heard": _("The report heard on the question, in brief."),
            "spoke": _("Who spoke and what they said."),
        }

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        association = meeting.association
        self.fields["speaker"].queryset = owner_staff(association.school, association.inter_school)


class DecisionForm(forms.ModelForm):
    owner = StaffChoice(
        queryset=StaffProfile.objects.none(), required=False, label=_("responsible")
    )

    class Meta:
        model = ProtocolDecision
        fields = ["text", "owner", "due_on"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "due_on": DATE}

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        association = meeting.association
        self.fields["owner"].queryset = owner_staff(association.school, association.inter_school)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("owner") and not cleaned.get("due_on"):
            self.add_error("due_on", _("A task needs a deadline."))
        return cleaned


class FollowUpForm(forms.Form):
    done = forms.BooleanField(label=_("done"), required=False)
    outcome = forms.CharField(
        label=_("what was done"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("done") and not cleaned.get("outcome", "").strip():
            self.add_error("outcome", _("Say briefly what was done."))
        return cleaned
