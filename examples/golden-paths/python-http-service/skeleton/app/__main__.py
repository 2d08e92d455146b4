"""Entry point: python -m app. Listens on $PORT and shuts down gracefully on SIGTERM."""

import logging
import os
import signal
import threading

from .server import App, create_server


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    app = App(os.environ.get("SERVICE_NAME", "${{ values.name }}"), os.environ.get("SERVICE_VERSION", "0.1.0"))
    port = int(os.environ.get("PORT", "8080"))
    server = create_server(app, port=port)

    def stop(signum: int, _frame: object) -> None:
        logging.info('{"msg": "shutting down", "signal": %d}', signum)
        app.mark_not_ready()
        # shutdown() waits for serve_forever() to return, so it must not run on the serving thread.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    logging.info('{"msg": "listening", "port": %d}', port)
    server.serve_forever()
    server.server_close()


if __name__ == "__main__":
    main()
