"""TEI P5: paralign's one home for writing, reading and checking TEI.

- :mod:`.vocab`: namespaces, element names, the settings type, the element helper;
- writing: :mod:`.header` (``<teiHeader>``), :mod:`.body` (which body layout a text
  gets, and the paragraph layout), :mod:`.archival` (letters, page layout, the
  editor's insertions), :mod:`.standoff` (settings and alignment links), and
  :mod:`.write`, which puts them together: :func:`tei_tree` / :func:`document_tree`
  and :func:`serialise`;
- reading: :mod:`.read` (:func:`read_tei`, :func:`read_tei_document`) and
  :mod:`.read_text` (one text back into a Document);
- :mod:`.review`: the review's findings as ``<interp>`` on the links;
- :mod:`.validate`: the schema and what no schema checks.

The export stage's ``"tei"`` format (:mod:`paralign.export.tei`) is a small
adapter over :func:`tei_tree`. Writing, reading and validation depend on the data
model (and the clean stage's vocabulary), never on the export stage; only
:func:`paralign.tei.review.review_tei`, which takes the export options, uses it.
"""

from .read import read_tei, read_tei_document
from .validate import Report, validate
from .write import document_tei, document_tree, serialise, tei_tree

__all__ = [
    "Report",
    "document_tei",
    "document_tree",
    "read_tei",
    "read_tei_document",
    "serialise",
    "tei_tree",
    "validate",
]
