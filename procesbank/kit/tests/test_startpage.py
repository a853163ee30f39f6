"""The start page's panel registry: panels in order, only those the user may see, a second
registration under a key replaces the first."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from procesbank.kit import startpage
from procesbank.kit.startpage import Panel, panels_for, register_panel


@pytest.fixture
def test_panels(monkeypatch):
    # A registry of the test's panels only (the apps' panels read real users).
    monkeypatch.setattr(startpage, "_PANELS", {})
    monkeypatch.setattr(startpage, "autodiscover", lambda: None)
    register_panel(Panel("test-late", 999, "Sen", "t.html", context=lambda user: {}))
    register_panel(Panel("test-early", 998, "Tidlig", "t.html", context=lambda user: {}))
    register_panel(
        Panel(
            "test-hidden",
            997,
            "Skjult",
            "t.html",
            context=lambda user: {},
            visible=lambda user: user.admin,
        )
    )


def _keys(user) -> list[str]:
    return [panel.key for panel in panels_for(user)]


def test_panels_come_in_order_and_only_those_the_user_may_see(test_panels):
    assert _keys(SimpleNamespace(admin=False)) == ["test-early", "test-late"]
    assert _keys(SimpleNamespace(admin=True)) == ["test-hidden", "test-early", "test-late"]


def test_registering_a_key_again_replaces_the_panel(test_panels):
    startpage.unregister_panel("test-hidden")
    register_panel(Panel("test-late", 1, "Først", "t.html", context=lambda user: {}))

    assert _keys(SimpleNamespace(admin=False)) == ["test-late", "test-early"]
    assert panels_for(SimpleNamespace(admin=False))[0].title == "Først"
