from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from adisker.people.models import StaffProfile
from adisker.plc.models import (
    PHOTO_EXTENSIONS,
    Community,
    FocusPupil,
    InquiryCycle,
    LessonObservation,
    Meeting,
    MeetingRole,
    ObservationRule,
    ObservationTemplate,
    ObservationVisit,
    Practice,
    PracticeAdaptation,
    PracticeComment,
    ResearchLesson,
    validate_pupil_code,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: StaffProfile) -> str:  # type: ignore[override]
        return obj.full_name


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: StaffProfile) -> str:  # type: ignore[override]
        return obj.full_name


class CommunityForm(forms.ModelForm):
    facilitator = StaffChoiceField(StaffProfile.objects.none(), label=_("facilitator"))
    members = StaffMultipleChoiceField(
        StaffProfile.objects.none(),
        label=_("members"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Community
        fields = [
            "name",
            "facilitator",
            "members",
            "theme",
            "focus",
            "norms",
            "meeting_schedule",
            "minutes_per_meeting",
        ]
        widgets = {
            "focus": forms.Textarea(attrs={"rows": 3}),
            "norms": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, eligible: QuerySet[StaffProfile], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = eligible  # type: ignore[attr-defined]
        self.fields["members"].queryset = eligible  # type: ignore[attr-defined]
        from adisker.council.models import MethodologicalTheme

        community = self.instance
        school_id = community.school_id or (
            community.inter_school.base_school_id if community.inter_school_id else None
        )
        self.fields["theme"].queryset = MethodologicalTheme.objects.filter(  # type: ignore[attr-defined]
            school_id=school_id
        )


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["held_on", "topic", "notes"]
        widgets = {"held_on": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, participants: list[StaffProfile], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = StaffProfile.objects.filter(pk__in=[p.pk for p in participants])
        current = {}
        if self.instance.pk:
            current = {a.role: a.staff_id for a in self.instance.assignments.all()}
        for role, label in MeetingRole.choices:
            self.fields[f"role_{role}"] = StaffChoiceField(
                choices, label=label, required=False, initial=current.get(role)
            )

    def role_holders(self) -> dict[str, StaffProfile]:
        return {
            role: self.cleaned_data[f"role_{role}"]
            for role, _label in MeetingRole.choices
            if self.cleaned_data.get(f"role_{role}")
        }


class CycleForm(forms.ModelForm):
    class Meta:
        model = InquiryCycle
        fields = ["title", "research_question", "target_class", "subject"]
        widgets = {"research_question": forms.Textarea(attrs={"rows": 3})}


class CycleTextForm(forms.ModelForm):
    class Meta:
        model = InquiryCycle
        fields = ["discussion_notes", "report"]
        widgets = {
            "discussion_notes": forms.Textarea(attrs={"rows": 5}),
            "report": forms.Textarea(attrs={"rows": 5}),
        }


class FocusPupilForm(forms.ModelForm):
    class Meta:
        model = FocusPupil
        fields = ["code", "attainment"]
        help_texts = {"code": _("A code such as “A”, “B”, “C” or “П1”; never a name.")}


class LessonForm(forms.ModelForm):
    teacher = StaffChoiceField(StaffProfile.objects.none(), label=_("teacher who teaches it"))

    class Meta:
        model = ResearchLesson
        fields = ["teacher", "topic", "plan", "expected_responses", "taught_on"]
        widgets = {
            "plan": forms.Textarea(attrs={"rows": 6}),
            "expected_responses": forms.Textarea(attrs={"rows": 4}),
            "taught_on": DATE_INPUT,
        }

    def __init__(self, *args: Any, participants: list[StaffProfile], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["teacher"].queryset = StaffProfile.objects.filter(  # type: ignore[attr-defined]
            pk__in=[p.pk for p in participants]
        )


MAX_PHOTO_BYTES = 5 * 1024 * 1024
# What a JPEG or a PNG file starts with, whatever its name says.
PHOTO_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


def is_photo(file: Any) -> bool:
    if file.name.rsplit(".", 1)[-1].lower() not in PHOTO_EXTENSIONS or file.size > MAX_PHOTO_BYTES:
        return False
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    return head.startswith(PHOTO_SIGNATURES)


_NOTE_LINE = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*[-–—]?\s*(.+)$")


def parse_notes(text: str) -> list[tuple[datetime.time, str]]:
    """Lines "10:05 what the pupil did"; ValidationError naming the first bad line."""
    notes = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _NOTE_LINE.match(line)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise ValidationError(
                _("Line %(number)d: start each note with the time, for example “10:05 …”."),
                params={"number": number},
            )
        notes.append((datetime.time(int(match[1]), int(match[2])), match[3].strip()))
    return notes


class ObservationForm(forms.ModelForm):
    notes = forms.CharField(
        label=_("time-stamped notes"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One note per line, starting with the time: “10:05 explains to a partner”."),
    )
    photo = forms.FileField(label=_("photo of the pupil's work"), required=False)
    photo_note = forms.CharField(
        label=_("note to the photo"),
        required=False,
        help_text=_("With its time: “10:20 the pupil's diagram”."),
    )

    class Meta:
        model = LessonObservation
        fields = ["pupil", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, pupils: QuerySet[FocusPupil], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pupil"].queryset = pupils  # type: ignore[attr-defined]
        self.fields["pupil"].label_from_instance = lambda p: (  # type: ignore[attr-defined]
            f"{p.code} · {p.get_attainment_display()}"
        )

    def clean_notes(self) -> list[tuple[datetime.time, str]]:
        return parse_notes(self.cleaned_data["notes"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        photo = data.get("photo")
        if photo:
            if not is_photo(photo):
                self.add_error("photo", _("Upload a photo as JPG or PNG, at most 5 MB."))
            try:
                parsed = parse_notes(data.get("photo_note") or "")
            except ValidationError:
                parsed = []
            if len(parsed) != 1:
                self.add_error(
                    "photo_note", _("Give the photo its time and a short note: “10:20 …”.")
                )
            else:
                data["photo_note"] = parsed[0]
        return data


class ResultsForm(forms.Form):
    lines = forms.CharField(
        label=_("results"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "One pupil per line: code, score before, score after (in percent), separated by "
            "spaces or semicolons, for example “A 45 70”. Leave a score out with “-”."
        ),
    )

    def clean_lines(self) -> list[tuple[str, Decimal | None, Decimal | None]]:
        rows = []
        seen: set[str] = set()
        for number, line in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            parts = [p for p in re.split(r"[;\t ]+", line.strip()) if p]
            if not parts:
                continue
            if len(parts) != 3:
                raise ValidationError(
                    _("Line %(number)d: write a code and two scores, for example “A 45 70”."),
                    params={"number": number},
                )
            code = parts[0]
            try:
                validate_pupil_code(code)
            except ValidationError as error:
                raise ValidationError(
                    _("Line %(number)d: %(error)s"),
                    params={"number": number, "error": " ".join(error.messages)},
                ) from None
            if code in seen:
                raise ValidationError(
                    _("Line %(number)d: the code %(code)s is given twice."),
                    params={"number": number, "code": code},
                )
            seen.add(code)
            scores = [parse_score(p, number) for p in parts[1:]]
            rows.append((code, scores[0], scores[1]))
        return rows


def parse_score(text: str, number: int) -> Decimal | None:
    if text in {"-", "—"}:
        return None
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        value = Decimal(-1)
    if not Decimal(0) <= value <= Decimal(100):
        raise ValidationError(
            _("Line %(number)d: “%(value)s” is not a score from 0 to 100."),
            params={"number": number, "value": text},
        )
    return value.quantize(Decimal("0.1"))


class ResultsImportForm(forms.Form):
    file = forms.FileField(
        label=_("XLSX file"),
        help_text=_(
            "Columns: pupil code, before, after. A column of pupils' names is refused: "
            "remove it and keep only the codes."
        ),
    )


class VisitForm(forms.ModelForm):
    observer = StaffChoiceField(StaffProfile.objects.none(), label=_("observer"))
    observed = StaffChoiceField(StaffProfile.objects.none(), label=_("observed teacher"))

    class Meta:
        model = ObservationVisit
        fields = ["observer", "observed", "visit_on", "lesson", "template"]
        widgets = {"visit_on": DATE_INPUT}

    def __init__(
        self,
        *args: Any,
        staff: QuerySet[StaffProfile],
        observers: QuerySet[StaffProfile],
        templates: QuerySet[ObservationTemplate],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["observer"].queryset = observers  # type: ignore[attr-defined]
        self.fields["observed"].queryset = staff  # type: ignore[attr-defined]
        self.fields["template"].queryset = templates  # type: ignore[attr-defined]
        if observers.count() == 1:
            self.fields["observer"].initial = observers.get()
            self.fields["observer"].empty_label = None  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("observer") and data.get("observer") == data.get("observed"):
            self.add_error("observed", _("A teacher does not observe their own lesson."))
        return data


class VisitFillForm(forms.Form):
    feedback = forms.CharField(
        label=_("feedback to the observed teacher"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The observed teacher reads it first; the deputy director after them, or a week "
            "after you file it."
        ),
    )

    def __init__(self, *args: Any, questions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for index, question in enumerate(questions):
            self.fields[f"answer_{index}"] = forms.CharField(
                label=question, widget=forms.Textarea(attrs={"rows": 2}), required=False
            )
        self.order_fields([*(f"answer_{i}" for i in range(len(questions))), "feedback"])

    def answers(self) -> list[dict[str, str]]:
        return [
            {"question": q, "answer": self.cleaned_data.get(f"answer_{i}", "")}
            for i, q in enumerate(self.questions)
        ]


class TemplateForm(forms.ModelForm):
    class Meta:
        model = ObservationTemplate
        fields = ["name_kk", "name_ru", "questions_kk", "questions_ru"]
        widgets = {
            "questions_kk": forms.Textarea(attrs={"rows": 6}),
            "questions_ru": forms.Textarea(attrs={"rows": 6}),
        }


class RuleForm(forms.ModelForm):
    class Meta:
        model = ObservationRule
        fields = ["visits_per_half_year"]


class PracticeForm(forms.ModelForm):
    class Meta:
        model = Practice
        fields = ["title", "approach", "subject", "grade", "description", "tags", "file"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


class AdaptationForm(forms.ModelForm):
    class Meta:
        model = PracticeAdaptation
        fields = ["adapted_on", "how", "outcome", "notes"]
        widgets = {
            "adapted_on": DATE_INPUT,
            "how": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class CommentForm(forms.ModelForm):
    class Meta:
        model = PracticeComment
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
