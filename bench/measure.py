"""Measuring helpers: time spent inside an encoder, embedding once per run, resident memory,
and writing a study's figures."""

from __future__ import annotations

import json
import resource
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from paralign.encoders.base import Encoder
from paralign.progress import Tick


class _Wrapper(Encoder):
    """An encoder that stands for ``inner``: same name, width, identity and run model."""

    def __init__(self, inner: Encoder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.batch_size = inner.batch_size

    @property
    def identity(self) -> str:
        return self.inner.identity

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        return self.inner._encode_batch(texts)

    def block_model(self):
        return self.inner.block_model()


class TimedEncoder(_Wrapper):
    """Wraps an encoder and adds up the wall and CPU time spent in :meth:`encode`.

    Passed to ``paralign.align`` as the model, it splits an alignment's wall
    time into embedding (time inside this encoder) and the rest.
    """

    def __init__(self, inner: Encoder) -> None:
        super().__init__(inner)
        self.seconds = 0.0
        self.cpu_seconds = 0.0
        self.texts = 0
        self.chars = 0

    def encode(self, texts: Sequence[str], progress: Tick | None = None) -> np.ndarray:
        return self._timed(self.inner.encode, texts, progress)

    def encode_blocks(self, texts: Sequence[str], progress: Tick | None = None):
        return self._timed(self.inner.encode_blocks, texts, progress)

    def _timed(self, method, texts: Sequence[str], progress: Tick | None):
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            return method(texts, progress)
        finally:
            self.seconds += time.perf_counter() - started
            self.cpu_seconds += time.process_time() - cpu_started
            self.texts += len(texts)
            self.chars += sum(len(t) for t in texts)


class OnceEncoder(_Wrapper):
    """Wraps an encoder: each distinct list of texts is embedded once per process
    (``bench.tune`` aligns the same documents under many settings)."""

    def __init__(self, inner: Encoder) -> None:
        super().__init__(inner)
        self._vectors: dict[tuple[str, ...], np.ndarray] = {}
        self._parts: dict[tuple[str, ...], object] = {}

    def encode(self, texts: Sequence[str], progress: Tick | None = None) -> np.ndarray:
        key = tuple(texts)
        if key not in self._vectors:
            self._vectors[key] = self.inner.encode(texts, progress)
        return self._vectors[key]

    def encode_blocks(self, texts: Sequence[str], progress: Tick | None = None):
        key = tuple(texts)
        if key not in self._parts:
            self._parts[key] = self.inner.encode_blocks(texts, progress)
        return self._parts[key]


def write_report(path: Path, report: dict) -> None:
    """Write a study's figures as indented JSON and say where."""
    path.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"written: {path}")


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB (``ru_maxrss``, Linux KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    """Resident set size now, in MiB (from /proc/self/status; the peak where unavailable)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mb()
