"""Measure the segmenters on the gold (not a test): boundary P/R/F1, speed, memory.

Run from the repository root::

    .venv/bin/python tests/data/segmentation/measure.py [--errors] [--speed]

Prints one table per text set: the archive seeds as they are, the same seeds with
every prose line re-wrapped at 60 and 72 characters (typed pages: only spaces
become newlines, so the gold offsets hold), the two hand-written stress texts,
and, when ../shared is there, Candide es/en from ../shared/eval (held out: its
sentence lines detokenised and rejoined, never looked at while writing rules).
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gold as G  # noqa: E402

from paralign.segment import SEGMENTERS, segment  # noqa: E402

SHARED = Path(__file__).resolve().parents[3].parent / "shared"


def wrapped(g: G.Gold, width: int) -> G.Gold:
    """``g`` with its long lines broken at ``width`` by turning spaces into newlines."""
    chars = list(g.raw)
    column = 0
    last_space = -1
    for i, ch in enumerate(chars):
        if ch == "\n":
            column, last_space = 0, -1
            continue
        column += 1
        if ch == " " and chars[i - 1] != " ":
            last_space = i
        if column > width and last_space >= 0:
            chars[last_space] = "\n"
            column = i - last_space
            last_space = -1
    return G.Gold(f"{g.name}@{width}", g.lang, "".join(chars), g.kept_out, g.ends)


_DETOK = [
    (regex.compile(r" +([,.;:?!)\]»%…])"), r"\1"),
    (regex.compile(r"([(\[«¿¡]) +"), r"\1"),
    (regex.compile(r"^(--|—) +"), r"\1"),
    (regex.compile(r" +('s|'ll|n't|'t|'re|'ve|'d|'m)\b"), r"\1"),
]


def _detokenise(line: str) -> str:
    """Undo Candide's tokenisation: glue punctuation, brackets and quotes to their word."""
    tokens = line.split()
    out: list[str] = []
    glue_next = False
    for i, tok in enumerate(tokens):
        if tok == '"':
            closing = i == len(tokens) - 1 or (i > 0 and tokens[i - 1][-1] in ".,!?;:…")
            if closing and out:
                out[-1] += tok
            else:
                out.append(tok)
                glue_next = True
            continue
        if glue_next and out:
            out[-1] += tok
        else:
            out.append(tok)
        glue_next = False
    line = " ".join(out)
    for pattern, repl in _DETOK:
        line = pattern.sub(repl, line)
    return line


def candide(lang: str, per_paragraph: int = 20) -> G.Gold | None:
    """Candide's sentence lines, detokenised and joined into paragraphs of 20 sentences."""
    path = SHARED / "eval" / "candide-es-en" / f"candide.{lang}"
    if not path.is_file():
        return None
    lines = [_detokenise(x.strip()) for x in path.read_text(encoding="utf-8").splitlines()]
    lines = [x for x in lines if x]
    parts: list[str] = []
    ends: list[int] = []
    pos = 0
    for i, line in enumerate(lines):
        if i:
            sep = "\n\n" if i % per_paragraph == 0 else " "
            parts.append(sep)
            pos += len(sep)
        parts.append(line)
        pos += len(line)
        ends.append(pos)
    return G.Gold(f"candide.{lang}", lang, "".join(parts), [], ends)


def evaluate(golds: list[G.Gold], name: str, headings: bool, errors: bool) -> G.Score:
    total = G.Score()
    for g in golds:
        doc = segment(g.raw, g.lang, g.kept_out, segmenter=name, headings=headings)
        result, errs = G.score(g, doc)
        total += result
        if errors:
            for kind, _, context in errs:
                print(f"    {g.name} {kind}: {context}")
    return total


def table(title: str, golds: list[G.Gold], errors: bool) -> None:
    n = sum(len([e for e in g.ends if not G.trivial(g, e)]) for g in golds)
    print(f"\n{title} ({n} non-trivial gold boundaries)")
    print("| segmenter | heading lines | tp | fp | fn | P | R | F1 |")
    print("|---|---|---|---|---|---|---|---|")
    for name in ("sentencex", "sentencex+rules", "regex+rules"):
        for headings in (False, True):
            s = evaluate(golds, name, headings, errors)
            print(
                f"| {name} | {'on' if headings else 'off'} | {s.tp} | {s.fp} | {s.fn} "
                f"| {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |"
            )


def _corpus(lang: str, size: int) -> str:
    """About ``size`` bytes of unique copies of the gold excerpts of one language."""
    base = [G.load(n, code) for n, code in G.GOLD if code == lang]
    chunks: list[str] = []
    total = i = 0
    while total < size:
        g = base[i % len(base)]
        chunk = f"Documento {i}.\n\n" + g.raw.replace("Cuba", f"Cuba{i}") + "\n\n"
        chunks.append(chunk)
        total += len(chunk.encode())
        i += 1
    return "".join(chunks)


def speed() -> None:
    """Wall and CPU seconds, MB/s and peak memory on 2.5 and 10 MB of archive text,
    and on 1.5 MB that is one quotation of 80,000 sentences (the worst case for the
    quotation rule)."""
    for lang in ("es", "en"):
        for size in (2_500_000, 10_000_000):
            raw = _corpus(lang, size)
            mb = len(raw.encode()) / 1e6
            for name in SEGMENTERS:
                wall, cpu = time.perf_counter(), time.process_time()
                doc = segment(raw, lang, segmenter=name)
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                print(
                    f"{lang} {name:16} {mb:5.1f} MB {len(doc):7} sentences  wall {wall:5.2f} s "
                    f"cpu {cpu:5.2f} s  {mb / cpu:.2f} MB/s (cpu)"
                )
            tracemalloc.start()
            segment(raw, lang)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"{lang} peak Python memory while segmenting {mb:.1f} MB: {peak / 1e6:.0f} MB")
    raw = "“" + "Esta es una frase. " * 80_000 + "”"
    cpu = time.process_time()
    doc = segment(raw, "es")
    cpu = time.process_time() - cpu
    print(f"one quotation of {len(doc)} sentences ({len(raw) / 1e6:.1f} MB): cpu {cpu:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true", help="print every wrong boundary")
    parser.add_argument("--speed", action="store_true", help="also time 10 MB of text")
    args = parser.parse_args()
    seeds = [G.load(n, lang) for n, lang in G.SEEDS]
    stress = [G.load(n, lang) for n, lang in G.GOLD if (n, lang) not in G.SEEDS]
    table("Archive seeds (001 es, 001 en, 003 en, 000 en)", seeds, args.errors)
    table(
        "Archive seeds re-wrapped at 60 and 72 characters",
        [wrapped(g, w) for g in seeds for w in (60, 72)],
        args.errors,
    )
    table("Stress texts (written for the test)", stress, args.errors)
    held_out = [g for g in (candide("es"), candide("en")) if g is not None]
    if held_out:
        table("Held out: Candide es + en (../shared/eval, detokenised)", held_out, args.errors)
    if args.speed:
        speed()


if __name__ == "__main__":
    main()
