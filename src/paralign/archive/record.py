"""The catalogue record at the head of a transcription: title, date, citation, archive, translator.

Two layouts of the Wilson Center Digital Archive are read, the first corpus's source:

* the Markdown export (seeds 001, 003): bold lines for the date, the title, the
  document number and the archive date (``**01301**``, ``**1962/12/02**``), and
  ``**Citation:**``, ``**Summary:**``, ``**Credits:**``, ``**Original Language:**``,
  ``**Contents:**`` headings each followed by its value;
* the text of the web page (seed 000): a date line, a credits line, and a
  ``• Citation`` item whose indented lines hold the summary and the citation.

The citation itself (``"Title", December 2, 1962, Wilson Center Digital Archive,
Provided by …. Translated from Spanish for CWIHP by Chris Dunlap.``) gives the
title, date, archive, provenance, original language and translator.
:func:`read_record` returns the record and where it ends; the body begins there.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import regex

from ..clean.base import Block, blocks
from ..clean.debris import is_debris
from .dates import parse_date
from .languages import language_code


@dataclass
class CatalogueRecord:
    """What the archive says about a document. Every field may be empty."""

    title: str = ""
    #: ISO 8601 date of the document (``1962-12-02``)
    date: str = ""
    #: the date as the record writes it (``December 2, 1962``)
    date_text: str = ""
    citation: str = ""
    #: the archive that publishes the document (``Wilson Center Digital Archive``)
    archive: str = ""
    url: str = ""
    #: where the archive's copy came from (``Provided by the Cuban Government …``)
    provenance: str = ""
    #: language code of the original (``es``) and of the translation (``en``)
    original_lang: str = ""
    translation_lang: str = ""
    translator: str = ""
    #: for whom the translation was made (``CWIHP``)
    translated_for: str = ""
    #: the number the archive gives the document (``01301``)
    idno: str = ""
    summary: str = ""
    credits: str = ""
    #: terms of use, as far as they are known
    licence: str = ""
    #: any other labelled field of the record, by its label
    extra: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, str]:
        """The non-empty fields (``extra`` flattened under its labels)."""
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "extra"}
        out = {k: v for k, v in out.items() if v}
        out.update({k: v for k, v in self.extra.items() if v and k not in out})
        return out

    def update(self, values: dict[str, str]) -> None:
        """Set fields from ``values``; unknown keys go to ``extra``."""
        names = {f.name for f in fields(self)} - {"extra"}
        for key, value in values.items():
            if key in names:
                setattr(self, key, str(value))
            else:
                self.extra[key] = str(value)


@dataclass(frozen=True)
class RecordBlock:
    """A block of the record and the field it gave (``""`` where it gave none)."""

    block: Block
    field: str


_BOLD = regex.compile(r"\*\*(.+?)\*\*", regex.DOTALL)
_HEADING = regex.compile(r"\*\*\s*(?P<label>[^*:\n]{1,40}?)\s*:\s*\*\*")
_BULLET = regex.compile(r"[•·▪●*-]\s+(?P<label>\p{Lu}[\p{L} ]{0,30})")
_URL = regex.compile(r"<?(?P<url>https?://[^\s>]+)>?")
_NUMBER = regex.compile(r"[A-Z]{0,4}[-\s]?\d{3,8}")
_CONTENTS_ITEM = regex.compile(
    r"(?:original scan|(?:translation|transcript(?:ion)?)\s*[-–—:]\s*\p{L}+|\p{L}+ html)",
    regex.IGNORECASE,
)
_CONTENTS_LANG = regex.compile(
    r"(?:translation|transcript(?:ion)?)\s*[-–—:]\s*(\p{L}+)", regex.IGNORECASE
)
_CREDITS = regex.compile(r"this document was made possible with support from", regex.IGNORECASE)
_CITATION = regex.compile(
    r"""^[\"“](?P<title>.+?),?[\"”],?\s+(?P<date>[^,]+,\s*\d{4}),\s+(?P<archive>[^,]*?Archive)
        (?:,\s*(?P<rest>.*))?$""",
    regex.VERBOSE | regex.DOTALL,
)
_TRANSLATED = regex.compile(
    r"Translated(?:\s+from\s+(?P<lang>\p{L}+))?(?:\s+for\s+(?P<for>[^.]+?))?\s+by\s+"
    r"(?P<by>[^.]+(?:\.\s?\p{Lu}\.)*[^.]*)\.?\s*$"
)
#: record labels and the field each fills
LABELS = {
    "citation": "citation",
    "summary": "summary",
    "credits": "credits",
    "original language": "original_lang",
    "contents": "contents",
    "title": "title",
    "date": "date_text",
    "translator": "translator",
    "archive": "archive",
    "url": "url",
    "licence": "licence",
    "license": "licence",
}


def _unbold(text: str) -> str:
    return " ".join(_BOLD.sub(r"\1", text).split())


def _all_bold(block: Block) -> bool:
    text = block.text.strip()
    return bool(_BOLD.fullmatch(text)) and not _HEADING.fullmatch(text)


def _indented(block: Block) -> bool:
    return all(len(ln.text) - len(ln.text.lstrip()) >= 2 for ln in block.lines)


def read_record(raw: str) -> tuple[CatalogueRecord, list[RecordBlock], int]:
    """The catalogue record at the head of ``raw``, its blocks, and where the body starts.

    Debris lines among the record's (``get citation``) are passed over and left to
    the debris cleaner. The body starts at the first block that belongs to no
    record field (``len(raw)`` if there is none).
    """
    record = CatalogueRecord()
    taken: list[RecordBlock] = []
    values: dict[str, list[str]] = {}
    label: str | None = None  # the heading whose value is being read
    bullet = False  # … whether it is a bulleted item (its value: indented blocks)
    left = 0  # how many more value blocks the heading may take
    seen = False  # whether anything (debris included) came before

    def take(block: Block, name: str) -> None:
        taken.append(RecordBlock(block, name))

    for block in blocks(raw):
        text = block.text.strip()
        if all(is_debris(ln.text) for ln in block.lines):
            seen = True
            continue
        heading = _heading(text)
        if heading:
            label, bullet = heading
            left = 9 if bullet or label == "contents" else 2 if label == "citation" else 1
            take(block, "")
            seen = True
            continue
        if label is not None and left > 0 and _value_fits(block, text, label, bullet):
            # an indented item's lines are values each (seed 000: summary, then citation)
            if bullet:
                for ln in block.lines:
                    if not is_debris(ln.text):
                        values.setdefault(label, []).append(" ".join(ln.text.split()))
                        take(Block((ln,)), LABELS.get(label, label))
            else:
                values.setdefault(label, []).append(" ".join(_unbold(text).split()))
                take(block, LABELS.get(label, label))
            left = 0 if label == "citation" and _URL.fullmatch(text) else left - 1
            continue
        label = None
        if _all_bold(block):
            take(block, _bold_field(record, _unbold(text)))
        elif _CREDITS.match(text):
            values.setdefault("credits", []).append(" ".join(text.split()))
            take(block, "credits")
        elif seen and _is_date_line(text) and not record.date_text:
            record.date_text = text
            take(block, "date_text")
        elif taken and _URL.fullmatch(text) and not record.url:
            record.url = _URL.fullmatch(text).group("url")
            take(block, "url")
        else:
            return _finish(record, values), taken, block.start
        seen = True
    return _finish(record, values), taken, len(raw)


def _heading(text: str) -> tuple[str, bool] | None:
    """``(label, bulleted)`` when a block is a field heading (``**Summary:**``, ``• Citation``)."""
    m = _HEADING.fullmatch(text)
    if m:
        return m.group("label").strip().lower(), False
    m = _BULLET.fullmatch(text)
    if m and m.group("label").strip().lower() in LABELS:
        return m.group("label").strip().lower(), True
    return None


def _value_fits(block: Block, text: str, label: str, bullet: bool) -> bool:
    """Whether a block can be the value of the heading being read."""
    if _all_bold(block):
        return False
    if bullet:
        return _indented(block)
    if label == "contents":
        return bool(_CONTENTS_ITEM.fullmatch(text))
    return True


def _is_date_line(text: str) -> bool:
    """A line that is only a date (``November 25, 1962``)."""
    date = parse_date(text)
    return bool(date) and len(text.split()) <= 5 and not regex.search(r"[.!?]$", text)


def _bold_field(record: CatalogueRecord, text: str) -> str:
    """Fill the field a bold line of the record gives: date, archive number, or title."""
    if not record.date_text and parse_date(text) and len(text.split()) <= 5:
        record.date_text = text
        return "date_text"
    if regex.fullmatch(r"\d{4}[/.-]\d{1,2}[/.-]\d{1,2}", text):
        record.extra.setdefault("archive_date", text)
        return "archive_date"
    if _NUMBER.fullmatch(text) and not record.idno:
        record.idno = text
        return "idno"
    if not record.title:
        record.title = text
        return "title"
    record.extra.setdefault("heading", text)
    return "heading"


def _finish(record: CatalogueRecord, values: dict[str, list[str]]) -> CatalogueRecord:
    """Fill the record from the labelled values and the citation's parts."""
    for label, texts in values.items():
        name = LABELS.get(label, label)
        if name == "citation":
            urls = [t for t in texts if _URL.fullmatch(t)]
            prose = [t for t in texts if t not in urls]
            quoted = [t for t in prose if _CITATION.match(t)] or prose[:1]
            others = [t for t in prose if t not in quoted]
            if urls and not record.url:
                record.url = _URL.fullmatch(urls[0]).group("url")
            if quoted:
                record.citation = quoted[0]
            if others and not record.summary:
                record.summary = " ".join(others)
        elif name == "contents":
            record.extra["archive_contents"] = "; ".join(texts)
            for item in texts:
                m = _CONTENTS_LANG.match(item)
                if m and not record.translation_lang:
                    record.translation_lang = language_code(m.group(1)) or ""
        elif name == "original_lang":
            record.original_lang = language_code(texts[0]) or texts[0]
        elif name in {f.name for f in fields(record)}:
            if not getattr(record, name):
                setattr(record, name, " ".join(texts))
        else:
            record.extra[label] = " ".join(texts)
    if record.citation:
        _read_citation(record)
    if record.date_text and not record.date:
        record.date = parse_date(record.date_text) or ""
    if not record.date and "archive_date" in record.extra:
        record.date = parse_date(record.extra["archive_date"]) or ""
    return record


def _read_citation(record: CatalogueRecord) -> None:
    """Title, date, archive, provenance and translator from the citation."""
    m = _CITATION.match(record.citation)
    if not m:
        return
    record.title = record.title or m.group("title").strip().rstrip(",")
    record.date_text = record.date_text or m.group("date").strip()
    record.archive = record.archive or m.group("archive").strip()
    rest = (m.group("rest") or "").strip()
    sentences = regex.split(r"(?<=\.)\s+(?=Translated\b)", rest)
    for sentence in sentences:
        t = _TRANSLATED.match(sentence)
        if t:
            record.translator = record.translator or t.group("by").strip().rstrip(".")
            record.translated_for = record.translated_for or (t.group("for") or "").strip()
            if t.group("lang") and not record.original_lang:
                record.original_lang = language_code(t.group("lang")) or ""
        elif sentence:
            record.provenance = record.provenance or sentence.strip()
