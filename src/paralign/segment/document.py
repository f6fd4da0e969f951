"""The two ways from raw text to a :class:`~paralign.model.Document`."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..errors import InputError
from ..languages import check_language
from ..model import Document, Sentence, Span
from .base import Segmenter, cuts_to_spans
from .layout import flatten, hyphen_spans, mask, paragraphs, sentence_text
from .registry import DEFAULT_SEGMENTER, get_segmenter


def segment(
    raw: str,
    lang: str,
    kept_out: Sequence[Span] = (),
    *,
    segmenter: str | Segmenter = DEFAULT_SEGMENTER,
    headings: bool = True,
) -> Document:
    """Split ``raw`` into sentences with exact offsets.

    ``raw[s.start:s.end]`` is each sentence's raw stretch (no surrounding
    whitespace); ``s.text`` has kept-out spans dropped, words hyphenated across a
    line break rejoined and whitespace collapsed. Paragraphs are blocks separated
    by blank lines; a single line break is a space, except after a heading or
    address line (turn that off with ``headings=False``). ``kept_out`` spans
    (running headers, page numbers…) are never part of a sentence's text, though a
    sentence may run across one; of their kinds, ``join`` (a blank line that is a
    page break) removes a paragraph break and ``hyphen`` (the ``-`` of a broken
    word) rejoins the word. ``segmenter`` is a name from
    :data:`~paralign.segment.SEGMENTERS` or a :class:`Segmenter`.
    """
    code = check_language(lang)
    if not isinstance(raw, str):
        raise InputError(f"expected text (str) to segment, got {type(raw).__name__}")
    masked = mask(raw, kept_out)
    hyphens = hyphen_spans(kept_out)
    seg = segmenter if isinstance(segmenter, Segmenter) else get_segmenter(segmenter, code)
    sentences: list[Sentence] = []
    for index, para in enumerate(paragraphs(masked, code, headings)):
        flat = flatten(masked[para.start : para.end])
        spans = seg.spans(flat)
        if para.breaks or not seg.covers:
            cuts = [start for start, _ in spans[1:]]
            cuts.extend(b - para.start for b in para.breaks)
            spans = cuts_to_spans(flat, sorted(set(cuts)))
        for start, end in spans:
            start += para.start
            end += para.start
            text = sentence_text(masked, start, end, hyphens)
            sentences.append(Sentence(text, start, end, index))
    return Document(raw=raw, lang=code, sentences=sentences, kept_out=list(kept_out))


def segment_lines(raw: str, lang: str) -> Document:
    """Read pre-segmented text: line *i* is sentence *i*.

    Lines end at ``\\r\\n``, ``\\r`` or ``\\n``, as Python's text files read them;
    the other characters ``str.splitlines`` breaks at (``\\v``, ``\\f``,
    ``\\x1c``-``\\x1e``, ``\\x85``, ``\\u2028``, ``\\u2029``) are whitespace inside a
    line, as in the line-per-sentence files of Moses, Vecalign or ``wc -l``. One line
    end at the end of the text is allowed, a blank line anywhere is an
    :class:`InputError`. A line that holds only ``<p>`` (Hunalign's paragraph
    marker) starts a paragraph and is no sentence: where a file has such lines,
    sentence *i* is the *i*-th line that is not one. Without them the text is one
    paragraph.
    """
    code = check_language(lang)
    if not isinstance(raw, str):
        raise InputError(f"expected text (str) to read, got {type(raw).__name__}")
    sentences: list[Sentence] = []
    paragraph, marked = 0, False
    for number, (start, end) in enumerate(_lines(raw), start=1):
        line = raw[start:end]
        stripped = line.strip()
        if stripped == PARAGRAPH_MARK:
            marked = True
            continue
        if marked and sentences:
            paragraph += 1
        marked = False
        if not stripped:
            raise InputError(
                f"line {number} of the pre-segmented {code} text is blank: give one sentence "
                "per line with no blank lines (a line <p> starts a paragraph), or leave out "
                "--presegmented to segment the text"
            )
        start += len(line) - len(line.lstrip())
        text = " ".join(stripped.split())
        sentences.append(Sentence(text, start, start + len(stripped), paragraph))
    return Document(raw=raw, lang=code, sentences=sentences)


#: a line of pre-segmented text that holds only this starts a paragraph (Hunalign's
#: paragraph marker); it is no sentence
PARAGRAPH_MARK = "<p>"
#: what ends a line of pre-segmented text
_LINE_END = re.compile(r"\r\n?|\n")


def _lines(raw: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``raw``, line ends excluded; nothing after a
    final line end."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for match in _LINE_END.finditer(raw):
        lines.append((pos, match.start()))
        pos = match.end()
    if pos < len(raw):
        lines.append((pos, len(raw)))
    return lines
