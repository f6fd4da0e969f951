"""A corpus folder: one sub-folder per document, each built into its TEI.

::

    texts/
      1962-12-02_mikoyan-kennedy-conversations/
        transcription.txt      the raw transcription, exactly as the archive gives it
        metadata.toml          [source] what it holds, [record] the catalogue record
        1962-12-02_mikoyan-kennedy-conversations.tei.xml   built by `paralign build-corpus`

A ``bilingual`` document is split, cleaned, segmented and aligned (original →
translation) into a parallel TEI; a ``translation`` or ``original`` document
alone becomes a one-text TEI whose header says that the other side is not in the
corpus. The metadata file's record wins over the transcription's own record.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..encoders import DEFAULT_MODEL, Encoder
from ..errors import InputError, ParalignError
from ..files import write_file
from ..model import Alignment
from ..vocab import ContentsKind, EditorialMode, Role
from .document import documents, edition_meta
from .metadata import METADATA_NAME, load_metadata, transcription_path
from .reader import load_transcription

#: the metadata file every document folder holds
METADATA = METADATA_NAME
#: how editorial brackets are treated when the corpus is built: left out of the
#: text that is embedded and aligned, still shown in the TEI
EDITORIAL = EditorialMode.OMIT
#: the name of a document's TEI is its folder's name and this
TEI_SUFFIX = ".tei.xml"


@dataclass
class Built:
    """What building one document gave: where its TEI went and what it holds."""

    folder: Path
    tei: Path
    contents: str
    sentences: dict[str, int] = field(default_factory=dict)
    beads: int = 0
    #: beads by shape (``1-1``, ``2-1`` …) for a bilingual document
    shapes: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """One line for people: the folder, what is in it, where the TEI went."""
        sides = ", ".join(f"{n} {lang} sentences" for lang, n in self.sentences.items())
        if self.beads:
            shapes = " ".join(f"{k}:{v}" for k, v in sorted(self.shapes.items()))
            sides += f", {self.beads} beads ({shapes})"
        return f"{self.folder.name}: {self.contents}, {sides} -> {self.tei}"


def document_folders(root: str | os.PathLike[str]) -> list[Path]:
    """The document folders of a corpus (those holding a ``metadata.toml``), sorted."""
    base = Path(root)
    if not base.is_dir():
        raise InputError(f"{base}: not a folder; give the corpus folder (e.g. texts/)")
    if (base / METADATA).is_file():
        return [base]
    folders = sorted(p for p in base.iterdir() if (p / METADATA).is_file())
    if not folders:
        raise InputError(
            f"{base}: no document folders (sub-folders holding a {METADATA}); see docs/archival.md"
        )
    return folders


def build_document(
    folder: str | os.PathLike[str],
    *,
    model: str | Encoder = DEFAULT_MODEL,
    editorial: str = EDITORIAL,
    date: str | None = None,
) -> Built:
    """Build the TEI of one document folder and write it there."""
    built, data, _ = render_document(folder, model=model, editorial=editorial, date=date)
    write_file(built.tei, data)
    return built


def render_document(
    folder: str | os.PathLike[str],
    *,
    model: str | Encoder = DEFAULT_MODEL,
    editorial: str = EDITORIAL,
    date: str | None = None,
) -> tuple[Built, bytes, Alignment | None]:
    """Build the TEI of one document folder without writing it: what it holds, the
    TEI's bytes, and the alignment of a bilingual document (``None`` for one text)."""
    from ..export import export
    from ..pipeline import align
    from ..tei import document_tei

    folder = Path(folder)
    meta = load_metadata(folder / METADATA)
    source = transcription_path(folder, meta)
    utf8 = meta.encoding.replace("_", "-").lower() in ("utf-8", "utf8")
    encoding = None if utf8 else meta.encoding
    tr = load_transcription(
        source,
        encoding=encoding,
        known=meta.record,
        bilingual=meta.contents == ContentsKind.BILINGUAL,
    )
    tr.name = meta.transcription
    docs = documents(tr, editorial=editorial)
    for doc in docs.values():
        doc.meta.update(edition_meta(meta.edition))
    target = folder / f"{folder.name}{TEI_SUFFIX}"
    options = {"date": date} if date else {}
    if meta.contents == ContentsKind.BILINGUAL:
        original, translation = docs[Role.ORIGINAL], docs[Role.TRANSLATION]
        alignment = align(
            original, translation, src_lang=original.lang, tgt_lang=translation.lang, model=model
        )
        data = export(alignment, "tei", **options)
        shapes: dict[str, int] = {}
        for bead in alignment.beads:
            shapes[bead.shape] = shapes.get(bead.shape, 0) + 1
        built = Built(
            folder,
            target,
            meta.contents,
            {original.lang: len(original), translation.lang: len(translation)},
            len(alignment.beads),
            shapes,
        )
    else:
        if meta.contents not in docs:
            found = ", ".join(f"{d.lang} ({role})" for role, d in docs.items())
            raise InputError(
                f"{source}: metadata says it holds the {meta.contents}, but the reader found "
                f"{found}; fix [source] contents or [record] original_lang in {METADATA}"
            )
        doc = docs[meta.contents]
        data = document_tei(doc, date=date or None)
        built = Built(folder, target, meta.contents, {doc.lang: len(doc)})
        alignment = None
    return built, data, alignment


def build_corpus(
    root: str | os.PathLike[str],
    *,
    model: str | Encoder = DEFAULT_MODEL,
    editorial: str = EDITORIAL,
    date: str | None = None,
    report: Callable[[str], None] | None = None,
) -> list[Built]:
    """Build every document folder under ``root``; ``report`` gets one line per document.

    A folder that fails stops the build with an error naming the folder.
    """
    from ..encoders import load_encoder
    from ..export.base import ExportOptions

    ExportOptions(date=date).check()  # a bad date refused before any document is built
    encoder = model if isinstance(model, Encoder) else None
    built: list[Built] = []
    for folder in document_folders(root):
        try:
            if encoder is None and _bilingual(folder):
                encoder = load_encoder(model)  # once for the whole corpus
            result = build_document(folder, model=encoder or model, editorial=editorial, date=date)
        except ParalignError as exc:
            raise type(exc)(f"{folder.name}: {exc}") from None
        built.append(result)
        if report:
            report(result.summary())
    return built


def _bilingual(folder: Path) -> bool:
    return load_metadata(folder / METADATA).contents == ContentsKind.BILINGUAL
