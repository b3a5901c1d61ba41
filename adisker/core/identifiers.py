"""Kazakhstan's 12-digit identifiers: IIN (a person) and BIN (an organisation).

Both end in a control digit computed the official way: the weighted sum of the first eleven
digits with weights 1..11, modulo 11; if that gives 10, the sum again with weights 3..11, 1, 2;
if that gives 10 too, the number is never issued.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FIRST_WEIGHTS = tuple(range(1, 12))
SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


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


def _validate(number: str, label: str) -> None:
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


def validate_iin(value: str) -> None:
    _validate(value, _("IIN"))


def validate_bin(value: str) -> None:
    _validate(value, _("BIN"))
