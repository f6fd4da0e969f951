"""How every output file writes the values it shares: bead confidences and header dates.

A leaf module (it imports only :mod:`paralign.errors` and :mod:`paralign.isodate`),
so that the export writers and the TEI package (:mod:`paralign.tei`) write these
values the same way without depending on each other. Nothing depends on the clock:
a header date comes from the user's option or ``SOURCE_DATE_EPOCH``, so two runs
give identical bytes.
"""

from __future__ import annotations

import math
import os
from datetime import datetime, timezone

from .errors import FormatError
from .isodate import is_iso_date


def confidence_text(value: float) -> str:
    """A confidence as written in every format: three decimals."""
    if not math.isfinite(value):
        raise FormatError(f"a bead has confidence {value!r}; confidences must be numbers in 0..1")
    return f"{value:.3f}"


def check_date(date: object) -> None:
    """Raise :class:`FormatError` unless ``date`` is None or an ISO date."""
    if date is not None and not is_iso_date(date):
        raise FormatError(
            "date must be an ISO date YYYY, YYYY-MM or YYYY-MM-DD that the calendar "
            f"has, not {date!r}"
        )


def header_date(date: str | None = None) -> str | None:
    """The date to record in a header: ``date``, else ``SOURCE_DATE_EPOCH``, else none."""
    check_date(date)
    if date:
        return str(date)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    try:
        stamp = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise FormatError(
            f"SOURCE_DATE_EPOCH must be a number of seconds since 1970, not {epoch!r}"
        ) from None
    return stamp.strftime("%Y-%m-%d")
