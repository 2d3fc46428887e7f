"""Validators for identifiers issued by the state, built on python-stdnum (GB 32100)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc

CREDIT_CODE_ERRORS = {
    stdnum_errors.InvalidLength: (
        "length",
        _("A unified social credit code has exactly 18 characters."),
    ),
    stdnum_errors.InvalidFormat: (
        "format",
        _("A unified social credit code has 8 digits, then digits or capital letters other than I, O, Z, S and V."),
    ),
    stdnum_errors.InvalidChecksum: (
        "checksum",
        _("The check digit (18th character) of this unified social credit code is wrong."),
    ),
}


def normalise_credit_code(value: str) -> str:
    return uscc.compact(value or "")


def validate_credit_code(value: str) -> None:
    """GB 32100-2015: length, alphabet and check digit."""
    try:
        uscc.validate(value)
    except stdnum_errors.ValidationError as error:
        code, message = CREDIT_CODE_ERRORS.get(
            type(error), ("invalid", _("This is not a valid unified social credit code."))
        )
        raise ValidationError(message, code=f"credit_code_{code}") from error


def credit_code_from_parts(region_code: str, organisation_code: str, kind: str = "91") -> str:
    """Compose a code with its GB 32100 check digit (demo data and tests)."""
    first17 = f"{kind}{region_code}{organisation_code}"
    return first17 + uscc.calc_check_digit(first17)
