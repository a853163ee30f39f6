"""Download file names keep Danish words readable: ø -> oe, æ -> ae, å -> aa."""

from __future__ import annotations

from procesbank.kit.downloads import download, file_name, file_slug


def test_danish_letters_are_written_out_not_dropped():
    assert file_slug("Ærø Økonomi og Åbenrå") == "aeroe-oekonomi-og-aabenraa"
    assert file_slug("Sønderborg — ÆØÅ æøå") == "soenderborg-aeoeaa-aeoeaa"


def test_other_accents_are_stripped_and_nothing_falls_back():
    assert file_slug("Café Müller") == "cafe-muller"
    assert file_slug("!!!", "proces") == "proces"


def test_file_name_joins_the_slugged_parts():
    assert file_name("business-case", "Ny ydelse på Ærø", extension="xlsx") == (
        "business-case-ny-ydelse-paa-aeroe.xlsx"
    )
    assert file_name("", "–", extension="pdf", fallback="projekt") == "projekt.pdf"


def test_download_sets_the_file_name_and_content_type():
    response = download(b"a;b\r\n", file_name("Fælles katalog", extension="csv"))

    assert response["Content-Disposition"] == 'attachment; filename="faelles-katalog.csv"'
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content == b"a;b\r\n"
