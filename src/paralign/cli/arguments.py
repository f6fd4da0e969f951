"""Argument types and help text shared by several subcommands."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ..registry import Registry

#: a command: ``add_parser(subparsers)`` adds its parser, whose ``run`` default runs it
AddParser = Callable[[argparse._SubParsersAction], object]

#: the subcommands, in the order ``--help`` lists them: each module of this package
#: registers its ``add_parser`` with ``@COMMANDS.register(name, order=…)``
COMMANDS: Registry[AddParser] = Registry("command", "paralign.cli")


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
    return _whole(value, 0, None, "")


#: the most worker processes: each loads its own encoder (hundreds of MB) and the
#: machine's cores are shared among them; far above any machine's useful count
MAX_WORKERS = 256
#: the most retries of a failed pair: a pair that fails this often fails for a reason
MAX_RETRIES = 20


def workers(value: str) -> int:
    """An argparse type: a number of worker processes, 0 (in this process) to
    :data:`MAX_WORKERS`."""
    return _whole(value, 0, MAX_WORKERS, "each worker is a process that loads its own encoder")


def retries(value: str) -> int:
    """An argparse type: times a failed pair is tried again, 0 to :data:`MAX_RETRIES`."""
    return _whole(value, 0, MAX_RETRIES, "a pair that fails this often fails for a reason")


def _whole(value: str, low: int, high: int | None, why: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < low:
        raise argparse.ArgumentTypeError(f"must be {low} or more: {n}")
    if high is not None and n > high:
        raise argparse.ArgumentTypeError(f"must be at most {high}, not {n}: {why}")
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
