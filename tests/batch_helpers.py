"""A small real collection for the batch tests: the corpus letter cut into parts.

The Spanish original and the English translation of the corpus letter
(:mod:`sample_pair`) are cut at the same paragraphs into three pairs of a few
sentences each; a bad pair or two can be added beside them.
"""

from __future__ import annotations

from pathlib import Path

from sample_pair import sample_pair

from paralign.cli import main

#: the parts the collection is cut into
PARTS = 3


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def write_collection(root: Path, parts: int = PARTS) -> tuple[Path, Path, list[str]]:
    """Folders ``root/es`` and ``root/en`` with ``parts`` pairs of files with the same
    names (``part1.txt`` …); the two folders and the names."""
    es, en = (paragraphs(t) for t in sample_pair())
    src, tgt = root / "es", root / "en"
    src.mkdir(parents=True)
    tgt.mkdir(parents=True)
    names = []
    for i in range(parts):
        name = f"part{i + 1}"
        for folder, paras in ((src, es), (tgt, en)):
            n = len(paras)
            chunk = paras[i * n // parts : (i + 1) * n // parts]
            (folder / f"{name}.txt").write_text("\n\n".join(chunk) + "\n", encoding="utf-8")
        names.append(name)
    return src, tgt, names


def add_bad_pairs(src: Path, tgt: Path) -> dict[str, str]:
    """Bad pairs beside the good ones; each name with a word its error line holds."""
    (src / "latin1.txt").write_text("Hola. Adiós.\n", encoding="utf-8")
    (tgt / "latin1.txt").write_bytes("Hello. Café olé.\n".encode("cp1252"))
    (src / "empty.txt").write_text("Una frase.\n", encoding="utf-8")
    (tgt / "empty.txt").write_text("", encoding="utf-8")
    (src / "alone.txt").write_text("Sin traducción.\n", encoding="utf-8")
    return {"latin1": "not valid UTF-8", "empty": "is empty", "alone": "one side missing"}


def align_one(src: Path, tgt: Path, out: Path, fmt: str = "tei") -> None:
    """``paralign align SRC TGT -o OUT`` through the command line's own door."""
    argv = ["align", str(src), str(tgt), "--src-lang", "es", "--tgt-lang", "en"]
    assert main([*argv, "-f", fmt, "-o", str(out), "-q"]) == 0


def outputs(folder: Path) -> dict[str, bytes]:
    """The files of an output folder by name, the summary and journal left out."""
    skip = {"summary.tsv", "summary.json", ".paralign-batch.jsonl"}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name not in skip}
