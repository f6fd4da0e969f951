"""Words and sentences broken by the layout: hyphenated line ends and page breaks in a paragraph.

* ``hyphen``: the ``-`` of a word broken at the end of a line or a page, where
  the word goes on in lower case on the next line of text (``nin-`` … ``guna``),
  whatever headers and page numbers lie between. The sentence text joins the two
  halves (``ninguna``); the TEI writes ``nin<lb break="no"/>guna``. A hyphen
  followed by a capital (``inter-`` / ``American``) is kept: it belongs to the word.
* ``join``: the blank lines between two blocks of text that are one paragraph
  broken by a page (``his observations`` ⏎⏎ ``well, and that``; ``todas las``
  ⟦header⟧ ``chispas del incendio``): the next block goes on in lower case and the
  previous one does not end a sentence (or ends in an ellipsis). Each stretch of
  whitespace there gets a ``join`` span, so the segmenter sees no paragraph break.
"""

from __future__ import annotations

import regex

from ..model import Span
from ..vocab import SpanKind
from .base import CLEANERS, Line, SpanSet, lines, span

_HYPHENATED = regex.compile(r"\p{L}[-‐­]$")  # letter + hyphen (or soft hyphen) at a line end
_ENDS_SENTENCE = regex.compile(r"[.!?:;][\"'”’»)\]]*$")
_ELLIPSIS = regex.compile(r"(?:\.\.\.|…)[\"'”’»)\]]*$")
_STARTS_LOWER = regex.compile(r"^[\"'“‘«(\[¿¡]*\p{Ll}")


def _text_lines(raw: str, found: SpanSet) -> list[tuple[Line, int, int]]:
    """Lines holding text no span keeps out, with the offsets of that text."""
    out = []
    for line in lines(raw):
        if line.blank:
            continue
        rng = found.outside(raw, line.start, line.end)
        if rng is not None:
            out.append((line, *rng))
    return out


@CLEANERS.register("breaks", order=50)
def find_breaks(raw: str, found: SpanSet) -> list[Span]:
    """``hyphen`` and ``join`` spans between consecutive lines of text."""
    out: list[Span] = []
    text_lines = _text_lines(raw, found)
    for (_, _, prev_end), (_, next_start, _) in zip(text_lines, text_lines[1:], strict=False):
        before = raw[max(0, prev_end - 3) : prev_end]
        after = raw[next_start : next_start + 3]
        gap_has_blank = blank_line_outside(raw, found, prev_end, next_start)
        lower_next = bool(_STARTS_LOWER.match(after))
        hyphenated = bool(_HYPHENATED.search(before)) and not before.endswith("--")
        ends_sentence = _ENDS_SENTENCE.search(before) and not _ELLIPSIS.search(before)
        if hyphenated and lower_next:
            out.append(span(raw, prev_end - 1, prev_end, SpanKind.HYPHEN))
        elif not gap_has_blank or not lower_next or ends_sentence:
            continue
        if gap_has_blank:
            out.extend(whitespace_runs(raw, found, prev_end, next_start))
    return out


def blank_line_outside(raw: str, found: SpanSet, start: int, end: int) -> bool:
    """Whether some whitespace of ``raw[start:end]`` outside spans holds a blank line."""
    return any(_holds_blank_line(s.text) for s in whitespace_runs(raw, found, start, end))


def _holds_blank_line(ws: str) -> bool:
    return len(regex.findall(r"\r\n|\r|\n", ws)) >= 2


def whitespace_runs(raw: str, found: SpanSet, start: int, end: int) -> list[Span]:
    """``join`` spans over each maximal whitespace stretch of ``[start, end)`` outside spans."""
    runs: list[Span] = []
    i = start
    run_start = None
    while i < end:
        held = found.covering(i)
        if held is not None or not raw[i].isspace():
            if run_start is not None:
                runs.append(span(raw, run_start, i, SpanKind.JOIN))
                run_start = None
            i = held.end if held is not None else i + 1
            continue
        if run_start is None:
            run_start = i
        i += 1
    if run_start is not None:
        runs.append(span(raw, run_start, end, SpanKind.JOIN))
    return runs
