"""The `bootstrap` filter writes selects itself; what the user sees must be what Django writes."""

import lxml.html
import pytest
from django import forms

from adisker.core.templatetags.adisker import bootstrap
from adisker.core.testing import SchoolFactory
from adisker.schools.models import School


def options(html: str) -> tuple[dict[str, str], list[tuple[str, str, bool]]]:
    select = lxml.html.fragment_fromstring(str(html))
    return (
        dict(select.attrib),
        [(o.get("value"), o.text_content(), o.get("selected") is not None) for o in select],
    )


class SubjectForm(forms.Form):
    level = forms.ChoiceField(
        choices=[("", "---"), ("primary", "Бастауыш & <1–4>"), ("secondary", "Негізгі")],
        required=False,
    )
    grouped = forms.ChoiceField(
        choices=[("Тіл", [("kk", "Қазақ тілі"), ("ru", "Орыс тілі")]), ("math", "Математика")]
    )


def test_a_select_matches_djangos_with_the_chosen_option_and_escaped_labels():
    form = SubjectForm(data={"level": "secondary", "grouped": "ru"})
    ours = options(bootstrap(form["level"]))
    django = options(form["level"].as_widget(attrs={"class": "form-select"}))
    assert ours == django
    assert ours[1][2] == ("secondary", "Негізгі", True)
    assert "&lt;1–4&gt;" in str(bootstrap(form["level"]))
    assert ours[0]["class"] == "form-select"


def test_options_of_a_group_are_offered_flat_and_the_chosen_one_is_marked():
    form = SubjectForm(data={"grouped": "ru"})
    assert options(bootstrap(form["grouped"]))[1] == [
        ("kk", "Қазақ тілі", False),
        ("ru", "Орыс тілі", True),
        ("math", "Математика", False),
    ]


def test_an_invalid_choice_is_marked_invalid_and_nothing_is_selected():
    form = SubjectForm(data={"level": "tertiary", "grouped": "math"})
    assert not form.is_valid()
    attrs, offered = options(bootstrap(form["level"]))
    assert attrs["class"] == "form-select is-invalid"
    assert not any(selected for _value, _label, selected in offered)


@pytest.mark.django_db
def test_a_model_choice_select_marks_the_chosen_instance():
    first, second = SchoolFactory(), SchoolFactory()

    class SchoolForm(forms.Form):
        school = forms.ModelChoiceField(School.objects.order_by("pk"))

    form = SchoolForm(initial={"school": second.pk})
    attrs, offered = options(bootstrap(form["school"]))
    assert offered == [
        ("", "---------", False),
        (str(first.pk), str(first), False),
        (str(second.pk), str(second), True),
    ]
    assert "required" in attrs
    assert options(form["school"].as_widget(attrs={"class": "form-select"})) == (attrs, offered)
