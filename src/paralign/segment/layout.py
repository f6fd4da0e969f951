"""The page layer: kept-out spans, paragraphs, heading lines and sentence text.

Everything here works on the *masked* text: the raw text with every character of a
kept-out span replaced by NUL, so that offsets stay raw offsets while headers and
page numbers read as blank.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from ..errors import InputError
from ..model import Span
from ..vocab import SpanKind
from .abbreviations import FUNCTION_WORDS

NUL = "\x00"
#: the kind of kept-out span that marks the hyphen of a word broken at a line end
HYPHEN = SpanKind.HYPHEN
#: every character ``str.isspace`` accepts, plus NUL (a masked character)
_BLANKS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000" + NUL
)
# every blank character but the plain space (``re``'s ``\s`` is ``str.isspace``)
_NOT_SPACE_BLANK = re.compile(r"[^\S ]|\x00")


def flatten(text: str) -> str:
    """``text`` as one line of the same length: every blank character becomes a space."""
    return _NOT_SPACE_BLANK.sub(" ", text)


#: a line of a heading block is at most this long (characters, stripped)
HEADING_MAX = 60
#: … and, in a paragraph of longer lines, shorter than this share of the longest
HEADING_RATIO = 0.75

_OPENERS = "\"“«'‘([¿¡"
# a line that stops in mid-phrase: a word or a hyphen at its end (not a number: a
# dateline, ``…United Nations, 2 December 1962``, ends on one)
_OPEN_END = regex.compile(r"[\p{L}\-]$")
_HEADING_END = regex.compile(r"[\p{L}\p{N}\"”»’'\)\]]$")
_HEADING_NEXT = regex.compile(r"(?:--|—)?[\p{Lu}\p{Lt}\p{N}\"“«¿¡(\[]")
_LINE_BREAK = r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029\x00]"
# a hyphen at a line end (or before kept-out text): a cheap test before the two below
_HYPHEN_AT_BREAK = re.compile(r"-[^\S\n]*?" + _LINE_BREAK)
# a word hyphenated across a line break (or a kept-out span): ``nin-\nguna``
_HYPHEN_JOIN = regex.compile(r"(?<=\p{L})-(?=[\s\x00]*?" + _LINE_BREAK + r")[\s\x00]+(?=\p{Ll})")
# the same before a capital or digit: a real hyphen, kept (``inter-\nAmerican``)
_HYPHEN_KEEP = regex.compile(
    r"(?<=\p{L}-)(?=[\s\x00]*?" + _LINE_BREAK + r")[\s\x00]+(?=[\p{Lu}\p{N}])"
)


#: punctuation written right after the word before it, and right before the word after it
_CLOSERS = frozenset(",.;:!?…)]}»”’")
_OPENERS_GLUED = frozenset("([{«“‘¿¡")
# a maximal run of blanks (matched whole, so the search stays linear in the text)
_KEPT_RUN = re.compile(r"[\s\x00]+")


@dataclass
class Paragraph:
    """A paragraph of the masked text: ``[start, end)`` and line ends that end a sentence."""

    start: int
    end: int
    breaks: list[int] = field(default_factory=list)


def mask(raw: str, kept_out: Sequence[Span]) -> str:
    """``raw`` with the characters of every kept-out span replaced by NUL.

    A ``join`` span (whitespace holding a blank line that is a page break, not a
    paragraph break) thus stops being a blank line; a ``hyphen`` span (the ``-`` of
    a word broken at a line end) is rejoined by :func:`sentence_text`.
    """
    if NUL in raw:
        raise InputError(
            "the text contains NUL characters: is it a binary file? Convert it to plain text first"
        )
    if not kept_out:
        return raw
    parts: list[str] = []
    pos = 0
    for span in sorted(kept_out, key=lambda s: (s.start, s.end)):
        if not 0 <= span.start <= span.end <= len(raw):
            raise InputError(
                f"kept-out span {span.start}..{span.end} ({span.kind}) lies outside the text "
                f"of {len(raw)} characters"
            )
        start = max(span.start, pos)
        if span.end <= start:
            continue
        parts.append(raw[pos:start])
        parts.append(NUL * (span.end - start))
        pos = span.end
    parts.append(raw[pos:])
    return "".join(parts)


def _starts_lower(content: str) -> bool:
    head = content.lstrip(_OPENERS + "-—–")
    return head[:1].islower()


def _runs_on(line: str) -> bool:
    """Whether a line before a page break stops in mid-phrase: on a hyphen, or a
    prose line (longer than a heading line) ending on a word."""
    return line.endswith("-") or (len(line) > HEADING_MAX and bool(_OPEN_END.search(line)))


def paragraphs(masked: str, lang: str, headings: bool = True) -> list[Paragraph]:
    """The paragraphs of ``masked``: blocks of lines separated by blank lines.

    A blank-line gap does not end a paragraph when the next block starts with a
    lower-case letter (a page break in mid-sentence, ``observations\\n\\nwell, and``),
    nor when the gap holds a kept-out span and the prose line before it stops in
    mid-phrase, on a word or a hyphen (``of the United`` ⟨running header⟩ ``States``);
    a short line, or one ending on a number, before a kept-out gap (a dateline, an
    address) ends its paragraph.
    Lines that hold only kept-out text are blank for this purpose but do not make
    a gap on their own.
    """
    paras: list[Paragraph] = []
    lines: list[tuple[int, int]] = []  # stripped content of the current paragraph's lines
    joined: set[int] = set()  # lines followed by a blank gap that did not end the paragraph
    blank = kept = False
    last_content = ""

    def close() -> None:
        if lines:
            para = Paragraph(lines[0][0], lines[-1][1])
            if headings and len(lines) > 1:
                para.breaks = heading_breaks(masked, lines, lang, joined)
            paras.append(para)

    pos = 0
    for line in masked.splitlines(keepends=True):
        start, end = pos, pos + len(line)
        pos = end
        content = line.strip(_BLANKS)
        if not content:
            if NUL in line:
                kept = True
            else:
                blank = True
            continue
        lead = len(line) - len(line.lstrip(_BLANKS))
        c_start = start + lead
        c_end = c_start + len(content)
        if lines and blank:
            joins = _starts_lower(content) or (kept and _runs_on(last_content))
            if joins:
                joined.add(len(lines) - 1)
            else:
                close()
                lines = []
                joined = set()
        lines.append((c_start, c_end))
        last_content = content
        blank = kept = False
    close()
    return paras


def heading_breaks(
    masked: str,
    lines: list[tuple[int, int]],
    lang: str,
    joined: set[int] | frozenset[int] = frozenset(),
) -> list[int]:
    """Ends of the lines of one paragraph that are heading/address lines.

    A line ends a sentence when it is short (``HEADING_MAX``), ends on a word,
    number or closing quote, the next line starts with a capital, digit or opening
    quote, no function word stands at the junction (a wrapped phrase such as
    ``MISION PERMANENTE DE CUBA / EN LAS NACIONES UNIDAS`` stays whole), and the
    break was not forced by wrapping: the next line's first word would have fitted
    on the line. In a paragraph of prose (most lines start in lower case) the line
    must also be clearly shorter than the longest (``HEADING_RATIO``), so that
    typed pages wrapped at any width are left alone. Lines in ``joined`` are
    followed by a page break inside a sentence and never end one.
    """
    function_words = FUNCTION_WORDS.get(lang, frozenset())
    texts = [flatten(masked[s:e]).strip() for s, e in lines]
    lengths = [len(t) for t in texts]
    width = max(lengths)
    capitalised = sum(1 for t in texts[1:] if not _starts_lower(t))
    block = width <= HEADING_MAX and 2 * capitalised >= len(texts) - 1
    limit = HEADING_MAX if block else width
    breaks: list[int] = []
    for i in range(len(lines) - 1):
        if i in joined:
            continue
        text, nxt, length = texts[i], texts[i + 1], lengths[i]
        if length > HEADING_MAX or not (block or length <= HEADING_RATIO * width):
            continue
        if not _HEADING_END.search(text) or not _HEADING_NEXT.match(nxt):
            continue
        first = nxt.split(None, 1)[0]
        if length + 1 + len(first) > limit:
            continue
        last = text.rsplit(None, 1)[-1].strip(_OPENERS + ")]\"”»’'").lower()
        if last in function_words or first.strip(_OPENERS + "-—").lower() in function_words:
            continue
        breaks.append(lines[i][1])
    return breaks


def _kept_run_space(match: re.Match[str]) -> str:
    """What a blank run holding kept-out text reads as: nothing where the kept-out
    text was glued to closing punctuation after it (``Dobryni [Anatoly F.
    Dobrynin],`` → ``Dobryni,``) or to opening punctuation before it; else a space."""
    text, start, end = match.string, match.start(), match.end()
    if NUL not in match.group():
        return " "
    if end < len(text) and text[end] in _CLOSERS and text[end - 1] == NUL:
        return ""
    if start > 0 and text[start - 1] in _OPENERS_GLUED and text[start] == NUL:
        return ""
    return " "


def hyphen_spans(kept_out: Sequence[Span]) -> list[tuple[int, int]]:
    """The ``hyphen`` kept-out spans as sorted ``(start, end)`` pairs."""
    return sorted((s.start, s.end) for s in kept_out if s.kind == HYPHEN)


def sentence_text(
    masked: str, start: int, end: int, hyphens: Sequence[tuple[int, int]] = ()
) -> str:
    """The text of ``masked[start:end]``: kept-out text dropped (a space where it
    was, none where it was glued to punctuation, see :func:`_kept_run_space`),
    hyphenated words rejoined, whitespace runs collapsed to one space.

    ``hyphens`` (from :func:`hyphen_spans`) are joins the clean stage found: the word
    halves around each are joined with nothing between them, whatever blank or
    kept-out text lies between.
    """
    text = masked[start:end]
    if hyphens:
        i = bisect_left(hyphens, (start, start))
        if i < len(hyphens) and hyphens[i][0] < end:
            parts: list[str] = []
            pos = start
            while i < len(hyphens) and hyphens[i][0] < end:
                h_start, h_end = hyphens[i]
                parts.append(masked[pos:h_start])
                pos = max(pos, h_end)
                while pos < end and masked[pos] in _BLANKS:
                    pos += 1
                i += 1
            parts.append(masked[pos:end])
            text = "".join(parts)
    if "-" in text and _HYPHEN_AT_BREAK.search(text):
        text = _HYPHEN_JOIN.sub("", text)
        text = _HYPHEN_KEEP.sub("", text)
    return " ".join(drop_kept_out(text).split())


def drop_kept_out(text: str) -> str:
    """``text`` with its kept-out text (marked NUL) gone: a space where it was, none
    where it was glued to punctuation (see :func:`_kept_run_space`). The TEI reader
    uses it too, so that the text read back is the text that was aligned."""
    if NUL not in text:
        return text
    return _KEPT_RUN.sub(_kept_run_space, text).replace(NUL, " ")
