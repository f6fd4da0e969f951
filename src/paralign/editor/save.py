"""The corrected alignment as TEI, keeping what the opened file held.

The texts and the links are written by the TEI writer (:func:`paralign.tei.tei_tree`),
which reads back what :func:`paralign.read_tei` read: for a file paralign made,
a save with no change gives the same bytes. From the opened file it keeps the
``<teiHeader>`` as it was (titles, sources, licences, whatever another tool or a
person put there), the review's findings (``<interpGrp type="review">``, each
``<interp>`` moved to the link that now holds the sentences it was about) and
any other ``<standOff>`` content it does not write itself.
"""

from __future__ import annotations

import bisect
import copy

from lxml import etree

from ..export.base import ExportOptions, get_writer, select
from ..importers.safe_xml import parse
from ..model import Alignment
from ..tei.vocab import SETTINGS_TYPE, TEI_NS, XML_ID
from ..tei.write import serialise, tei_tree

_T = f"{{{TEI_NS}}}"


def saved_tei(original: bytes, opened: Alignment, current: Alignment) -> bytes:
    """The TEI bytes of ``current``, corrected from ``opened`` (what ``original`` held)."""
    opts = ExportOptions()
    new = tei_tree(current, select(current, get_writer("tei"), opts), date=opts.date)
    old = parse(original, "the opened file").getroot()
    _keep_header(old, new)
    _keep_standoff(old, new, opened, current)
    return serialise(new)


def _keep_header(old: etree._Element, new: etree._Element) -> None:
    header = old.find(f"{_T}teiHeader")
    made = new.find(f"{_T}teiHeader")
    if header is None or made is None:
        return
    kept = _unindented(header)
    made.getparent().replace(made, kept)
    if not any(el.get(XML_ID) == "paralign" for el in kept.iter()):
        # the links name paralign as responsible: only where the header says who that is
        for group in new.iter(f"{_T}linkGrp"):
            group.attrib.pop("resp", None)


def _unindented(el: etree._Element) -> etree._Element:
    """A copy of ``el`` without the indentation the file had (whitespace holding a
    line break between elements), so that it is indented anew as the rest."""
    kept = copy.deepcopy(el)
    for node in kept.iter():
        if node.text is not None and not node.text.strip() and "\n" in node.text and len(node):
            node.text = None
        if node.tail is not None and not node.tail.strip() and "\n" in node.tail:
            node.tail = None
    kept.tail = None
    return kept


def _ours(el: etree._Element) -> bool:
    """Whether the exporter writes this ``<standOff>`` child itself."""
    tag = el.tag
    return (tag == f"{_T}linkGrp" and el.get("type") in (None, "alignment")) or (
        tag == f"{_T}fs" and el.get("type") == SETTINGS_TYPE
    )


def _keep_standoff(
    old: etree._Element, new: etree._Element, opened: Alignment, current: Alignment
) -> None:
    old_off, new_off = old.find(f"{_T}standOff"), new.find(f"{_T}standOff")
    if old_off is None or new_off is None:
        return
    group = new_off.find(f"{_T}linkGrp")
    links = {el.get(XML_ID): el for el in group} if group is not None else {}
    where = Locator(opened, current)
    for child in old_off:
        if not isinstance(child.tag, str) or _ours(child):
            continue
        kept = _unindented(child)
        if kept.tag == f"{_T}interpGrp" and kept.get("type") == "review":
            _repoint(kept, where, links)
        if group is not None:
            group.addprevious(kept)
        else:
            new_off.append(kept)


def _repoint(grp: etree._Element, where: Locator, links: dict[str, etree._Element]) -> None:
    """Point each finding at the link that now holds its sentences, and back."""
    refs: dict[str, list[str]] = {}
    for interp in grp.iter(f"{_T}interp"):
        inst = (interp.get("inst") or "").split()
        if not inst or not inst[0].startswith("#al"):
            continue
        try:
            old_bead = int(inst[0][3:]) - 1
        except ValueError:
            continue
        k = where.bead_of_old(old_bead)
        if k is None or f"al{k + 1}" not in links:
            continue
        interp.set("inst", f"#al{k + 1}")
        refs.setdefault(f"al{k + 1}", []).append(f"#{interp.get(XML_ID)}")
    for link_id, ids in refs.items():
        links[link_id].set("ana", " ".join(ids))


class Locator:
    """Finds the bead of ``current`` that holds the text of a bead of ``opened``
    (by the raw offset of its first sentence, which no edit changes)."""

    def __init__(self, opened: Alignment, current: Alignment) -> None:
        self.opened = opened
        self.docs = (current.src, current.tgt)
        self.starts = [[s.start for s in d.sentences] for d in self.docs]
        self.owner: list[list[int]] = [[0] * len(d.sentences) for d in self.docs]
        for k, bead in enumerate(current.beads):
            for i in bead.src:
                self.owner[0][i] = k
            for j in bead.tgt:
                self.owner[1][j] = k

    def bead_of_old(self, old_bead: int) -> int | None:
        if not 0 <= old_bead < len(self.opened.beads):
            return None
        bead = self.opened.beads[old_bead]
        side, ids = (0, bead.src) if bead.src else (1, bead.tgt)
        doc = self.opened.src if side == 0 else self.opened.tgt
        offset = doc.sentences[ids[0]].start
        i = bisect.bisect_right(self.starts[side], offset) - 1
        return self.owner[side][i] if i >= 0 else None
