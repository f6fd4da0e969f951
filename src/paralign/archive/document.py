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
    cleaned = clean(part.text, editorial=editorial)
    doc = segment(part.text, part.lang, kept_out=cleaned.kept_out)
    marks = list(cleaned.marks)
    if letters:
        marks.extend(letter_parts(part.text, cleaned.kept_out, title=tr.record.title))
    doc.marks = sorted(fit_marks(marks, doc.sentences), key=lambda m: (m.start, -m.end))
    doc.meta = document_meta(tr, part)
    return doc


#: record fields and the ``Document.meta`` key each goes to (the TEI writer's names)
META_KEYS = {
    "title": "title",
    "date": "date",
    "archive": "repository",
    "idno": "shelfmark",
    "url": "url",
    "licence": "licence",
    "citation": "citation",
    "provenance": "provenance",
}


def document_meta(tr: Transcription, part: Part) -> dict[str, str]:
    """The metadata of one part: the record's fields under the TEI writer's keys,
    the translator for a translation, the part's role, and where it came from."""
    record = tr.record.as_dict()
    meta = {key: record[name] for name, key in META_KEYS.items() if record.get(name)}
    if part.role == Role.TRANSLATION:
        if record.get("translator"):
            meta["translator"] = record["translator"]
        if record.get("original_lang"):
            meta["original_lang"] = record["original_lang"]
    meta["role"] = part.role
    meta["source"] = f"{tr.name}, characters {part.start}-{part.end}"
    return meta


def documents(
    tr: Transcription, *, editorial: str = EditorialMode.MARK, letters: bool = True
) -> dict[str, Document]:
    """Every part of ``tr`` as a document, by role (``original``, ``translation``)."""
    return {p.role: part_document(tr, p, editorial=editorial, letters=letters) for p in tr.parts}
