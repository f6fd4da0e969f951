"""The ``paralign`` command: a thin layer over the Python API.

Each subcommand lives in its own module with ``add_parser(subparsers)`` and
``run(args) -> int``; ``@COMMANDS.register(name, order=…)`` on its ``add_parser``
is all it takes for ``paralign`` to have it (:data:`.arguments.COMMANDS`).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from typing import NoReturn

from ..errors import ParalignError
from ..files import flush_stdout
from .arguments import COMMANDS


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, as every other error is:
    ``paralign: error: <command>: <what is wrong> (see <command> --help)``, exit 2."""

    def error(self, message: str) -> NoReturn:
        message = " ".join(message.split())
        command = self.prog.removeprefix("paralign").strip()
        where = f"{command}: " if command else ""
        self.exit(2, f"paralign: error: {where}{message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = Parser(
        prog="paralign",
        description="Align a document with its translation sentence by sentence.",
    )
    parser.add_argument("--version", action="version", version=f"paralign {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add_parser in COMMANDS.values():
        add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; bad input gives one line on stderr and exit status 2,
    running out of memory one line and exit status 1."""
    parser = build_parser()
    args = parser.parse_args(argv)
    with warnings.catch_warnings():
        warnings.showwarning = _show_warning
        return _run(args)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A warning as one line ``paralign: warning: …`` (not Python's two lines of source)."""
    print(f"paralign: warning: {' '.join(str(message).split())}", file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    try:
        code = args.run(args)
        flush_stdout()  # what print() left buffered: a full disk or a closed pipe is one line
        return code
    except ParalignError as exc:
        # one line, whatever the message holds (libxml2's end in "\n, line 49, column 3")
        print(f"paralign: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    except MemoryError as exc:
        detail = f" ({exc})" if str(exc) else ""
        print(
            f"paralign: error: out of memory{detail}: the input is too large for this "
            "machine's memory; split it into smaller files",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        print("paralign: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
