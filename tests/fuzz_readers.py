"""The readers paralign exposes to untrusted files, and inputs to fuzz them with.

Each reader in :data:`READERS` takes the bytes of one input (written to a file where
the reader reads files) and must either return or raise a
:class:`~paralign.errors.ParalignError` (the CLI's one line, exit 2); any other
exception is a failure. Inputs are mutations of real files (the corpus in texts/, an
export of a real alignment), so that they get past the first checks, mixed with
tokens each format cares about.

Used by tests/test_fuzz.py: a few hundred examples per reader in ``make test``,
tens of thousands with ``make fuzz`` (``PARALIGN_FUZZ_EXAMPLES``), which reports the
inputs tried and the failures per reader.
"""

from __future__ import annotations

import shutil
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

from paralign.errors import ParalignError

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "texts"
BILINGUAL = TEXTS / "1962-12-02_mikoyan-kennedy-conversations"
LONE = TEXTS / "1962-10-31_castro-to-khrushchev"

#: tokens that mean something to the formats read: spliced into the seeds
TOKENS = [
    b"<", b">", b"&", b"&amp;", b"&#0;", b"&#x110000;", b"]]>", b"<!--", b"-->", b"<?xml ?>",
    b"<!DOCTYPE x>", b'<!ENTITY e "x">', b'xml:id="s1"', b'xml:id=""', b' target="#a #b"',
    b' cert="nan"', b' cert="-1"', b' cert="1e999"', b"<link/>", b"<ptr/>", b"<s>", b"</s>",
    b'<link target="#es1 #en1"/>', b'<linkGrp type="alignment">', b"</linkGrp>",
    b'when="2020-13-45"', b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\r\n", b"\n\n", b"\t",
    b"\xe2\x80\xa8", b"\xc3", b"[", b"]", b"[]:[]", b"[0]:[0]", b":", b",", b"-1", b"nan",
    b"99999999999999999999", b'"', b"'", b"=", b"{", b"}", b"[[", b"\\u0000", b"\\",
    b"../", b"/etc/hostname", b"C:\\", b"base64", b"source", b"target", b"<p>",
    b'fromDoc="../x.xml"', b'toDoc="/etc/passwd"', b'xtargets="1;2"', b'xtargets=";"',
    b'status="man"', b'status="bogus"', b"ORIGINAL", b"TRANSLATION", b"Wilson Center",
]  # fmt: skip


def mutated(seed: bytes) -> st.SearchStrategy[bytes]:
    """``seed`` with a few edits: bytes replaced, slices deleted, duplicated or moved,
    tokens of the formats inserted; sometimes cut short, sometimes random bytes."""

    @st.composite
    def build(draw) -> bytes:
        data = bytearray(seed)
        for _ in range(draw(st.integers(1, 6))):
            op = draw(st.integers(0, 5))
            n = len(data)
            at = draw(st.integers(0, max(0, n)))
            if op == 0 and n:
                data[min(at, n - 1)] = draw(st.integers(0, 255))
            elif op == 1:
                end = min(n, at + draw(st.integers(1, 200)))
                del data[at:end]
            elif op == 2:
                end = min(n, at + draw(st.integers(1, 400)))
                data[at:at] = data[at:end] * draw(st.integers(1, 3))
            elif op == 3:
                data[at:at] = draw(st.sampled_from(TOKENS))
            elif op == 4:
                data[at:at] = draw(st.binary(max_size=20))
            else:
                del data[at:]
        return bytes(data)

    return st.one_of(build(), st.binary(max_size=300))


@dataclass
class Reader:
    """One reader under fuzz: how to run it on bytes, what to mutate."""

    name: str
    seeds: Callable[[], list[bytes]]
    read: Callable[[bytes, Path], object]
    tried: int = 0
    failures: list[str] = field(default_factory=list)

    def inputs(self) -> st.SearchStrategy[bytes]:
        return st.one_of(*(mutated(seed) for seed in self.seeds()))

    def check(self, data: bytes, folder: Path, *, keep_going: bool = False) -> None:
        """Run the reader; a ParalignError is a proper refusal, anything else a failure
        (raised, or with ``keep_going`` recorded in :attr:`failures`)."""
        self.tried += 1
        try:
            self.read(data, folder)
        except ParalignError as exc:
            assert str(exc).strip(), f"{self.name}: an error with no message"
        except Exception as exc:  # noqa: BLE001 - what the fuzzing looks for
            if not keep_going:
                raise
            where = traceback.extract_tb(exc.__traceback__)[-1]
            self.failures.append(
                f"{type(exc).__name__}: {str(exc)[:120]} at {where.filename}:{where.lineno} "
                f"on {data[:80]!r}"
            )


# ---------------------------------------------------------------- the seeds


@cache
def _alignment():
    from fake_encoder import HashingEncoder

    import paralign
    from paralign.archive import load_transcription

    tr = load_transcription(BILINGUAL / "transcription.txt", bilingual=True)
    return paralign.align(
        tr.original.text[:1500],
        tr.translation.text[:1500],
        src_lang="es",
        tgt_lang="en",
        model=HashingEncoder(),
    )


@cache
def tei_seeds() -> list[bytes]:
    from paralign.export import export

    return [
        export(_alignment(), "tei"),
        (LONE / f"{LONE.name}.tei.xml").read_bytes(),
    ]


@cache
def intertext_seeds() -> list[bytes]:
    from paralign.export import export_named

    files = export_named(_alignment(), "intertext", "pair")
    return [files["pair.xml"]]


@cache
def intertext_texts() -> dict[str, bytes]:
    from paralign.export import export_named

    files = export_named(_alignment(), "intertext", "pair")
    return {name: data for name, data in files.items() if name != "pair.xml"}


def transcription_seeds() -> list[bytes]:
    return [
        (BILINGUAL / "transcription.txt").read_bytes(),
        (LONE / "transcription.txt").read_bytes(),
    ]


def metadata_seeds() -> list[bytes]:
    return [(BILINGUAL / "metadata.toml").read_bytes(), (LONE / "metadata.toml").read_bytes()]


def gold_seeds() -> list[bytes]:
    from paralign.goldfile import format_bead

    beads = [(b.src, b.tgt) for b in _alignment().beads]
    return ["".join(format_bead(s, t, 0.5) + "\n" for s, t in beads).encode()]


def manifest_seeds() -> list[bytes]:
    return [
        b"source,target,name,src_lang,tgt_lang,max_bead\nes.txt,en.txt,one,es,en,8\n"
        b"es.txt,en.txt,two,,,\n",
        b'{"source": "es.txt", "target": "en.txt", "format": "tsv"}\n',
    ]


# ---------------------------------------------------------------- the readers


def _read_tei(data: bytes, folder: Path) -> object:
    from paralign import read_tei, read_tei_document
    from paralign.tei.validate import validate

    validate(data)
    try:
        return read_tei(data)
    except ParalignError:
        return read_tei_document(data)


def _read_intertext(data: bytes, folder: Path) -> object:
    from paralign.importers.intertext import read_intertext

    for name, text in intertext_texts().items():
        (folder / name).write_bytes(text)
    path = folder / "pair.xml"
    path.write_bytes(data)
    return read_intertext(path)


def _read_transcription(data: bytes, folder: Path) -> object:
    from paralign.archive.reader import decode_with, read_transcription, split_bilingual
    from paralign.read import decode_text

    try:
        text = decode_text(data)
    except ParalignError:
        text = decode_with(data, "cp1252")  # what --encoding cp1252 reads
    for reader in (read_transcription, split_bilingual):
        try:
            tr = reader(text)
        except ParalignError:
            continue
        for part in tr.parts:  # the parts are exact slices of the text, never rewritten
            assert text[part.start : part.end] == part.text
    return text


def _read_metadata(data: bytes, folder: Path) -> object:
    from paralign.archive.metadata import load_metadata, transcription_path

    path = folder / "metadata.toml"
    path.write_bytes(data)
    meta = load_metadata(path)
    found = transcription_path(folder, meta)
    assert folder.resolve() in found.resolve().parents  # never outside its folder
    return meta


def _read_gold(data: bytes, folder: Path) -> object:
    from paralign.goldfile import check_alignment, read_beads

    path = folder / "gold.align"
    path.write_bytes(data)
    beads = read_beads(path)
    check_alignment([pair for pair, _ in beads], str(path))
    return beads


def _read_manifest(data: bytes, folder: Path) -> object:
    from paralign.batch.manifest import read_manifest
    from paralign.batch.settings import Settings

    (folder / "es.txt").write_text("Hola.\n", encoding="utf-8")
    (folder / "en.txt").write_text("Hello.\n", encoding="utf-8")
    suffix = ".jsonl" if data.lstrip().startswith(b"{") else ".csv"
    path = folder / f"pairs{suffix}"
    path.write_bytes(data)
    pairs = read_manifest(path, folder / "out", Settings())
    for pair in pairs:  # every path a manifest names stays inside its folders
        for p in (pair.src, pair.tgt, pair.folder / pair.stem):
            if p is not None:
                assert folder.resolve() in Path(p).resolve().parents
    return pairs


READERS = {
    r.name: r
    for r in (
        Reader("tei", tei_seeds, _read_tei),
        Reader("intertext", intertext_seeds, _read_intertext),
        Reader("transcription", transcription_seeds, _read_transcription),
        Reader("metadata.toml", metadata_seeds, _read_metadata),
        Reader("gold file", gold_seeds, _read_gold),
        Reader("manifest", manifest_seeds, _read_manifest),
    )
}


class Scratch:
    """A folder the readers write their input into, emptied between examples."""

    def __init__(self) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="paralign-fuzz-"))

    def fresh(self) -> Path:
        for child in self.path.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        return self.path

    def close(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
