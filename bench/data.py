"""Where the gold sets of ../shared/eval are and how to read them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """``$PARALIGN_SHARED`` or ../shared beside the repository."""
    return Path(os.environ.get("PARALIGN_SHARED") or ROOT.parent / "shared")


@dataclass(frozen=True)
class Doc:
    """One document of a gold set: sentence files (one per line) and the gold beads."""

    name: str
    src: Path
    tgt: Path
    gold: Path


@dataclass(frozen=True)
class GoldSet:
    """A set of documents scored together (micro average)."""

    name: str
    src_lang: str
    tgt_lang: str
    docs: tuple[Doc, ...]
    #: verse-id files (source, target) when the gold is verse-level
    verses: tuple[Path, Path] | None = None


def gold_sets(shared: Path) -> dict[str, GoldSet]:
    """The document-alignment sets, by name."""
    eval_dir = shared / "eval"
    tb = eval_dir / "textberg-de-fr"
    cand = eval_dir / "candide-es-en"
    bible = eval_dir / "bible-en-zh"

    def textberg(stem: str) -> Doc:
        return Doc(stem, tb / f"{stem}.de", tb / f"{stem}.fr", tb / f"{stem}.defr")

    return {
        "textberg-dev": GoldSet("textberg-dev", "de", "fr", (textberg("dev"),)),
        "textberg-test": GoldSet(
            "textberg-test", "de", "fr", tuple(textberg(f"test{i}") for i in range(7))
        ),
        "candide": GoldSet(
            "candide",
            "es",
            "en",
            (
                Doc(
                    "candide",
                    cand / "candide.es",
                    cand / "candide.en",
                    cand / "candide.es-en.gold",
                ),
            ),
        ),
        "bible": GoldSet(
            "bible",
            "en",
            "zh",
            (Doc("001", bible / "en" / "001", bible / "zh" / "001", bible / "gold" / "001.align"),),
            verses=(bible / "en.verse", bible / "zh.verse"),
        ),
    }


def tatoeba(shared: Path) -> tuple[Path, Path]:
    """The Spanish and English sides of Tatoeba spa-eng (line i ↔ line i)."""
    folder = shared / "eval" / "tatoeba-spa-eng"
    return folder / "tatoeba.spa-eng.spa", folder / "tatoeba.spa-eng.eng"


def read_lines(path: Path) -> list[str]:
    """The sentences of a sentence file: one per line, the line break removed."""
    return path.read_text(encoding="utf-8").splitlines()
