"""The editor's web server: a Starlette app on 127.0.0.1, for the person at this machine.

Every request must carry the session's random token (in the URL the command
prints, then in a cookie the first page load sets, or in the
``X-Paralign-Token`` header the page sends); without it the answer is 403. The
``Host`` header must be ``127.0.0.1:PORT`` or ``localhost:PORT`` (a page of
another site that rebinds its DNS name to 127.0.0.1 is refused) and an
``Origin``, when a browser sends one, must be this server's own (no cross-site
requests). The server edits only the file it was started on: no request names
a path. The page is served from the package (``static/``), with a
Content-Security-Policy that allows nothing from elsewhere.

API (JSON): ``GET /api/state``; ``POST /api/op`` ``{"op", "args", "version"}``
(``undo`` and ``redo`` are operations too); ``POST /api/realign``
``{"version"}``; ``POST /api/save`` ``{"file_hash"}``. A refused change answers
409 (the file or the alignment moved on), an impossible one 400, each with
``{"error": "…"}``.
"""

from __future__ import annotations

import secrets
import socket
import sys
import threading
import webbrowser
from collections.abc import Callable
from http.cookies import SimpleCookie
from importlib import resources
from typing import Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import ParalignError
from .operations import SEGMENTATION
from .session import Conflict, Session

HOST = "127.0.0.1"
TOKEN_HEADER = "x-paralign-token"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
#: the page's files, by the name the page asks for, with their media type
STATIC = {
    "editor.js": "text/javascript; charset=utf-8",
    "editor.css": "text/css; charset=utf-8",
}


def cookie_name(port: int) -> str:
    """The token cookie (cookies ignore ports: one name per port keeps two editors apart)."""
    return f"paralign_token_{port}"


class Guard:
    """ASGI middleware: the token, the Host and the Origin of every request, else 403."""

    def __init__(self, app: ASGIApp, token: str, port: int) -> None:
        self.app = app
        self.token = token
        self.port = port
        self.hosts = {f"{HOST}:{port}", f"localhost:{port}"}
        self.origins = {f"http://{h}" for h in self.hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        reason = self._refusal(scope, headers)
        if reason:
            await PlainTextResponse(f"paralign edit: {reason}\n", status_code=403)(
                scope, receive, send
            )
            return
        await self.app(scope, receive, send)

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> str | None:
        if headers.get("host") not in self.hosts:
            return "refused: this server answers only to 127.0.0.1 or localhost on its own port"
        origin = headers.get("origin")
        if origin is not None and origin not in self.origins:
            return "refused: a request from another site"
        given = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [""])[0]
        given = given or headers.get(TOKEN_HEADER, "")
        if not given and "cookie" in headers:
            jar = SimpleCookie()
            jar.load(headers["cookie"])
            morsel = jar.get(cookie_name(self.port))
            given = morsel.value if morsel else ""
        if not secrets.compare_digest(given.encode(), self.token.encode()):
            return "forbidden: open the address with its token that `paralign edit` printed"
        return None


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def _headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }


def create_app(session: Session, token: str, port: int) -> ASGIApp:
    """The editor's ASGI app for one session, guarded by ``token`` on ``port``."""

    def page(request: Request) -> Response:
        html = _asset("editor.html").replace("{{TOKEN}}", token)
        html = html.replace("{{FILE}}", _escape(session.path.name))
        response = Response(html, media_type="text/html; charset=utf-8", headers=_headers())
        response.set_cookie(cookie_name(port), token, httponly=True, samesite="strict", path="/")
        return response

    def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            return PlainTextResponse("not found\n", status_code=404)
        return Response(_asset(name), media_type=STATIC[name], headers=_headers())

    def state(request: Request) -> Response:
        with session.lock:
            return _json(session.state(sentences=request.query_params.get("sentences") != "0"))

    async def op(request: Request) -> Response:
        body = await _body(request)
        name, args = body.get("op"), body.get("args") or {}
        if not isinstance(name, str):
            return _json({"error": "no operation named"}, 400)
        return await _change(
            request, lambda: session.do(name, args, _version(body)), _sentences_change(name)
        )

    async def realign(request: Request) -> Response:
        body = await _body(request)
        return await _change(request, lambda: session.realign(_version(body)), False)

    async def save(request: Request) -> Response:
        body = await _body(request)
        seen = body.get("file_hash")

        def run() -> None:
            session.save(seen if isinstance(seen, str) else None)

        return await _change(request, run, True)

    async def _change(request: Request, run: Callable[[], None], sentences: bool) -> Response:
        """Run a change in a worker thread; answer the new state, or why not."""

        def work() -> dict[str, Any]:
            run()
            with session.lock:
                return session.state(sentences=sentences)

        try:
            return _json(await run_in_threadpool(work))
        except Conflict as exc:
            return _json({"error": str(exc)}, 409)
        except ParalignError as exc:
            return _json({"error": str(exc)}, 400)

    routes = [
        Route("/", page),
        Route("/static/{name}", static),
        Route("/api/state", state),
        Route("/api/op", op, methods=["POST"]),
        Route("/api/realign", realign, methods=["POST"]),
        Route("/api/save", save, methods=["POST"]),
    ]
    app = Starlette(routes=routes)
    return Guard(app, token, port)


def _sentences_change(name: str) -> bool:
    """Whether an operation may change the sentences (the page then gets them anew)."""
    return name in SEGMENTATION or name in ("undo", "redo")


async def _body(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _version(body: dict[str, Any]) -> int | None:
    v = body.get("version")
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _json(data: Any, status: int = 200) -> Response:
    return JSONResponse(data, status_code=status, headers=_headers())


def _escape(text: str) -> str:
    from html import escape

    return escape(text)


def free_socket() -> socket.socket:
    """A listening socket on 127.0.0.1 and a port the system chose (never another address)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, 0))
    sock.listen(64)
    return sock


def serve(session: Session, *, open_browser: bool = True, quiet: bool = False) -> None:
    """Serve the editor for ``session`` until interrupted (Ctrl+C); print its address."""
    import uvicorn

    sock = free_socket()
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(24)
    url = f"http://{HOST}:{port}/?token={token}"
    app = create_app(session, token, port)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    print(f"paralign edit: {session.path} at {url}", flush=True)
    if session.replayed and not quiet:
        print(
            f"paralign edit: resumed {session.replayed} unsaved operation"
            f"{'s' * (session.replayed != 1)} from {session.journal.path}",
            file=sys.stderr,
            flush=True,
        )
    if not quiet:
        print(
            "paralign edit: press Ctrl+C to stop (unsaved work stays in the journal)",
            file=sys.stderr,
            flush=True,
        )
    if open_browser:
        threading.Timer(0.3, webbrowser.open, args=(url,)).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
