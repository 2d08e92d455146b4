"""The HTTP API, on the standard library only (http.server)."""

from __future__ import annotations

import json
import logging
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024


class App:
    """Routes and state, kept apart from the socket server so tests can call them directly."""

    def __init__(self, service_name: str, version: str) -> None:
        self.service_name = service_name
        self.version = version
        self.ready = True

    def mark_not_ready(self) -> None:
        """Makes /readyz answer 503 so traffic drains before shutdown."""
        self.ready = False

    def handle(self, method: str, path: str, query: dict[str, list[str]], body: bytes) -> tuple[int, dict]:
        if path == "/healthz":
            return HTTPStatus.OK, {"status": "ok"}
        if path == "/readyz":
            if self.ready:
                return HTTPStatus.OK, {"status": "ready"}
            return HTTPStatus.SERVICE_UNAVAILABLE, {"status": "shutting-down"}
        if path == "/v1/info":
            return HTTPStatus.OK, {"service": self.service_name, "version": self.version}
        if path == "/v1/hello":
            if method == "GET":
                name = query.get("name", ["world"])[0][:100]
                return HTTPStatus.OK, {"message": f"Hello, {name}!"}
            if method == "POST":
                try:
                    payload = json.loads(body or b"{}")
                except ValueError:
                    return HTTPStatus.BAD_REQUEST, {"error": "body is not JSON"}
                name = payload.get("name") if isinstance(payload, dict) else None
                if not isinstance(name, str) or not 0 < len(name) <= 100:
                    return HTTPStatus.BAD_REQUEST, {"error": "name: expected a string of 1-100 characters"}
                return HTTPStatus.OK, {"message": f"Hello, {name}!"}
            return HTTPStatus.METHOD_NOT_ALLOWED, {"error": "method not allowed"}
        return HTTPStatus.NOT_FOUND, {"error": "not found", "path": path}


def _handler_for(app: App) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = app.service_name
        protocol_version = "HTTP/1.1"
        # Idle keep-alive connections close after this, so a graceful shutdown never waits forever.
        timeout = 10

        def _dispatch(self) -> None:
            started = time.perf_counter()
            url = urlsplit(self.path)
            length = int(self.headers.get("content-length") or 0)
            if length > MAX_BODY_BYTES:
                status, payload = HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "body too large"}
            else:
                body = self.rfile.read(length) if length else b""
                status, payload = app.handle(self.command, url.path, parse_qs(url.query), body)
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json; charset=utf-8")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            if url.path not in ("/healthz", "/readyz"):
                ms = round((time.perf_counter() - started) * 1000, 2)
                log.info(json.dumps({"msg": "request", "method": self.command, "path": url.path, "status": int(status), "ms": ms}))

        do_GET = _dispatch
        do_POST = _dispatch

        def do_PUT(self) -> None:
            self._dispatch()

        def do_DELETE(self) -> None:
            self._dispatch()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature of the base class
            pass  # requests are logged as JSON in _dispatch

    return Handler


def create_server(app: App, host: str = "0.0.0.0", port: int = 8080) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((host, port), _handler_for(app))
    # Wait for requests in flight on server_close() instead of dropping them.
    server.daemon_threads = False
    server.block_on_close = True
    return server
