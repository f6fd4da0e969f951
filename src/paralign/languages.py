"""Language codes: check what the user typed and name the language.

The ISO 639 tables come from ``iso639-lang`` (MIT, no dependencies, ~2 MB of
JSON tables, the full ISO 639-1/-2/-3/-5 code sets; see docs/dependencies.md).
Codes are normalised as BCP 47 (and so ``xml:lang``) wants them: the two-letter
ISO 639-1 code where the language has one (``spa`` → ``es``), else the ISO 639-3
code (``yue``).
"""

from __future__ import annotations

from functools import lru_cache

from iso639 import Lang
from iso639.exceptions import DeprecatedLanguageValue, InvalidLanguageValue

from .errors import InputError

#: ISO 639 "special" codes (und, mul, zxx, mis): not a language a text is in
_SPECIAL_SCOPE = "Special"


def _unknown(code: str, hint: str = "") -> InputError:
    message = f"unknown language code '{code}': use an ISO 639-1 code such as es or en"
    return InputError(message + (f" ({hint})" if hint else ""))


@lru_cache(maxsize=256)
def _lookup(code: str) -> Lang:
    if not isinstance(code, str):
        raise _unknown(str(code))
    key = code.strip().lower()
    if not key.isascii() or not key.isalpha() or len(key) not in (2, 3):
        raise _unknown(code)
    try:
        lang = Lang(pt1=key) if len(key) == 2 else _lookup3(key)
    except DeprecatedLanguageValue as exc:
        hint = f"'{key}' is withdrawn: use '{exc.change_to}'" if exc.change_to else "withdrawn"
        raise _unknown(code, hint) from None
    except InvalidLanguageValue:
        raise _unknown(code) from None
    if lang.scope() == _SPECIAL_SCOPE:
        raise _unknown(code, f"'{key}' means '{lang.name}', not a language")
    return lang


def _lookup3(key: str) -> Lang:
    """A three-letter code: ISO 639-3, or the ISO 639-2/B form libraries use (``fre``)."""
    try:
        return Lang(pt3=key)
    except InvalidLanguageValue:
        return Lang(pt2b=key)


def check_language(code: str) -> str:
    """The normalised code for ``code`` (ISO 639-1 or 639-3, any case); raises
    :class:`InputError` for anything that is not a real language's code."""
    lang = _lookup(code)
    return lang.pt1 or lang.pt3


def language_name(code: str) -> str:
    """The English name of the language (``es`` → ``Spanish``), for export headers."""
    return _lookup(code).name
