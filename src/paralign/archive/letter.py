"""The parts of a letter: opener (dateline, address, salutation), closer (valediction, signature).

Diplomatic correspondence is letters and memoranda. :func:`letter_parts` finds,
in the text that the clean stage left in (kept-out spans aside), where each
letter starts and its parts, as marks for the TEI writer (``<div type="letter">``,
``<head>``, ``<opener>``, ``<dateline>``, ``<address>``, ``<salute>``,
``<closer>``, ``<signed>``). The parts stay in the sentences, and so in the
alignment: ``Fraternalmente,`` aligns with ``Fraternally,``.

The rules read the layout, not the words, wherever they can:

* a *unit* is a paragraph (blank-line separated; page breaks inside a paragraph do
  not split it); it is *prose* when it has a sentence of eight words or more, or
  twenty-five words in all;
* a letter's *opener* is its first units up to the salutation (a short line ending
  in a colon, ``Rául:``, ``Dear Comrade Khrushchev:``), or, without one, up to its
  first prose; its *closer* is what follows its last prose when it holds a
  valediction (``Fraternalmente,``) or a signature;
* a new letter starts at a dateline that follows a closer;
* inside them, a line holding a date is a dateline (with a place alone on the line
  before it), a short line ending in a colon or a greeting is a salutation, a
  valediction or a motto in capitals at the end is a closing salutation, and a short
  line of capitalised words after it is the signature.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

import regex

from ..clean.base import SpanSet, lines
from ..clean.breaks import blank_line_outside
from ..model import Sentence, Span
from ..vocab import LETTER_PARTS, SpanKind
from .dates import find_dates

#: kinds of letter-part mark, outermost first (the order the TEI nests them in)
PART_KINDS = LETTER_PARTS

#: valedictions (lower case, punctuation aside) that open a closer
VALEDICTIONS = (
    "fraternalmente",
    "fraternally",
    "fraternal greetings",
    "fraternalily",
    "atentamente",
    "sinceramente",
    "cordialmente",
    "saludos",
    "saludos revolucionarios",
    "un abrazo",
    "sincerely",
    "sincerely yours",
    "yours sincerely",
    "yours truly",
    "very truly yours",
    "respectfully",
    "respectfully yours",
    "cordially",
    "best regards",
    "regards",
    "with revolutionary greetings",
    "revolutionary greetings",
    "comradely",
    "yours",
)
_GREETING = regex.compile(
    r"^(?:dear|my dear|esteemed|estimado|estimada|querido|querida|distinguido|"
    r"compañero|compañera|comrade|camarada|señor|señora|sr\.|sra\.|excelencia|"
    r"excellency|your excellency|mr\.|mrs\.|sir|madam)\b",
    regex.IGNORECASE,
)
_ADDRESSEE = regex.compile(r"^(?:al|a|to|para|attn|atención)\s*:|^(?:to|al|para)\s", regex.I)
_SENTENCE_END = regex.compile(r"[.!?][\"'”’»)\]]*(?:\s|$)")
_NAME_WORD = regex.compile(r"(?:\p{Lu}[\p{L}'’.-]*|de|del|la|las|los|y|e|van|von|da|dos)")


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Unit:
    lines: tuple[_Line, ...]

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def words(self) -> int:
        return len(self.text.split())


def _units(raw: str, found: SpanSet) -> list[_Unit]:
    """The paragraphs of text outside kept-out spans, page breaks inside them ignored."""
    text_lines: list[_Line] = []
    for ln in lines(raw):
        rng = found.outside(raw, ln.start, ln.end)
        if rng:
            text_lines.append(_Line(rng[0], rng[1], _visible(raw, found, *rng)))
    units: list[list[_Line]] = []
    for line in text_lines:
        if units and not blank_line_outside(raw, found, units[-1][-1].end, line.start):
            units[-1].append(line)
        else:
            units.append([line])
    return [_Unit(tuple(u)) for u in units]


def _visible(raw: str, found: SpanSet, start: int, end: int) -> str:
    """``raw[start:end]`` without kept-out text, whitespace collapsed."""
    out = []
    i = start
    while i < end:
        held = found.covering(i)
        if held is not None:
            out.append(" ")
            i = held.end
            continue
        out.append(raw[i])
        i += 1
    return " ".join("".join(out).split())


def is_prose(unit: _Unit) -> bool:
    """A paragraph of running text rather than a heading, address or formula."""
    if unit.words >= 25:
        return True
    sentences = [s for s in regex.split(r"(?<=[.!?][\"'”’»)\]]*)\s+", unit.text) if s]
    return any(len(s.split()) >= 8 and _SENTENCE_END.search(s + " ") for s in sentences)


def _is_dateline(text: str) -> bool:
    return bool(find_dates(text)) and len(text.split()) <= 12


def _is_salute(text: str) -> bool:
    words = len(text.split())
    return (text.endswith(":") and words <= 6 and not _ADDRESSEE.match(text)) or bool(
        _GREETING.match(text) and words <= 8 and text[-1:] in ":,"
    )


def _fold(text: str) -> str:
    return " ".join(regex.sub(r"[^\p{L}\p{N}]+", " ", text.casefold()).split())


def is_valediction(text: str) -> bool:
    """A closing formula (``Fraternalmente,``, ``Sincerely yours``) or motto in capitals."""
    folded = _fold(text)
    if folded in VALEDICTIONS:
        return True
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(text.split()) <= 8


def is_signature(text: str) -> bool:
    """A short line of capitalised name words (``Osvaldo Dorticos Torredo``)."""
    words = text.split()
    return (
        2 <= len(words) <= 6
        and not regex.search(r"[\d:;!?]|[.,]$", text)
        and all(_NAME_WORD.fullmatch(w) for w in words)
        and words[0][:1].isupper()
    )


def _similar(a: str, b: str) -> bool:
    a, b = _fold(a), _fold(b)
    return bool(a and b) and SequenceMatcher(None, a[: len(b) + 20], b).ratio() >= 0.8


def letter_parts(raw: str, kept_out: Iterable[Span] = (), *, title: str = "") -> list[Span]:
    """Marks for the letters in ``raw`` and their parts (kinds in :data:`PART_KINDS`).

    ``kept_out`` are the clean stage's spans (headers, page numbers …), which the
    parts leave aside; ``title`` is the document's catalogue title, so that a first
    line repeating it is marked as the heading.
    """
    found = SpanSet(s for s in kept_out if s.start < s.end)
    units = _units(raw, found)
    if not units:
        return []
    prose = [is_prose(u) for u in units]
    marks: list[Span] = []
    first = 0
    if title and not prose[0] and _similar(units[0].text, title):
        marks.append(_mark(raw, units[0].start, units[0].end, SpanKind.HEAD))
        first = 1
    starts = _letter_starts(units, prose, first)
    bounds = [*starts, len(units)]
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a >= b:
            continue
        letter_start = _start_with_zone(raw, found, units, a, marks)
        if len(starts) > 1:
            marks.append(_mark(raw, letter_start, units[b - 1].end, SpanKind.LETTER))
        marks.extend(_letter(raw, units[a:b], prose[a:b]))
    return sorted(marks, key=lambda m: (m.start, -m.end, PART_KINDS.index(m.kind)))


def _start_with_zone(raw: str, found: SpanSet, units: list[_Unit], a: int, marks) -> int:
    """Where letter ``a`` starts: before the letterhead (kept out) that heads it."""
    start = units[a].start
    floor = units[a - 1].end if a > 0 else 0
    for s in found:
        if floor <= s.start < start and s.kind == SpanKind.FW:
            return s.start
    return start


def _letter_starts(units: list[_Unit], prose: list[bool], first: int) -> list[int]:
    """Indices of the units that begin a letter."""
    starts = [first]
    seen_prose = False
    closer = False
    for i in range(first, len(units)):
        text = units[i].text
        if prose[i]:
            seen_prose, closer = True, False
            continue
        if not seen_prose:
            continue
        if is_valediction(text) or is_signature(text):
            closer = True
        elif closer and _is_dateline(units[i].lines[0].text):
            starts.append(i)
            seen_prose = closer = False
    return starts


def _letter(raw: str, units: Sequence[_Unit], prose: Sequence[bool]) -> list[Span]:
    """The opener and closer marks of one letter (and the parts inside them)."""
    marks: list[Span] = []
    opener_end = _opener_end(units, prose)
    if opener_end:
        head = units[:opener_end]
        marks.append(_mark(raw, head[0].start, head[-1].end, SpanKind.OPENER))
        marks.extend(_opener_lines(raw, [ln for u in head for ln in u.lines]))
    last_prose = max((i for i, p in enumerate(prose) if p), default=None)
    if last_prose is not None and last_prose + 1 < len(units):
        tail = units[last_prose + 1 :]
        tail_lines = [ln for u in tail for ln in u.lines]
        if is_valediction(tail[0].text) or is_valediction(tail_lines[0].text):
            marks.append(_mark(raw, tail[0].start, tail[-1].end, SpanKind.CLOSER))
            marks.extend(_closer_lines(raw, tail))
    return marks


def _opener_end(units: Sequence[_Unit], prose: Sequence[bool]) -> int:
    """How many leading units the opener has (0: none)."""
    for i, unit in enumerate(units[:5]):
        if unit.words >= 25:
            break
        if _is_salute(unit.lines[-1].text):
            return i + 1
    n = 0
    while n < len(units) and not prose[n]:
        n += 1
    return n if n < len(units) else 0


def _opener_lines(raw: str, opener: list[_Line]) -> list[Span]:
    marks: list[Span] = []
    address: list[_Line] = []

    def flush() -> None:
        if address:
            marks.append(_mark(raw, address[0].start, address[-1].end, SpanKind.ADDRESS))
            address.clear()

    i = 0
    while i < len(opener):
        line = opener[i]
        nxt = opener[i + 1] if i + 1 < len(opener) else None
        if _is_dateline(line.text):
            flush()
            marks.append(_mark(raw, line.start, line.end, SpanKind.DATELINE))
        elif (
            nxt is not None
            and len(line.text.split()) <= 3
            and not regex.search(r"\d", line.text)
            and _is_dateline(nxt.text)
            and len(nxt.text.split()) <= 4
        ):
            flush()  # a place alone on its line, the date below it
            marks.append(_mark(raw, line.start, nxt.end, SpanKind.DATELINE))
            i += 1
        elif _is_salute(line.text):
            flush()
            marks.append(_mark(raw, line.start, line.end, SpanKind.SALUTE))
        elif _ADDRESSEE.match(line.text) or address or _addressy(line.text):
            address.append(line)
        i += 1
    flush()
    return marks


def _addressy(text: str) -> bool:
    """An inside-address line: anything in the opener but a motto in quotes."""
    return not text.startswith(('"', "“", "«", "'"))


def _closer_lines(raw: str, tail: Sequence[_Unit]) -> list[Span]:
    marks: list[Span] = []
    saluted = False
    for unit in tail:
        text = unit.text
        if is_valediction(text):
            marks.append(_mark(raw, unit.start, unit.end, SpanKind.SALUTE))
            saluted = True
        elif saluted and is_signature(text):
            marks.append(_mark(raw, unit.start, unit.end, SpanKind.SIGNED))
    return marks


def _mark(raw: str, start: int, end: int, kind: str) -> Span:
    return Span(start, end, kind, raw[start:end])


def fit_marks(marks: Iterable[Span], sentences: Sequence[Sentence]) -> list[Span]:
    """The marks whose edges fall between sentences (a mark never cuts a sentence).

    Inline marks (``editorial``, ``hyphen``) are kept as they are; a letter part
    whose start or end falls inside a sentence is dropped (the sentences are kept).
    """
    starts = [s.start for s in sentences]
    out = []
    for m in marks:
        lo = max(0, bisect.bisect_right(starts, m.start) - 1)
        hi = bisect.bisect_right(starts, m.end)
        cuts = any(s.start < m.start < s.end or s.start < m.end < s.end for s in sentences[lo:hi])
        if m.kind not in PART_KINDS or not cuts:
            out.append(m)
    return out
