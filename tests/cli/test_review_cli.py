"""``paralign review``: writes the report, TEI and JSON; bad input is one line, exit 2."""

from __future__ import annotations

import json

from review_seed import DATA

from paralign.cli import main

ES, EN = str(DATA / "seed001.es.txt"), str(DATA / "seed001.en.txt")


def test_review_writes_report_tei_and_json(tmp_path, capsys):
    html, tei, js = tmp_path / "r.html", tmp_path / "r.xml", tmp_path / "r.jsonl"
    code = main(
        ["review", ES, EN, "--presegmented", "-o", str(html), "--tei", str(tei), "--json", str(js)]
    )
    assert code == 0
    err = capsys.readouterr().err
    assert f"report: {html}" in err and "findings" in err
    assert html.read_text(encoding="utf-8").count('class="bead ') > 50
    assert b'<interpGrp type="review">' in tei.read_bytes()
    rows = [json.loads(line) for line in js.read_text(encoding="utf-8").splitlines()]
    assert rows and {"kind", "severity", "level", "bead", "explanation", "evidence"} <= set(rows[0])
    # the Guantánamo sentence has no translation, whatever else the aligner decides
    assert any(r["kind"] == "omission" and "Guantánamo" in r["evidence"]["source"] for r in rows)


def test_kinds_and_min_severity_filter_the_findings(tmp_path, capsys):
    js = tmp_path / "r.jsonl"
    args = ["review", ES, EN, "--presegmented", "-q", "-o", str(tmp_path / "r.html")]
    assert (
        main([*args, "--json", str(js), "--kinds", "omission,number", "--min-severity", "0.5"]) == 0
    )
    rows = [json.loads(line) for line in js.read_text(encoding="utf-8").splitlines()]
    assert rows and all(r["kind"] in ("omission", "number") and r["severity"] >= 0.5 for r in rows)
    assert capsys.readouterr().err == ""


def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys):
    out = tmp_path / "r.html"
    assert main(["review", ES, str(tmp_path / "missing.txt"), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("paralign: error:") and "missing.txt" in err[0]
    assert main(["review", ES, EN, "--kinds", "typo", "-o", str(out)]) == 2
    assert "unknown kind 'typo'" in capsys.readouterr().err
    assert not out.exists()
