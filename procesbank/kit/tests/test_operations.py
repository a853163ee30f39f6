"""Operations: a 403 is one log line, an upload past the limit is refused while it streams,
and the login throttle keys on the real client behind a configured proxy."""

from __future__ import annotations

import logging
import tempfile
from io import BytesIO
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from procesbank.kit.clientip import client_address
from procesbank.organisations.models import Role

MSG_413 = "Filen er for stor: Procesbank modtager højst 1 MB i én upload. Vælg en mindre fil."


def test_a_403_is_logged_as_one_line_without_traceback(client, make_user, caplog):
    reader = make_user(Role.LAESER, username="laeser")
    client.force_login(reader)

    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/processer/importer/")

    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert response.status_code == 403
    assert record.getMessage() == "Forbidden (Permission denied): /processer/importer/"
    assert (record.exc_info, record.exc_text) == (None, None)
    assert "Traceback" not in caplog.text


def test_a_500_keeps_its_traceback():
    from procesbank.kit.logs import ForbiddenWithoutTraceback

    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord("django.request", logging.ERROR, "", 0, "x", (), sys.exc_info())
    record.status_code = 500

    ForbiddenWithoutTraceback().filter(record)

    assert record.exc_info is not None


@pytest.fixture
def small_limit(settings, tmp_path):
    settings.PROCESBANK_UPLOAD_LIMIT_MB = 1
    settings.PROCESBANK_BPMN_LIMIT_MB = 1
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


class _Chunks(BytesIO):
    """A request body that remembers how far it was read."""

    def read(self, size: int = -1) -> bytes:
        data = super().read(size)
        self.furthest = self.tell()
        return data


def _upload_request(path: str, size: int, *, declared: int | None = None):
    body = encode_multipart(BOUNDARY, {"file": _named(b"x" * size, "stor.csv"), "name": "Stor"})
    request = RequestFactory().generic("POST", path, data=body, content_type=MULTIPART_CONTENT)
    stream = _Chunks(body)
    stream.furthest = 0
    request.META["CONTENT_LENGTH"] = str(declared if declared is not None else len(body))
    request._stream = stream
    request._read_started = False
    return request, stream, len(body)


def _named(data: bytes, name: str):
    file = BytesIO(data)
    file.name = name
    return file


def test_the_upload_page_answers_413_in_danish_and_keeps_no_file(client, konsulent, small_limit):
    from procesbank.mining.models import EventLog

    client.force_login(konsulent)
    before = set(Path(tempfile.gettempdir()).iterdir())

    response = client.post(
        "/procesanalyse/upload/",
        {"file": _named(b"case,activity,timestamp\n" + b"x" * (2 * 2**20), "stor.csv")},
    )

    assert response.status_code == 413
    assert MSG_413 in response.content.decode()
    assert EventLog.objects.count() == 0
    assert [p for p in small_limit.rglob("*") if p.is_file()] == []
    assert set(Path(tempfile.gettempdir()).iterdir()) - before == set()


def test_the_api_answers_413_as_json(client, konsulent, small_limit):
    client.force_login(konsulent)

    response = client.post(
        "/api/v1/processes/import", {"file": _named(b"<x/>" * 2**19, "stor.bpmn")}
    )

    assert (response.status_code, response.json()) == (413, {"detail": MSG_413})


def test_a_file_past_the_limit_is_refused_at_the_chunk_that_crosses_it(small_limit):
    from procesbank.kit.uploads import UploadTooLarge

    # 3 MB under a 1 MB limit, with a Content-Length that understates it.
    request, stream, total = _upload_request("/procesanalyse/upload/", 3 * 2**20, declared=2**20)

    with pytest.raises(UploadTooLarge):
        request.FILES  # noqa: B018 - parsing the body is the act

    assert stream.furthest < total / 2
    assert [p for p in small_limit.rglob("*") if p.is_file()] == []


def test_a_declared_length_past_the_limit_is_refused_before_reading(small_limit):
    from procesbank.kit.uploads import UploadTooLarge

    request, stream, _ = _upload_request("/procesanalyse/upload/", 3 * 2**20)

    with pytest.raises(UploadTooLarge):
        request.FILES  # noqa: B018

    assert stream.furthest == 0


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "client"),
    [
        pytest.param(
            0, "203.0.113.9", "198.51.100.1", "198.51.100.1", id="no-proxy-ignores-header"
        ),
        pytest.param(1, "203.0.113.9", "10.0.0.2", "203.0.113.9", id="one-proxy"),
        pytest.param(
            1, "6.6.6.6, 203.0.113.9", "10.0.0.2", "203.0.113.9", id="one-proxy-spoofed-left"
        ),
        pytest.param(2, "6.6.6.6, 203.0.113.9, 10.0.0.3", "10.0.0.2", "203.0.113.9", id="two"),
        pytest.param(1, "", "10.0.0.2", "10.0.0.2", id="header-missing"),
    ],
)
def test_the_client_address_is_what_the_outermost_trusted_proxy_saw(
    settings, proxies, forwarded, remote, client
):
    settings.PROCESBANK_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)

    assert client_address(request) == client


def test_failed_logins_from_elsewhere_do_not_lock_the_user_out_behind_the_proxy(
    client, settings, make_user
):
    settings.PROCESBANK_TRUSTED_PROXIES = 1
    settings.AXES_FAILURE_LIMIT = 3
    make_user(Role.KONSULENT, username="kendt.bruger", password="rigtig-kode-123")
    proxy = {"REMOTE_ADDR": "10.0.0.2"}

    for _ in range(5):
        client.post(
            "/konto/log-ind/",
            {"username": "kendt.bruger", "password": "forkert"},
            HTTP_X_FORWARDED_FOR="203.0.113.66",
            **proxy,
        )
    locked = client.post(
        "/konto/log-ind/",
        {"username": "kendt.bruger", "password": "rigtig-kode-123"},
        HTTP_X_FORWARDED_FOR="203.0.113.66",
        **proxy,
    )
    own = client.post(
        "/konto/log-ind/",
        {"username": "kendt.bruger", "password": "rigtig-kode-123"},
        HTTP_X_FORWARDED_FOR="192.0.2.10",
        **proxy,
    )

    assert locked.status_code == 429
    assert (own.status_code, own.headers.get("Location")) == (302, "/")
