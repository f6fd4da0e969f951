"""Reading input files: what is accepted as it is, and what is refused with which message."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_pair import TRANSCRIPTION, sample_pair

from paralign.errors import InputError
from paralign.read import DEFAULT_MAX_BYTES, decode_text, parse_size, read_text

SPANISH = "La versión es la siguiente: ¿con qué derecho vuelan sobre nuestro territorio?\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refused(path: Path, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        read_text(path, **kwargs)
    return str(info.value)


def test_utf8_text_is_returned_exactly(tmp_path):
    path = write(tmp_path, "es.txt", SPANISH.encode("utf-8"))
    assert read_text(path) == SPANISH


def test_a_leading_bom_is_removed_and_nothing_else(tmp_path):
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + SPANISH.encode("utf-8"))
    assert read_text(path) == SPANISH


def test_crlf_and_cr_line_endings_are_kept_so_offsets_index_the_file(tmp_path):
    data = "Primera línea.\r\nSegunda línea.\rTercera.\r\n"
    path = write(tmp_path, "crlf.txt", data.encode("utf-8"))
    text = read_text(path)
    assert text == data
    assert text.index("Segunda") == data.index("Segunda") == 16


def test_the_sample_transcription_reads_cleanly():
    text = read_text(TRANSCRIPTION)
    assert "¿Con qué derecho vuelan sobre nuestro territorio?" in text
    # the word hyphenated across a page break, the letterhead between its halves
    assert text.index("sin llegar a nin-\n") < text.index("--2--") < text.index("\nguna votación")
    assert text.endswith("from the Atlantic to the Pacific, or vice versa.")


def test_missing_file(tmp_path):
    assert refused(tmp_path / "nope.txt") == f"{tmp_path / 'nope.txt'}: no such file"


def test_directory(tmp_path):
    assert "is a directory" in refused(tmp_path)


@pytest.mark.parametrize("kind", ["alignment file", "XML file"])
def test_every_reader_says_the_same_of_a_folder_and_of_a_missing_file(tmp_path, kind):
    from paralign.goldfile import read_pairs
    from paralign.tei import read_tei

    reader = read_pairs if kind == "alignment file" else read_tei
    with pytest.raises(InputError) as info:
        reader(tmp_path)
    assert str(info.value) == f"{tmp_path} is a directory: give the path of an {kind}"
    with pytest.raises(InputError) as info:
        reader(tmp_path / "nope")
    assert str(info.value) == f"{tmp_path / 'nope'}: no such file"


def test_empty_file(tmp_path):
    path = write(tmp_path, "empty.txt", b"")
    assert refused(path).startswith(f"{path} is empty")


@pytest.mark.parametrize("blank", [b" ", b"\n\n\n", b" \t\r\n \xc2\xa0\n", b"\xef\xbb\xbf\n"])
def test_whitespace_only_file(tmp_path, blank):
    path = write(tmp_path, "blank.txt", blank)
    assert refused(path).startswith(f"{path} holds only whitespace")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",  # a PNG header
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n\x00\x01\x02",
        b"Hola\x00mundo",  # a single NUL is enough
        bytes(range(1, 32)) * 20,  # control codes, no NUL, valid UTF-8
        b"\x1f\x8b\x08\x08\xd5\x9a\x11\x65\x02\xff\x8b\x8e\x05\x01",  # gzip, no text in it
    ],
)
def test_binary_file(tmp_path, data):
    path = write(tmp_path, "file.bin", data)
    assert refused(path).startswith(f"{path}: not a UTF-8 text file (looks binary)")


def test_latin1_file_names_the_byte_offset_and_suggests_iconv(tmp_path):
    data = "Línea uno.\nMikoyan habló extensamente.\n".encode("latin-1")
    path = write(tmp_path, "latin1.txt", data)
    message = refused(path)
    assert message.startswith(f"{path}: not valid UTF-8")
    assert "byte 0xED at byte offset 1 (line 1)" in message
    assert f"iconv -f WINDOWS-1252 -t UTF-8 {path}" in message


def test_the_first_bad_byte_is_found_after_good_utf8(tmp_path):
    data = "Acción.\n".encode() + "\nDijo que sí.\n".encode("cp1252")
    path = write(tmp_path, "mixed.txt", data)
    assert "byte 0xED at byte offset 20 (line 3)" in refused(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_a_bom_say_what_they_are(tmp_path, encoding):
    path = write(tmp_path, "wide.txt", SPANISH.encode(encoding))
    message = refused(path)
    assert f"is {encoding.upper()}LE text, not UTF-8" in message
    assert f"iconv -f {encoding.upper()}LE -t UTF-8" in message


def test_a_file_over_the_limit_is_refused_whole(tmp_path):
    path = write(tmp_path, "big.txt", ("palabra " * 1000).encode())
    message = refused(path, max_bytes=4096)
    assert message == (
        f"{path} is 7.8 KiB, over the 4 KiB size limit: split it, or raise the limit "
        "(--max-size on the command line, max_bytes= in Python)"
    )
    assert read_text(path, max_bytes=8000) == "palabra " * 1000
    assert read_text(path, max_bytes=None) == "palabra " * 1000


def test_a_file_exactly_at_the_limit_is_read(tmp_path):
    path = write(tmp_path, "edge.txt", b"x" * 100)
    assert read_text(path, max_bytes=100) == "x" * 100


def test_the_default_limit_is_generous():
    assert DEFAULT_MAX_BYTES >= 32 * 1024 * 1024


def test_decode_text_labels_errors_with_the_name_given():
    with pytest.raises(InputError, match="^upload: not valid UTF-8"):
        decode_text(b"caf\xe9", "upload")


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("100", 100),
        ("512k", 512 * 1024),
        ("200M", 200 * 2**20),
        ("1.5G", 3 * 2**29),
        ("64MiB", 64 * 2**20),
        ("2 GB", 2 * 2**30),
    ],
)
def test_parse_size(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "M", "lots", "-5M", "0", "nan", "inf"])
def test_parse_size_refuses_nonsense(text):
    with pytest.raises(ValueError, match="not a size"):
        parse_size(text)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_files_align_as_the_lf_file_does_with_honest_offsets(tmp_path, newline):
    from fake_encoder import HashingEncoder

    from paralign import align

    encoder = HashingEncoder()
    sides = {}
    es, en = sample_pair()
    for name, lang, text in (("es.txt", "es", es), ("en.txt", "en", en)):
        other = write(tmp_path, name, text.replace("\n", newline).encode("utf-8"))
        sides[lang] = (text, read_text(other))
    lf = align(sides["es"][0], sides["en"][0], src_lang="es", tgt_lang="en", model=encoder)
    crlf = align(sides["es"][1], sides["en"][1], src_lang="es", tgt_lang="en", model=encoder)
    assert crlf.pairs() == lf.pairs()
    for doc_lf, doc in ((lf.src, crlf.src), (lf.tgt, crlf.tgt)):
        assert doc.texts == doc_lf.texts
        assert not any("\r" in s.text for s in doc.sentences)
        for s in doc.sentences:  # each offset points at the sentence in the file's own text
            assert doc.raw[s.start : s.end].split()[:3] == s.text.split()[:3]
