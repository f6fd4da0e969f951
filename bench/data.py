"""Where the gold sets of ../shared/eval are and how to read them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from paralign import Alignment, align
from paralign.aligner import AlignerConfig
from paralign.encoders.base import Encoder
from paralign.goldfile import read_pairs

Pair = tuple[tuple[int, ...], tuple[int, ...]]

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """``$PARALIGN_SHARED`` or ../shared beside the repository."""
    return Path(os.environ.get("PARALIGN_SHARED") or ROOT.parent / "shared")


@dataclass(frozen=True)
class Cut:
    """A passage taken out of one side of a gold document (``side`` 0: the source,
    1: the target): sentences ``[start, stop)`` go, and what they translated on the
    other side is left with no translation (one 1-0 or 0-1 gold bead per sentence)."""

    side: int
    start: int
    stop: int


@dataclass(frozen=True)
class Doc:
    """One document of a gold set: sentence files (one per line) and the gold beads."""

    name: str
    src: Path
    tgt: Path
    gold: Path
    cut: Cut | None = None


def read_doc(doc: Doc) -> tuple[list[str], list[str], list[Pair]]:
    """A document's source and target sentences and its gold beads, after its cut."""
    sides = [read_lines(doc.src), read_lines(doc.tgt)]
    gold = [(tuple(s), tuple(t)) for s, t in read_pairs(doc.gold)]
    if doc.cut is None:
        return sides[0], sides[1], gold
    side, gone = doc.cut.side, range(doc.cut.start, doc.cut.stop)
    kept = [i for i in range(len(sides[side])) if i not in gone]
    renumber = {old: new for new, old in enumerate(kept)}
    sides[side] = [sides[side][i] for i in kept]
    beads: list[Pair] = []
    for bead in gold:
        here = list(bead)
        here[side] = tuple(renumber[i] for i in bead[side] if i in renumber)
        if here[0] and here[1]:
            beads.append((here[0], here[1]))
        else:  # the gold's convention: a sentence with no translation is a bead of its own
            beads += [((i,), ()) for i in here[0]] + [((), (j,)) for j in here[1]]
    return sides[0], sides[1], beads


@dataclass(frozen=True)
class GoldSet:
    """A set of documents scored together (micro average)."""

    name: str
    src_lang: str
    tgt_lang: str
    docs: tuple[Doc, ...]
    #: verse-id files (source, target) when the gold is verse-level
    verses: tuple[Path, Path] | None = None


def align_doc(
    gold_set: GoldSet, doc: Doc, encoder: Encoder, config: AlignerConfig
) -> tuple[list[Pair], Alignment]:
    """A document's gold beads, and ``paralign.align`` of its sentences (pre-segmented)."""
    src, tgt, gold = read_doc(doc)
    alignment = align(
        src,
        tgt,
        src_lang=gold_set.src_lang,
        tgt_lang=gold_set.tgt_lang,
        model=encoder,
        config=config,
    )
    return gold, alignment


#: the passages taken out of Candide es-en for the "omissions" set (1,196 es, 1,524 en)
OMISSIONS = (
    Cut(1, 1000, 1524),  # the translation stops early (a third of the original is left)
    Cut(0, 600, 1196),  # the original stops at half (the translation goes on)
    Cut(1, 0, 200),  # the translation starts late
    Cut(0, 0, 150),  # the original's start is missing
    Cut(1, 600, 700),  # a passage omitted from the translation
    Cut(0, 400, 480),  # a passage missing from the original
)


def gold_sets(shared: Path) -> dict[str, GoldSet]:
    """The document-alignment sets, by name."""
    eval_dir = shared / "eval"
    tb = eval_dir / "textberg-de-fr"
    cand = eval_dir / "candide-es-en"
    bible = eval_dir / "bible-en-zh"

    def candide(cut: Cut | None = None) -> Doc:
        name = "candide" if cut is None else f"candide-{'es' if cut.side == 0 else 'en'}"
        if cut is not None:
            name += f"-{cut.start}-{cut.stop - 1}-out"
        return Doc(name, cand / "candide.es", cand / "candide.en", cand / "candide.es-en.gold", cut)

    def textberg(stem: str) -> Doc:
        return Doc(stem, tb / f"{stem}.de", tb / f"{stem}.fr", tb / f"{stem}.defr")

    return {
        "textberg-dev": GoldSet("textberg-dev", "de", "fr", (textberg("dev"),)),
        "textberg-test": GoldSet(
            "textberg-test", "de", "fr", tuple(textberg(f"test{i}") for i in range(7))
        ),
        "candide": GoldSet("candide", "es", "en", (candide(),)),
        # Candide with a passage taken out of one side: a translation that stops early
        # or starts late, an original's passage left untranslated, an omitted chapter
        "omissions": GoldSet("omissions", "es", "en", tuple(candide(cut) for cut in OMISSIONS)),
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
