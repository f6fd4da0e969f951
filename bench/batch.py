"""``python -m bench.batch``: a collection of pairs run four ways (issue #23).

The collection is cut from ../shared/eval at gold bead boundaries, so each piece
is a real pair: the Bible (en-zh) by chapter, Candide (es-en) and Text+Berg
(de-fr) every ~40 source sentences; one sentence per line (``presegmented``), and
a manifest lists them with their languages. It is run as

* ``loop``: one ``paralign align`` process per pair (the shell loop a user writes
  today), on the first ``--loop-pairs`` pairs (each costs a process start);
* ``local1``, ``local2``: ``paralign batch`` with 1 and 2 worker processes;
* ``local1core``: one worker held to one core (``sched_setaffinity``), the share each of
  two workers gets on a two-core machine: ``local1`` alone runs its encoder's threads on
  every core, so it is not the unit two workers scale from;
* ``dask2``: ``paralign batch --scheduler`` on a ``distributed.LocalCluster`` with two
  single-threaded worker processes, Dask's settings as they come.

Every mode runs in its own process with the embedding cache off, and reports
sentences (both sides) per second of wall time, the ratio to the loop, the runner's
overhead per pair (wall time beyond the pairs' own time in their workers, once the
workers are up) as a share of a pair's mean time, and the peak resident memory of a
worker. Figures go to bench/results/batch.json; the loop's outputs are checked
byte for byte against the runner's.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from paralign.goldfile import read_pairs

from .data import ROOT, read_lines, shared_dir

RESULTS = ROOT / "bench" / "results" / "batch.json"
#: source sentences per piece of Candide and Text+Berg
PIECE = 40


Piece = tuple[str, str, str, list[str], list[str]]


def pieces(shared: Path) -> list[Piece]:
    """``(name, src_lang, tgt_lang, src lines, tgt lines)`` of every piece."""
    ev = shared / "eval"
    bible, cand, tb = ev / "bible-en-zh", ev / "candide-es-en", ev / "textberg-de-fr"
    chapters = [":".join(v.split(":")[:2]) for v in read_lines(bible / "en.verse")]
    docs = [
        ("bible", "en", "zh", bible / "en" / "001", bible / "zh" / "001", bible / "gold/001.align"),
        (
            "candide",
            "es",
            "en",
            cand / "candide.es",
            cand / "candide.en",
            cand / "candide.es-en.gold",
        ),
    ]
    for stem in ["dev"] + [f"test{i}" for i in range(7)]:
        docs.append(
            (
                f"textberg-{stem}",
                "de",
                "fr",
                tb / f"{stem}.de",
                tb / f"{stem}.fr",
                tb / f"{stem}.defr",
            )
        )
    out: list[Piece] = []
    for name, sl, tl, sp, tp, gp in docs:
        src, tgt = read_lines(sp), read_lines(tp)

        groups: list[tuple[list[int], list[int]]] = []
        cur_s: list[int] = []
        cur_t: list[int] = []
        for s_ids, t_ids in read_pairs(gp):
            if _new_piece(name, list(s_ids), cur_s, chapters):
                groups.append((cur_s, cur_t))
                cur_s, cur_t = [], []
            cur_s += s_ids
            cur_t += t_ids
        groups.append((cur_s, cur_t))
        for k, (g_s, g_t) in enumerate(g for g in groups if g[0] and g[1]):
            lines_s = src[min(g_s) : max(g_s) + 1]
            lines_t = tgt[min(g_t) : max(g_t) + 1]
            out.append((f"{name}-{k + 1:03d}", sl, tl, lines_s, lines_t))
    return out


def _new_piece(name: str, s_ids: list[int], cur_s: list[int], chapters: list[str]) -> bool:
    """Whether a bead with source ``s_ids`` starts a new piece after ``cur_s``: a new
    chapter of the Bible, else a piece of :data:`PIECE` source sentences full."""
    if not s_ids or not cur_s:
        return False
    if name == "bible":
        return chapters[s_ids[0]] != chapters[cur_s[-1]]
    return len(cur_s) >= PIECE


def build(folder: Path, shared: Path, limit: int | None) -> tuple[Path, int, int]:
    """Write the pieces and their manifest; the manifest, the pairs and the sentences."""
    rows = ["name\tsource\ttarget\tsrc_lang\ttgt_lang"]
    sentences = 0
    every = pieces(shared)
    # a subset is spread over the whole collection (every set, every length)
    chosen = [every[i * len(every) // limit] for i in range(limit)] if limit else every
    for name, sl, tl, s, t in chosen:
        for lang, lines in ((sl, s), (tl, t)):
            path = folder / lang / f"{name}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        rows.append(f"{name}\t{sl}/{name}.txt\t{tl}/{name}.txt\t{sl}\t{tl}")
        sentences += len(s) + len(t)
    manifest = folder / "pairs.tsv"
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return manifest, len(chosen), sentences


def run_mode(mode: str, manifest: Path, out: Path, loop_pairs: int) -> dict:
    """One mode, in this process (called in a child process of the driver)."""
    from paralign.batch import Settings, run_pairs
    from paralign.batch.manifest import read_manifest

    pairs = read_manifest(manifest, out, Settings(presegmented=True))
    settled: list[tuple[float, float]] = []
    start = time.perf_counter()
    if mode == "loop":
        rows = []
        for pair in pairs[:loop_pairs]:
            s = pair.settings
            argv = [sys.executable, "-m", "paralign", "align", str(pair.src), str(pair.tgt)]
            argv += ["--src-lang", s.src_lang, "--tgt-lang", s.tgt_lang, "--presegmented"]
            argv += ["-o", str(out / f"{pair.name}.xml"), "-q"]
            t0 = time.perf_counter()
            subprocess.run(argv, check=True)
            rows.append({"name": pair.name, "seconds": time.perf_counter() - t0})
        wall = time.perf_counter() - start
        n = sum(len(read_lines(p.src)) + len(read_lines(p.tgt)) for p in pairs[:loop_pairs])
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        return {"pairs": len(rows), "sentences": n, "wall_s": wall, "worker_peak_mb": peak}
    kw: dict = {}
    cluster = None
    if mode == "local1core":
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # the worker inherits it
        kw["workers"] = 1
    elif mode.startswith("local"):
        kw["workers"] = int(mode.removeprefix("local"))
    else:
        from distributed import LocalCluster

        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None,
        )  # fmt: skip
        kw["scheduler"] = cluster.scheduler_address
        start = time.perf_counter()  # the cluster is up before the run, as a user's is
    result = run_pairs(
        pairs, out, on_result=lambda row: settled.append((time.perf_counter(), row.seconds)), **kw
    )
    wall = time.perf_counter() - start
    if cluster is not None:
        with __import__("distributed").Client(cluster.scheduler_address) as client:
            peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        peak = max(peaks.values()) / 1024
        cluster.close()
    else:
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rows = result.rows
    assert not result.failed, [r.error for r in result.failed]
    seconds = [r.seconds for r in rows]
    workers = 2 if cluster is not None else kw["workers"]
    # the workers' start (spawn, model, warm-up) ends when the first pair comes back,
    # less that pair's own time
    ramp = settled[0][0] - start - settled[0][1]
    busy = sum(seconds) / workers
    overhead = max(0.0, wall - ramp - busy) * workers / len(rows)
    return {
        "pairs": len(rows),
        "sentences": sum((r.src_sentences or 0) + (r.tgt_sentences or 0) for r in rows),
        "wall_s": wall,
        "startup_s": ramp,
        "pair_mean_s": sum(seconds) / len(seconds),
        "overhead_per_pair_s": overhead,
        "overhead_share": overhead / (sum(seconds) / len(seconds)),
        "worker_peak_mb": peak,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.batch", description=__doc__.split("\n")[0])
    p.add_argument("--pairs", type=int, default=None, help="use N pieces, spread (default: all)")
    p.add_argument("--loop-pairs", type=int, default=20, help="pairs the process loop runs")
    p.add_argument("--modes", default="loop,local1,local1core,local2,dask2")
    p.add_argument("--run", help=argparse.SUPPRESS)
    p.add_argument("--manifest", help=argparse.SUPPRESS)
    p.add_argument("--out", help=argparse.SUPPRESS)
    p.add_argument("--note", default="", help="the machine's load, for the results")
    args = p.parse_args(argv)
    if args.run:  # a child: one mode
        figures = run_mode(args.run, Path(args.manifest), Path(args.out), args.loop_pairs)
        print(json.dumps(figures))
        return 0
    env = {**os.environ, "PARALIGN_CACHE": "off", "PYTHONPATH": str(ROOT / "src")}
    report: dict = {
        "note": args.note,
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    with tempfile.TemporaryDirectory(prefix="paralign-bench-batch-") as tmp:
        manifest, n_pairs, n_sent = build(Path(tmp) / "in", shared_dir(), args.pairs)
        report["collection"] = {"pairs": n_pairs, "sentences": n_sent}
        print(f"collection: {n_pairs} pairs, {n_sent} sentences", file=sys.stderr)
        modes = {}
        for mode in args.modes.split(","):
            out = Path(tmp) / f"out-{mode}"
            out.mkdir()
            argv_ = [
                sys.executable,
                "-m",
                "bench.batch",
                "--run",
                mode,
                "--manifest",
                str(manifest),
            ]
            argv_ += ["--out", str(out), "--loop-pairs", str(args.loop_pairs)]
            done = subprocess.run(argv_, env=env, cwd=ROOT, capture_output=True, text=True)
            if done.returncode:
                print(done.stderr[-3000:], file=sys.stderr)
                return 1
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            figures["sentences_per_s"] = figures["sentences"] / figures["wall_s"]
            modes[mode] = figures
            print(mode, json.dumps(figures), file=sys.stderr)
        same = _compare(Path(tmp), modes)
    base = modes.get("loop", {}).get("sentences_per_s")
    for figures in modes.values():
        if base:
            figures["vs_loop"] = figures["sentences_per_s"] / base
    if "local1" in modes and "local2" in modes:
        report["two_vs_one_worker"] = (
            modes["local2"]["sentences_per_s"] / modes["local1"]["sentences_per_s"]
        )
    if "local1core" in modes and "local2" in modes:
        report["two_vs_one_core_worker"] = (
            modes["local2"]["sentences_per_s"] / modes["local1core"]["sentences_per_s"]
        )
    if "dask2" in modes and "local2" in modes:
        report["dask_vs_local2"] = (
            modes["dask2"]["sentences_per_s"] / modes["local2"]["sentences_per_s"]
        )
    report["modes"] = modes
    report["identical_outputs"] = same
    RESULTS.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "modes"}, indent=1))
    return 0


def _compare(tmp: Path, modes: dict) -> dict[str, bool]:
    """Whether each mode's outputs are byte for byte the loop's (on the loop's pairs)
    and the first runner mode's (on all)."""
    runs = [m for m in modes if m != "loop"]
    result = {}
    ref = tmp / f"out-{runs[0]}" if runs else None
    for mode in modes:
        if ref is None or mode == runs[0]:
            continue
        folder = tmp / f"out-{mode}"
        names = [p.name for p in folder.glob("*.xml")]
        result[mode] = all((folder / n).read_bytes() == (ref / n).read_bytes() for n in names)
    return result


if __name__ == "__main__":
    sys.exit(main())
