"""The README's Python examples run as written, and ``make demo`` leaves the git tree clean.

The demo test clones the repository into a temporary folder and runs there the
commands ``make demo`` runs (``make demo-run``, with this interpreter as
``paralign``), then asks git whether anything committed changed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def python_blocks(text: str) -> list[str]:
    """The ```python blocks of a Markdown text, in order."""
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.M | re.S)


def test_the_readme_python_examples_run_as_written(monkeypatch, capsys):
    blocks = python_blocks(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 3
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, str(README), "exec"), namespace)  # noqa: S102 - our own README
    out = capsys.readouterr().out
    # what the comments promise
    assert "'detected': 'es'" in out and "'detected': 'en'" in out
    pairs_block = blocks[-1] if "alignment.pairs()" in blocks[-1] else ""
    promised = re.search(r"alignment\.pairs\(\)\s+# (.*)", pairs_block)
    assert promised is not None, "the last Python example shows alignment.pairs()"
    assert repr(namespace["alignment"].pairs()) == promised.group(1)


def test_make_demo_leaves_the_git_tree_clean(tmp_path):
    git, make = shutil.which("git"), shutil.which("make")
    if git is None or make is None:
        pytest.skip("git or make is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    clone = tmp_path / "clone"
    subprocess.run([git, "clone", "--quiet", str(ROOT), str(clone)], check=True)
    env = {**os.environ, "PYTHONPATH": str(clone / "src"), "PARALIGN_CACHE": "off"}
    paralign = f"{sys.executable} -m paralign"
    result = subprocess.run(
        [make, "-C", str(clone), "--no-print-directory", "demo-run", f"PARALIGN={paralign}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (clone / "out" / "1962-12-02_mikoyan-kennedy" / "aligned.tei.xml").is_file()
    assert (clone / "out" / "1962-12-02_mikoyan-kennedy" / "review.html").is_file()
    status = subprocess.run(
        [git, "-C", str(clone), "status", "--short"], capture_output=True, text=True, check=True
    )
    assert status.stdout == ""
