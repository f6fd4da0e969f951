"""A fast, deterministic stand-in for a sentence encoder, for tests of everything around it.

It hashes the character trigrams and words of each sentence into a fixed-width
count vector (CRC-32, so the same text gives the same vector in every process).
Sentences that share letters and words get similar vectors; it knows no language,
so it is useful where the texts share names and numbers, or for invariants that
must hold whatever the vectors are.
"""

from __future__ import annotations

import zlib

import numpy as np

from paralign.encoders.base import Encoder


class HashingEncoder(Encoder):
    """Character-trigram and word hashing into ``dim`` buckets."""

    name = "hashing-test"
    batch_size = 64

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature in _features(text):
                out[row, zlib.crc32(feature.encode("utf-8")) % self.dim] += 1.0
        return out


def _features(text: str) -> list[str]:
    """The words of ``text`` and the trigrams of each word padded with spaces."""
    words = text.lower().split()
    grams = [f" {w} "[i : i + 3] for w in words for i in range(len(w))]
    return ["w:" + w for w in words] + grams
