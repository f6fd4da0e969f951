"""The interface every sentence encoder implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence

import numpy as np

Progress = Callable[[int], None]


class Encoder(ABC):
    """Turns sentences into L2-normalised float32 vectors, one row per sentence."""

    #: short stable name recorded in outputs (e.g. ``"usem3"``)
    name: str = ""
    #: embedding width
    dim: int = 0
    #: sentences per call to the underlying model
    batch_size: int = 256

    @abstractmethod
    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        """Embed one batch; rows need not be normalised."""

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """Embed ``texts`` in batches; ``progress(n)`` is told how many were done."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            batch = list(texts[start : start + self.batch_size])
            out[start : start + len(batch)] = self._encode_batch(batch)
            if progress is not None:
                progress(len(batch))
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out
