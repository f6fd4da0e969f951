"""What the user has, read into the two documents to align (or an alignment already made).

Every command that aligns or reviews takes its input through :func:`read_inputs`,
so that the same input means the same thing everywhere:

- two text files: a text and its translation (``original.es.txt translation.en.txt``);
- one text file holding both, an archival transcription (split as
  ``paralign split-bilingual`` splits it);
- a document folder holding ``metadata.toml`` (a corpus folder of ``texts/``, or
  what ``split-bilingual -o`` wrote);
- with ``tei=True``, one TEI alignment (paralign's or any TEI with ``<s xml:id>``
  and a ``<linkGrp>``), read as it is, not aligned again.

Raw text goes through the clean stage (page headers and numbers, letterheads,
words broken across lines, editorial brackets: :func:`paralign.archive.clean_document`)
unless ``clean=False``; pre-segmented text never does. Languages not given are
detected, and languages given are checked against the text (:mod:`paralign.langid`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .langid import LANGUAGE_OPTIONS, LanguageSource, resolve_languages
from .languages import check_language
from .model import Alignment, Document
from .read import DEFAULT_MAX_BYTES, decode_text, read_bytes
from .vocab import DEFAULT_EDITORIAL, ContentsKind, Role, Vocabulary, choices


class InputKind(Vocabulary):
    """:attr:`Inputs.kind`: what the user gave."""

    #: two text files, a text and its translation
    PAIR = "pair"
    #: one text file holding both, an archival transcription
    TRANSCRIPTION = "transcription"
    #: a document folder holding metadata.toml
    FOLDER = "folder"
    #: a TEI alignment, read as it is
    TEI = "tei"


PAIR, TRANSCRIPTION, FOLDER, TEI = (
    InputKind.PAIR,
    InputKind.TRANSCRIPTION,
    InputKind.FOLDER,
    InputKind.TEI,
)
INPUT_KINDS = choices(InputKind)


#: the metadata file of a document folder
METADATA = "metadata.toml"


@dataclass
class Inputs:
    """The input read: two documents ready to align, or an alignment already made.

    ``kind`` is one of :data:`INPUT_KINDS`; ``names`` label the two sides in
    messages and titles; ``title`` is the document's title where a record gives
    one; ``languages`` says, per side, whether its language was given or detected
    and with what confidence (it goes into ``Alignment.settings``).
    """

    kind: str
    src: Document
    tgt: Document
    names: tuple[str, str]
    paths: tuple[Path, ...]
    title: str | None = None
    alignment: Alignment | None = None
    languages: dict[str, dict[str, object]] = field(default_factory=dict)


def read_inputs(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    presegmented: bool = False,
    clean: bool = True,
    editorial: str = DEFAULT_EDITORIAL,
    language_check: bool = True,
    tei: bool = False,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Inputs:
    """Read one or two paths into :class:`Inputs` (see the module's docstring).

    ``src_lang``/``tgt_lang`` omitted are detected; given, they are checked against
    the text unless ``language_check`` is False. ``presegmented``: two files of one
    sentence per line. ``clean`` / ``editorial``: see :func:`paralign.align`.
    ``tei``: a single ``.xml`` path may be a TEI alignment.
    """
    items = [Path(paths)] if isinstance(paths, (str, os.PathLike)) else [Path(p) for p in paths]
    given = tuple(None if lang is None else check_language(lang) for lang in (src_lang, tgt_lang))
    if len(items) == 2:
        return _pair(items, given, presegmented, clean, editorial, language_check, max_bytes)
    if len(items) != 1:
        what = "a TEI alignment, " if tei else ""
        raise InputError(
            f"give two text files (a text and its translation), or one: {what}a bilingual "
            f"transcription or a document folder with {METADATA}; got {len(items)} paths"
        )
    path = items[0]
    if presegmented:
        raise InputError(
            f"--presegmented needs two files of one sentence per line, not one ({path})"
        )
    if path.is_dir():
        return _folder(path, given, clean, editorial, language_check)
    data = read_bytes(path, max_bytes=max_bytes)
    if _looks_like_xml(data):
        if not tei:
            raise InputError(
                f"{path} is XML: this command aligns text; review, convert and validate read "
                "a TEI alignment"
            )
        return _tei(path, given, max_bytes)
    text = decode_text(data, str(path))
    return _transcription(path, text, None, given, clean, editorial, language_check)


def _looks_like_xml(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith((b"<?xml", b"<TEI", b"<teiCorpus"))


def _pair(items, given, presegmented, clean, editorial, language_check, max_bytes) -> Inputs:
    from .pipeline import to_document

    texts = []
    for path in items:
        if path.is_dir():
            raise InputError(f"{path} is a directory: give two text files, or the folder alone")
        data = read_bytes(path, max_bytes=max_bytes)
        if _looks_like_xml(data):
            raise InputError(
                f"{path} is XML: give two plain text files, or one TEI alignment alone"
            )
        texts.append(decode_text(data, str(path)))
    names = (str(items[0]), str(items[1]))
    langs, languages = resolve_languages(
        (_sample(texts[0], presegmented), _sample(texts[1], presegmented)),
        given,
        names,
        language_check,
    )
    metadata = _metadata_beside(items)
    record = metadata.record if metadata is not None else None
    title = record.title if record is not None and record.title else None
    docs = [
        to_document(text, lang, presegmented, clean=clean, editorial=editorial, title=title)
        for text, lang in zip(texts, langs, strict=True)
    ]
    if metadata is not None:
        from .archive.document import edition_meta, record_meta

        for doc, role, path in zip(docs, (Role.ORIGINAL, Role.TRANSLATION), items, strict=True):
            doc.meta = record_meta(metadata.record, role, path.name)
            doc.meta.update(edition_meta(metadata.edition))
    return Inputs(PAIR, docs[0], docs[1], names, tuple(items), title, languages=languages)


def _sample(text: str, presegmented: bool) -> str:
    """The text the language is told from (pre-segmented: without paragraph markers)."""
    if not presegmented:
        return text
    from .segment.document import PARAGRAPH_MARK

    return "\n".join(line for line in text.splitlines() if line.strip() != PARAGRAPH_MARK)


def _metadata_beside(items: list[Path]):
    """The ``metadata.toml`` beside both files, if there is one."""
    folders = {p.resolve().parent for p in items}
    if len(folders) != 1:
        return None
    meta_path = folders.pop() / METADATA
    if not meta_path.is_file():
        return None
    from .archive.metadata import load_metadata

    return load_metadata(meta_path)


def _folder(path: Path, given, clean: bool, editorial: str, language_check: bool) -> Inputs:
    """A document folder: its ``metadata.toml`` names the transcription and its record."""
    from .archive.metadata import load_metadata, transcription_path
    from .archive.reader import decode_with
    from .read import read_text

    meta_path = path / METADATA
    if not meta_path.is_file():
        raise InputError(
            f"{path} is a folder without {METADATA}: give a document folder (see "
            "docs/archival.md), or the text files themselves"
        )
    meta = load_metadata(meta_path)
    if meta.contents != ContentsKind.BILINGUAL:
        raise InputError(
            f"{path}: {METADATA} says the transcription holds the {meta.contents} only: "
            "there is nothing to align it with ([source] contents)"
        )
    source = transcription_path(path, meta)
    utf8 = meta.encoding.replace("_", "-").lower() in ("utf-8", "utf8")
    text = (
        read_text(source) if utf8 else decode_with(read_bytes(source), meta.encoding, str(source))
    )
    inputs = _transcription(
        source, text, meta.record, given, clean, editorial, language_check, meta.transcription
    )
    inputs.kind = FOLDER
    inputs.paths = (path,)
    if meta.edition:
        from .archive.document import edition_meta

        for doc in (inputs.src, inputs.tgt):
            doc.meta.update(edition_meta(meta.edition))
    return inputs


def _transcription(
    path: Path,
    text: str,
    record,
    given,
    clean: bool,
    editorial: str,
    language_check: bool,
    label: str | None = None,
) -> Inputs:
    """One file holding the original and its translation, split as split-bilingual does."""
    from .archive.document import documents, part_document
    from .archive.reader import split_bilingual
    from .langid import OVERRIDE, detect
    from .pipeline import to_document

    langs = (given[0], given[1]) if given[0] is not None and given[1] is not None else None
    tr = split_bilingual(text, langs=langs, name=str(path), known=record)
    tr.name = label or path.name  # what the TEI says the text came from
    original, translation = tr.original, tr.translation
    if original is None or translation is None:  # pragma: no cover - split_bilingual ensures both
        raise InputError(f"{path}: no original and translation found")
    for part, lang, option in zip((original, translation), given, LANGUAGE_OPTIONS, strict=True):
        if language_check and lang is not None and lang != part.lang:
            raise InputError(
                f"the {part.role} in {path} reads as {part.lang}, not {lang} as given: give "
                f"{option} {part.lang}, or {OVERRIDE} to keep {lang}"
            )
    if clean:
        docs = documents(tr, editorial=editorial)
        src, tgt = docs[Role.ORIGINAL], docs[Role.TRANSLATION]
    else:
        src = to_document(original.text, original.lang, clean=False)
        tgt = to_document(translation.text, translation.lang, clean=False)
        for doc, part in ((src, original), (tgt, translation)):
            doc.meta = part_document(tr, part, letters=False).meta
    languages = {}
    for side, part, lang in zip(("source", "target"), (original, translation), given, strict=True):
        det = detect(part.text, part.lang)
        confidence = det.confidence if det.given_confidence is None else det.given_confidence
        languages[side] = {
            "source": (LanguageSource.GIVEN if lang else LanguageSource.DETECTED).value,
            "detected": part.lang,
            "confidence": round(confidence, 3),
        }
    names = (f"the {original.role} in {path}", f"the {translation.role} in {path}")
    title = tr.record.title or None
    return Inputs(TRANSCRIPTION, src, tgt, names, (path,), title, languages=languages)


def _tei(path: Path, given, max_bytes: int | None) -> Inputs:
    """A TEI alignment, read as it is."""
    from .tei import read_tei

    alignment = read_tei(path, max_bytes=max_bytes)
    sides = (alignment.src, alignment.tgt)
    for doc, lang, option in zip(sides, given, LANGUAGE_OPTIONS, strict=True):
        if lang is not None and lang != doc.lang:
            raise InputError(
                f"{path} says its texts are {alignment.src.lang} and {alignment.tgt.lang}: "
                f"{option} {lang} does not apply to a TEI alignment; leave it out"
            )
    title = alignment.src.meta.get("title") or None
    names = (f"{path} ({alignment.src.lang})", f"{path} ({alignment.tgt.lang})")
    return Inputs(TEI, alignment.src, alignment.tgt, names, (path,), title, alignment)


def align_inputs(inputs: Inputs, **options: object) -> Alignment:
    """The alignment of the inputs: the one read from TEI as it is, or
    :func:`paralign.align` of the two documents with ``options``; the languages
    found are recorded in its settings."""
    if inputs.alignment is not None:
        return inputs.alignment
    from .pipeline import align

    alignment = align(
        inputs.src,
        inputs.tgt,
        src_lang=inputs.src.lang,
        tgt_lang=inputs.tgt.lang,
        language_check=False,
        **options,  # type: ignore[arg-type]
    )
    if inputs.languages:
        alignment.settings["languages"] = inputs.languages
    return alignment


__all__ = [
    "InputKind",
    "FOLDER",
    "INPUT_KINDS",
    "PAIR",
    "TEI",
    "TRANSCRIPTION",
    "Inputs",
    "align_inputs",
    "read_inputs",
]
