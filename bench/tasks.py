"""The benchmark's tasks. Each runs in a fresh worker process (see :mod:`bench.worker`)
so that its peak memory is its own; each takes a dict of parameters and returns a
JSON-ready dict of figures."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from paralign import align
from paralign.encoders import load_encoder
from paralign.encoders.base import Encoder
from paralign.goldfile import write_pairs
from paralign.metrics import as_pairs, merge_verses, read_verses, score_documents

from .analysis import by_shape, calibration
from .data import gold_sets, read_doc, read_lines, tatoeba
from .measure import TimedEncoder, current_rss_mb, peak_rss_mb

WARM_UP = ["A short sentence to load the model."]


def load_model(name: str, cache: bool | str) -> tuple[Encoder, float]:
    """The encoder, with its lazily loaded weights read in; and the seconds that took.

    ``cache``: False (none), True (the default folder) or a folder.
    """
    started = time.perf_counter()
    encoder = load_encoder(name, cache=cache)
    raw(encoder).encode(WARM_UP)
    return encoder, time.perf_counter() - started


def raw(encoder: Encoder) -> Encoder:
    """The encoder under any cache wrapper (for throughput baselines)."""
    return getattr(encoder, "inner", encoder)


def align_set(src: list[str], tgt: list[str], gold_set, encoder: Encoder, params: dict):
    """``paralign.align`` on pre-segmented sentences, as the benchmark's options say."""
    return align(
        src,
        tgt,
        src_lang=gold_set.src_lang,
        tgt_lang=gold_set.tgt_lang,
        model=encoder,
        overlaps=params.get("overlaps", "auto"),
    )


def quality(params: dict) -> dict:
    """Align every document of a gold set with ``paralign.align`` and score the set."""
    gold_set = gold_sets(Path(params["shared"]))[params["set"]]
    encoder, load_s = load_model(params["model"], params["cache"])
    timed = TimedEncoder(encoder)
    verses = None
    if gold_set.verses:
        verses = (read_verses(gold_set.verses[0]), read_verses(gold_set.verses[1]))
    out_dir = Path(params["out"]) / gold_set.name
    out_dir.mkdir(parents=True, exist_ok=True)
    scored, confident, reported, wall = [], [], [], 0.0
    n_src = n_tgt = 0
    cpu = 0.0
    for doc in gold_set.docs:
        started, cpu_started = time.perf_counter(), time.process_time()
        src, tgt, gold = read_doc(doc)
        alignment = align_set(src, tgt, gold_set, timed, params)
        write_pairs(
            out_dir / f"{doc.name}.align",
            as_pairs(alignment),
            [b.confidence for b in alignment.beads],
        )
        wall += time.perf_counter() - started
        cpu += time.process_time() - cpu_started
        n_src, n_tgt = n_src + len(src), n_tgt + len(tgt)
        test = as_pairs(alignment)
        if verses:
            test = merge_verses(test, *verses)
        else:
            confidences = [b.confidence for b in alignment.beads]
            confident.append((gold, list(zip(test, confidences, strict=True))))
        scored.append((gold, test))
        reported.append(alignment.settings.get("timings"))
    result = score_documents(scored)
    embed_s = timed.seconds
    figures = {
        "set": gold_set.name,
        "pair": f"{gold_set.src_lang}-{gold_set.tgt_lang}",
        "documents": len(gold_set.docs),
        "src_sentences": n_src,
        "tgt_sentences": n_tgt,
        "score": result.as_dict(),
        "load_s": load_s,
        "wall_s": wall,
        "embed_s": embed_s,
        "align_s": wall - embed_s,
        "sentences_per_s": (n_src + n_tgt) / wall,
        "cpu_s": cpu,
        "embed_cpu_s": timed.cpu_seconds,
        "align_cpu_s": cpu - timed.cpu_seconds,
        "sentences_per_cpu_s": (n_src + n_tgt) / cpu,
        "embedded_texts": timed.texts,
        "embedded_chars": timed.chars,
        "aligner_timings": reported,
        "by_shape": by_shape(scored),
        "peak_rss_mb": peak_rss_mb(),
    }
    if confident:
        figures["calibration"] = calibration(confident)
    return figures


def package_throughput(encoder: Encoder, sentences: list[str]) -> dict:
    """The model package's own forward pass on ``sentences``, in batches, bypassing
    paralign's (``block_model``): code this repository never changes, so its speed is
    the yardstick of the machine when runs of different days are compared."""
    started = time.perf_counter()
    size = encoder.batch_size
    for start in range(0, len(sentences), size):
        encoder._encode_batch(sentences[start : start + size])
    seconds = time.perf_counter() - started
    return {
        "what": "the model package's own encode, batch after batch",
        "encode_s": seconds,
        "sentences_per_s": len(sentences) / seconds,
    }


def bible(params: dict) -> dict:
    """The Bible en-zh pair end to end (read, embed, align, write) and its score, with
    the raw encoder's throughput on the same sentences as the baseline.

    Without ``--cache`` it runs with a fresh, empty cache folder (all misses, as a
    user's first run with the default settings); the scale runs then read it.
    """
    cache = params["cache"] or params["scale_cache"]
    figures = quality({**params, "set": "bible", "cache": cache})
    doc = gold_sets(Path(params["shared"]))["bible"].docs[0]
    encoder = raw(load_model(params["model"], False)[0])
    sentences = read_lines(doc.src) + read_lines(doc.tgt)
    started, cpu_started = time.perf_counter(), time.process_time()
    encoder.encode(sentences)
    encode_s = time.perf_counter() - started
    encode_cpu_s = time.process_time() - cpu_started
    figures["cache"] = "default folder" if params["cache"] else "fresh (all misses)"
    figures["baseline"] = {
        "what": "raw encoder: each sentence embedded once, nothing else",
        "encode_s": encode_s,
        "encode_cpu_s": encode_cpu_s,
        "sentences_per_s": len(sentences) / encode_s,
        "sentences_per_cpu_s": len(sentences) / encode_cpu_s,
    }
    if encoder.block_model() is not None:
        figures["package_baseline"] = package_throughput(encoder, sentences)
    figures["end_to_end_vs_baseline"] = figures["sentences_per_s"] / (len(sentences) / encode_s)
    figures["end_to_end_vs_baseline_cpu"] = figures["sentences_per_cpu_s"] / (
        len(sentences) / encode_cpu_s
    )
    figures["embed_share"] = figures["embed_s"] / figures["wall_s"]
    return figures


def scale(params: dict) -> dict:
    """The Bible pair repeated ``k`` times through ``paralign.align``, embeddings served
    from the cache the bible task (or the 1x run) filled: the alignment step's time is
    the wall time less the time inside the encoder. Scored against the repeated gold."""
    k = int(params["k"])
    shared = Path(params["shared"])
    gold_set = gold_sets(shared)["bible"]
    doc = gold_set.docs[0]
    encoder, _ = load_model(params["model"], params["cache"] or params["scale_cache"])
    timed = TimedEncoder(encoder)
    src1, tgt1, gold1 = read_doc(doc)
    src, tgt = src1 * k, tgt1 * k
    rss_before = current_rss_mb()
    peak_before = peak_rss_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    alignment = align_set(src, tgt, gold_set, timed, params)
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak_after = peak_rss_mb()
    n1, m1 = len(src1), len(tgt1)
    gold = [
        (tuple(i + c * n1 for i in s), tuple(j + c * m1 for j in t))
        for c in range(k)
        for s, t in gold1
    ]
    sv, tv = (read_verses(p) for p in gold_set.verses)
    src_verses = [f"{c}:{v}" for c in range(k) for v in sv]
    tgt_verses = [f"{c}:{v}" for c in range(k) for v in tv]
    result = score_documents([(gold, merge_verses(as_pairs(alignment), src_verses, tgt_verses))])
    align_s = wall - timed.seconds
    return {
        "k": k,
        "src_sentences": len(src),
        "tgt_sentences": len(tgt),
        "wall_s": wall,
        "embed_s": timed.seconds,
        "embed_misses": getattr(encoder, "misses", None),
        "align_s": align_s,
        "align_cpu_s": cpu - timed.cpu_seconds,
        "align_s_per_1000_sentences": align_s / (len(src) + len(tgt)) * 1000,
        "rss_before_align_mb": rss_before,
        "peak_rss_mb": peak_after,
        "align_peak_extra_mb": max(0.0, peak_after - max(rss_before, peak_before)),
        "beads": len(alignment),
        "strict_f1": result.strict.f1,
        "lax_f1": result.lax.f1,
    }


def retrieval(params: dict) -> dict:
    """Tatoeba spa-eng: P@1 of finding each sentence's translation among the 1,000,
    both directions, by cosine and by ratio margin (k=4 neighbours each side)."""
    spa_path, eng_path = tatoeba(Path(params["shared"]))
    encoder, load_s = load_model(params["model"], params["cache"])
    spa, eng = read_lines(spa_path), read_lines(eng_path)
    started, cpu_started = time.perf_counter(), time.process_time()
    x, y = encoder.encode(spa), encoder.encode(eng)
    embed_s = time.perf_counter() - started
    embed_cpu_s = time.process_time() - cpu_started
    sims = x @ y.T
    gold = np.arange(len(spa))
    k = 4
    knn_x = np.sort(sims, axis=1)[:, -k:].mean(axis=1)  # each es sentence's k nearest en
    knn_y = np.sort(sims, axis=0)[-k:, :].mean(axis=0)  # each en sentence's k nearest es
    margin = sims / ((knn_x[:, None] + knn_y[None, :]) / 2)
    return {
        "pairs": len(spa),
        "p_at_1": {
            "cosine_es_en": float((sims.argmax(axis=1) == gold).mean()),
            "cosine_en_es": float((sims.argmax(axis=0) == gold).mean()),
            "margin_es_en": float((margin.argmax(axis=1) == gold).mean()),
            "margin_en_es": float((margin.argmax(axis=0) == gold).mean()),
        },
        "load_s": load_s,
        "embed_s": embed_s,
        "embed_cpu_s": embed_cpu_s,
        "sentences_per_s": 2 * len(spa) / embed_s,
        "peak_rss_mb": peak_rss_mb(),
    }


TASKS = {
    "quality": quality,
    "bible": bible,
    "scale": scale,
    "retrieval": retrieval,
}
