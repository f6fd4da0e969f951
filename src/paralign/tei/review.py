"""The findings in the TEI export: ``<interp>`` categories pointed to by the links' ``@ana``.

The TEI document is the parallel text of :func:`paralign.tei.write.tei_tree`; this adds,
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
from ..review.base import KINDS, Review
from .standoff import link_id
from .vocab import TEI_NS, XML_ID, el, xml_text
from .write import serialise, tei_tree

DESC = (
    "Findings of paralign's translation review: @type is the kind of finding, @subtype its "
    "level (high, medium, low, info), @inst the link it is about; links point to their "
    "findings with @ana."
)


def annotate(root: etree._Element, review: Review) -> None:
    """Add the review's findings to a TEI tree made by :func:`paralign.tei.write.tei_tree`."""
    standoff = root.find(f"{{{TEI_NS}}}standOff")
    group = standoff.find(f"{{{TEI_NS}}}linkGrp") if standoff is not None else None
    if group is None:
        return
    links = {link.get(XML_ID): link for link in group}
    grp = etree.Element(f"{{{TEI_NS}}}interpGrp", type="review")
    el(grp, "desc", DESC)
    refs: dict[str, list[str]] = {}
    for n, f in enumerate(review.findings):
        link = link_id(f.bead)
        if link not in links:
            continue
        el(
            grp,
            "interp",
            xml_text(f.explanation, "a review finding"),
            xml_id=f"rv{n + 1}",
            type=f.kind if f.kind in KINDS else "other",
            subtype=f.level,
            inst=f"#{link}",
        )
        refs.setdefault(link, []).append(f"#rv{n + 1}")
    if not refs:
        return
    group.addprevious(grp)
    for link, ids in refs.items():
        links[link].set("ana", " ".join(ids))


def review_tei(review: Review, **options: object) -> bytes:
    """The alignment as TEI (options as for ``export(..., "tei")``) with the findings in it."""
    opts = ExportOptions.from_kwargs(options)
    beads = select(review.alignment, get_writer("tei"), opts)
    root = tei_tree(review.alignment, beads, date=opts.date)
    annotate(root, review)
    return serialise(root)
