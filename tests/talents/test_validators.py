import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts.validators import credit_code_from_parts, validate_credit_code
from talents.validators import id_number_facts, id_number_from_parts, mask_id_number, validate_id_number

VALID_ID = id_number_from_parts("110105", datetime.date(1990, 3, 7), 12, male=False)


def with_wrong_check_digit(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


@pytest.mark.parametrize(
    ("number", "code"),
    [
        (with_wrong_check_digit(VALID_ID), "id_number_checksum"),
        ("110105199002301234", "id_number_birthday"),  # 30 February
        (VALID_ID[:17], "id_number_length"),
        (VALID_ID + "1", "id_number_length"),
        ("11010519900307A23X", "id_number_invalid"),
        ("990105199003071234", "id_number_location"),
    ],
)
def test_bad_id_numbers_are_refused_with_a_precise_reason(number, code):
    with pytest.raises(ValidationError) as error:
        validate_id_number(number)
    assert error.value.error_list[0].code == code


def test_future_birth_date_is_refused():
    number = id_number_from_parts("110105", datetime.date.today() + datetime.timedelta(days=2), 1, male=True)
    with pytest.raises(ValidationError) as error:
        validate_id_number(number)
    assert error.value.error_list[0].code == "id_number_future"


def test_valid_number_gives_birth_date_and_gender_and_lower_case_x_is_normalised():
    facts = id_number_facts(VALID_ID)
    assert facts.birth_date == datetime.date(1990, 3, 7)
    assert facts.gender == "female"
    x_number = next(
        n
        for n in (id_number_from_parts("440106", datetime.date(1980, 1, 1), s, male=True) for s in range(200))
        if n.endswith("X")
    )
    assert validate_id_number(x_number.lower()) == x_number
    assert id_number_facts(x_number).gender == "male"


def test_error_messages_are_translated():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        validate_id_number(with_wrong_check_digit(VALID_ID))
    assert "校验" in error.value.messages[0]


def test_mask_keeps_region_prefix_and_last_four():
    assert mask_id_number("11010519900307123X") == "110105********123X"


GOOD_CODE = credit_code_from_parts("440106", "MA5F00001")


def test_credit_code_with_valid_check_digit_passes():
    validate_credit_code(GOOD_CODE)
    validate_credit_code("91350100M000100Y43")  # a published example code


@pytest.mark.parametrize(
    ("code", "error_code"),
    [
        (GOOD_CODE[:17] + ("0" if GOOD_CODE[17] != "0" else "1"), "credit_code_checksum"),
        (GOOD_CODE[:17], "credit_code_length"),
        (GOOD_CODE + "1", "credit_code_length"),
        ("91440106MA5F0000I1", "credit_code_format"),
    ],
)
def test_bad_credit_codes_are_refused(code, error_code):
    with pytest.raises(ValidationError) as error:
        validate_credit_code(code)
    assert error.value.error_list[0].code == error_code
