"""ISO dates as paralign records them in headers: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``,
and only dates the calendar has (no month 13, no 30 February)."""

from __future__ import annotations

import datetime as dt
import re

_FORM = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def is_iso_date(value: object) -> bool:
    """Whether ``value`` is a string ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real
    year, month or day (``2020-02-29`` is one, ``2019-02-29`` and ``2020-13-45`` are not)."""
    if not isinstance(value, str):
        return False
    match = _FORM.fullmatch(value)
    if not match:
        return False
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


__all__ = ["is_iso_date"]
