"""Read InterText's alignment XML back into an :class:`~paralign.model.Alignment`.

InterText (the Czech National Corpus's alignment editor) keeps an alignment as one
file of links and one XML file per text (what ``paralign.export`` writes as
``--format intertext``)::

    <linkGrp toDoc="pair.en.xml" fromDoc="pair.es.xml">
      <link type="1-2" xtargets="1:1;1:1 1:2" status="man"/>
    </linkGrp>

``xtargets`` lists the ``toDoc`` ids (the translation) before the semicolon and the
``fromDoc`` ids (the original) after it; the texts are ``<p id><s id>`` elements in
document order. ``status="man"`` is a link a person confirmed in InterText
(:attr:`BeadStatus.CONFIRMED`); ``auto`` and ``plain`` are automatic. A sentence in
no link becomes a 1-0 or 0-1 bead, as InterText aligns what is left on import.

The two texts are read from the alignment file's folder and must lie inside it
(``paths.path_inside``); every file is parsed as untrusted XML (``safe_xml``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from lxml import etree

from ..errors import FormatError
from ..model import Alignment, Bead, BeadStatus, Document, Sentence
from ..paths import path_inside
from .safe_xml import MAX_BYTES, parse, read_source

#: InterText's status of a link a person confirmed
CONFIRMED_STATUS = "man"
#: the statuses InterText writes
STATUSES = ("man", "auto", "plain")
_LANG = re.compile(r"\.([A-Za-z]{2,3})\d*\.xml$")


def is_intertext(root: etree._Element) -> bool:
    """Whether a parsed root is an InterText alignment file (``<linkGrp toDoc fromDoc>``)."""
    return (
        root.tag == "linkGrp" and root.get("toDoc") is not None and root.get("fromDoc") is not None
    )


def read_intertext(source: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Alignment:
    """Read an InterText alignment file and the two texts it names (beside it).

    :class:`FormatError` for a file that is not one, a link to an id no sentence has,
    links out of the texts' order or joining sentences that are not consecutive, an
    unknown status; :class:`InputError` for a text named outside the file's folder.
    """
    data, label = read_source(source, max_bytes)
    root = parse(data, label).getroot()
    if not is_intertext(root):
        raise FormatError(f"{label}: not an InterText alignment (<linkGrp toDoc fromDoc>)")
    folder = Path(source).parent
    docs, ids = [], []
    for attr in ("fromDoc", "toDoc"):
        name = root.get(attr, "")
        path = path_inside(folder, name, what=f"{label}: @{attr}")
        doc, where = _document(path, name, max_bytes)
        docs.append(doc)
        ids.append(where)
    src, tgt = docs
    return Alignment(src, tgt, _beads(root, label, (src, tgt), (ids[0], ids[1])))


def _document(path: Path, name: str, max_bytes: int) -> tuple[Document, dict[str, int]]:
    """One text (its ``<s>`` in order, grouped by ``<p>``) and each id's sentence."""
    data, label = read_source(path, max_bytes)
    root = parse(data, label).getroot()
    texts, paragraphs, ids = [], [], []
    for k, p in enumerate(_paragraphs(root)):
        for s in p.iter("s"):
            sid = s.get("id")
            if not sid:
                raise FormatError(f"{label}:{s.sourceline}: a sentence <s> without an id")
            text = " ".join("".join(s.itertext()).split())
            if not text:
                raise FormatError(f"{label}:{s.sourceline}: sentence {sid!r} is empty")
            texts.append(text)
            paragraphs.append(k)
            ids.append(sid)
    if len(set(ids)) != len(ids):
        raise FormatError(f"{label}: two sentences have the same id")
    if not texts:
        raise FormatError(f"{label}: no <s> sentences")
    sentences, parts, pos = [], [], 0
    for i, (text, k) in enumerate(zip(texts, paragraphs, strict=True)):
        if i:
            sep = "\n\n" if k != paragraphs[i - 1] else " "
            parts.append(sep)
            pos += len(sep)
        sentences.append(Sentence(text, pos, pos + len(text), k))
        parts.append(text)
        pos += len(text)
    found = _LANG.search(name)
    lang = found.group(1).lower() if found else "und"
    return Document("".join(parts), lang, sentences), {sid: i for i, sid in enumerate(ids)}


def _paragraphs(root: etree._Element) -> list[etree._Element]:
    """The elements whose sentences make one paragraph: each ``<p>``, or the root."""
    found = list(root.iter("p"))
    return found or [root]


def _beads(
    root: etree._Element,
    label: str,
    docs: tuple[Document, Document],
    ids: tuple[dict[str, int], dict[str, int]],
) -> list[Bead]:
    beads: list[Bead] = []
    nxt = [0, 0]
    for link in root.iter("link"):
        where = f"{label}:{link.sourceline}"
        xtargets = link.get("xtargets")
        if xtargets is None or xtargets.count(";") != 1:
            raise FormatError(f'{where}: a <link> needs xtargets="TO IDS;FROM IDS"')
        to_ids, from_ids = xtargets.split(";")
        sides: list[list[int]] = []
        for k, names in ((0, from_ids.split()), (1, to_ids.split())):
            unknown = [x for x in names if x not in ids[k]]
            if unknown:
                which = "fromDoc" if k == 0 else "toDoc"
                raise FormatError(f"{where}: no sentence of the {which} text has id {unknown[0]!r}")
            run = [ids[k][x] for x in names]
            if run and run != list(range(run[0], run[0] + len(run))):
                raise FormatError(f"{where}: the link joins sentences that are not consecutive")
            if run and run[0] < nxt[k]:
                raise FormatError(
                    f"{where}: the link covers a sentence an earlier link covers or passed: "
                    "links must be in the texts' order, each sentence in one link"
                )
            sides.append(run)
        if not sides[0] and not sides[1]:
            raise FormatError(f"{where}: the link names no sentence")
        status = link.get("status", "auto")
        if status not in STATUSES:
            raise FormatError(f"{where}: status={status!r} is not one of {', '.join(STATUSES)}")
        for k in (0, 1):
            if sides[k]:
                _fill(beads, k, nxt, sides[k][0])
                nxt[k] = sides[k][-1] + 1
        confirmed = BeadStatus.CONFIRMED if status == CONFIRMED_STATUS else BeadStatus.AUTOMATIC
        beads.append(Bead(tuple(sides[0]), tuple(sides[1]), 1.0, status=confirmed))
    _fill(beads, 0, nxt, len(docs[0]))
    _fill(beads, 1, nxt, len(docs[1]))
    return beads


def _fill(beads: list[Bead], k: int, nxt: list[int], upto: int) -> None:
    """Sentences of side ``k`` in no link before ``upto``, each a null bead."""
    while nxt[k] < upto:
        beads.append(Bead((nxt[k],), ()) if k == 0 else Bead((), (nxt[k],)))
        nxt[k] += 1
