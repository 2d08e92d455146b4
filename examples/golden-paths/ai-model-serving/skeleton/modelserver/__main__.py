"""Entry point: python -m modelserver. Serves $MODEL_PATH on $PORT; SIGTERM drains, then exits."""

import logging
import os
import signal
import threading

from .app import ModelService, create_server
from .model import load_model


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    model_path = os.environ.get("MODEL_PATH", "model/model.json")
    port = int(os.environ.get("PORT", "8080"))
    service = ModelService(lambda: load_model(model_path))
    server = create_server(service, port=port)

    def stop(signum: int, _frame: object) -> None:
        logging.info('{"msg": "shutting down", "signal": %d}', signum)
        service.shutting_down = True
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    service.load_in_background()
    logging.info('{"msg": "listening", "port": %d, "model": "%s"}', port, model_path)
    server.serve_forever()
    server.server_close()


if __name__ == "__main__":
    main()
