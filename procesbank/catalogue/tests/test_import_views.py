from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procesbank.processes.models import Process

HEADER = "navn;KLE;sager pr. år;minutter pr. sag;it-system;fase"


def upload(client, text: str, name: str = "katalog.csv"):
    return client.post(
        reverse("catalogue:catalogue_import"),
        {"file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")},
    )


def test_valid_file_is_previewed_then_saved(client, konsulent):
    client.force_login(konsulent)

    preview = upload(client, f"{HEADER}\nEnkeltydelse;32.18.08;1200;6;SBSYS;Kortlagt\n")

    assert preview.context["valid"] is True
    assert not Process.objects.exists()
    response = client.post(reverse("catalogue:catalogue_import_save"))
    assert response.status_code == 302
    process = Process.objects.get()
    # 6 min x 1,200 cases = 7,200 min = 120 hours per year.
    version = process.versions.get()
    assert (process.name, process.kle_code, process.yearly_volume) == (
        "Enkeltydelse",
        "32.18.08",
        1200,
    )
    assert version.minutes_per_case == 6
    assert process.it_systems == ["SBSYS"]
    assert process.visibility == "own"


def test_file_with_an_invalid_row_saves_nothing(client, konsulent):
    client.force_login(konsulent)

    preview = upload(client, f"{HEADER}\nGod;01.02;1;1;;\nDårlig;;-1;1;;\n")
    response = client.post(reverse("catalogue:catalogue_import_save"), follow=True)

    assert preview.context["valid"] is False
    assert "1 række har fejl." in preview.content.decode()
    assert "Der er ingen kontrolleret fil at gemme." in response.content.decode()
    assert not Process.objects.exists()


def test_unknown_kle_main_group_is_an_error_in_the_preview(client, konsulent):
    client.force_login(konsulent)

    preview = upload(client, f"{HEADER}\nUkendt;99.99;1;1;;\n")

    assert preview.context["valid"] is False
    assert not Process.objects.exists()


def test_hostile_file_gets_a_clear_message(client, konsulent):
    client.force_login(konsulent)

    response = upload(client, "PK\x03\x04garbage", name="katalog.xlsx")

    assert response.context["form"].errors["file"][0].startswith("Filen kunne ikke læses.")
    assert not Process.objects.exists()
