"""Archival documents: raw transcriptions in, citable segmented documents out.

read → clean → segment → letter parts::

    from paralign.archive import load_transcription, documents
    tr = load_transcription("001_0bda452ea65fa1e2.txt", bilingual=True)
    tr.record.title, tr.original.lang, tr.translation.lang
    docs = documents(tr, editorial="omit")   # {"original": Document, "translation": Document}
    alignment = paralign.align(docs["original"], docs["translation"], src_lang="es", tgt_lang="en")

A corpus folder (``texts/``) holds one folder per document with the raw
transcription and its metadata; :mod:`.corpus` builds the TEI of each.
"""

from .document import clean_document, document_meta, documents, part_document
from .letter import letter_parts
from .metadata import Metadata, dumps_metadata, load_metadata, save_metadata
from .reader import (
    Part,
    Transcription,
    load_transcription,
    read_transcription,
    split_bilingual,
)
from .record import CatalogueRecord, read_record

__all__ = [
    "CatalogueRecord",
    "Metadata",
    "Part",
    "Transcription",
    "clean_document",
    "document_meta",
    "documents",
    "dumps_metadata",
    "letter_parts",
    "load_metadata",
    "load_transcription",
    "part_document",
    "read_record",
    "read_transcription",
    "save_metadata",
    "split_bilingual",
]
