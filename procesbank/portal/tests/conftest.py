"""The governance tests' process, version and people, for the portal's tests."""

from procesbank.governance.tests.conftest import (  # noqa: F401 - fixtures
    admin,
    owner,
    process,
    reviewer,
    version,
)
