"""The economics tests read the Finance Ministry's rate that a migration seeds. A transactional
test in the same process (a browser test, run before these under pytest-xdist) flushes every
table at its end, the seeded row included; put it back as the migration does."""

from __future__ import annotations

import pytest

from tests.support import reseed_reference_data


@pytest.fixture(autouse=True)
def _seeded_discount_rate(request):
    if request.node.get_closest_marker("django_db") or "db" in request.fixturenames:
        request.getfixturevalue("db")
        reseed_reference_data()
