"""Dates as archival documents write them, in Spanish and English, found and made ISO.

``December 2, 1962``, ``2 December 1962``, ``2 de diciembre, 1962``,
``Diciembre 5 de 1962`` and the archive's ``1962/12/02`` all give ``1962-12-02``.
A small table of month names rather than a date library: the forms are few and
fixed, and a general parser (``dateparser``) guesses at far more than these
letters need and brings its own dependencies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

#: month names (and usual abbreviations) → month number, Spanish and English
MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan enero ene",
        "february feb febrero",
        "march mar marzo",
        "april apr abril abr",
        "may mayo",
        "june jun junio",
        "july jul julio",
        "august aug agosto ago",
        "september sept sep septiembre setiembre set",
        "october oct octubre",
        "november nov noviembre",
        "december dec diciembre dic",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|º|°)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_FORMS = (
    rf"{_MONTH}\s+{_DAY},?\s+(?:de\s+)?{_YEAR}",  # December 2, 1962 / Diciembre 5 de 1962
    rf"{_DAY}\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+|del\s+)?{_YEAR}",  # 2 de diciembre, 1962
    r"(?P<year>1[5-9]\d\d|20\d\d)[/.-](?P<mnum>[01]?\d)[/.-](?P<day>[0-3]?\d)",  # 1962/12/02
)
DATE = regex.compile(
    r"\b(?:" + "|".join(f"(?:{form})" for form in _FORMS) + r")\b",
    regex.IGNORECASE,
)


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text: where it is, as written, and as ISO 8601."""

    start: int
    end: int
    text: str
    iso: str


def find_dates(text: str) -> list[FoundDate]:
    """Every valid calendar date written in ``text``, in order."""
    out = []
    for m in DATE.finditer(text):
        iso = _iso(m)
        if iso:
            out.append(FoundDate(m.start(), m.end(), m.group(), iso))
    return out


def parse_date(text: str) -> str | None:
    """The ISO date of the first date in ``text``, or None."""
    found = find_dates(text)
    return found[0].iso if found else None


def _iso(m: regex.Match) -> str | None:
    month = m.group("month")
    number = MONTHS[month.lower()] if month else int(m.group("mnum"))
    try:
        return dt.date(int(m.group("year")), number, int(m.group("day"))).isoformat()
    except ValueError:
        return None
