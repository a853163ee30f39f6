"""Export -> import -> export on the demo: identical archives; one municipality's archive holds
its own rows only; hostile archives are refused with nothing saved.

Run on SQLite by default and on PostgreSQL with ``DATABASE_URL=postgres://...``.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from procesbank.archive.engine.container import MANIFEST, member_contents, write_archive
from procesbank.archive.services import archive_export, archive_import
from procesbank.catalogue.models import Candidate
from procesbank.core.errors import UserError
from procesbank.demo import load_demo
from procesbank.identity.models import OidcProvider
from procesbank.mining.models import EventLog
from procesbank.organisations.models import Municipality, User
from procesbank.processes.models import Process
from tests.support import flush_database

pytestmark = pytest.mark.django_db

HELSINGOER = "217"

CLIENT_SECRET = "hemmelig-klientnoegle"


@pytest.fixture(scope="module")
def archives(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, Any]:
    """The demo's archives (whole, Helsingør's, Helsingør's without secrets) and what the
    database said about Helsingør before it was emptied again."""
    folder = tmp_path_factory.mktemp("archives")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        override_settings(MEDIA_ROOT=folder / "media", PASSWORD_HASHERS=fast),
        django_db_blocker.unblock(),
    ):
        load_demo(password="demo")
        helsingoer = Municipality.objects.get(code=HELSINGOER)
        OidcProvider.objects.create(
            municipality=helsingoer,
            name="Entra ID",
            issuer="https://login.microsoftonline.com/helsingoer/v2.0",
            client_id="procesbank",
            client_secret=CLIENT_SECRET,
        )
        facts = {
            "municipalities": Municipality.objects.count(),
            "own_processes": set(
                Process.objects.filter(municipality=helsingoer).values_list("pk", flat=True)
            ),
            "other_processes": set(
                Process.objects.exclude(municipality=helsingoer).values_list("pk", flat=True)
            ),
            "own_users": set(
                User.objects.filter(municipality=helsingoer).values_list("username", flat=True)
            ),
            "own_candidates": set(
                Candidate.objects.filter(municipality=helsingoer).values_list("pk", flat=True)
            ),
            "own_logs": {
                f"files/{log.relative_path}"
                for log in EventLog.objects.filter(municipality=helsingoer)
            },
            "helsingoer_pk": helsingoer.pk,
        }
        paths = {
            "all": folder / "all.zip",
            "own": folder / "own.zip",
            "public": folder / "public.zip",
        }
        archive_export(target=paths["all"])
        archive_export(target=paths["own"], municipality=helsingoer)
        archive_export(target=paths["public"], municipality=helsingoer, include_secrets=False)
        flush_database()
    return {**paths, **facts}


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _rows(path: Path, table: str) -> list[dict[str, Any]]:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read(f"data/{table}.json"))


def _round_trip(path: Path, tmp_path: Path) -> Path:
    with path.open("rb") as source:
        archive_import(source=source)
    again = tmp_path / "again.zip"
    archive_export(target=again)
    return again


def test_the_demo_exports_imports_and_exports_again_identically(archives, media, tmp_path):
    again = _round_trip(archives["all"], tmp_path)

    first, second = member_contents(archives["all"]), member_contents(again)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert len(_rows(again, "organisations.municipality")) == archives["municipalities"] == 7
    assert any(name.startswith("files/eventlogs/") for name in second)


def test_the_imported_demo_keeps_its_passwords(archives, media, tmp_path, client):
    _round_trip(archives["all"], tmp_path)
    user = User.objects.get(username="konsulent.helsingoer")

    assert user.check_password("demo")
    client.force_login(user)
    assert client.get("/").status_code == 200


def test_a_municipality_archive_round_trips_identically(archives, media, tmp_path):
    again = tmp_path / "again.zip"
    with archives["own"].open("rb") as source:
        archive_import(source=source)
    archive_export(target=again, municipality=Municipality.objects.get(code=HELSINGOER))

    first, second = member_contents(archives["own"]), member_contents(again)
    assert [name for name in first if first[name] != second.get(name)] == []
    assert sorted(first) == sorted(second)


def test_a_municipality_archive_holds_its_own_rows_and_no_other_municipality(archives):
    own = archives["helsingoer_pk"]
    processes = {row["pk"] for row in _rows(archives["own"], "processes.process")}
    users = {row["fields"]["username"] for row in _rows(archives["own"], "organisations.user")}
    candidates = {row["pk"] for row in _rows(archives["own"], "catalogue.candidate")}
    municipalities = _rows(archives["own"], "organisations.municipality")
    with zipfile.ZipFile(archives["own"]) as archive:
        owned = [
            row
            for name in archive.namelist()
            if name.startswith("data/")
            for row in json.loads(archive.read(name))
            if "municipality" in row["fields"]
        ]
        files = {name for name in archive.namelist() if name.startswith("files/")}

    assert processes == archives["own_processes"]
    assert processes
    assert not processes & archives["other_processes"]
    assert (
        users
        == archives["own_users"]
        == {
            "laeser.helsingoer",
            "konsulent.helsingoer",
            "admin.helsingoer",
            "medarbejder.helsingoer",
        }
    )
    assert candidates == archives["own_candidates"]
    assert [row["fields"]["code"] for row in municipalities] == [HELSINGOER]
    assert {row["fields"]["municipality"] for row in owned} == {own}
    assert files == archives["own_logs"]
    assert len(files) == 2


def test_an_archive_for_download_leaves_out_passwords_and_api_tokens(archives):
    users = _rows(archives["public"], "organisations.user")
    with zipfile.ZipFile(archives["public"]) as archive:
        names = archive.namelist()

    assert {row["fields"]["password"] for row in users} == {"!"}
    assert "data/organisations.apitoken.json" not in names
    assert "data/organisations.apitoken.json" in zipfile.ZipFile(archives["own"]).namelist()


def test_an_archive_for_download_leaves_out_the_sign_on_client_secret(archives):
    public = _rows(archives["public"], "identity.oidcprovider")
    kept = _rows(archives["own"], "identity.oidcprovider")

    assert [row["fields"]["client_secret"] for row in public] == [""]
    assert [row["fields"]["client_secret"] for row in kept] == [CLIENT_SECRET]


def test_an_installation_with_data_is_refused(archives, media, konsulent):
    with archives["own"].open("rb") as source, pytest.raises(UserError) as refused:
        archive_import(source=source)

    assert str(refused.value).startswith("Installationen er ikke tom (den har allerede 1 ")
    assert str(refused.value).endswith(
        "Et arkiv indlæses kun i en tom installation: migreret, uden demodata."
    )
    assert Process.objects.count() == 0
    assert User.objects.count() == 1


def _tampered(path: Path, change: dict[str, bytes | None]) -> io.BytesIO:
    members = member_contents(path, skip=())
    for name, content in change.items():
        if content is None:
            members.pop(name)
        else:
            members[name] = content
    target = io.BytesIO()
    write_archive(target, members.items())
    target.seek(0)
    return target


def _nothing_saved() -> bool:
    return (
        not Municipality.objects.exists()
        and not User.objects.exists()
        and not Process.objects.exists()
    )


def test_a_link_to_a_row_missing_from_the_archive_is_refused_and_nothing_saved(archives, media):
    processes = _rows(archives["own"], "processes.process")
    processes[0]["fields"]["municipality"] = 999
    source = _tampered(
        archives["own"], {"data/processes.process.json": json.dumps(processes).encode()}
    )

    with pytest.raises(UserError) as refused:
        archive_import(source=source)

    assert str(refused.value).startswith("Arkivet henviser til rækker, det ikke indeholder (")
    assert _nothing_saved()
    assert not media.exists() or not any(media.rglob("*.parquet"))


def test_json_that_does_not_parse_is_refused(archives, media):
    source = _tampered(archives["own"], {"data/processes.process.json": b'[{"pk": 1,'})

    with pytest.raises(UserError) as refused:
        archive_import(source=source)

    assert str(refused.value).startswith(
        "Filen data/processes.process.json i arkivet er ikke gyldig JSON ("
    )
    assert _nothing_saved()


def test_rows_of_another_table_smuggled_into_a_member_are_refused(archives, media):
    smuggled = [{"model": "organisations.user", "pk": 99, "fields": {"username": "x"}}]
    source = _tampered(
        archives["own"], {"data/processes.process.json": json.dumps(smuggled).encode()}
    )

    with pytest.raises(UserError) as refused:
        archive_import(source=source)

    assert str(refused.value) == (
        "Filen data/processes.process.json i arkivet har ikke den forventede form (en liste af "
        "rækker med model, pk og fields for processes.process)."
    )
    assert _nothing_saved()


def test_a_wrong_value_in_a_row_is_refused_with_its_place(archives, media):
    processes = _rows(archives["own"], "processes.process")
    processes[1]["fields"]["created_at"] = "not a time"
    source = _tampered(
        archives["own"], {"data/processes.process.json": json.dumps(processes).encode()}
    )

    with pytest.raises(UserError) as refused:
        archive_import(source=source)

    assert str(refused.value).startswith(
        "Række 2 i data/processes.process.json kunne ikke indlæses ("
    )
    assert _nothing_saved()


def test_a_member_procesbank_does_not_know_is_refused(archives, media):
    source = _tampered(archives["own"], {"data/sessions.session.json": b"[]"})

    with pytest.raises(UserError) as refused:
        archive_import(source=source)

    assert str(refused.value) == (
        "Arkivet indeholder en fil, Procesbank ikke kender: data/sessions.session.json."
    )


def test_an_archive_of_another_procesbank_version_is_refused(archives, media):
    with zipfile.ZipFile(archives["own"]) as archive:
        manifest = json.loads(archive.read(MANIFEST))
    manifest["migrations"].append("processes.9999_future")
    source = _tampered(archives["own"], {MANIFEST: json.dumps(manifest).encode()})

    with pytest.raises(UserError) as refused:
        archive_import(source=source)

    assert str(refused.value) == (
        "Arkivet er lavet af en anden version af Procesbank end denne (migrationer kun i "
        "arkivet: processes.9999_future; kun her: -). Opdater den ene, så de er ens, og prøv igen."
    )


def test_an_archive_without_manifest_is_refused(archives, media):
    source = _tampered(archives["own"], {MANIFEST: None})

    with pytest.raises(UserError) as refused:
        archive_import(source=source)

    assert (
        str(refused.value) == "Arkivet mangler sin manifest.json: det er ikke et Procesbank-arkiv."
    )


def test_a_path_traversal_member_is_refused_before_anything_is_written(archives, media, tmp_path):
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w") as archive, zipfile.ZipFile(archives["own"]) as own:
        for name in own.namelist():
            archive.writestr(name, own.read(name))
        archive.writestr("files/../../escaped.txt", b"x")
    target.seek(0)

    with pytest.raises(UserError) as refused:
        archive_import(source=target)

    assert str(refused.value) == "Arkivet indeholder et ugyldigt filnavn: files/../../escaped.txt."
    assert _nothing_saved()
    assert not (tmp_path / "escaped.txt").exists()
