import json
import threading
import unittest
import urllib.error
import urllib.request

from app.server import App, create_server


class ServerTest(unittest.TestCase):
    def setUp(self) -> None:
        self.app = App("test-service", "9.9.9")
        self.server = create_server(self.app, host="127.0.0.1", port=0)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def tearDown(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def request(self, path: str, method: str = "GET", body: object = None) -> tuple[int, dict]:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method, headers={"content-type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=5) as res:
                return res.status, json.loads(res.read())
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read())

    def test_probes(self) -> None:
        self.assertEqual(self.request("/healthz"), (200, {"status": "ok"}))
        self.assertEqual(self.request("/readyz"), (200, {"status": "ready"}))

    def test_readiness_fails_once_shutdown_begins(self) -> None:
        self.app.mark_not_ready()
        self.assertEqual(self.request("/readyz")[0], 503)
        self.assertEqual(self.request("/healthz")[0], 200)

    def test_hello(self) -> None:
        self.assertEqual(self.request("/v1/hello?name=Ada"), (200, {"message": "Hello, Ada!"}))
        self.assertEqual(self.request("/v1/hello", "POST", {"name": "Grace"}), (200, {"message": "Hello, Grace!"}))

    def test_rejects_bad_input(self) -> None:
        status, body = self.request("/v1/hello", "POST", {"name": 42})
        self.assertEqual(status, 400)
        self.assertIn("name", body["error"])
        self.assertEqual(self.request("/v1/hello", "DELETE")[0], 405)
        self.assertEqual(self.request("/nope")[0], 404)

    def test_info(self) -> None:
        self.assertEqual(self.request("/v1/info"), (200, {"service": "test-service", "version": "9.9.9"}))


if __name__ == "__main__":
    unittest.main()
