"""Argument types and help text shared by several subcommands."""

from __future__ import annotations

import argparse


def fraction(value: str) -> float:
    """An argparse type: a number in 0..1 (a confidence, a severity)."""
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 <= x <= 1:
        raise argparse.ArgumentTypeError(f"must be in 0..1: {value}")
    return x


def iso_date(value: str) -> str:
    """An argparse type: a date ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` the calendar has."""
    from ..isodate import is_iso_date

    if not is_iso_date(value):
        raise argparse.ArgumentTypeError(
            f"not a date YYYY, YYYY-MM or YYYY-MM-DD that the calendar has: {value!r}"
        )
    return value


def count(value: str) -> int:
    """An argparse type: a whole number, 0 or more (workers, retries)."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more: {n}")
    return n


def size(value: str) -> int:
    """An argparse type: bytes from a size such as ``200M``, ``1.5G`` or ``1000000``."""
    from ..read import parse_size

    try:
        return parse_size(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_max_size(p: argparse.ArgumentParser, default: int, what: str) -> None:
    """``--max-size SIZE`` (into ``args.max_bytes``): refuse ``what`` larger than it."""
    p.add_argument(
        "--max-size",
        dest="max_bytes",
        type=size,
        default=default,
        metavar="SIZE",
        help=f"refuse {what} larger than this, e.g. 200M or 1G (default: {default // 2**20}M)",
    )


def formats_listing() -> str:
    """The export formats, one per line with its description, for an ``epilog``."""
    from ..export import FORMATS

    return "formats:\n" + "\n".join(f"  {name:<10} {w.description}" for name, w in FORMATS.items())
