"""The health port of ``procesbank serve``: answers beside the web workers, same body."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

import pytest

from procesbank.web.health import start_health_server


def _get(server, path="/healthz"):
    host, port = server.server_address[:2]
    try:
        with urllib.request.urlopen(f"http://{host}:{port}{path}", timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def serve():
    servers = []

    def start(check):
        server = start_health_server("127.0.0.1", 0, check)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_ok_and_unavailable_answer_as_the_web_view_does(serve):
    assert _get(serve(lambda: True)) == (200, {"status": "ok", "database": "ok"})
    assert _get(serve(lambda: False)) == (503, {"status": "error", "database": "unavailable"})


def test_only_healthz_is_served(serve):
    status, _body = _get(serve(lambda: True), "/admin/")
    assert status == 404


def test_a_slow_probe_does_not_hold_up_the_next(serve):
    # Threaded: while one probe waits (a database slow to answer), another is answered.
    release, started = threading.Event(), threading.Event()
    calls = []

    def check():
        calls.append(1)
        if len(calls) == 1:
            started.set()
            release.wait(10)
        return True

    server = serve(check)
    first = threading.Thread(target=_get, args=(server,))
    first.start()
    try:
        assert started.wait(5)
        assert _get(server) == (200, {"status": "ok", "database": "ok"})
    finally:
        release.set()
        first.join()


def test_serve_takes_a_health_port_option():
    from procesbank.cli import _parser

    args = _parser().parse_args(["serve", "--health-port", "8001"])
    assert args.health_port == "8001"
