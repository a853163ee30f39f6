"""The handbook's Markdown renderer against hostile input; expected HTML written by hand."""

from __future__ import annotations

import pytest

from procesbank.handbook.engine.markdown import (
    MAX_CHARS,
    TooLong,
    image_allowed,
    link_allowed,
    plain_text,
    render,
)


def test_plain_markdown_renders():
    assert render("# Titel\n\n**fed** og *kursiv*") == (
        "<h1>Titel</h1>\n<p><strong>fed</strong> og <em>kursiv</em></p>\n"
    )


def test_raw_html_is_shown_as_text():
    html = render('<script>alert("x")</script>\n\n<img src=x onerror=alert(1)>')

    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
        "//evil.example/x",
    ],
)
def test_dangerous_links_stay_text(url):
    html = render(f"[klik]({url})")

    assert "<a " not in html
    assert not link_allowed(url)


@pytest.mark.parametrize(
    ("markdown", "href"),
    [
        ("[KL](https://www.kl.dk/)", "https://www.kl.dk/"),
        ("[skriv](mailto:proces@helsingor.dk)", "mailto:proces@helsingor.dk"),
        ("[proces](/processer/4/)", "/processer/4/"),
        ("[afsnit](#maaling)", "#maaling"),
        ("[relativ](../skabeloner/)", "../skabeloner/"),
    ],
)
def test_allowed_links(markdown, href):
    assert f'href="{href}"' in render(markdown)


def test_external_links_get_rel_and_local_do_not():
    assert 'rel="nofollow noopener noreferrer"' in render("[a](https://kl.dk)")
    assert "rel=" not in render("[a](/processer/)")


@pytest.mark.parametrize(
    "source",
    [
        "data:image/png;base64,iVBORw0KGgo=",
        "https://tracker.example/pixel.png",
        "//tracker.example/p.png",
        "javascript:alert(1)",
    ],
)
def test_foreign_images_become_their_alt_text(source):
    html = render(f"![Diagram over processen]({source})")

    assert "<img" not in html
    assert "Diagram over processen" in html
    assert not image_allowed(source)


def test_own_images_are_shown():
    assert render("![kort](/media/kort.png)") == '<p><img src="/media/kort.png" alt="kort" /></p>\n'


def test_alt_text_of_a_refused_image_is_escaped():
    html = render("![<b>x</b>](https://evil.example/a.png)")

    assert "<b>" not in html


def test_huge_input_is_refused_before_parsing():
    with pytest.raises(TooLong):
        render("a" * (MAX_CHARS + 1))


def test_deep_nesting_is_capped():
    html = render(">" * 5000 + " dybt")

    assert html.count("<blockquote>") <= 20


def test_nul_is_replaced():
    assert "\x00" not in render("a\x00b")


def test_tables_render():
    html = render("| Fase | Varighed |\n|---|---|\n| Analyse | 3 uger |")

    assert "<td>Analyse</td>" in html


def test_plain_text_drops_markup():
    assert (
        plain_text("# Titel\n\nTekst med **fed** og [link](/x).") == "Titel Tekst med fed og link."
    )
