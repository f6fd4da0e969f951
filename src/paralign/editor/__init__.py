"""``paralign edit``: correct an alignment by hand in a local editor in the browser.

:mod:`.operations` holds the edits (pure functions on an alignment),
:mod:`.journal` puts each one on disk as it is made, :mod:`.session` holds one
file's editing (undo, redo, save, re-align), :mod:`.save` writes the TEI keeping
what the file held, and :mod:`.server` serves the page (``static/``) on 127.0.0.1
to the person at this machine only. See docs/editor.md.
"""

from .operations import OPERATIONS, EditError, apply, check_alignment
from .session import Conflict, Session

__all__ = ["OPERATIONS", "Conflict", "EditError", "Session", "apply", "check_alignment"]
