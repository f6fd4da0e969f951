"""The named vocabularies (paralign.vocab): a member is its string everywhere it is written."""

from __future__ import annotations

import json

from lxml import etree

from paralign.aligner import OVERLAP_MODES
from paralign.clean import EDITORIAL_MODES
from paralign.review import KINDS, LEVELS
from paralign.segment import SEGMENTERS
from paralign.vocab import (
    FindingKind,
    Level,
    OverlapMode,
    SegmenterName,
    SpanKind,
    choices,
)


def test_a_member_is_written_as_its_value():
    kind = SpanKind.HYPHEN
    assert (str(kind), f"{kind}", f"{kind:>8}", "%s" % kind) == (  # noqa: UP031  (the old way must work too)
        "hyphen",
        "hyphen",
        "  hyphen",
        "hyphen",
    )
    assert json.dumps({kind: kind}) == '{"hyphen": "hyphen"}'
    el = etree.Element("note", type=SpanKind.FW)
    el.text = SpanKind.PB
    assert etree.tostring(el) == b'<note type="fw">pb</note>'


def test_a_member_and_its_string_are_the_same_key():
    assert SpanKind.FW == "fw" and hash(SpanKind.FW) == hash("fw")
    assert {"fw": 1}[SpanKind.FW] == 1 and {SpanKind.FW: 1}["fw"] == 1
    assert SpanKind("pb") is SpanKind.PB


def test_the_vocabularies_are_those_the_stages_accept():
    assert choices(OverlapMode) == tuple(OVERLAP_MODES)
    assert choices(FindingKind) == tuple(KINDS)
    assert choices(Level) == tuple(name for name, _ in LEVELS)
    assert set(choices(SegmenterName)) == set(SEGMENTERS)
    assert set(EDITORIAL_MODES) == {"mark", "omit", "keep"}
