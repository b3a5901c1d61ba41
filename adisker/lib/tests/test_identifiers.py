"""IIN and BIN: the control digit, the error codes and messages, and the staff form."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from adisker.core.testing import Cast, valid_bin, valid_iin, with_control_digit
from adisker.lib.dates import today
from adisker.lib.identifiers import (
    FIRST_WEIGHTS,
    SECOND_WEIGHTS,
    birth_date,
    control_digit,
    has_valid_checksum,
    validate_bin,
    validate_iin,
)
from adisker.people.models import Position, QualificationCategory, StaffProfile

# Worked by hand. 8 5 0 3 1 5 4 0 0 6 0 with weights 1..11:
#   8 + 10 + 0 + 12 + 5 + 30 + 28 + 0 + 0 + 60 + 0 = 153, and 153 mod 11 = 10,
# so the second weights 3..11, 1, 2 are used:
#   24 + 20 + 0 + 18 + 7 + 40 + 36 + 0 + 0 + 6 + 0 = 151, and 151 mod 11 = 8.
SECOND_PASS_PREFIX = "85031540060"
SECOND_PASS_IIN = "850315400608"
# The same with a last digit of 1 adds 11 to the first sum and 2 to the second:
#   164 mod 11 = 10 and 153 mod 11 = 10, so no number starting with it is ever issued.
NEVER_ISSUED_PREFIX = "85031540061"


def weighted(prefix: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(prefix, weights, strict=True)) % 11


def error_of(validator, value: str) -> ValidationError:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        validator(value)
    return caught.value


def test_it_accepts_a_valid_iin_and_bin() -> None:
    iin, bin_ = valid_iin(), valid_bin()
    validate_iin(iin)
    validate_bin(bin_)
    assert has_valid_checksum(iin)
    assert has_valid_checksum(bin_)
    assert control_digit(iin[:11]) == int(iin[11])


def test_it_uses_the_first_weights_when_they_do_not_give_ten() -> None:
    # 8 5 0 3 1 5 4 0 0 0 1: 8+10+0+12+5+30+28+0+0+0+11 = 104, 104 mod 11 = 5.
    assert control_digit("85031540001") == 5
    validate_iin("850315400015")


def test_it_refuses_a_wrong_control_digit_with_code_checksum() -> None:
    iin = valid_iin()
    wrong = f"{iin[:11]}{(int(iin[11]) + 1) % 10}"
    assert not has_valid_checksum(wrong)
    error = error_of(validate_iin, wrong)
    assert error.code == "checksum"
    assert wrong in error.messages[0]


@pytest.mark.parametrize("value", ["85031540060", "8503154006080"])
def test_it_refuses_a_wrong_length_with_code_length(value: str) -> None:
    error = error_of(validate_iin, value)
    assert error.code == "length"
    assert str(len(value)) in error.messages[0]
    assert not has_valid_checksum(value)


@pytest.mark.parametrize(
    "value",
    [
        "85031540060A",  # a letter
        "8503 1540060",  # a space is not a digit either, once the form has not removed it
        "٨٥٠٣١٥٤٠٠٦٠٨",  # Arabic-Indic digits: str.isdigit() says yes, int() would agree
        "８５０３１５４００６０８",  # full-width digits, as some keyboards type them
    ],
)
def test_it_refuses_anything_but_ascii_digits_with_code_digits(value: str) -> None:
    error = error_of(validate_iin, value)
    assert error.code == "digits"
    assert not has_valid_checksum(value)


def test_bin_errors_name_the_bin() -> None:
    bin_ = valid_bin()
    wrong = f"{bin_[:11]}{(int(bin_[11]) + 1) % 10}"
    with translation.override("en"):
        message = error_of(validate_bin, wrong).messages[0]
    assert message.startswith("BIN ")
    assert error_of(validate_bin, wrong).code == "checksum"


def test_it_falls_back_to_the_second_weights_when_the_first_give_ten() -> None:
    assert weighted(SECOND_PASS_PREFIX, FIRST_WEIGHTS) == 10
    assert weighted(SECOND_PASS_PREFIX, SECOND_WEIGHTS) == 8
    assert control_digit(SECOND_PASS_PREFIX) == 8
    validate_iin(SECOND_PASS_IIN)
    # 10 would not fit in one digit: no other last digit is right.
    for digit in "012345679":
        assert not has_valid_checksum(SECOND_PASS_PREFIX + digit)


def test_it_finds_prefixes_needing_the_second_weights_among_real_looking_iins() -> None:
    """Not only the hand-worked one: every such prefix in a range gets the second-pass digit."""
    seen = 0
    for serial in range(1000):
        prefix = f"8503154{serial:04d}"
        if weighted(prefix, FIRST_WEIGHTS) != 10:
            continue
        second = weighted(prefix, SECOND_WEIGHTS)
        if second == 10:
            continue
        seen += 1
        assert control_digit(prefix) == second
        validate_iin(f"{prefix}{second}")
    assert seen > 10


def test_no_number_is_valid_when_both_passes_give_ten() -> None:
    assert weighted(NEVER_ISSUED_PREFIX, FIRST_WEIGHTS) == 10
    assert weighted(NEVER_ISSUED_PREFIX, SECOND_WEIGHTS) == 10
    assert control_digit(NEVER_ISSUED_PREFIX) is None
    for digit in "0123456789":
        number = NEVER_ISSUED_PREFIX + digit
        assert not has_valid_checksum(number)
        assert error_of(validate_iin, number).code == "checksum"


@pytest.mark.parametrize(
    ("value", "english"),
    [
        ("850315400609", "IIN 850315400609 has a wrong control digit: check it for a typo."),
        ("85031540060", "IIN must be exactly 12 digits long; this one has 11."),
        ("85031540060A", "IIN must contain digits only."),
    ],
)
def test_error_messages_are_translated(value: str, english: str) -> None:
    error = error_of(validate_iin, value)
    with translation.override("en"):
        assert error.messages == [english]
    with translation.override("ru"):
        russian = error.messages[0]
    with translation.override("kk"):
        kazakh = error.messages[0]
    assert russian != english
    assert kazakh != english
    assert russian != kazakh
    # The label is translated too, not left as "IIN" inside a Russian sentence.
    assert "IIN" not in russian
    assert "ИИН" in russian
    assert "ЖСН" in kazakh


# The staff form


def staff_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "last_name": "Құрманғазиева",
        "first_name": "Динара",
        "patronymic": "Ерланқызы",
        "position": Position.objects.get(code="teacher").pk,
        "education": StaffProfile.Education.HIGHER,
        "education_details": "",
        "experience_started_on": "2015-09-01",
        "category": QualificationCategory.objects.get(code="moderator").pk,
        "email": "",
        "phone": "",
    }
    return {**data, **changes}


def test_a_bad_iin_is_refused_and_the_form_keeps_what_was_typed(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    iin = valid_iin()
    wrong = f"{iin[:11]}{(int(iin[11]) + 1) % 10}"
    before = StaffProfile.objects.count()
    response = client.post(
        reverse("people:staff_create"), staff_data(school=cast.school_a.pk, iin=wrong)
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert [e.code for e in form.errors.as_data()["iin"]] == ["checksum"]
    html = response.content.decode()
    assert "Құрманғазиева" in html
    assert "Ерланқызы" in html
    assert f'value="{wrong}"' in html
    assert form.errors["iin"][0] in html
    assert StaffProfile.objects.count() == before
    assert not StaffProfile.objects.filter(last_name="Құрманғазиева").exists()


@pytest.mark.parametrize("separator", [" ", "\u00a0", "  "])
def test_a_valid_iin_typed_with_spaces_is_saved_without_them(
    client, cast: Cast, separator: str
) -> None:
    client.force_login(cast.deputy_a)
    iin = valid_iin()
    typed = f" {iin[:6]}{separator}{iin[6:]} "
    response = client.post(
        reverse("people:staff_create"), staff_data(school=cast.school_a.pk, iin=typed)
    )
    staff = StaffProfile.objects.get(last_name="Құрманғазиева")
    assert response.status_code == 302
    assert response["Location"] == staff.get_absolute_url()
    assert staff.iin == iin
    assert staff.school == cast.school_a


def test_a_wrong_iin_is_still_refused_after_the_spaces_are_removed(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    iin = valid_iin()
    wrong = f"{iin[:6]} {iin[6:11]}{(int(iin[11]) + 1) % 10}"
    response = client.post(
        reverse("people:staff_create"), staff_data(school=cast.school_a.pk, iin=wrong)
    )
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["iin"]] == ["checksum"]
    assert not StaffProfile.objects.filter(last_name="Құрманғазиева").exists()


def test_a_future_experience_date_is_refused(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    tomorrow = today() + datetime.timedelta(days=1)
    response = client.post(
        reverse("people:staff_create"),
        staff_data(
            school=cast.school_a.pk, iin=valid_iin(), experience_started_on=tomorrow.isoformat()
        ),
    )
    assert response.status_code == 200
    assert "experience_started_on" in response.context["form"].errors
    assert not StaffProfile.objects.filter(last_name="Құрманғазиева").exists()


def test_todays_experience_date_is_accepted(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    response = client.post(
        reverse("people:staff_create"),
        staff_data(school=cast.school_a.pk, iin=valid_iin(), experience_started_on=today()),
    )
    assert response.status_code == 302
    staff = StaffProfile.objects.get(last_name="Құрманғазиева")
    assert staff.experience_started_on == today()


# The birth date and the century digit


def with_date(first_seven: str) -> str:
    """An IIN starting with `first_seven` whose control digit is right."""
    for serial in range(10_000):
        if number := with_control_digit(f"{first_seven}{serial:04d}"):
            return number
    raise AssertionError(first_seven)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("000000000000", "century"),  # the checksum of twelve zeros is right
        (with_date("8503157"), "century"),
        (with_date("8503150"), "century"),
        (with_date("8513154"), "birth_date"),  # month 13
        (with_date("8501324"), "birth_date"),  # day 32
        (with_date("8502294"), "birth_date"),  # 29 February 1985
        (with_date("8500154"), "birth_date"),  # month 00
    ],
)
def test_it_refuses_an_iin_with_an_impossible_birth_date_or_century(value: str, code: str) -> None:
    assert has_valid_checksum(value)
    error = error_of(validate_iin, value)
    assert error.code == code
    with translation.override("ru"):
        assert value in error.messages[0]


def test_it_refuses_a_birth_date_in_the_future() -> None:
    tomorrow = today() + datetime.timedelta(days=1)
    value = with_date(f"{tomorrow:%y%m%d}6")
    assert error_of(validate_iin, value).code == "birth_date"


@pytest.mark.parametrize(
    ("first_seven", "born"),
    [
        ("0002296", datetime.date(2000, 2, 29)),
        ("8412313", datetime.date(1984, 12, 31)),
        ("9901012", datetime.date(1899, 1, 1)),
    ],
)
def test_it_reads_the_birth_date_by_the_century_digit(
    first_seven: str, born: datetime.date
) -> None:
    value = with_date(first_seven)
    validate_iin(value)
    assert birth_date(value) == born
