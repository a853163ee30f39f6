from __future__ import annotations

from procesbank import cli
from procesbank.demo.organisations import MUNICIPALITIES, load_organisations
from procesbank.organisations.models import ApiToken, Municipality, User
from procesbank.organisations.services import api_token_authenticate


def test_demo_loads_seven_municipalities_users_and_processes_idempotently(db, capsys):
    from procesbank.processes.models import Process, ProcessVersion

    cli.main(["demo"])
    first = (Municipality.objects.count(), User.objects.count(), Process.objects.count())
    versions = ProcessVersion.objects.count()
    cli.main(["demo"])
    second = (Municipality.objects.count(), User.objects.count(), Process.objects.count())
    output = capsys.readouterr().out

    # Users: reader, consultant and admin per municipality, the collaboration admin, and a
    # medarbejder (portal only) per municipality. Processes: ten in each of seven
    # municipalities, the receipt model in Helsingør, and the catalogue demo's reuse:
    # Gribskov's copy of a process Helsingør shared.
    assert first == second == (7, 7 * 3 + 1 + 7, 7 * 10 + 1 + 1)
    assert ProcessVersion.objects.count() == versions
    # 41,540 + 46,960 + 41,990 + 31,850 + 64,210 + 54,890 + 25,770 = 307,210: "about 300,000"
    assert sum(m.population for m in MUNICIPALITIES) == 307_210
    assert {m.code for m in Municipality.objects.all()} == {
        "210",
        "250",
        "270",
        "260",
        "217",
        "219",
        "223",
    }
    assert "konsulent.helsingoer" in output
    assert "samarbejde.admin" in output
    assert User.objects.get(username="admin.hoersholm").check_password("demo")


def test_demo_does_not_reset_a_changed_password(db):
    load_organisations(password="demo")
    user = User.objects.get(username="konsulent.gribskov")
    user.set_password("mit-eget-hemmelige-ord")
    user.save()

    load_organisations(password="demo")

    user.refresh_from_db()
    assert user.check_password("mit-eget-hemmelige-ord")


def test_token_create_prints_only_the_token_on_its_last_line(db, capsys):
    load_organisations(password="demo")

    assert cli.main(["token", "create", "konsulent.helsingoer"]) == 0

    last_line = capsys.readouterr().out.strip().splitlines()[-1]
    assert api_token_authenticate(last_line).username == "konsulent.helsingoer"
    assert ApiToken.objects.get().name == "Kommandolinje"


def test_token_create_for_unknown_user_fails(db, capsys):
    assert cli.main(["token", "create", "ingen"]) == 1
    assert "No user named 'ingen'" in capsys.readouterr().err


def test_kle_import_loads_the_plan_and_refuses_broken_files(db, capsys, tmp_path):
    from pathlib import Path

    from procesbank.processes.models import KleTopic

    sample = (
        Path(__file__).resolve().parents[2]
        / "processes"
        / "tests"
        / "data"
        / "kle-emneplan-sample.xml"
    )
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b"<KLE-Emneplan><Hovedgruppe>")

    assert cli.main(["kle", "import", str(sample)]) == 0
    loaded = KleTopic.objects.count()
    assert cli.main(["kle", "import", str(broken)]) == 1

    assert KleTopic.objects.count() == loaded  # the broken file changed nothing
    assert KleTopic.objects.filter(code="32.18.08").exists()
    assert "KLE-planen blev ikke indlæst" in capsys.readouterr().err


def _serve_args(*extra: str):
    return cli._parser().parse_args(["serve", *extra])


def test_serve_bounds_a_request_with_sync_workers_and_a_timeout():
    command = cli.gunicorn_command(_serve_args("--timeout", "45"))

    # gunicorn kills a sync worker busy with one request past --timeout; a threaded worker
    # keeps heartbeating while a thread is stuck, so there --timeout would bound nothing.
    assert command[command.index("--worker-class") + 1] == "sync"
    assert "--threads" not in command
    assert command[command.index("--timeout") + 1] == "45"


def test_serve_uses_no_shared_control_socket_unless_given_its_own():
    default = cli.gunicorn_command(_serve_args())
    own = cli.gunicorn_command(_serve_args("--control-socket", "/run/procesbank/a.ctl"))

    assert "--no-control-socket" in default
    assert "--control-socket" not in default
    assert own[own.index("--control-socket") + 1] == "/run/procesbank/a.ctl"
    assert "--no-control-socket" not in own


def test_gunicorn_accepts_the_serve_command_line():
    import subprocess

    command = cli.gunicorn_command(_serve_args("--port", "8799"))

    done = subprocess.run([*command, "--check-config"], capture_output=True, text=True)

    assert done.returncode == 0, done.stderr


def test_sigterm_to_serve_stops_gunicorn_and_its_workers_too(tmp_path):
    """A benchmark or a service manager stops `procesbank serve` with SIGTERM; its gunicorn
    (and the task worker) must not live on as orphans holding the port."""
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PROCESBANK_VAR_DIR": str(tmp_path), "DEBUG": "1"}
    serve = subprocess.Popen(
        [sys.executable, "-m", "procesbank.cli", "serve", "--no-worker", "--workers", "1",
         "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as client:
            if client.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.3)
    else:
        serve.kill()
        raise AssertionError("procesbank serve did not listen within 60 s")

    serve.send_signal(signal.SIGTERM)
    serve.wait(timeout=30)
    time.sleep(1)

    with socket.socket() as client:
        assert client.connect_ex(("127.0.0.1", port)) != 0  # nothing listens any more
    try:
        os.killpg(serve.pid, 0)
        survivors = True
    except ProcessLookupError:
        survivors = False
    assert not survivors
