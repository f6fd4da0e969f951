"""The ``<standOff>`` of a parallel text: the aligner's settings and the alignment links.

::

    <standOff>
      <fs type="alignment-settings">…</fs>            the aligner's settings
      <linkGrp type="alignment" domains="#es #en">
        <link xml:id="al1" type="2-1" target="#es-s1 #es-s2 #en-s1" cert="0.870"/>
        <ptr xml:id="al2" type="unaligned" target="#es-s3" cert="0.412"/>
      </linkGrp>
    </standOff>

A 1-0 or 0-1 bead is a ``<ptr type="unaligned">``, not a ``<link>``: TEI requires
at least two targets on a link, and a pointer keeps the bead's place and
confidence so that every sentence is in exactly one element of the group and
the file reads back into the same beads.

A bead a person confirmed (``Bead.status``) has ``subtype="confirmed"`` on its
``<link>``/``<ptr>`` (att.typed: a confirmed 2-1 link is a kind of 2-1 link); an
automatic one has no ``@subtype``, so files without confirmed beads are as before.
``@cert`` keeps the aligner's confidence either way.
"""

from __future__ import annotations

import math
import re

from lxml import etree

from ..errors import FormatError
from ..model import Alignment, Bead
from ..output import confidence_text
from .vocab import APP_ID, SETTINGS_TYPE, el, sentence_id, side_prefixes, xml_text

#: settings that differ from run to run (wall times) and are left out, so that
#: two runs on the same input give identical files
VOLATILE_SETTINGS = frozenset({"timings"})
#: settings that are tables: written only where they differ from this version's
#: defaults (``AlignerConfig``); else a string that names the defaults, so that each
#: file does not repeat them (they are in docs/aligner.md and bench/results/calibration.json)
TABLE_SETTINGS = ("calibration", "calibration_null")
DEFAULT_TABLE = "default"

_NAME_BAD = re.compile(r"[^A-Za-z0-9_.\-]")


def link_id(bead_number: int) -> str:
    """The ``xml:id`` of the link of the bead at 0-based ``bead_number``."""
    return f"al{bead_number + 1}"


def _value(parent: etree._Element, value: object) -> None:
    """One setting as a TEI feature value."""
    if isinstance(value, bool):
        el(parent, "binary", value="true" if value else "false")
    elif isinstance(value, int):
        el(parent, "numeric", value=str(value))
    elif isinstance(value, float):
        text = (
            "NaN"
            if math.isnan(value)
            else "INF"
            if value > 0 and math.isinf(value)
            else ("-INF" if math.isinf(value) else repr(value))
        )
        el(parent, "numeric", value=text)
    elif isinstance(value, dict):
        _features(parent, value, None)
    elif isinstance(value, (list, tuple)):
        coll = el(parent, "vColl", org="list")
        for item in value:
            if item is None:
                el(coll, "symbol", value="None")
            else:
                _value(coll, item)
    elif value is not None:
        el(parent, "string", xml_text(str(value), "a setting"))


def _features(parent: etree._Element, settings: dict, kind: str | None) -> None:
    fs = el(parent, "fs", **({"type": kind} if kind else {}))
    for key, value in settings.items():
        f = el(fs, "f", name=_NAME_BAD.sub("_", str(key)) or "_")
        if not f.get("name")[0].isalpha() and f.get("name")[0] != "_":
            f.set("name", "_" + f.get("name"))
        _value(f, value)


def settings_features(standoff: etree._Element, settings: dict[str, object]) -> None:
    """The settings (less :data:`VOLATILE_SETTINGS`) as ``<fs type="alignment-settings">``."""
    from ..aligner.config import AlignerConfig

    defaults = AlignerConfig().as_dict()
    kept = {k: v for k, v in settings.items() if k not in VOLATILE_SETTINGS}
    for key in TABLE_SETTINGS:
        if key in kept and _same_table(kept[key], defaults.get(key)):
            kept[key] = DEFAULT_TABLE
    if kept:
        _features(standoff, kept, SETTINGS_TYPE)


def _same_table(value: object, default: object) -> bool:
    """Whether two tables of knots hold the same numbers (lists or tuples alike)."""
    try:
        return [tuple(map(float, row)) for row in value] == [  # type: ignore[union-attr]
            tuple(map(float, row))
            for row in default  # type: ignore[union-attr]
        ]
    except (TypeError, ValueError):
        return False


def links(standoff: etree._Element, a: Alignment, beads: list[tuple[int, Bead]]) -> None:
    """The ``<linkGrp>`` of ``beads`` (numbered by their place among all of ``a``'s)."""
    src_p, tgt_p = side_prefixes(a)
    group = el(
        standoff, "linkGrp", type="alignment", domains=f"#{src_p} #{tgt_p}", resp=f"#{APP_ID}"
    )
    n_src, n_tgt = len(a.src), len(a.tgt)
    for n, bead in beads:
        if not bead.src and not bead.tgt:
            raise FormatError(f"bead {n + 1} has no sentence on either side")
        for ids, size, side in ((bead.src, n_src, "source"), (bead.tgt, n_tgt, "target")):
            if any(not 0 <= i < size for i in ids):
                raise FormatError(
                    f"bead {n + 1} names {side} sentence ids {list(ids)}, but the {side} "
                    f"text has {size} sentences"
                )
        target = " ".join(
            ["#" + sentence_id(src_p, i) for i in bead.src]
            + ["#" + sentence_id(tgt_p, j) for j in bead.tgt]
        )
        cert = confidence_text(bead.confidence)
        status = {"subtype": bead.status.value} if bead.confirmed else {}
        if bead.src and bead.tgt:
            tag, kind = "link", bead.shape
        else:
            tag, kind = "ptr", "unaligned"
        el(group, tag, xml_id=link_id(n), type=kind, **status, target=target, cert=cert)
