"""A header a digital humanist can publish: what metadata.toml says, where TEI wants it.

The corpus documents of texts/ are built (``build-corpus``) and their headers read
back: title, author and addressee (``correspDesc``), each text's own date and
language, the repository and the archive's number with its type, the translator in a
``respStmt``, the source address, the licence, a ``publicationStmt`` with publisher
and date; the aligner's settings compact (the calibration tables named, not
repeated); and every file valid against tei_all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from paralign.archive.corpus import build_document
from paralign.tei import read_tei

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ROOT / "texts"
MEMO = "1962-12-02_mikoyan-kennedy-conversations"
LETTER = "1962-10-31_castro-to-khrushchev"
NS = {"t": "http://www.tei-c.org/ns/1.0"}


def build(tmp_path: Path, folder: str) -> etree._ElementTree:
    copy = tmp_path / folder
    shutil.copytree(TEXTS / folder, copy)
    return etree.parse(str(build_document(copy).tei))


def xp(tree, path: str) -> list:
    return tree.xpath(path, namespaces=NS)


@pytest.fixture(scope="module")
def memo(tmp_path_factory) -> etree._ElementTree:
    return build(tmp_path_factory.mktemp("memo"), MEMO)


def test_title_author_translator_and_publication(memo):
    stmt = "//t:fileDesc/t:titleStmt"
    assert xp(memo, f"{stmt}/t:title/text()")[0].startswith("Confidential Memo from Cuban")
    assert xp(memo, f"{stmt}/t:author/text()") == ["Cuban Mission to the United Nations"]
    assert xp(memo, f"{stmt}/t:respStmt[t:resp='translation']/t:persName/text()") == [
        "Chris Dunlap"
    ]
    pub = "//t:publicationStmt"
    assert xp(memo, f"{pub}/t:publisher/text()") == ["The paralign project"]
    assert xp(memo, f"{pub}/t:date/@when") == ["2026-12-06"]
    assert xp(memo, f"{pub}/t:availability/t:licence/text()")[0].startswith("Not stated")


def test_each_text_has_its_own_date_and_language_and_the_archive_its_number(memo):
    src, tgt = "//t:bibl[@type='original']", "//t:bibl[@type='translation']"
    assert xp(memo, f"{src}/t:date/@when") == ["1962-12-02"]
    assert xp(memo, f"{tgt}/t:date") == []  # the translation's date is not known
    assert xp(memo, f"{src}/t:textLang/@mainLang") == ["es"]
    assert xp(memo, f"{tgt}/t:textLang/@mainLang") == ["en"]
    assert xp(memo, f"{src}/t:msIdentifier/t:repository/text()") == [
        "Wilson Center Digital Archive"
    ]
    assert xp(memo, f"{src}/t:msIdentifier/t:idno[@type='archive']/text()") == ["01301"]
    assert xp(memo, f"{src}/t:idno[@type='URI']/text()")[0].startswith("https://")
    corresp = "//t:profileDesc/t:correspDesc/t:correspAction"
    assert xp(memo, f"{corresp}[@type='sent']/t:date/@when") == ["1962-12-02"]
    assert xp(memo, f"{corresp}[@type='received']/t:name/text()") == ["Raúl Roa García"]


def test_the_settings_name_the_calibration_tables_instead_of_repeating_them(memo):
    settings = "//t:fs[@type='alignment-settings']"
    assert xp(memo, f"{settings}/t:f[@name='calibration']/t:string/text()") == ["default"]
    assert xp(memo, f"{settings}//t:vColl") == []
    # and the alignment reads back with the aligner's own tables
    from paralign.aligner import AlignerConfig

    path = memo.docinfo.URL
    config = AlignerConfig.from_settings(read_tei(path).settings)
    assert config.calibration == AlignerConfig().calibration


def test_a_lone_translation_names_its_original_with_the_original_date(tmp_path):
    tree = build(tmp_path, LETTER)
    src = "//t:bibl[@type='original']"
    assert xp(tree, f"{src}/t:date/@when") == ["1962-10-31"]
    assert xp(tree, f"{src}/t:author/text()") == ["Fidel Castro"]
    assert xp(tree, "//t:correspAction[@type='received']/t:name/text()") == ["Nikita S. Khrushchev"]


@pytest.mark.parametrize("folder", sorted(p.name for p in TEXTS.iterdir() if p.is_dir()))
def test_every_corpus_file_is_valid_tei_all(shared, folder):
    rng = etree.RelaxNG(etree.parse(str(shared / "schemas" / "tei_all.rng")))
    tree = etree.parse(str(TEXTS / folder / f"{folder}.tei.xml"))
    assert rng.validate(tree), rng.error_log.last_error
