"""One TEI text (a ``<text>`` or ``<div>`` holding ``<s xml:id>``) back into a Document.

The text is walked in document order and rebuilt into what the TEI writers were
given, so that writing the document again gives the same body:

- ``Sentence.text``: the ``<s>`` string less what is not the text: ``<fw>``,
  ``<pb>``, ``<milestone>`` and ``<note>`` content; ``<lb/>``, ``<cb/>``, ``<pb/>``
  are spaces unless ``break="no"`` (a word broken across them is joined). The
  editor's insertions (``<supplied>``, ``<gap>``, ``<note type="editorial">``) depend
  on who wrote the file, see :data:`EDITORIAL_READINGS`;
- ``Document.raw``: sentences and kept-out text laid out so that every offset is
  right, sentences of one paragraph joined by a space, paragraphs and letter parts
  by a blank line, kept-out text on lines of its own (``Document.raw[s.start:s.end]``
  of a sentence holds its kept-out text, a ``-`` where a word was broken and the
  editor's insertions in square brackets, as the transcription had them);
- ``Document.kept_out``: ``<fw>`` (``type="pageNum"``: a ``pb`` span), ``<pb/>``
  with no page number of its own beside it, ``<milestone>`` (``separator``),
  ``<note type="K">`` (kind ``K``), editorial insertions that are not in the text;
- ``Document.marks``: the letter parts (``<div type="letter">``, ``<head>``,
  ``<opener>``, ``<closer>``, ``<dateline>``, ``<address>``, ``<salute>``,
  ``<signed>``), a ``hyphen`` at each ``<lb break="no"/>``, and editorial insertions
  that are part of the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..model import Document, Sentence, Span
from ..segment.layout import NUL, drop_kept_out
from ..vocab import LETTER_PARTS, SpanKind
from .vocab import PART_ELEMENTS, XML_ID, local, normalise_space, text_of, where

#: how the editor's insertions inside a sentence are read:
#: ``"tei"`` (TEI from elsewhere): ``<supplied>`` text is part of the sentence (it
#: restores what the source lacks), ``<gap>`` and notes are not;
#: ``"omit"`` (paralign's own files): none of them was part of the sentence text
#: that was aligned (the archival corpus default, ``clean(editorial="omit")``);
#: ``"in-text"`` (paralign's files whose text declares
#: :data:`paralign.tei.vocab.EDITORIAL_DECL`): all of them were, in square brackets
EDITORIAL_READINGS = ("tei", "omit", "in-text")
#: elements that are a line, column or page break inside a sentence
BREAKS = frozenset({"lb", "cb", "pb"})
#: elements whose text is kept out of the sentences
KEPT_OUT = frozenset({"fw", "pb", "milestone", "note"})
#: the editor's insertions
EDITORIAL = frozenset({"supplied", "gap"})
#: letter-part elements and the mark kind each comes from (``div`` only with type="letter")
PARTS = {element: kind for kind, element in PART_ELEMENTS.items() if kind != SpanKind.LETTER}
#: letter parts outermost first, for marks over the same stretch
_RANK = {kind: n for n, kind in enumerate(LETTER_PARTS)}
_SKIPPED = frozenset({"teiHeader", "standOff"})
#: stands in the sentence text for what was left out of it until :func:`_glue_left_out`
_LEFT_OUT = NUL


def _is_editorial(el: etree._Element) -> bool:
    name = local(el)
    return name in EDITORIAL or (name == "note" and el.get("type") == "editorial")


def _bracketed(el: etree._Element) -> str:
    """An editorial insertion as the transcription wrote it: ``[…]``."""
    inner = text_of(el) or ("…" if local(el) == "gap" else "")
    if inner.startswith("[") and inner.endswith("]"):
        return inner
    return f"[{inner}]"


def _kept_out(el: etree._Element) -> tuple[str, str]:
    """The Span kind and text of a kept-out element."""
    name = local(el)
    if name == "pb":
        return SpanKind.PB, normalise_space(el.get("n", ""))
    if name == "fw":
        return (SpanKind.PB if el.get("type") == "pageNum" else SpanKind.FW), text_of(el)
    if name == "milestone":
        return SpanKind.SEPARATOR, normalise_space(el.get("rend", ""))
    if name == "note":
        return (el.get("type") or "note"), text_of(el)
    return SpanKind.EDITORIAL, _bracketed(el)  # supplied, gap


def _glue_left_out(text: str) -> str:
    """The sentence text with what was left out of it (marked ``\\x00``) gone: no space
    where it was glued to punctuation (``Dobryni <supplied>…</supplied>, so`` →
    ``Dobryni, so``), else one: the segmenter's own rule, so that the text read is the
    text that was aligned."""
    return normalise_space(drop_kept_out(text))


def _page_break_shown_beside(pb: etree._Element) -> bool:
    """Whether a ``<pb/>`` is followed, in the same run of kept-out elements, by the
    ``<fw type="pageNum">`` that the archival writer derived it from."""
    if (pb.tail or "").strip():
        return False
    for sib in pb.itersiblings():
        name = local(sib)
        if name == "fw" and sib.get("type") == "pageNum":
            return True
        if name not in KEPT_OUT or (sib.tail or "").strip():
            return False
    return False


@dataclass
class TextReading:
    """What :func:`read_text` found in one text."""

    document: Document
    #: the ``<s>`` elements, in order (``document.sentences[i]`` is ``units[i]``)
    units: list[etree._Element] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class _Builder:
    """The raw text, sentences, spans and marks of one text, as they are walked."""

    def __init__(self, editorial: str) -> None:
        self.editorial = editorial
        self.raw: list[str] = []
        self.pos = 0
        self.sentences: list[Sentence] = []
        self.kept_out: list[Span] = []
        self.marks: list[Span] = []
        self.units: list[etree._Element] = []
        self.problems: list[str] = []
        self.last: tuple[str, etree._Element] | None = None  # (kind, parent) of the last item
        self.sentence_parent: etree._Element | None = None
        self.paragraph = -1
        #: (start, end) of every sentence and kept-out element between sentences, in order:
        #: a letter part spans those placed while it was walked
        self.extent: list[tuple[int, int]] = []

    def put(self, text: str) -> tuple[int, int]:
        start = self.pos
        self.raw.append(text)
        self.pos += len(text)
        return start, self.pos

    def separate(self, kind: str, parent: etree._Element) -> None:
        """What lies in the raw text between the last item and the next one."""
        if self.last is not None:
            last_kind, last_parent = self.last
            if last_parent is not parent:
                self.put("\n\n")
            elif last_kind == "s" and kind == "s":
                self.put(" ")
            else:
                self.put("\n")
        self.last = (kind, parent)

    # ------------------------------------------------------------ structure

    def walk(self, el: etree._Element) -> None:
        for child in el:
            name = local(child)
            if name == "s":
                self.sentence(child, el)
            elif name in KEPT_OUT or name in EDITORIAL:
                self.between(child, el)
            elif name in _SKIPPED or not isinstance(child.tag, str):
                continue
            elif name in PARTS or (name == "div" and child.get("type") == "letter"):
                first = len(self.extent)
                self.walk(child)
                if len(self.extent) > first:
                    start, end = self.extent[first][0], self.extent[-1][1]
                    self.marks.append(Span(start, end, PARTS.get(name, SpanKind.LETTER)))
            else:  # <p>, <addrLine>, <div>, and any other element: look inside
                self.walk(child)

    def between(self, el: etree._Element, parent: etree._Element) -> None:
        """A kept-out element between sentences."""
        if local(el) == "pb" and _page_break_shown_beside(el):
            return
        kind, text = _kept_out(el)
        self.separate("span", parent)
        start, end = self.put(text)
        self.kept_out.append(Span(start, end, kind, text))
        self.extent.append((start, end))

    # ------------------------------------------------------------ sentences

    def sentence(self, s: etree._Element, parent: etree._Element) -> None:
        if s.get(XML_ID) is None:
            self.problems.append(f"{where(s)}: a sentence <s> without xml:id cannot be aligned")
            return
        if parent is not self.sentence_parent:
            self.paragraph += 1
            self.sentence_parent = parent
        self.separate("s", parent)
        start = self.pos
        reading = _SentenceReading(self, start)
        reading.read(s)
        text = _glue_left_out("".join(reading.text))
        # no whitespace at the sentence's edges in the raw text either
        while self.raw and self.pos > start and self.raw[-1][-1:].isspace():
            last = self.raw.pop()
            self.pos -= len(last)
            kept = last.rstrip()
            if kept:
                self.raw.append(kept)
                self.pos += len(kept)
        self.sentences.append(Sentence(text, start, self.pos, self.paragraph))
        self.units.append(s)
        self.extent.append((start, self.pos))

    def document(self, lang: str, meta: dict[str, str]) -> Document:
        raw = "".join(self.raw)
        marks = sorted(
            (Span(m.start, m.end, m.kind, raw[m.start : m.end]) for m in self.marks),
            key=lambda m: (m.start, -m.end, _RANK.get(m.kind, len(_RANK))),
        )
        return Document(raw, lang, self.sentences, self.kept_out, meta, marks)


class _SentenceReading:
    """The inside of one ``<s>``: its text, and its raw stretch with spans and marks."""

    def __init__(self, builder: _Builder, start: int) -> None:
        self.b = builder
        self.start = start
        self.text: list[str] = []
        self.glue = False  # after a break with break="no": no space until the word goes on
        self.zone = False  # the raw text last had kept-out text

    def add(self, text: str | None) -> None:
        """Sentence text (and its raw stretch, whitespace collapsed)."""
        if not text:
            return
        raw = normalise_space_keep_edges(text)
        if self.b.pos == self.start:
            raw = raw.lstrip()
        if self.zone and raw:
            self.b.put("\n")
            self.zone = False
        self.b.put(raw)
        self.text.append(text.lstrip() if self.glue else text)
        self.glue = self.glue and not text.strip()

    def read(self, s: etree._Element) -> None:
        self.add(s.text)
        self.inside(s)

    def inside(self, el: etree._Element) -> None:
        for child in el:
            name = local(child)
            if name in BREAKS:
                if child.get("break") == "no":
                    self.glue = True
                    if name == "lb":
                        self.mark(*self.b.put("-"), SpanKind.HYPHEN)
                elif not self.glue:
                    self.text.append(" ")
            if _is_editorial(child):
                self.editorial(child)
            elif name == "pb" and _page_break_shown_beside(child):
                pass
            elif name in KEPT_OUT:
                self.kept(child)
            elif isinstance(child.tag, str) and name not in BREAKS:
                self.add(child.text)  # <hi>, <persName> …: their text is the sentence's
                self.inside(child)
            elif name == "lb" and child.get("break") != "no":
                self.b.put("\n")
            self.add(child.tail)

    def mark(self, start: int, end: int, kind: str) -> None:
        self.b.marks.append(Span(start, end, kind))

    def kept(self, el: etree._Element) -> None:
        kind, text = _kept_out(el)
        if self.b.pos > self.start:
            self.b.put("\n")
        start, end = self.b.put(text)
        self.b.kept_out.append(Span(start, end, kind, text))
        self.zone = True
        if not self.glue:
            self.text.append(_LEFT_OUT)

    def editorial(self, el: etree._Element) -> None:
        raw = _bracketed(el)
        reading = self.b.editorial
        if self.zone:
            self.b.put("\n")
            self.zone = False
        start, end = self.b.put(raw)
        if reading == "in-text":
            shown: str | None = raw
        elif reading == "tei" and local(el) == "supplied":
            shown = text_of(el)
        else:
            shown = None
        if shown is None:
            self.b.kept_out.append(Span(start, end, SpanKind.EDITORIAL, raw))
            if not self.glue:
                self.text.append(_LEFT_OUT)
        else:
            self.mark(start, end, SpanKind.EDITORIAL)
            self.text.append(shown.lstrip() if self.glue else shown)
            self.glue = False


def normalise_space_keep_edges(text: str) -> str:
    """Whitespace runs as one space, a space kept at either edge where there was one."""
    inner = normalise_space(text)
    if not inner:
        return " "
    return (" " if text[:1].isspace() else "") + inner + (" " if text[-1:].isspace() else "")


def read_text(
    container: etree._Element, lang: str, meta: dict[str, str], editorial: str
) -> TextReading:
    """Read one text (``editorial``: one of :data:`EDITORIAL_READINGS`)."""
    if editorial not in EDITORIAL_READINGS:
        raise ValueError(f"editorial reading {editorial!r} is not one of {EDITORIAL_READINGS}")
    b = _Builder(editorial)
    b.walk(container)
    return TextReading(b.document(lang, meta), b.units, b.problems)
