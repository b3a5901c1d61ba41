"""Kazakhstan's 12-digit identifiers: IIN (a person) and BIN (an organisation).

Both end in a control digit computed the official way: the weighted sum of the first eleven
digits with weights 1..11, modulo 11; if that gives 10, the sum again with weights 3..11, 1, 2;
if that gives 10 too, the number is never issued.

An IIN also begins with its holder's birth date (YYMMDD) and a seventh digit that gives the
century and sex: 1 or 2 for the 1800s, 3 or 4 for the 1900s, 5 or 6 for the 2000s (odd for
men). A checksum alone lets "000000000000" through.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from adisker.lib.dates import today

FIRST_WEIGHTS = tuple(range(1, 12))
SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
CENTURIES = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}


def control_digit(first_eleven: str) -> int | None:
    """The control digit for eleven digits, or None when no valid number starts with them."""
    digits = [int(ch) for ch in first_eleven]
    for weights in (FIRST_WEIGHTS, SECOND_WEIGHTS):
        check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if check != 10:
            return check
    return None


def has_valid_checksum(number: str) -> bool:
    return (
        len(number) == 12
        and number.isascii()
        and number.isdigit()
        and control_digit(number[:11]) == int(number[11])
    )


def _validate(number: str, label: str | Promise) -> None:
    if not (number.isascii() and number.isdigit()):
        raise ValidationError(
            _("%(label)s must contain digits only."), code="digits", params={"label": label}
        )
    if len(number) != 12:
        raise ValidationError(
            _("%(label)s must be exactly 12 digits long; this one has %(count)d."),
            code="length",
            params={"label": label, "count": len(number)},
        )
    if not has_valid_checksum(number):
        raise ValidationError(
            _("%(label)s %(number)s has a wrong control digit: check it for a typo."),
            code="checksum",
            params={"label": label, "number": number},
        )


def birth_date(iin: str) -> datetime.date | None:
    """The birth date an IIN begins with, or None when its digits give no real date."""
    century = CENTURIES.get(iin[6:7])
    if century is None or not iin[:6].isdigit():
        return None
    try:
        return datetime.date(century + int(iin[:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        return None


def validate_iin(value: str) -> None:
    _validate(value, _("IIN"))
    if value[6] not in CENTURIES:
        raise ValidationError(
            _(
                "The seventh digit of IIN %(number)s gives the century of birth and the sex, "
                "from 1 to 6; it is %(digit)s: check it for a typo."
            ),
            code="century",
            params={"number": value, "digit": value[6]},
        )
    born = birth_date(value)
    if born is None or born > today():
        raise ValidationError(
            _(
                "IIN %(number)s begins with %(date)s, which is not a possible birth date "
                "(year, month, day): check it for a typo."
            ),
            code="birth_date",
            params={"number": value, "date": value[:6]},
        )


def validate_bin(value: str) -> None:
    _validate(value, _("BIN"))
