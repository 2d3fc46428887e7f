"""Resident identity card numbers (GB 11643-1999), validated with django-localflavor."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from localflavor.cn.forms import CNIDCardField

ID_NUMBER_ERRORS = {
    "length": _("A national ID number has exactly 18 characters."),
    "invalid": _("A national ID number is 17 digits followed by a digit or X."),
    "birthday": _("The birth date in this national ID number (characters 7–14) is not a real date."),
    "location": _("The first two digits of this national ID number are not a province code."),
    "checksum": _("The check digit (18th character) of this national ID number is wrong."),
    "future": _("The birth date in this national ID number is in the future."),
}


@dataclass(frozen=True)
class IdNumberFacts:
    number: str
    birth_date: datetime.date
    gender: str


def _localflavor_field() -> CNIDCardField:
    # Only second-generation (18-character) cards are accepted: 15-digit cards expired in 2013.
    return CNIDCardField(min_length=18, max_length=18, error_messages=ID_NUMBER_ERRORS)


def validate_id_number(value: str) -> str:
    """Validate and normalise (upper-case X); raises ValidationError with a precise reason."""
    value = (value or "").strip().upper()
    if len(value) != 18:
        raise ValidationError(ID_NUMBER_ERRORS["length"], code="id_number_length")
    try:
        value = _localflavor_field().clean(value)
    except ValidationError as error:
        code = error.error_list[0].code or "invalid"
        raise ValidationError(
            ID_NUMBER_ERRORS.get(code, ID_NUMBER_ERRORS["invalid"]), code=f"id_number_{code}"
        ) from error
    if id_number_facts_unchecked(value).birth_date > timezone.localdate():
        raise ValidationError(ID_NUMBER_ERRORS["future"], code="id_number_future")
    return value


def id_number_facts_unchecked(number: str) -> IdNumberFacts:
    """Birth date (characters 7–14) and gender (17th digit: odd male, even female)."""
    birth_date = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    gender = "male" if int(number[16]) % 2 else "female"
    return IdNumberFacts(number=number, birth_date=birth_date, gender=gender)


def id_number_facts(value: str) -> IdNumberFacts:
    return id_number_facts_unchecked(validate_id_number(value))


def mask_id_number(number: str) -> str:
    """110105********123X: region prefix and last four only (docs/roles.md)."""
    if not number:
        return ""
    if len(number) < 10:
        return "*" * len(number)
    return f"{number[:6]}{'*' * (len(number) - 10)}{number[-4:]}"


def mask_name(name: str) -> str:
    """张三 → 张*, 王小明 → 王*明, 欧阳娜娜 → 欧**娜: the surname's first character and, for longer
    names, the last character stay (public notices and verification never show a full name)."""
    name = (name or "").strip()
    if len(name) <= 1:
        return "*" * len(name)
    if len(name) == 2:
        return f"{name[0]}*"
    return f"{name[0]}{'*' * (len(name) - 2)}{name[-1]}"


ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number_from_parts(region_code: str, birth_date: datetime.date, sequence: int, male: bool) -> str:
    """Compose a well-formed number (demo data and tests): region, birth date, sequence, GB 11643 check digit."""
    order = sequence % 50 * 2 + (1 if male else 0)  # 17th digit: odd for men, even for women
    first17 = f"{region_code}{birth_date:%Y%m%d}{sequence // 50 % 10}{order:02d}"
    check = "10X98765432"[sum(w * int(d) for w, d in zip(ID_WEIGHTS, first17, strict=True)) % 11]
    return first17 + check
