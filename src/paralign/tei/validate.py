"""Check a TEI parallel text: paralign's schema, then what no schema checks.

1. the RELAX NG schema of paralign's TEI subset shipped in the package
   (``schemas/paralign-tei.rng``), or another one given (e.g. tei_all.rng);
2. ids are unique; every ``#pointer`` in ``@target``, ``@domains``, ``@decls``,
   ``@resp``, ``@ana``, ``@corresp``… resolves to an ``xml:id`` in the file;
3. every sentence of the two texts is in exactly one ``<link>``/``<ptr>``, links
   join consecutive sentences in the texts' order, ``@cert`` is in 0..1.

A TEI of one text and no ``<linkGrp>`` (a translation whose original is not in the
corpus, :func:`paralign.tei.write.document_tei`) is a single-text document: checks 1
and 2 apply, and its sentences need ids; there is no alignment to cover them.

A file that cannot be read or parsed safely raises
:class:`~paralign.errors.ParalignError` (the CLI exits 2); otherwise the
:class:`Report` lists the errors (exit 1) or none (exit 0).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from lxml import etree

from ..errors import FormatError
from ..importers.safe_xml import MAX_BYTES, one_line, parse, read_source
from .read import analyse
from .vocab import XML_ID, local

#: attributes whose values are pointers (space-separated URIs)
POINTER_ATTRIBUTES = (
    "target", "domains", "decls", "resp", "ana", "corresp", "ref", "who", "sameAs",
    "copyOf", "next", "prev", "synch", "facs", "source", "inst",
)  # fmt: skip


@dataclass
class Report:
    """The outcome of :func:`validate`: where, and every error found (none: valid)."""

    label: str
    errors: list[str] = field(default_factory=list)
    sentences: int = 0
    #: ``<link>`` s of sentences of both texts, and ``<ptr>`` s of unaligned sentences
    links: int = 0
    unaligned: int = 0
    #: 2 for a parallel text, 1 for a single-text document, 0 when not known
    texts: int = 0

    @property
    def valid(self) -> bool:
        return not self.errors


@lru_cache(maxsize=4)
def _schema(path: str | None) -> etree.RelaxNG:
    try:
        if path is None:
            ref = resources.files("paralign") / "schemas" / "paralign-tei.rng"
            doc = etree.fromstring(ref.read_bytes())
        else:
            doc = etree.parse(path, etree.XMLParser(no_network=True, resolve_entities=False))
        return etree.RelaxNG(doc)
    except (OSError, etree.XMLSyntaxError, etree.RelaxNGParseError) as exc:
        label = path or "paralign-tei.rng"
        raise FormatError(f"cannot load the schema {label}: {one_line(exc)}") from None


def _schema_errors(tree: etree._ElementTree, schema: str | None) -> list[str]:
    rng = _schema(schema)
    if rng.validate(tree):
        return []
    name = Path(schema).name if schema else "paralign-tei.rng"
    return [
        f"line {e.line}: {one_line(e.message)} ({name})"
        if e.line
        else f"{one_line(e.message)} ({name})"
        for e in rng.error_log
    ]


def _pointer_errors(tree: etree._ElementTree, ids: set[str], checked: set) -> list[str]:
    """Dangling ``#pointers``; the ``@target`` of links in ``checked`` was checked already."""
    errors = []
    for el in tree.getroot().iter():
        if not isinstance(el.tag, str):
            continue
        for attr in POINTER_ATTRIBUTES:
            if attr == "target" and el in checked:
                continue
            for ref in (el.get(attr) or "").split():
                if ref.startswith("#") and ref[1:] not in ids:
                    errors.append(
                        f"line {el.sourceline}: @{attr} of <{local(el) or el.tag}> "
                        f"points to {ref}, "
                        "which no element has as xml:id"
                    )
    return errors


def validate(
    source: str | os.PathLike[str] | bytes,
    *,
    schema: str | os.PathLike[str] | None = None,
    max_bytes: int = MAX_BYTES,
) -> Report:
    """Validate a TEI file (path or bytes) and return the :class:`Report`.

    ``schema``: a RELAX NG schema (``.rng``) to use instead of paralign's own,
    e.g. the TEI Consortium's ``tei_all.rng`` for conformance to full TEI.
    """
    data, label = read_source(source, max_bytes)
    tree = parse(data, label)
    report = Report(label)
    report.errors.extend(_schema_errors(tree, os.fspath(schema) if schema else None))
    an = analyse(tree)
    report.errors.extend(an.problems)
    ids = {
        el.get(XML_ID) for el in tree.getroot().iter() if isinstance(el.tag, str) and el.get(XML_ID)
    }
    report.errors.extend(_pointer_errors(tree, ids, an.checked))
    for xml_id in an.uncovered:
        report.errors.append(f"sentence {xml_id} is in no <link> or <ptr> of the alignment")
    if an.sides:
        report.sentences = sum(len(side.units) for side in an.sides)
        kinds = [etree.QName(el).localname for el in an.checked]
        report.links, report.unaligned = kinds.count("link"), kinds.count("ptr")
        report.texts = 2
    elif an.single:
        report.sentences = len(an.single.units)
        report.texts = 1
    return report
