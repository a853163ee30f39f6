"""`make run` serves like production: collectstatic with whitenoise's compressed manifest
storage must succeed on every file we ship (a vendor file naming a source map that is not
there made it fail, so the demo did not start)."""

from __future__ import annotations

from django.core.management import call_command


def test_collectstatic_with_the_production_storage_succeeds(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

    call_command("collectstatic", interactive=False, verbosity=0)

    assert (tmp_path / "staticfiles.json").is_file()
    assert list(tmp_path.glob("vendor/dagre/dagre.min.*.js"))
