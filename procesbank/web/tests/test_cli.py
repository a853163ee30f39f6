from __future__ import annotations

from procesbank import cli
from procesbank.organisations.demo import MUNICIPALITIES
from procesbank.organisations.models import ApiToken, Municipality, User
from procesbank.organisations.services import api_token_authenticate


def test_demo_loads_seven_municipalities_and_users_idempotently(db, capsys):
    cli.main(["demo"])
    first = (Municipality.objects.count(), User.objects.count())
    cli.main(["demo"])
    second = (Municipality.objects.count(), User.objects.count())
    output = capsys.readouterr().out

    assert first == second == (7, 7 * 3 + 1)
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
    cli.main(["demo"])
    user = User.objects.get(username="konsulent.gribskov")
    user.set_password("mit-eget-hemmelige-ord")
    user.save()

    cli.main(["demo"])

    user.refresh_from_db()
    assert user.check_password("mit-eget-hemmelige-ord")


def test_token_create_prints_only_the_token_on_its_last_line(db, capsys):
    cli.main(["demo"])

    assert cli.main(["token", "create", "konsulent.helsingoer"]) == 0

    last_line = capsys.readouterr().out.strip().splitlines()[-1]
    assert api_token_authenticate(last_line).username == "konsulent.helsingoer"
    assert ApiToken.objects.get().name == "Kommandolinje"


def test_token_create_for_unknown_user_fails(db, capsys):
    assert cli.main(["token", "create", "ingen"]) == 1
    assert "No user named 'ingen'" in capsys.readouterr().err
