"""Language codes: what is accepted, how it is normalised, and the one error for the rest."""

from __future__ import annotations

import pytest

from paralign.errors import InputError
from paralign.languages import check_language, language_name


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("es", "es"),
        ("en", "en"),
        ("ES", "es"),
        ("En", "en"),
        (" de ", "de"),
        ("spa", "es"),  # ISO 639-3 with a 639-1 equivalent: the short code, as BCP 47 wants
        ("ENG", "en"),
        ("fre", "fr"),  # ISO 639-2/B, as library catalogues write it
        ("yue", "yue"),  # ISO 639-3 only
        ("grc", "grc"),  # a historical language is a real language
    ],
)
def test_accepted_codes_are_normalised(code: str, expected: str) -> None:
    assert check_language(code) == expected


@pytest.mark.parametrize(
    "code",
    ["xx", "qq", "zz", "", "e", "espa", "es-MX", "en_US", "Spanish", "english", "12", "és"],
)
def test_unknown_codes_raise_one_clear_error(code: str) -> None:
    with pytest.raises(InputError) as info:
        check_language(code)
    message = str(info.value)
    assert message.startswith(f"unknown language code '{code}'")
    assert "use an ISO 639-1 code such as es or en" in message


def test_the_message_is_exactly_the_documented_one() -> None:
    with pytest.raises(InputError) as info:
        check_language("xx")
    assert str(info.value) == ("unknown language code 'xx': use an ISO 639-1 code such as es or en")


@pytest.mark.parametrize("code", ["und", "mul", "zxx", "mis"])
def test_special_codes_are_not_languages(code: str) -> None:
    with pytest.raises(InputError, match="not a language"):
        check_language(code)


def test_withdrawn_code_names_its_replacement() -> None:
    with pytest.raises(InputError, match="use 'he'"):
        check_language("iw")


def test_not_a_string_is_an_input_error() -> None:
    with pytest.raises(InputError):
        check_language(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("es", "Spanish"),
        ("EN", "English"),
        ("spa", "Spanish"),
        ("zh", "Chinese"),
        ("yue", "Yue Chinese"),
    ],
)
def test_language_name(code: str, name: str) -> None:
    assert language_name(code) == name


def test_language_name_of_unknown_code_raises() -> None:
    with pytest.raises(InputError):
        language_name("xx")
