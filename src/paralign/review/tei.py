"""The findings in the TEI export: ``<interp>`` categories pointed to by the links' ``@ana``.

The TEI document is the export stage's own (:mod:`paralign.export.tei`); this adds,
in its ``<standOff>`` before the ``<linkGrp>``::

    <interpGrp type="review">
      <desc>Findings of paralign's translation review …</desc>
      <interp xml:id="rv1" type="number" subtype="high" inst="#al28">the source line …</interp>
    </interpGrp>

and points each affected ``<link>``/``<ptr>`` at its findings: ``ana="#rv1 #rv5"``.
``@type`` is the finding's kind, ``@subtype`` its level and ``@inst`` the link it is
about, so a TEI tool can list the findings, style the links that have them, or
filter by kind.
"""

from __future__ import annotations

from lxml import etree

from ..export.base import ExportOptions, get_writer, select
from ..export.tei import TEI_NS, XML_ID, serialise, tei_tree, xml_text
from .base import KINDS, Review

DESC = (
    "Findings of paralign's translation review: @type is the kind of finding, @subtype its "
    "level (high, medium, low, info), @inst the link it is about; links point to their "
    "findings with @ana."
)


def annotate(root: etree._Element, review: Review) -> None:
    """Add the review's findings to a TEI tree made by :func:`paralign.export.tei.tei_tree`."""
    standoff = root.find(f"{{{TEI_NS}}}standOff")
    group = standoff.find(f"{{{TEI_NS}}}linkGrp") if standoff is not None else None
    if group is None:
        return
    links = {el.get(XML_ID): el for el in group}
    grp = etree.Element(f"{{{TEI_NS}}}interpGrp", type="review")
    etree.SubElement(grp, f"{{{TEI_NS}}}desc").text = DESC
    refs: dict[str, list[str]] = {}
    for n, f in enumerate(review.findings):
        link_id = f"al{f.bead + 1}"
        if link_id not in links:
            continue
        el = etree.SubElement(grp, f"{{{TEI_NS}}}interp")
        el.set(XML_ID, f"rv{n + 1}")
        el.set("type", f.kind if f.kind in KINDS else "other")
        el.set("subtype", f.level)
        el.set("inst", f"#{link_id}")
        el.text = xml_text(f.explanation, "a review finding")
        refs.setdefault(link_id, []).append(f"#rv{n + 1}")
    if not refs:
        return
    group.addprevious(grp)
    for link_id, ids in refs.items():
        links[link_id].set("ana", " ".join(ids))


def review_tei(review: Review, **options: object) -> bytes:
    """The alignment as TEI (options as for ``export(..., "tei")``) with the findings in it."""
    opts = ExportOptions.from_kwargs(options)
    beads = select(review.alignment, get_writer("tei"), opts)
    root = tei_tree(review.alignment, beads, opts)
    annotate(root, review)
    return serialise(root)
