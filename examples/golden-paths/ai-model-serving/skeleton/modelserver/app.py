"""HTTP API of the model server (standard library only).

GET  /healthz     liveness: the process answers
GET  /readyz      readiness: 200 only once the model is loaded
GET  /metrics     Prometheus metrics: requests, latency, tokens in and out
GET  /v1/models   the model being served
POST /v1/predict  {"text": "..."} -> {"label", "scores", "model", "usage"}
"""

from __future__ import annotations

import json
import logging
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import urlsplit

from .metrics import Metrics, create_metrics
from .model import NaiveBayesModel

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024
KNOWN_ROUTES = {"/healthz", "/readyz", "/metrics", "/v1/models", "/v1/predict"}


class ModelService:
    """Holds the model (once loaded) and the metrics; the HTTP handler only translates."""

    def __init__(self, loader: Callable[[], NaiveBayesModel], metrics: Metrics | None = None) -> None:
        self._loader = loader
        self.metrics = metrics or create_metrics()
        self.model: NaiveBayesModel | None = None
        self.load_error: str | None = None
        self.shutting_down = False
        self.loaded = threading.Event()

    def load_in_background(self) -> threading.Thread:
        """Loads the weights off the serving thread, so /healthz answers while a large model loads."""
        thread = threading.Thread(target=self._load, name="model-loader", daemon=True)
        thread.start()
        return thread

    def _load(self) -> None:
        started = time.perf_counter()
        try:
            model = self._loader()
        except Exception as err:  # noqa: BLE001 - any failure leaves the server unready, and says why
            self.load_error = f"{type(err).__name__}: {err}"
            log.error(json.dumps({"msg": "model load failed", "error": self.load_error}))
            return
        self.model = model
        self.metrics.set("model_load_duration_seconds", round(time.perf_counter() - started, 6))
        self.metrics.set("model_info", 1, name=model.name, version=model.version)
        self.metrics.set("model_ready", 1)
        self.loaded.set()
        log.info(json.dumps({"msg": "model loaded", **model.info()}))

    @property
    def ready(self) -> bool:
        return self.model is not None and not self.shutting_down

    def handle(self, method: str, path: str, body: bytes) -> tuple[int, dict | str]:
        if path == "/healthz":
            return HTTPStatus.OK, {"status": "ok"}
        if path == "/readyz":
            if self.ready:
                return HTTPStatus.OK, {"status": "ready"}
            reason = "shutting down" if self.shutting_down else (self.load_error or "loading model")
            return HTTPStatus.SERVICE_UNAVAILABLE, {"status": "not ready", "reason": reason}
        if path == "/metrics":
            return HTTPStatus.OK, self.metrics.render()
        if path not in KNOWN_ROUTES:
            return HTTPStatus.NOT_FOUND, {"error": "not found"}
        if self.model is None:
            return HTTPStatus.SERVICE_UNAVAILABLE, {"error": "model not loaded yet"}
        if path == "/v1/models":
            return HTTPStatus.OK, {"data": [self.model.info()]}
        if method != "POST":
            return HTTPStatus.METHOD_NOT_ALLOWED, {"error": "use POST"}
        try:
            payload = json.loads(body or b"null")
        except ValueError:
            return HTTPStatus.BAD_REQUEST, {"error": "body: not valid JSON"}
        text = payload.get("text") if isinstance(payload, dict) else None
        if not isinstance(text, str) or not text.strip():
            return HTTPStatus.BAD_REQUEST, {"error": "text: expected a non-empty string"}
        try:
            prediction = self.model.predict(text)
        except ValueError as err:
            return HTTPStatus.BAD_REQUEST, {"error": str(err)}
        self.metrics.inc("model_input_tokens_total", prediction.input_tokens)
        self.metrics.inc("model_output_tokens_total", prediction.output_tokens)
        self.metrics.inc("model_predictions_total", label=prediction.label)
        return HTTPStatus.OK, {
            "label": prediction.label,
            "scores": prediction.scores,
            "model": {"name": self.model.name, "version": self.model.version},
            "usage": {"input_tokens": prediction.input_tokens, "output_tokens": prediction.output_tokens},
        }


def _handler_for(service: ModelService) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 10  # idle keep-alive connections close, so shutdown never waits forever

        def _dispatch(self) -> None:
            started = time.perf_counter()
            path = urlsplit(self.path).path
            length = int(self.headers.get("content-length") or 0)
            if length > MAX_BODY_BYTES:
                status, payload = HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": f"body: at most {MAX_BODY_BYTES} bytes"}
            else:
                status, payload = service.handle(self.command, path, self.rfile.read(length) if length else b"")
            if isinstance(payload, str):
                data, content_type = payload.encode(), "text/plain; version=0.0.4; charset=utf-8"
            else:
                data, content_type = json.dumps(payload).encode(), "application/json; charset=utf-8"
            # Record before answering, so a scrape that follows the answer always includes it.
            # Unknown paths share one label so scanners cannot blow up the metric's cardinality.
            route = path if path in KNOWN_ROUTES else "other"
            elapsed = time.perf_counter() - started
            service.metrics.inc("model_requests_total", route=route, status=str(int(status)))
            service.metrics.observe("model_request_duration_seconds", elapsed, route=route)
            self.send_response(status)
            self.send_header("content-type", content_type)
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            if route.startswith("/v1/"):
                log.info(json.dumps({"msg": "request", "route": route, "status": int(status), "ms": round(elapsed * 1000, 2)}))

        do_GET = _dispatch
        do_POST = _dispatch

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - base class signature
            pass  # logged as JSON in _dispatch

    return Handler


def create_server(service: ModelService, host: str = "0.0.0.0", port: int = 8080) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((host, port), _handler_for(service))
    server.daemon_threads = False
    server.block_on_close = True
    return server
