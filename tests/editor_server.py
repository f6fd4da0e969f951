"""Start ``paralign edit FILE --no-browser`` as a user would, for the editor tests.

:func:`editor` runs the real command in a child process, reads the address it
prints, and always stops it (SIGTERM, then SIGKILL) when the block ends;
:meth:`Editor.kill` kills it hard, as a crash would.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
URL = re.compile(r"at (http://127\.0\.0\.1:(\d+)/\?token=(\S+))")


@dataclass
class Editor:
    process: subprocess.Popen
    url: str
    port: int
    token: str

    @property
    def base(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    def kill(self) -> None:
        """Kill the server at once (SIGKILL): no clean shutdown, as in a crash."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start(path: Path, *args: str, timeout: float = 60.0) -> Editor:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "paralign", "edit", str(path), *args, "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    line = process.stdout.readline()
    while line and not URL.search(line) and time.monotonic() < deadline:
        line = process.stdout.readline()
    found = URL.search(line or "")
    if not found:
        process.kill()
        err = process.stderr.read() if process.stderr else ""
        raise RuntimeError(f"paralign edit did not start: {line!r} {err}")
    editor = Editor(process, found.group(1), int(found.group(2)), found.group(3))
    _wait_listening(editor, deadline)
    return editor


def _wait_listening(editor: Editor, deadline: float) -> None:
    import socket

    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", editor.port), 1):
            return
        time.sleep(0.05)
    raise RuntimeError("paralign edit printed its address but does not answer")


@contextlib.contextmanager
def editor(path: Path, *args: str) -> Iterator[Editor]:
    """The editor of ``path``, stopped when the block ends whatever happens."""
    ed = start(path, *args)
    try:
        yield ed
    finally:
        ed.stop()
