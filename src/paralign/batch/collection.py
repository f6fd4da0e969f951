"""A collection: the pairs a batch run aligns, from folders, a pattern, a manifest or a corpus.

Every reader gives :class:`Pair` s sorted by name. A pair that cannot be made whole
(one side missing, a manifest row with a bad value) is still a pair, with its
``problem``: the run reports it as failed and goes on with the others. A problem with
the collection itself (a folder that is not there, two pairs with one name, a
manifest that cannot be read) is an :class:`InputError`.
"""

from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..paths import path_inside
from .settings import DOCUMENT, TEXTS, Settings

#: the placeholder of a file name pattern (``es/{name}.txt``)
NAME = "{name}"


@dataclass(frozen=True)
class Pair:
    """One unit of work: two texts (``kind`` :data:`TEXTS`) or a corpus document
    folder (:data:`DOCUMENT`, in ``src``), and where its output goes: the files named
    ``stem`` + the format's suffix in ``folder``."""

    name: str
    kind: str
    src: Path | None
    tgt: Path | None
    folder: Path
    stem: str
    settings: Settings
    #: why the pair cannot be aligned, found while collecting (empty: none)
    problem: str = ""


def from_folders(
    src_dir: str | os.PathLike[str],
    tgt_dir: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    settings: Settings,
) -> list[Pair]:
    """The files of ``src_dir`` and ``tgt_dir`` paired by file name (hidden files left
    out); a pair is named after its file name without the last suffix."""
    sides = []
    for folder in (src_dir, tgt_dir):
        files = _files_in(Path(folder))
        stems = {_stem(name): path for name, path in files.items()}
        if len(stems) != len(files):
            raise InputError(
                f"{folder}: two files differ only in their suffix; name the pairs with "
                "patterns instead (--src 'es/{name}.txt' --tgt 'en/{name}.txt')"
            )
        sides.append(stems)
    return _match(sides[0], sides[1], Path(out_dir), settings)


def from_patterns(
    src_pattern: str, tgt_pattern: str, out_dir: str | os.PathLike[str], settings: Settings
) -> list[Pair]:
    """Files found by two patterns with a ``{name}`` placeholder each
    (``es/{name}.es.txt`` and ``en/{name}.en.txt``), paired by that name."""
    return _match(_by_pattern(src_pattern), _by_pattern(tgt_pattern), Path(out_dir), settings)


def from_corpus(
    root: str | os.PathLike[str], out_dir: str | os.PathLike[str] | None, settings: Settings
) -> list[Pair]:
    """The document folders of a corpus (``build-corpus``'s input); each TEI goes to
    ``out_dir``, or, with ``out_dir`` None, into its document's folder."""
    from ..archive.corpus import document_folders

    return [
        Pair(f.name, DOCUMENT, f, None, Path(out_dir) if out_dir else f, f.name, settings)
        for f in document_folders(root)
    ]


def _files_in(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder")
    return {
        p.name: p for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")
    }


def _stem(name: str) -> str:
    stem = Path(name).stem
    return stem or name


def _by_pattern(pattern: str) -> dict[str, Path]:
    if pattern.count(NAME) != 1:
        raise InputError(f"the pattern {pattern!r} must hold {NAME} once (e.g. 'es/{NAME}.txt')")
    head, tail = pattern.split(NAME)
    if any(c in head + tail for c in "*?["):
        raise InputError(f"the pattern {pattern!r} may hold no wildcard but {NAME}")
    shape = re.compile(re.escape(head) + r"(?P<name>[^/\\]+)" + re.escape(tail))
    found: dict[str, Path] = {}
    for path in sorted(glob.glob(glob.escape(head) + "*" + glob.escape(tail))):
        match = shape.fullmatch(path)
        if match and Path(path).is_file() and not match["name"].startswith("."):
            found[match["name"]] = Path(path)
    return found


def _match(
    src: dict[str, Path], tgt: dict[str, Path], out_dir: Path, settings: Settings
) -> list[Pair]:
    names = sorted(set(src) | set(tgt))
    if not names:
        raise InputError("no files to align: the folders or patterns match nothing")
    pairs = []
    for name in names:
        problem = ""
        if name not in tgt:
            problem = f"{src[name]}: no translation found for it (one side missing)"
        elif name not in src:
            problem = f"{tgt[name]}: no source found for it (one side missing)"
        pairs.append(
            Pair(name, TEXTS, src.get(name), tgt.get(name), out_dir, name, settings, problem)
        )
    return pairs


def output_place(out_dir: Path, output: str, suffix: str, what: str) -> tuple[Path, str]:
    """The folder and stem of an output named relative to ``out_dir`` (kept inside it);
    a name ending in the format's ``suffix`` loses it."""
    path = path_inside(out_dir, output, what=what)
    name = path.name
    if suffix and name.endswith(suffix) and len(name) > len(suffix):
        name = name[: -len(suffix)]
    return path.parent, name


def check_names(pairs: list[Pair]) -> None:
    """An :class:`InputError` when two pairs share a name or an output."""
    seen: dict[str, Pair] = {}
    places: dict[tuple[Path, str], Pair] = {}
    for pair in pairs:
        if pair.name in seen:
            raise InputError(f"two pairs are named {pair.name!r}: give each its own name")
        seen[pair.name] = pair
        place = (pair.folder, pair.stem)
        if place in places:
            raise InputError(
                f"the pairs {places[place].name!r} and {pair.name!r} write the same output "
                f"{pair.folder / pair.stem}"
            )
        places[place] = pair
