"""The ``procesbank`` console command.

``procesbank serve``           the web server (gunicorn) and the background-task worker
``procesbank demo``            load the demo data (idempotent) and print the demo accounts
``procesbank generate --municipalities 98 --processes 1000``  national-scale data (idempotent)
``procesbank token create U``  create an API token for user U; the token is the last line
``procesbank kle import F``  load KL's KLE plan (KLE-Emneplan XML) or its handlingsfacetter
``procesbank mine LOG --json``  cases, events, variants, DFG, lead times of an event log
``procesbank export [--municipality CODE] --output F.zip``  the data as one archive
``procesbank import F.zip``    load an archive into an empty installation
``procesbank openapi``         print the API's OpenAPI schema (docs/openapi.json)
``procesbank <django command>`` any Django management command: migrate, createsuperuser, ...
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
from collections.abc import Sequence


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procesbank.settings")
    import django

    django.setup()


def _demo(args: argparse.Namespace) -> int:
    from django.conf import settings

    from procesbank.demo import load_demo

    password = settings.PROCESBANK_DEMO_PASSWORD
    accounts = load_demo(password=password)
    shown = "demo" if password == "demo" else "$PROCESBANK_DEMO_PASSWORD"  # noqa: S105
    print(f"Demo accounts (password: {shown}):")
    for account in accounts:
        print(f"  {account.username:<28} {account.role:<26} {account.municipality}")
    return 0


def _generate(args: argparse.Namespace) -> int:
    from django.conf import settings

    from procesbank.demo.generate import ProgressBar, generate

    if not 1 <= args.municipalities <= 98 or args.processes < 1:
        print("--municipalities must be 1-98 and --processes at least 1.", file=sys.stderr)
        return 2
    summary = generate(
        municipalities=args.municipalities,
        processes=args.processes,
        password=settings.PROCESBANK_DEMO_PASSWORD,
        progress=None if args.quiet else ProgressBar(),
    )
    print(f"Created in {summary.seconds:.0f} s (zero where the rows were there already):")
    print("\n".join(summary.lines()))
    return 0


def _token(args: argparse.Namespace) -> int:
    from procesbank.organisations.models import User
    from procesbank.organisations.services import api_token_create

    user = User.objects.filter(username=args.username).first()
    if user is None:
        print(f"No user named {args.username!r}.", file=sys.stderr)
        return 1
    _token_row, raw = api_token_create(user=user, name=args.name)
    print(f"API token for {user.username} ({args.name}); it is shown only once:", file=sys.stderr)
    print(raw)
    return 0


def _kle(args: argparse.Namespace) -> int:
    from pathlib import Path

    from procesbank.core.errors import UserError
    from procesbank.processes.services.kle import kle_file_import

    try:
        kind, count = kle_file_import(data=Path(args.file).read_bytes())
    except (OSError, UserError) as error:
        print(f"KLE-planen blev ikke indlæst: {error}", file=sys.stderr)
        return 1
    if kind == "facets":
        print(f"KLE's handlingsfacetter er indlæst: {count} handlingsfacetter.")
    else:
        print(f"KLE-planen er indlæst: {count} numre.")
    return 0


def _mine(args: argparse.Namespace) -> int:
    """Process-mining figures of a log file, without a database (pure Polars)."""
    from procesbank.core.errors import UserError
    from procesbank.mining.engine.discovery import summary_json
    from procesbank.mining.engine.eventlog import ColumnMapping, read_log

    mapping = None
    if args.case or args.activity or args.timestamp:
        if not (args.case and args.activity and args.timestamp):
            print("Give all of --case, --activity and --timestamp, or none.", file=sys.stderr)
            return 2
        mapping = ColumnMapping(
            case_id=args.case,
            activity=args.activity,
            timestamp=args.timestamp,
            resource=args.resource,
        )
    try:
        log = read_log(args.path, mapping, complete_only=args.complete_only, mapped_only=True)
    except (OSError, UserError) as error:
        print(f"Loggen kunne ikke læses: {error}", file=sys.stderr)
        return 1
    figures = summary_json(log)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        median = figures["case_duration_seconds"]["median"]
        lead_time = (
            f"{median / 86400:.1f} days" if median >= 86400 else f"{median / 3600:.1f} hours"
        )
        print(
            f"{figures['cases']} cases, {figures['events']} events, "
            f"{figures['activities']} activities, {figures['variants']} variants; "
            f"median lead time {lead_time}"
        )
    return 0


def _export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from procesbank.archive.services import archive_export
    from procesbank.core.errors import UserError
    from procesbank.organisations.models import Municipality

    municipality = None
    if args.municipality:
        municipality = Municipality.objects.filter(code=args.municipality).first()
        if municipality is None:
            print(f"Ingen kommune med koden {args.municipality!r}.", file=sys.stderr)
            return 1
    output = Path(args.output)
    partial = output.with_name(output.name + ".part")
    try:
        with partial.open("wb") as target:
            result = archive_export(target=target, municipality=municipality)
        partial.replace(output)
    except (OSError, UserError) as error:
        partial.unlink(missing_ok=True)
        print(f"Arkivet blev ikke skrevet: {error}", file=sys.stderr)
        return 1
    print(f"{output}: {sum(result.rows.values())} rækker, {result.files} filer.")
    for name in result.missing_files:
        print(f"  mangler på disken (ikke med i arkivet): {name}", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from procesbank.archive.services import archive_import
    from procesbank.core.errors import UserError

    try:
        with Path(args.file).open("rb") as source:
            result = archive_import(source=source)
    except (OSError, UserError) as error:
        print(f"Arkivet blev ikke indlæst: {error}", file=sys.stderr)
        return 1
    print(f"Indlæst: {sum(result.rows.values())} rækker, {result.files} filer.")
    return 0


def _openapi(args: argparse.Namespace) -> int:
    from procesbank.api import api

    print(json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False, sort_keys=True))
    return 0


def gunicorn_command(args: argparse.Namespace) -> list[str]:
    """The gunicorn command line of ``procesbank serve``.

    Sync workers, so ``--timeout`` bounds a request: gunicorn kills a sync worker that has
    been busy with one request for that long and starts a fresh one (a threaded worker keeps
    answering the master's heartbeat while a thread is stuck, so there it bounds nothing).
    No control socket unless one is asked for: gunicorn's default path
    (``~/.gunicorn/gunicorn.ctl``) is shared by every instance of the user, so a second
    ``procesbank serve`` on the machine would take it over from the first.
    """
    port = args.port or os.environ.get("PORT", "8000")
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "procesbank.wsgi:application",
        "--bind",
        f"{args.host}:{port}",
        "--workers",
        str(args.workers),
        "--timeout",
        str(args.timeout),
    ]
    # Procesbank logs each request itself, with its id (kit/logs.py); gunicorn's own access
    # log stays for the plain-text format only, so a JSON log is JSON on every line.
    if os.environ.get("PROCESBANK_LOG_FORMAT", "text").strip().lower() != "json":
        command += ["--access-logfile", "-"]
    if args.threads > 1:
        command += ["--threads", str(args.threads)]
    else:
        command += ["--worker-class", "sync"]
    if args.control_socket:
        command += ["--control-socket", args.control_socket]
    else:
        command.append("--no-control-socket")
    return command


def _metrics_folder() -> None:
    """Where gunicorn's workers keep their Prometheus counters so /metrics adds them up
    (prometheus-client's multiprocess mode): ``$PROMETHEUS_MULTIPROC_DIR``, by default
    ``var/prometheus``; emptied at start, as the library asks."""
    from pathlib import Path

    var = Path(os.environ.get("PROCESBANK_VAR_DIR", Path(__file__).resolve().parent.parent / "var"))
    folder = Path(os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(var / "prometheus")))
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db"):
        stale.unlink()


def _serve(args: argparse.Namespace) -> int:
    """Run the task worker and gunicorn side by side; stop both when either stops."""
    port = args.port or os.environ.get("PORT", "8000")
    _metrics_folder()
    worker = (
        None
        if args.no_worker
        else subprocess.Popen([sys.executable, "-m", "procesbank.cli", "db_worker"])
    )
    # Web requests only: a runaway query is stopped with a clear message (see
    # web.middleware.StatementTimeoutMiddleware) instead of holding a thread for minutes.
    web_env = {**os.environ}
    web_env.setdefault("PROCESBANK_STATEMENT_TIMEOUT_MS", str(args.statement_timeout_ms))
    web = subprocess.Popen(gunicorn_command(args), env=web_env)  # noqa: S603
    print(f"Procesbank: http://{args.host}:{port}/  (Ctrl+C stops it)", flush=True)
    if args.health_port:
        _setup_django()
        from procesbank.web.health import start_health_server

        start_health_server(args.host, int(args.health_port))
        print(f"Health check: http://{args.host}:{args.health_port}/healthz", flush=True)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # SIGTERM (systemd, a benchmark) stops both children too

    signal.signal(signal.SIGTERM, stop)
    try:
        web.wait()
    except KeyboardInterrupt:
        pass
    finally:
        processes = [p for p in (web, worker) if p is not None]
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=20)
    return web.returncode or 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="procesbank", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command")
    serve = commands.add_parser("serve", help="web server and task worker")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", default=None, help="default: $PORT or 8000")
    serve.add_argument(
        "--workers",
        type=int,
        default=min(2 * (os.cpu_count() or 1) + 1, 9),
        help="gunicorn workers (default: 2 x cores + 1, at most 9)",
    )
    serve.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per worker (default 1: sync workers, so --timeout bounds a request)",
    )
    serve.add_argument(
        "--timeout",
        type=int,
        default=int(os.environ.get("PROCESBANK_REQUEST_TIMEOUT", "60")),
        help="seconds a request may take before its worker is restarted "
        "(default: $PROCESBANK_REQUEST_TIMEOUT or 60; bounds a request with sync workers only)",
    )
    serve.add_argument(
        "--control-socket",
        default="",
        help="path of gunicorn's control socket (default: none; never gunicorn's shared one)",
    )
    serve.add_argument(
        "--statement-timeout-ms",
        type=int,
        default=5000,
        help="stop a web request's SQL statement after this long (default 5000)",
    )
    serve.add_argument(
        "--no-worker", action="store_true", help="no task worker (benchmarks, a second host)"
    )
    serve.add_argument(
        "--health-port",
        default=os.environ.get("PROCESBANK_HEALTH_PORT", ""),
        help="also answer GET /healthz on this port, outside the web workers' queue "
        "(default: $PROCESBANK_HEALTH_PORT; none)",
    )
    commands.add_parser("demo", help="load demo data and print the demo accounts")
    generate = commands.add_parser(
        "generate", help="national-scale data for benchmarks (loads the demo first; idempotent)"
    )
    generate.add_argument("--municipalities", type=int, default=98, help="1-98 (default 98)")
    generate.add_argument("--processes", type=int, default=1000, help="per municipality")
    generate.add_argument("--quiet", action="store_true", help="no progress bar")
    token = commands.add_parser("token", help="personal API tokens")
    token_commands = token.add_subparsers(dest="token_command", required=True)
    create = token_commands.add_parser("create", help="create a token for a user")
    create.add_argument("username")
    create.add_argument("--name", default="Kommandolinje")
    kle = commands.add_parser("kle", help="the KLE classification")
    kle_commands = kle.add_subparsers(dest="kle_command", required=True)
    kle_import = kle_commands.add_parser(
        "import", help="load KL's KLE-Emneplan or KLE-Handlingsfacetter XML file"
    )
    kle_import.add_argument("file")
    mine = commands.add_parser("mine", help="process-mining figures of an event log (XES, CSV)")
    mine.add_argument("path")
    mine.add_argument("--case", help="CSV column of the case id")
    mine.add_argument("--activity", help="CSV column of the activity")
    mine.add_argument("--timestamp", help="CSV column of the timestamp")
    mine.add_argument("--resource", help="CSV column of the resource (optional)")
    mine.add_argument("--complete-only", action="store_true", help="only lifecycle 'complete'")
    mine.add_argument("--json", action="store_true", help="print one JSON object")
    export = commands.add_parser("export", help="write the data (or one municipality's) as a zip")
    export.add_argument("--municipality", help="the municipality's code (e.g. 217); default: all")
    export.add_argument("--output", required=True, help="the archive to write (.zip)")
    load = commands.add_parser("import", help="load an archive into an empty installation")
    load.add_argument("file")
    commands.add_parser("openapi", help="print the OpenAPI schema")
    return parser


_OWN_COMMANDS = {
    "serve": _serve,
    "demo": _demo,
    "generate": _generate,
    "token": _token,
    "kle": _kle,
    "mine": _mine,
    "export": _export,
    "import": _import,
    "openapi": _openapi,
}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and arguments[0] in _OWN_COMMANDS:
        args = _parser().parse_args(arguments)
        if args.command not in {"serve", "mine"}:
            _setup_django()
        return _OWN_COMMANDS[args.command](args)
    if not arguments or arguments[0] in {"-h", "--help"}:
        _parser().print_help()
        print("\nAny Django management command works too, e.g. `procesbank migrate`.")
        return 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procesbank.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["procesbank", *arguments])
    return 0


if __name__ == "__main__":
    sys.exit(main())
