from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from adisker.council.models import Association
from adisker.events.models import Event, EventMaterial, Feedback, Participation
from adisker.events.uploads import ALLOWED_EXTENSIONS, check_material
from adisker.people.models import StaffProfile

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: StaffProfile) -> str:
        return f"{obj.full_name} · {obj.school.name}"


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: StaffProfile) -> str:
        return f"{obj.short_name} · {obj.school.name}"


class EventForm(forms.ModelForm):
    participants = StaffMultipleChoiceField(
        label=_("Participants"),
        queryset=StaffProfile.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    online_url = forms.URLField(
        label=_("Online link"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "form_of_work",
            "structure",
            "description",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "organiser",
        ]
        field_classes = {"organiser": StaffChoiceField}
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(  # type: ignore[no-untyped-def]
        self,
        *args,
        staff_pool: QuerySet[StaffProfile],
        structures: list[Association] | None,
        structure_required: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        pool = staff_pool.select_related("school").order_by(
            "school__name_kk", "last_name", "first_name"
        )
        if structures is None:
            # A structure's head edits within their structure; only the owner's editors move it.
            del self.fields["structure"]
        else:
            field = self.fields["structure"]
            field.queryset = Association.objects.filter(pk__in=[s.pk for s in structures])
            field.required = structure_required
            field.help_text = _("The association, commission or group that holds the event.")
        self.fields["organiser"].queryset = pool
        self.fields["participants"].queryset = pool
        self.fields["place"].help_text = _("A room or an address; or give an online link.")
        if self.instance.pk:
            self.initial.setdefault(
                "participants", [p.staff_id for p in self.instance.participations.all()]
            )

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The event cannot end before it starts."))
        no_place = not cleaned.get("place") and not cleaned.get("online_url")
        if no_place and "online_url" not in self.errors:
            self.add_error("place", _("Give a place or an online link."))
        return cleaned

    def save(self, commit: bool = True) -> Event:
        event = super().save(commit=commit)
        if commit:
            # set() keeps the rows of those who stay, so their attendance is kept.
            event.participants.set(self.cleaned_data["participants"])
        return event


class MaterialForm(forms.ModelForm):
    class Meta:
        model = EventMaterial
        fields = ["title", "file"]

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("%(types)s; up to %(limit)d MB.") % {
            "types": ", ".join(ALLOWED_EXTENSIONS),
            "limit": settings.MAX_UPLOAD_MB,
        }
        self.fields["file"].widget.attrs["accept"] = ",".join(f".{e}" for e in ALLOWED_EXTENSIONS)

    def clean_file(self):  # type: ignore[no-untyped-def]
        file = self.cleaned_data["file"]
        check_material(file, file.name)
        return file


class FeedbackForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("How useful was it for you?"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Feedback
        fields = ["rating", "text"]
        labels = {"text": _("In a few words: what will you use, what was missing?")}
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": 1000})}


class ParticipationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Participation) -> str:
        return obj.staff.full_name


class AttendanceForm(forms.Form):
    attended = ParticipationChoiceField(
        label=_("Attended"),
        queryset=Participation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, event: Event, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["attended"].queryset = event.participations.select_related("staff")
