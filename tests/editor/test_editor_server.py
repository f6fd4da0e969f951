"""``paralign edit`` as a running server: only the person at this machine, with the
printed address and its token, can use it; Host and Origin are checked; no request
names a file. Each test starts the real command and stops it."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from editor_server import ROOT, editor

SEED_TEI = (
    ROOT
    / "texts"
    / "1962-12-02_mikoyan-kennedy-conversations"
    / "1962-12-02_mikoyan-kennedy-conversations.tei.xml"
)


def request(url: str, *, body: dict | None = None, headers: dict | None = None):
    """(status, text) of one request; no cookies kept between requests."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, headers=headers or {})
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(), dict(e.headers)


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    path = tmp_path_factory.mktemp("edit") / "seed.tei.xml"
    shutil.copy(SEED_TEI, path)
    with editor(path) as ed:
        yield ed, path


def test_it_listens_on_loopback_only_at_the_printed_address(running):
    ed, _ = running
    assert ed.url.startswith("http://127.0.0.1:")
    out = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True, check=False).stdout
    mine = [line.split()[3] for line in out.splitlines() if line.split()[3].endswith(f":{ed.port}")]
    if mine:  # ss is there: the one listening socket is 127.0.0.1's
        assert mine == [f"127.0.0.1:{ed.port}"]
    # and nothing answers on another address of this machine
    others = {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    for addr in others - {"127.0.0.1"}:
        with pytest.raises(OSError), socket.create_connection((addr, ed.port), timeout=2):
            pass


def test_the_page_with_its_token_loads_and_sets_a_strict_cookie(running):
    ed, _ = running
    status, html, headers = request(ed.url)
    assert status == 200 and "paralign edit" in html
    cookie = headers["set-cookie"]
    assert f"paralign_token_{ed.port}={ed.token}" in cookie
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    assert "default-src 'none'" in headers["content-security-policy"]
    # with the cookie alone (a reload without the token in the address), the API answers
    status, body, _ = request(
        f"{ed.base}/api/state", headers={"Cookie": f"paralign_token_{ed.port}={ed.token}"}
    )
    assert status == 200 and json.loads(body)["file"] == "seed.tei.xml"


@pytest.mark.parametrize("path", ["/", "/api/state", "/static/editor.js", "/nothing"])
def test_a_request_without_the_token_gets_403(running, path):
    ed, _ = running
    status, text, _ = request(ed.base + path)
    assert status == 403 and "token" in text
    status, _, _ = request(ed.base + path + "?token=" + "x" * len(ed.token))
    assert status == 403
    status, _, _ = request(ed.base + path, headers={"Cookie": f"paralign_token_{ed.port}=wrong"})
    assert status == 403


def test_a_change_without_the_token_is_refused_and_changes_nothing(running):
    ed, path = running
    before = path.read_bytes()
    status, _, _ = request(f"{ed.base}/api/op", body={"op": "merge", "args": {"bead": 0}})
    assert status == 403
    status, _, _ = request(f"{ed.base}/api/save", body={})
    assert status == 403
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "host", ["evil.example:{port}", "127.0.0.1:1", "localhost", "127.0.0.1", "[::1]:{port}"]
)
def test_a_foreign_host_is_refused_even_with_the_token(running, host):
    ed, _ = running
    status, text, _ = request(ed.url, headers={"Host": host.format(port=ed.port)})
    assert status == 403 and "127.0.0.1 or localhost" in text
    status, _, _ = request(ed.url, headers={"Host": f"localhost:{ed.port}"})
    assert status == 200


@pytest.mark.parametrize(
    "origin", ["http://evil.example", "http://127.0.0.1:1", "null", "https://127.0.0.1:{port}"]
)
def test_a_foreign_origin_is_refused_even_with_the_token(running, origin):
    ed, path = running
    before = path.read_bytes()
    headers = {"Origin": origin.format(port=ed.port), "X-Paralign-Token": ed.token}
    status, text, _ = request(
        f"{ed.base}/api/op", body={"op": "merge", "args": {"bead": 0}}, headers=headers
    )
    assert status == 403 and "another site" in text
    status, _, _ = request(f"{ed.base}/api/save", body={}, headers=headers)
    assert status == 403
    assert path.read_bytes() == before


def test_the_api_takes_no_path_and_serves_only_its_own_files(running):
    ed, _ = running
    auth = {"X-Paralign-Token": ed.token}
    for name in ("../session.py", "..%2Fsession.py", "editor.html", "%2Fetc%2Fpasswd"):
        status, _, _ = request(f"{ed.base}/static/{name}", headers=auth)
        assert status == 404
    status, body, _ = request(
        f"{ed.base}/api/save", body={"path": "/tmp/elsewhere.xml"}, headers=auth
    )
    assert status == 200 and not Path("/tmp/elsewhere.xml").exists()
    status, body, _ = request(f"{ed.base}/api/op", body={"op": "explode"}, headers=auth)
    assert status == 400 and "unknown operation" in json.loads(body)["error"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "paralign", "edit", *args, "--no-browser"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        timeout=120,
        check=False,
    )


def test_bad_input_is_one_line_and_exit_status_2(tmp_path):
    r = run_cli(str(tmp_path / "missing.tei.xml"))
    assert r.returncode == 2 and r.stderr.strip().count("\n") == 0
    assert r.stderr.startswith("paralign: error: no such file")
    r = run_cli(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert r.returncode == 2 and "--src-lang, --tgt-lang and -o" in r.stderr
    bad = tmp_path / "bad.tei.xml"
    bad.write_text("<TEI>", encoding="utf-8")
    r = run_cli(str(bad))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


def test_two_texts_are_aligned_written_to_out_and_opened(tmp_path):
    from sample_pair import write_sample_pair

    es, en = write_sample_pair(tmp_path)
    out = tmp_path / "pair.tei.xml"
    args = (str(en), "--src-lang", "es", "--tgt-lang", "en", "-o", str(out), "-q")
    with editor(es, *args) as ed:
        status, body, _ = request(f"{ed.base}/api/state", headers={"X-Paralign-Token": ed.token})
        st = json.loads(body)
        assert status == 200 and st["file"] == "pair.tei.xml" and len(st["beads"]) > 40
    from paralign import read_tei

    assert [[list(s), list(t)] for s, t in read_tei(out).pairs()] == [b[:2] for b in st["beads"]]
    r = run_cli(str(es), str(en), "--src-lang", "es", "--tgt-lang", "en", "-o", str(out))
    assert r.returncode == 2 and "exists already" in r.stderr
