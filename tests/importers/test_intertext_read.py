"""InterText's alignment XML read back (``read_tei`` and ``paralign convert``): the texts,
the links and their status, so that a text corrected in InterText comes home to TEI."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sample_alignments import mikoyan

from paralign import BeadStatus, FormatError, InputError, read_tei
from paralign.cli import main
from paralign.export import export_files
from paralign.tei import validate

CONFIRMED = BeadStatus.CONFIRMED


def with_confirmed(which: set[int]):
    a = mikoyan()
    return replace(
        a, beads=[replace(b, status=CONFIRMED) if k in which else b for k, b in enumerate(a.beads)]
    )


def written(a, folder):
    paths = export_files(a, "intertext", folder / "pair")
    return next(p for p in paths if p.name == "pair.xml")


@settings(max_examples=20)
@given(which=st.sets(st.integers(0, 5)))
def test_an_intertext_export_reads_back_with_its_statuses(which, tmp_path_factory):
    a = with_confirmed(which)
    back = read_tei(written(a, tmp_path_factory.mktemp("it")))
    assert [(b.src, b.tgt, b.status) for b in back.beads] == [
        (b.src, b.tgt, b.status) for b in a.beads
    ]
    for mine, theirs in ((back.src, a.src), (back.tgt, a.tgt)):
        assert mine.texts == theirs.texts
        assert mine.paragraphs == theirs.paragraphs
        assert mine.lang == theirs.lang


def test_confirmed_beads_are_status_man(tmp_path):
    text = written(with_confirmed({0, 5}), tmp_path).read_text("utf-8")
    assert text.count('status="man"') == 2 and text.count('status="auto"') == 4


HAND = """<?xml version="1.0" encoding="utf-8"?>
<linkGrp toDoc="letter.en.xml" fromDoc="letter.es.xml">
  <link type="1-1" xtargets="1:1;1:1" status="man" mark="1"/>
  <link type="2-1" xtargets="1:2 2:1;1:2" status="auto"/>
  <link type="1-0" xtargets="2:2;" status="plain"/>
</linkGrp>
"""
ES = """<?xml version="1.0" encoding="utf-8"?>
<text><p id="1"><s id="1:1">Querido amigo:</s><s id="1:2">Te escribo desde La Habana.</s></p>
<p id="2"><s id="2:1">Un abrazo.</s></p></text>
"""
EN = """<?xml version="1.0" encoding="utf-8"?>
<text><p id="1"><s id="1:1">Dear friend,</s><s id="1:2">I write to you from Havana.</s></p>
<p id="2"><s id="2:1">With a hug,</s><s id="2:2">Yours.</s></p></text>
"""


@pytest.fixture
def hand_made(tmp_path):
    for name, text in (("letter.xml", HAND), ("letter.es.xml", ES), ("letter.en.xml", EN)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / "letter.xml"


def test_a_file_as_intertext_writes_it_reads_and_converts_to_valid_tei(hand_made, tmp_path):
    a = read_tei(hand_made)
    assert (a.src.lang, a.tgt.lang) == ("es", "en")
    assert a.src.texts == ["Querido amigo:", "Te escribo desde La Habana.", "Un abrazo."]
    assert a.tgt.paragraphs == [[0, 1], [2, 3]]
    assert [(b.src, b.tgt, b.status.value) for b in a.beads] == [
        ((0,), (0,), "confirmed"),
        ((1,), (1, 2), "automatic"),
        ((), (3,), "automatic"),  # "Yours.": no original
        ((2,), (), "automatic"),  # the original's last sentence: in no link
    ]
    out = tmp_path / "letter.tei.xml"
    assert main(["convert", str(hand_made), "--format", "tei", "-o", str(out), "-q"]) == 0
    assert validate(out).valid, validate(out).errors
    assert [(b.src, b.tgt, b.status) for b in read_tei(out).beads] == [
        (b.src, b.tgt, b.status) for b in a.beads
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'xtargets="1:1;1:1"',
            'xtargets="1:1;9:9"',
            "no sentence of the fromDoc text has id '9:9'",
        ),
        ('xtargets="1:2 2:1;1:2"', 'xtargets="1:2 2:2;1:2"', "not consecutive"),
        ('xtargets="1:2 2:1;1:2"', 'xtargets="1:2 2:1;1:1"', "earlier link"),
        ('status="plain"', 'status="done"', "status='done'"),
        ('xtargets="2:2;"', 'xtargets="2:2"', "xtargets"),
    ],
)
def test_a_broken_link_is_a_format_error(hand_made, old, new, message):
    hand_made.write_text(HAND.replace(old, new), encoding="utf-8")
    with pytest.raises(FormatError, match=message):
        read_tei(hand_made)


def test_a_text_named_outside_the_folder_is_refused(hand_made, tmp_path, capsys):
    hand_made.write_text(HAND.replace("letter.es.xml", "../../etc/passwd"), encoding="utf-8")
    with pytest.raises(InputError, match="leaves its folder"):
        read_tei(hand_made)
    assert main(["convert", str(hand_made), "--format", "tsv", "-o", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err.startswith("paralign: error:")


def test_an_entity_in_a_text_file_is_refused(hand_made, tmp_path):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x "xx">]>'
        '<text><p id="1"><s id="1:1">&x;</s></p></text>'
    )
    (tmp_path / "letter.es.xml").write_text(bomb, encoding="utf-8")
    with pytest.raises(FormatError):
        read_tei(hand_made)


def test_intertext_bytes_alone_cannot_name_their_texts(hand_made):
    with pytest.raises(FormatError, match="read it from its path"):
        read_tei(hand_made.read_bytes())


def test_realign_an_intertext_file_around_its_confirmed_link(hand_made, tmp_path):
    out = tmp_path / "letter.tei.xml"
    assert main(["realign", str(hand_made), "-o", str(out), "-q"]) == 0
    assert validate(out).valid, validate(out).errors
    beads = read_tei(out).beads
    assert beads[0].confirmed and (beads[0].src, beads[0].tgt) == ((0,), (0,))
    assert [i for b in beads for i in b.src] == [0, 1, 2]
    assert [j for b in beads for j in b.tgt] == [0, 1, 2, 3]
