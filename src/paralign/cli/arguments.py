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


def formats_listing() -> str:
    """The export formats, one per line with its description, for an ``epilog``."""
    from ..export import FORMATS

    return "formats:\n" + "\n".join(f"  {name:<10} {w.description}" for name, w in FORMATS.items())
