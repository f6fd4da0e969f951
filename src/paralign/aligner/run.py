"""Entry points of the aligner: vectors in, beads out; documents in, alignment out."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import partial

import numpy as np
from threadpoolctl import threadpool_limits

from ..encoders.base import Encoder, check_sentence_lengths
from ..memory import check_memory
from ..model import Alignment, Bead, Document
from ..progress import Progress
from .blocks import BlockVectors
from .confidence import calibrate
from .config import AlignerConfig
from .lattice import (
    Tick,
    add_paragraphs,
    bead_posteriors,
    bead_scores,
    best_path,
    build_lattice,
)
from .overlaps import choose_blocks
from .paragraphs import ParagraphBreaks
from .row_passes import warm_up
from .scoring import LevelScorer
from .search import band_around, bead_shapes, beads_to_path, coarse_to_fine

#: embeds the blocks ``[start, start + length)`` of one side ("src" or "tgt")
BlockEmbedder = Callable[[str, np.ndarray, np.ndarray], np.ndarray]
#: composes the blocks of every length 2..up_to ending at each of ``ends`` of one side:
#: ``out[k - 2, e]`` is ``[ends[e] - k, ends[e])`` (see ``Runs.ending``)
BlockComposer = Callable[[str, np.ndarray, int], np.ndarray]


def search_passes(
    config: AlignerConfig, embeds_blocks: bool, composed: bool = False, paragraphs: bool = False
) -> int:
    """How many row-by-row passes over the sentences the search makes (``paragraphs``:
    both sides have several, see ``paragraphs.py``)."""
    # best path, [posteriors (2), second best path,] [best path with paragraphs,]
    # posteriors (2)
    passes = 6 if embeds_blocks and not composed and config.overlaps != "none" else 3
    return passes + (paragraphs and config.weights.paragraph_weight > 0)


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
    notes: dict[str, object] | None = None,
) -> list[Bead]:
    """Align two sequences of L2-normalised sentence vectors.

    ``src_len``/``tgt_len`` are sentence lengths in characters (for the length
    prior). With ``embed_blocks``, blocks of several sentences where the bead
    shape is in doubt are embedded as concatenated text and the search is run
    again around the first path. With ``compose_blocks`` (cheap block embeddings,
    see ``encoders/runs.py``) every block is embedded as the one search asks for
    it, unless ``config.overlaps`` is "none". ``paragraphs`` (each side's paragraph
    index per sentence) makes paragraph breaks soft anchors where both sides have
    several and they agree with the path found without them: the search is then run
    once more (see ``paragraphs.py``); ``notes["paragraphs"]``, where given, then
    says how well they agreed and whether they were used. Every index of both sides is in
    exactly one bead, in order. ``tick(rows)`` hears of the search's progress: it
    makes ``search_passes(config, …) × (len(src) + 1)`` rows in all.
    """
    config = config or AlignerConfig()
    n, m = len(src), len(tgt)
    if paragraphs is not None and (len(paragraphs[0]), len(paragraphs[1])) != (n, m):
        raise ValueError(f"paragraphs for {len(paragraphs[0])} × {len(paragraphs[1])} sentences")
    if n == 0 or m == 0:
        return [Bead((i,), ()) for i in range(n)] + [Bead((), (j,)) for j in range(m)]
    src_len = np.asarray(src_len, dtype=np.float64)
    tgt_len = np.asarray(tgt_len, dtype=np.float64)
    shapes = bead_shapes(config.max_bead)
    side = max(max(s) for s in shapes)
    power = config.weights.sum_weight_power
    composer = {}
    if compose_blocks is not None and config.overlaps != "none":
        composer = {name: partial(compose_blocks, name) for name in ("src", "tgt")}
        embed_blocks = None
    blocks = (
        BlockVectors(
            np.ascontiguousarray(src, dtype=np.float32), side, src_len**power, composer.get("src")
        ),
        BlockVectors(
            np.ascontiguousarray(tgt, dtype=np.float32), side, tgt_len**power, composer.get("tgt")
        ),
    )
    scorer = LevelScorer(*blocks, src_len, tgt_len, config.weights)
    # the search multiplies many small matrices: BLAS threads only add contention
    with threadpool_limits(1, user_api="blas"):
        lo, hi = coarse_to_fine(
            *blocks, src_len, tgt_len, config.weights, shapes, config.band, config.coarse_size
        )
        lattice = build_lattice(scorer, lo, hi, shapes)
        spans = best_path(lattice, tick)
    if embed_blocks is not None and config.overlaps != "none":
        with threadpool_limits(1, user_api="blas"):
            doubt = bead_posteriors(lattice, spans, config.temperature, tick)
        chosen = choose_blocks(
            spans,
            doubt,
            (src_len, tgt_len),
            side,
            config.overlaps,
            config.overlap_budget,
            config.sure_posterior,
            config.overlap_reach,
        )
        for name, bv, (starts, lengths) in zip(("src", "tgt"), blocks, chosen, strict=True):
            if len(starts):
                bv.store(starts, lengths, embed_blocks(name, starts, lengths))
        if any(len(starts) for starts, _ in chosen):
            with threadpool_limits(1, user_api="blas"):
                lo, hi = band_around(beads_to_path(spans), n, m, config.band)
                lattice = build_lattice(scorer, lo, hi, shapes)
                spans = best_path(lattice, tick)
        elif tick is not None:
            tick(n + 1)  # the second search was not needed
    weight = config.weights.paragraph_weight
    if paragraphs is not None and weight > 0 and ParagraphBreaks.known(*paragraphs):
        breaks = ParagraphBreaks(*paragraphs)
        agreement = breaks.agreement(spans)
        used = agreement >= config.weights.paragraph_agreement
        if notes is not None:
            notes["paragraphs"] = {"agreement": round(agreement, 3), "used": used}
        if used:
            add_paragraphs(lattice, breaks, weight)
            with threadpool_limits(1, user_api="blas"):
                spans = best_path(lattice, tick)
        elif tick is not None:
            tick(n + 1)  # the paragraphs do not agree with the path: not used
    with threadpool_limits(1, user_api="blas"):
        posterior = bead_posteriors(lattice, spans, config.temperature, tick)
    beads = []
    scores = bead_scores(lattice, spans)
    for (i0, i1, j0, j1), p, score in zip(spans, posterior, scores, strict=True):
        beads.append(
            Bead(
                tuple(range(i0, i1)),
                tuple(range(j0, j1)),
                confidence=calibrate(
                    p, config.calibration if i1 > i0 and j1 > j0 else config.calibration_null
                ),
                score=round(float(score), 6),
            )
        )
    return beads


def align_documents(
    src: Document,
    tgt: Document,
    encoder: Encoder,
    config: AlignerConfig | None = None,
    progress: Progress | None = None,
) -> Alignment:
    """Embed both documents' sentences and align them.

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
    vectors, runs = [], []
    for doc, side in ((src, "source"), (tgt, "target")):
        with progress.bar(len(doc), f"embedding {side} ({doc.lang})") as advance:
            run = (
                encoder.encode_runs(doc.texts, progress=advance)
                if config.overlaps != "none"
                else None
            )
            runs.append(run)
            vectors.append(
                run.vectors() if run is not None else encoder.encode(doc.texts, progress=advance)
            )
    embedded = time.perf_counter()
    texts = {"src": src.texts, "tgt": tgt.texts}
    composed = dict(zip(("src", "tgt"), runs, strict=True)) if all(runs) else None

    def embed_blocks(side: str, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        joined = [" ".join(texts[side][s : s + n]) for s, n in zip(starts, lengths, strict=True)]
        with progress.bar(len(joined), f"embedding {side} blocks", "block") as advance:
            return encoder.encode(joined, progress=advance)

    def compose_blocks(side: str, ends: np.ndarray, up_to: int) -> np.ndarray:
        return composed[side].ending(ends, up_to)  # type: ignore[index]

    # blocks composed from sentence parts cost next to nothing: "auto" takes them all
    used = "all" if composed is not None and config.overlaps == "auto" else config.overlaps
    paragraphs = (
        np.array([s.paragraph for s in src.sentences]),
        np.array([s.paragraph for s in tgt.sentences]),
    )
    several = ParagraphBreaks.known(*paragraphs)
    rows = search_passes(config, True, composed is not None, several) * (len(src) + 1)
    notes: dict[str, object] = {}
    with progress.bar(rows, "aligning", "row") as tick:
        beads = align_vectors(
            vectors[0],
            vectors[1],
            np.array([len(t) for t in src.texts]),
            np.array([len(t) for t in tgt.texts]),
            config,
            embed_blocks,
            tick,
            compose_blocks if composed is not None else None,
            paragraphs,
            notes,
        )
    done = time.perf_counter()
    settings = config.as_dict()
    settings["blocks"] = {"overlaps": used, "embedded": "composed" if composed else "as text"}
    settings.update(notes)
    settings["timings"] = {"embed_s": embedded - started, "align_s": done - embedded}
    return Alignment(src=src, tgt=tgt, beads=beads, model=encoder.name, settings=settings)
