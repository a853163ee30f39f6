"""A health check that never queues behind page requests.

``/healthz`` on the web port is answered by the same gunicorn workers as every page: when
slow pages hold all of them, the load balancer's probe waits too and the instance is taken
out for being busy rather than broken (measured in issue #20: 8 s). ``procesbank serve
--health-port N`` therefore also answers ``GET /healthz`` on port N from a small threaded
server in the supervising process, outside the workers' queue, with the same check (the
database answers ``SELECT 1``) and the same body. Point the load balancer at that port.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def database_ok() -> bool:
    """Whether the database answers; each probe on its own short connection, so that a
    database that went away is seen at once rather than through a kept-open socket."""
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True
    except DatabaseError:
        return False
    finally:
        connection.close()


def health_body(ok: bool) -> tuple[int, dict[str, str]]:
    """Status and body of a health answer (the web view answers the same)."""
    if ok:
        return 200, {"status": "ok", "database": "ok"}
    return 503, {"status": "error", "database": "unavailable"}


def start_health_server(
    host: str, port: int, check: Callable[[], bool] = database_ok
) -> ThreadingHTTPServer:
    """Serve ``GET /healthz`` on ``host:port`` in a daemon thread; returns the server
    (``server.server_address`` has the port when 0 was asked for; ``shutdown()`` stops it)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.split("?", 1)[0] != "/healthz":
                self._answer(404, {"detail": "not found"})
                return
            self._answer(*health_body(check()))

        def _answer(self, status: int, body: dict[str, str]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            return  # probes every few seconds would drown the request log

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="healthz", daemon=True).start()
    return server
