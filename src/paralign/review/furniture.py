"""Page furniture: letterheads, running headers and page numbers that repeat on every page.

A typed letter repeats its letterhead ("MISION PERMANENTE DE CUBA EN LAS NACIONES
UNIDAS", "155 EAST 44TH STREET", "SUITE 201") and its page numbers ("--2--",
"--3--") on each page; a translation usually leaves them out, and the segmenter
may glue them into the sentence a page break interrupts. They are not text the
translator owes, so the bead checks (numbers, names, length, omissions) read the
beads without them; :mod:`.repeated` still checks the copies against each other.

A line is furniture when it has a digit or no lower-case letter (letterheads are in
capitals) and either occurs at least twice in its document, or is a copy of such a
line with other digits (the odd "135 EAST 44TH STREET"), or has no letter at all
and its shape repeats ("--2--", "--3--"). Repeated prose lines, and headings that
differ in their number ("CHAPTER 2", "CHAPTER 3"), are left alone.
"""

from __future__ import annotations

from collections import Counter

import regex

_DIGIT = regex.compile(r"\d+")
#: the longest line read as furniture (a letterhead line, not a paragraph)
MAX_CHARS = 80


def furniture_lines(raw: str) -> list[str]:
    """The furniture lines of a document's raw text, whitespace-normalised, longest first."""
    lines = [" ".join(line.split()) for line in raw.splitlines()]
    lines = [
        t
        for t in lines
        if 4 <= len(t) <= MAX_CHARS
        and regex.search(r"[\p{L}\d]", t)
        and (_DIGIT.search(t) or not regex.search(r"\p{Ll}", t))
    ]
    copies = Counter(lines)
    shapes = Counter(_DIGIT.sub("#", t) for t in lines)
    repeated_shapes = {_DIGIT.sub("#", t) for t, n in copies.items() if n >= 2}
    out = {
        t
        for t in lines
        if copies[t] >= 2
        or _DIGIT.sub("#", t) in repeated_shapes
        or (not regex.search(r"\p{L}", t) and shapes[_DIGIT.sub("#", t)] >= 2)
    }
    return sorted(out, key=len, reverse=True)


def furniture_pattern(raw: str) -> regex.Pattern[str] | None:
    """A pattern matching any furniture line of ``raw`` inside a sentence, or None."""
    lines = furniture_lines(raw)
    if not lines:
        return None
    parts = [r"\s+".join(regex.escape(w) for w in t.split()) for t in lines]
    return regex.compile(r"(?<![\p{L}\d])(?:" + "|".join(parts) + r")(?![\p{L}\d])")


def strip_furniture(text: str, pattern: regex.Pattern[str] | None) -> str:
    """``text`` without the furniture ``pattern`` matches (spaces tidied)."""
    if pattern is None:
        return text
    return regex.sub(r"\s{2,}", " ", pattern.sub(" ", text)).strip()


def furniture_in(text: str, pattern: regex.Pattern[str] | None) -> tuple[int, ...]:
    """The lengths of the furniture pieces in ``text``."""
    if pattern is None:
        return ()
    return tuple(len(m.group()) for m in pattern.finditer(text))
