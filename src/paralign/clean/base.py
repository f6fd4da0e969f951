"""What every cleaner shares: the layout of the raw text (lines, blocks) and the result type.

A cleaner never changes the text. It returns :class:`~paralign.model.Span` s over the
RAW string (``raw[span.start:span.end] == span.text``), so that offsets from every
sentence back into the input stay exact and the TEI can show what was kept out.
Line ends may be ``\\n``, ``\\r\\n`` or ``\\r``; a form feed counts as whitespace.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import regex

from ..model import Span
from ..registry import Registry

#: a cleaner: ``cleaner(raw, found) -> spans`` sees the spans found before it
Cleaner = Callable[[str, "SpanSet"], list[Span]]

#: the cleaners, in the order they run (``@CLEANERS.register(name, order=…)``)
CLEANERS: Registry[Cleaner] = Registry("cleaner", "paralign.clean")

_LINE_END = regex.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Line:
    """One line of the raw text, without its line end: ``raw[start:end]``."""

    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def content_start(self) -> int:
        """Offset of the first non-whitespace character (``end`` for a blank line)."""
        return self.start + (len(self.text) - len(self.text.lstrip()))

    @property
    def content_end(self) -> int:
        """Offset just after the last non-whitespace character."""
        return self.start + len(self.text.rstrip())


@dataclass(frozen=True)
class Block:
    """A run of non-blank lines: a paragraph, a header block, an address block."""

    lines: tuple[Line, ...]

    @property
    def start(self) -> int:
        return self.lines[0].content_start

    @property
    def end(self) -> int:
        return self.lines[-1].content_end

    @property
    def text(self) -> str:
        return "\n".join(line.stripped for line in self.lines)


def lines(raw: str) -> list[Line]:
    """Every line of ``raw`` with its offsets, line ends excluded (``\\n``, ``\\r\\n``, ``\\r``)."""
    out: list[Line] = []
    pos = 0
    for m in _LINE_END.finditer(raw):
        out.append(Line(pos, m.start(), raw[pos : m.start()]))
        pos = m.end()
    if pos < len(raw):
        out.append(Line(pos, len(raw), raw[pos:]))
    return out


def blocks(raw: str) -> list[Block]:
    """The blank-line separated blocks of ``raw``, in order."""
    out: list[Block] = []
    run: list[Line] = []
    for line in lines(raw):
        if line.blank:
            if run:
                out.append(Block(tuple(run)))
                run = []
        else:
            run.append(line)
    if run:
        out.append(Block(tuple(run)))
    return out


def span(raw: str, start: int, end: int, kind: str) -> Span:
    """A span over ``raw[start:end]`` holding its text."""
    return Span(start, end, kind, raw[start:end])


class SpanSet:
    """Sorted, non-overlapping spans; adding one that overlaps an existing span is refused."""

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._spans: list[Span] = []
        self._starts: list[int] = []
        for s in spans:
            self.add(s)

    def __iter__(self):
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with a span already held."""
        k = bisect.bisect_left(self._starts, end) - 1
        return k >= 0 and self._spans[k].end > start

    def add(self, s: Span) -> bool:
        """Add ``s`` unless it is empty or overlaps a held span; whether it was added."""
        if s.start >= s.end or self.overlaps(s.start, s.end):
            return False
        k = bisect.bisect_left(self._starts, s.start)
        self._spans.insert(k, s)
        self._starts.insert(k, s.start)
        return True

    def covering(self, i: int) -> Span | None:
        """The held span that holds offset ``i``, if any."""
        k = bisect.bisect_right(self._starts, i) - 1
        if k >= 0 and i < self._spans[k].end:
            return self._spans[k]
        return None

    def outside(self, raw: str, start: int, end: int) -> tuple[int, int] | None:
        """The stretch of ``raw[start:end]`` outside held spans, stripped of whitespace.

        ``(first, last + 1)`` of the non-whitespace characters no held span covers,
        or None when there are none.
        """
        first = last = None
        i = start
        while i < end:
            s = self.covering(i)
            if s is not None:
                i = s.end
                continue
            if not raw[i].isspace():
                if first is None:
                    first = i
                last = i
            i += 1
        return None if first is None else (first, last + 1)

    def list(self) -> list[Span]:
        return list(self._spans)


@dataclass
class Cleaned:
    """The result of the clean stage: the raw text and the spans found in it.

    ``kept_out`` are left out of the sentences (headers, page numbers, debris …);
    ``marks`` stay in the sentence text but carry markup (editorial brackets that
    are kept in the text). Both are sorted and over ``raw``.
    """

    raw: str
    kept_out: list[Span] = field(default_factory=list)
    marks: list[Span] = field(default_factory=list)

    def kinds(self, *kinds: str) -> list[Span]:
        """The kept-out spans and marks of the given kinds, in order."""
        return sorted(
            (s for s in [*self.kept_out, *self.marks] if s.kind in kinds), key=lambda s: s.start
        )
