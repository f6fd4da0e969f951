"""From a transcription's part to a segmented :class:`~paralign.model.Document`.

clean → segment → letter parts: the part's raw text is never changed, so every
sentence's ``start``/``end`` index ``part.text``, and the part's start in the
transcription (:attr:`Part.start`, also in ``meta["source"]``: ``FILE, characters
START-END``) takes them back into the file as it was read.
"""

from __future__ import annotations

from ..clean import clean
from ..model import Document
from ..segment import segment
from ..vocab import EditorialMode, Role
from .letter import fit_marks, letter_parts
from .reader import Part, Transcription
from .record import CatalogueRecord


def clean_document(
    raw: str,
    lang: str,
    *,
    editorial: str = "mark",
    letters: bool = True,
    title: str | None = None,
) -> Document:
    """The clean stage and segmentation of one raw text: the :class:`Document` whose
    ``kept_out`` holds page furniture (running headers, letterheads, page numbers),
    whose ``marks`` hold editorial brackets, broken words and (with ``letters``)
    letter parts, and whose sentences read without them.

    A text without such furniture gives the same sentences as ``segment(raw, lang)``.
    ``title`` (the document's title, when known) helps find a letter's heading.
    """
    cleaned = clean(raw, editorial=editorial)
    doc = segment(raw, lang, kept_out=cleaned.kept_out)
    marks = list(cleaned.marks)
    if letters:
        marks.extend(letter_parts(raw, cleaned.kept_out, title=title or ""))
    doc.marks = sorted(fit_marks(marks, doc.sentences), key=lambda m: (m.start, -m.end))
    return doc


def part_document(
    tr: Transcription, part: Part, *, editorial: str = EditorialMode.MARK, letters: bool = True
) -> Document:
    """The segmented document of one part of ``tr``.

    ``editorial``: ``"mark"`` keeps bracketed insertions in the sentence text,
    ``"omit"`` leaves them out of it (the TEI still shows them), ``"keep"`` does
    nothing with them. ``letters``: find letter parts (opener, closer …) as marks.
    ``meta`` holds the catalogue record, the part's role, its language and where
    it lies in the transcription.
    """
    doc = clean_document(
        part.text, part.lang, editorial=editorial, letters=letters, title=tr.record.title
    )
    doc.meta = document_meta(tr, part)
    return doc


#: record fields and the ``Document.meta`` key each goes to (the TEI writer's names)
META_KEYS = {
    "title": "title",
    "author": "author",
    "addressee": "addressee",
    "date": "date",
    "archive": "repository",
    "idno": "idno",
    "url": "url",
    "licence": "licence",
    "citation": "citation",
    "provenance": "provenance",
}


def document_meta(tr: Transcription, part: Part) -> dict[str, str]:
    """The metadata of one part: the record's fields under the TEI writer's keys,
    the translator for a translation, the part's role, and where it came from."""
    return record_meta(tr.record, part.role, f"{tr.name}, characters {part.start}-{part.end}")


def record_meta(record: CatalogueRecord, role: str, source: str) -> dict[str, str]:
    """A document's ``meta`` from a catalogue record: the record's fields under the
    TEI writer's keys, the translator for a translation, its role and ``source``."""
    fields = record.as_dict()
    meta = {key: fields[name] for name, key in META_KEYS.items() if fields.get(name)}
    if role == Role.TRANSLATION:
        # the record's date is the original's, not the translation's
        if "date" in meta:
            meta["original_date"] = meta.pop("date")
        if fields.get("translation_date"):
            meta["date"] = fields["translation_date"]
        if fields.get("translator"):
            meta["translator"] = fields["translator"]
        if fields.get("original_lang"):
            meta["original_lang"] = fields["original_lang"]
    meta["role"] = role
    meta["source"] = source
    return meta


#: ``Document.meta`` keys of the edition (``metadata.toml`` ``[edition]``): the TEI
#: header's publicationStmt, not a text's source description
EDITION_META = {
    "publisher": "edition_publisher",
    "date": "edition_date",
    "licence": "edition_licence",
}


def edition_meta(edition: dict[str, str]) -> dict[str, str]:
    """A metadata file's ``[edition]`` under the ``Document.meta`` keys of :data:`EDITION_META`."""
    return {EDITION_META[k]: v for k, v in edition.items() if k in EDITION_META and v}


def documents(
    tr: Transcription, *, editorial: str = EditorialMode.MARK, letters: bool = True
) -> dict[str, Document]:
    """Every part of ``tr`` as a document, by role (``original``, ``translation``)."""
    return {p.role: part_document(tr, p, editorial=editorial, letters=letters) for p in tr.parts}
