"""``paralign validate`` and the safety of every TEI read: hostile XML is refused clearly."""

from __future__ import annotations

import socket
import time

import pytest
from sample_alignments import mikoyan

from paralign import FormatError, read_tei
from paralign.cli import main
from paralign.export import export
from paralign.tei import validate


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "mikoyan.xml"
    path.write_bytes(export(mikoyan(), "tei"))
    return path


def edited(good, old: str, new: str):
    text = good.read_text("utf-8")
    assert old in text
    good.write_text(text.replace(old, new, 1), "utf-8")
    return good


def test_paralign_output_is_valid(good):
    report = validate(good)
    assert report.valid, report.errors
    # five links of both texts and one <ptr> of a sentence with no translation
    assert (report.sentences, report.links, report.unaligned) == (13, 5, 1)


def test_a_sentence_in_no_link_is_reported(good):
    edited(good, '<link xml:id="al2" type="1-1" target="#es-s2 #en-s2" cert="0.874"/>', "")
    report = validate(good)
    assert sorted(report.errors) == [
        "sentence en-s2 is in no <link> or <ptr> of the alignment",
        "sentence es-s2 is in no <link> or <ptr> of the alignment",
    ]


def test_a_dangling_pointer_is_reported_with_its_line(good):
    edited(good, 'target="#es-s7"', 'target="#es-s70"')
    errors = validate(good).errors
    assert any("points to #es-s70, which no element has as xml:id" in e for e in errors), errors
    assert all(e.startswith("line ") or e.startswith("sentence ") for e in errors)
    with pytest.raises(FormatError, match="#es-s70"):
        read_tei(good)


def test_a_dangling_pointer_outside_the_links_is_reported(good):
    edited(good, 'decls="#bibl-tgt"', 'decls="#bibl-xx"')
    errors = validate(good).errors
    assert any("@decls of <text> points to #bibl-xx" in e for e in errors), errors


def test_a_duplicate_id_is_reported(good):
    edited(good, 'xml:id="en-s2"', 'xml:id="en-s1"')
    errors = validate(good).errors
    assert any("xml:id 'en-s1' is used twice" in e for e in errors), errors
    with pytest.raises(FormatError, match="used twice"):
        read_tei(good)


def test_schema_errors_name_the_line_and_the_element(good):
    edited(good, '<fw type="header">', '<bogus type="header">')
    edited(good, "</fw>", "</bogus>")
    errors = validate(good).errors
    assert any(
        "bogus" in e and e.startswith("line ") and "paralign-tei.rng" in e for e in errors
    ), errors


def test_a_certainty_outside_0_1_is_a_schema_and_a_link_error(good):
    edited(good, 'cert="0.874"', 'cert="87.4"')
    errors = validate(good).errors
    assert any("cert" in e and "paralign-tei.rng" in e for e in errors)
    assert any("cert='87.4' is not a number in 0..1" in e for e in errors)


def test_another_schema_can_be_given(good, tmp_path):
    rng = tmp_path / "only-tei.rng"
    rng.write_text(
        '<element name="TEI" ns="http://www.tei-c.org/ns/1.0" '
        'xmlns="http://relaxng.org/ns/structure/1.0"><empty/></element>',
        "utf-8",
    )
    errors = validate(good, schema=rng).errors
    assert errors and all("only-tei.rng" in e for e in errors)


# ---------------------------------------------------------------- the command


def test_cli_exit_status_is_0_valid_1_invalid_2_unreadable(good, tmp_path, capsys):
    assert main(["validate", str(good)]) == 0
    assert "valid (13 sentences, 6 beads: 5 links, 1 unaligned)" in capsys.readouterr().out
    bad = tmp_path / "bad.xml"
    bad.write_text(good.read_text("utf-8").replace('target="#es-s7"', 'target="#es-s9"'), "utf-8")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "bad.xml: invalid" in out and "#es-s9" in out
    assert main(["validate", str(tmp_path / "nope.xml")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["validate", str(good), str(bad), str(tmp_path / "nope.xml")]) == 2


# ---------------------------------------------------------------- hostile XML

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE TEI [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<TEI xmlns="http://www.tei-c.org/ns/1.0" n="&g;"><teiHeader/>
<text><body><p>&g;</p></body></text></TEI>
"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_an_entity_bomb_is_refused_before_parsing(encoding):
    data = BOMB.decode().encode(encoding)
    started = time.perf_counter()
    for reader in (read_tei, validate):
        with pytest.raises(FormatError, match="declares XML entities"):
            reader(data)
    assert time.perf_counter() - started < 5  # nothing was expanded (16**6 * 48 bytes = 800 MB)


def test_an_external_entity_does_not_read_the_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", "utf-8")
    data = (
        f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p><s xml:id="a">&x;</s></p>'
        "</body></text></TEI>"
    ).encode()
    with pytest.raises(FormatError, match="declares XML entities") as info:
        read_tei(data)
    assert "TOP-SECRET" not in str(info.value)


def test_an_external_dtd_and_xinclude_touch_neither_network_nor_files(good, tmp_path):
    """A network DTD gets no connection; a local one is not read (it would not parse)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.setblocking(False)
    port = server.getsockname()[1]
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", "utf-8")
    text = good.read_text("utf-8").replace(
        "<?xml-model", f'<!DOCTYPE TEI SYSTEM "http://127.0.0.1:{port}/tei.dtd">\n<?xml-model', 1
    )
    text = text.replace(
        '<s xml:id="es-s1">',
        '<s xml:id="es-s1"><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
        f'href="{secret.as_uri()}" parse="text"/>',
        1,
    )
    good.write_text(text, "utf-8")
    try:
        a = read_tei(good)
        with pytest.raises(BlockingIOError):
            server.accept()  # nobody connected
    finally:
        server.close()
    assert "TOP-SECRET" not in a.src.texts[0]
    assert a.src.texts[0].startswith("--Mikoyan habló")
    garbage = tmp_path / "tei.dtd"
    garbage.write_text("<!ENTITY broken <<<<", "utf-8")
    good.write_text(text.replace(f"http://127.0.0.1:{port}/tei.dtd", garbage.as_uri()), "utf-8")
    assert read_tei(good).pairs() == mikoyan().pairs()


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.xml"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: no time, no disk
    for reader in (read_tei, validate):
        with pytest.raises(FormatError, match="50 MiB, more than the 32 MiB"):
            reader(big)
    assert main(["validate", str(big)]) == 2


def test_the_size_limit_can_be_raised_for_trusted_files(good):
    with pytest.raises(FormatError, match="more than the 1000 bytes"):
        read_tei(good, max_bytes=1000)
    assert read_tei(good, max_bytes=10**7).pairs() == mikoyan().pairs()


def test_the_size_limit_option_is_the_one_align_takes(good, tmp_path, capsys):
    out = tmp_path / "pairs.tsv"
    convert = ["convert", str(good), "-f", "tsv", "-o", str(out)]
    assert main([*convert, "--max-size", "1K"]) == 2
    assert "more than the 1 KiB this reader accepts" in capsys.readouterr().err
    assert not out.exists()
    assert main([*convert, "--max-size", "10M"]) == 0
    assert out.read_text(encoding="utf-8")
    # the option's earlier name still works
    assert main(["validate", str(good), "--max-mib", "0.001"]) == 2
    assert "more than the 1.0 KiB" in capsys.readouterr().err


def test_deep_nesting_is_refused_by_the_parser_limits():
    data = b'<TEI xmlns="http://www.tei-c.org/ns/1.0">' + b"<p>" * 5000 + b"</p>" * 5000 + b"</TEI>"
    with pytest.raises(FormatError, match="not well-formed XML.*[Dd]epth"):
        read_tei(data)
