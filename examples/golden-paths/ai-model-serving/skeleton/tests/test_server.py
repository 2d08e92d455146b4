import json
import re
import threading
import unittest
import urllib.error
import urllib.request
from pathlib import Path

from modelserver.app import ModelService, create_server
from modelserver.model import load_model

MODEL = Path(__file__).resolve().parent.parent / "model" / "model.json"


class ServerTest(unittest.TestCase):
    def setUp(self) -> None:
        self.gate = threading.Event()

        def slow_loader():
            self.gate.wait(5)  # stands in for loading large weights
            return load_model(MODEL)

        self.service = ModelService(slow_loader)
        self.server = create_server(self.service, host="127.0.0.1", port=0)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.loader = self.service.load_in_background()

    def tearDown(self) -> None:
        self.gate.set()
        self.server.shutdown()
        self.server.server_close()

    def load(self) -> None:
        self.gate.set()
        self.loader.join(5)
        self.assertTrue(self.service.loaded.is_set())

    def call(self, path: str, body: object = None) -> tuple[int, object]:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method="POST" if data else "GET")
        try:
            with urllib.request.urlopen(req, timeout=5) as res:
                raw, status, ctype = res.read(), res.status, res.headers["content-type"]
        except urllib.error.HTTPError as err:
            raw, status, ctype = err.read(), err.code, err.headers["content-type"]
        return status, (json.loads(raw) if ctype.startswith("application/json") else raw.decode())

    def test_live_at_once_ready_only_after_the_model_loads(self) -> None:
        self.assertEqual(self.call("/healthz")[0], 200)
        status, body = self.call("/readyz")
        self.assertEqual((status, body["reason"]), (503, "loading model"))
        self.assertEqual(self.call("/v1/predict", {"text": "great"})[0], 503)
        self.load()
        self.assertEqual(self.call("/readyz"), (200, {"status": "ready"}))

    def test_predicts_with_usage(self) -> None:
        self.load()
        status, body = self.call("/v1/predict", {"text": "Excellent service, very happy"})
        self.assertEqual(status, 200)
        self.assertEqual(body["label"], "positive")
        self.assertEqual(body["usage"], {"input_tokens": 4, "output_tokens": 1})
        self.assertEqual(body["model"]["version"], "1.0.0")

    def test_rejects_bad_requests(self) -> None:
        self.load()
        self.assertEqual(self.call("/v1/predict", {"text": ""}), (400, {"error": "text: expected a non-empty string"}))
        self.assertEqual(self.call("/v1/predict", ["text"])[0], 400)
        self.assertEqual(self.call("/v1/predict")[0], 405)
        self.assertEqual(self.call("/nope")[0], 404)

    def test_exposes_prometheus_metrics(self) -> None:
        self.load()
        self.call("/v1/predict", {"text": "terrible slow delivery"})
        self.call("/v1/predict", {"text": "great"})
        status, text = self.call("/metrics")
        self.assertEqual(status, 200)
        self.assertIn("# TYPE model_request_duration_seconds histogram", text)
        self.assertIn('model_requests_total{route="/v1/predict",status="200"} 2', text)
        self.assertIn('model_request_duration_seconds_count{route="/v1/predict"} 2', text)
        self.assertIn('model_request_duration_seconds_bucket{route="/v1/predict",le="+Inf"} 2', text)
        self.assertIn("model_input_tokens_total 4", text)
        self.assertIn("model_output_tokens_total 2", text)
        self.assertIn('model_predictions_total{label="negative"} 1', text)
        self.assertIn("model_ready 1", text)
        self.assertRegex(text, r'model_info\{name="[^"]+-sentiment",version="1.0.0"\} 1')
        for line in text.splitlines():
            if line and not line.startswith("#"):
                self.assertRegex(line, r"^[a-z_]+(\{[^}]*\})? [0-9.e+-]+$")

    def test_unready_while_shutting_down(self) -> None:
        self.load()
        self.service.shutting_down = True
        self.assertEqual(self.call("/readyz")[0], 503)
        self.assertEqual(self.call("/healthz")[0], 200)


if __name__ == "__main__":
    unittest.main()
