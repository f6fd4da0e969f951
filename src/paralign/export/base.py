"""What every export format shares: the writer interface, its registry and the options.

A format is a :class:`Writer` subclass registered with :func:`register` in any
module of this package (found without an import list, see :mod:`paralign.registry`),
or anywhere else before it is used; the registry :data:`FORMATS` maps its name to
an instance. A writer gets the
alignments to write as :class:`Entry` objects whose beads are already filtered by
the user's options, and returns bytes (or, for formats made of several files, a
mapping of file names to bytes).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import ClassVar

from ..errors import FormatError
from ..model import Alignment, Bead
from ..output import check_date, header_date
from ..output import confidence_text as confidence_text  # the writers' one way to write it
from ..registry import Registry

#: format name → writer, filled by :func:`register`
FORMATS: Registry[Writer] = Registry("export format", "paralign.export", FormatError)


@dataclass(frozen=True)
class ExportOptions:
    """The choices a user can make about any export.

    ``keep_null``: write 1-0/0-1 beads (``None``: the format's own default,
    see :attr:`Writer.keep_null`). ``min_confidence``: leave out beads less
    confident than this. ``date``: ISO date (``YYYY[-MM[-DD]]``) recorded in
    headers; by default the date of ``SOURCE_DATE_EPOCH`` when that is set,
    otherwise none, so that two runs give identical bytes. ``names``: one name per
    alignment, used where a file holding several alignments (or several files)
    must tell them apart; by default ``doc1``, ``doc2``, …
    """

    keep_null: bool | None = None
    min_confidence: float = 0.0
    date: str | None = None
    names: tuple[str, ...] = ()

    @classmethod
    def from_kwargs(cls, options: dict[str, object]) -> ExportOptions:
        """Options from keyword arguments, with one clear error for a wrong one."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise FormatError(
                f"unknown export option {unknown[0]!r}; the options are: {', '.join(sorted(known))}"
            )
        opts = cls(**options)  # type: ignore[arg-type]
        opts.check()
        return opts

    @property
    def filtering(self) -> bool:
        """Whether the user asked to leave some beads out."""
        return self.keep_null is False or self.min_confidence > 0

    def check(self) -> None:
        """Raise :class:`FormatError` for values no writer can use."""
        mc = self.min_confidence
        if not isinstance(mc, (int, float)) or not 0 <= mc <= 1:
            raise FormatError(f"min_confidence must be a number in 0..1, not {mc!r}")
        check_date(self.date)

    def header_date(self) -> str | None:
        """The date to record: the option, else ``SOURCE_DATE_EPOCH``, else none."""
        return header_date(self.date)


@dataclass(frozen=True)
class Entry:
    """One alignment to write: its name and the beads kept, with their 0-based numbers.

    The number of a bead is its position among *all* the alignment's beads, so
    identifiers derived from it stay the same whatever filter is applied.
    """

    name: str
    alignment: Alignment
    beads: list[tuple[int, Bead]]


class Writer(ABC):
    """One export format.

    Subclasses set the class attributes and implement :meth:`write`; formats made
    of several files set :attr:`multi_file` and override :meth:`files`.
    """

    #: the name users pass (``--format``)
    name: ClassVar[str]
    #: file name suffix of the main file, with its dot
    suffix: ClassVar[str]
    #: one line for ``--help`` and the docs
    description: ClassVar[str]
    #: whether 1-0/0-1 beads are written when the user does not say
    keep_null: ClassVar[bool] = True
    #: whether one file can hold several alignments
    sets: ClassVar[bool] = True
    #: whether the bead filters (keep_null=False, min_confidence) are allowed
    filters: ClassVar[bool] = True
    #: whether the format is several files (:meth:`files`), so cannot go to standard output
    multi_file: ClassVar[bool] = False

    @abstractmethod
    def write(self, entries: Sequence[Entry], options: ExportOptions) -> bytes:
        """The main file for ``entries`` (one, or several when :attr:`sets`)."""

    def files(
        self, entries: Sequence[Entry], options: ExportOptions, stem: str
    ) -> dict[str, bytes]:
        """Every file of the export, by name; ``stem`` is the main file's name without suffix."""
        return {stem + self.suffix: self.write(entries, options)}


def register(cls: type[Writer]) -> type[Writer]:
    """Class decorator: add a writer to :data:`FORMATS` under its name."""
    FORMATS.add(cls.name, cls())
    return cls


def get_writer(fmt: str) -> Writer:
    """The writer for a format name, or :class:`FormatError` listing the known ones."""
    try:
        return FORMATS[fmt]
    except (KeyError, TypeError):
        raise FormatError(
            f"unknown export format {fmt!r}; choose one of: {', '.join(sorted(FORMATS))}"
        ) from None


def select(alignment: Alignment, writer: Writer, options: ExportOptions) -> list[tuple[int, Bead]]:
    """The beads of ``alignment`` the options keep, numbered by their position."""
    keep_null = writer.keep_null if options.keep_null is None else options.keep_null
    out = []
    for i, bead in enumerate(alignment.beads):
        if not keep_null and not (bead.src and bead.tgt):
            continue
        if bead.confidence < options.min_confidence:
            continue
        out.append((i, bead))
    return out


def one_line(text: str) -> str:
    """Text with every run of whitespace (tabs and line breaks included) made one space."""
    return " ".join(text.split())


def bead_text(alignment: Alignment, bead: Bead) -> tuple[str, str]:
    """The two sides of a bead as single lines, sentences joined by a space."""
    src, tgt = alignment.texts(bead)
    return one_line(src), one_line(tgt)
