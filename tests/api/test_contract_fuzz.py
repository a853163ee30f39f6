"""schemathesis against the live test server: every documented operation, then chains of them.

The API is called as a consultant of Hillerød with a personal API token, over the demo data, so
the generated ids reach real rows. A test fails on any 5xx, on an answer whose status code,
content type, headers or body the schema (docs/openapi.json) does not document, and on
off-schema input that is accepted. Schema-valid input may still be refused by a rule of the
domain (a KLE number's form, a year outside the case): that is a documented 422, not a failure.

The run is bounded and the same every time: a fixed number of examples per operation and
generation mode, derandomised, no example database. The stateful part follows the links that
schemathesis infers from the schema (an id in one answer is a path parameter of another
operation: a created process is read, changed and deleted).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from hypothesis.stateful import run_state_machine_as_test
from schemathesis import checks as st
from schemathesis.generation import GenerationMode

from procesbank.api import api
from procesbank.demo import load_demo
from procesbank.organisations.models import User
from procesbank.organisations.services import api_token_create

EXAMPLES_PER_OPERATION = 5
STATEFUL_SCENARIOS = 10
STATEFUL_STEPS = 8

CHECKS = [
    st.not_a_server_error,
    st.status_code_conformance,
    st.content_type_conformance,
    st.response_schema_conformance,
    st.response_headers_conformance,
]


def _settings(**extra: Any) -> hypothesis_settings:
    return hypothesis_settings(
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        **extra,
    )


@pytest.fixture
def api_schema(live_server, transactional_db):
    load_demo(password="demo-adgangskode-fuzz")
    user = User.objects.get(username="konsulent.hilleroed")
    _token, raw = api_token_create(user=user, name="schemathesis")
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    schema.config.update(base_url=live_server.url, headers={"Authorization": f"Bearer {raw}"})
    return schema


def _fuzz(operation: Any, mode: GenerationMode) -> None:
    checks = [*CHECKS, st.negative_data_rejection] if mode.is_negative else CHECKS

    @given(case=operation.as_strategy(generation_mode=mode))
    @_settings(max_examples=EXAMPLES_PER_OPERATION)
    def run(case: Any) -> None:
        case.call_and_validate(checks=checks)

    run()


def test_every_operation_keeps_its_contract(api_schema):
    failures = []
    operations = [result.ok() for result in api_schema.get_all_operations()]

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _fuzz(operation, mode)
            except Unsatisfiable:
                pass  # no input to get wrong (GET /me): nothing negative to send
            except (Exception, BaseExceptionGroup) as error:
                failures.append(f"{operation.label} [{mode.value}]: {error}")

    documented = sum(len(methods) for methods in api.get_openapi_schema()["paths"].values())
    assert len(operations) == documented
    assert failures == [], "\n\n".join(failures)


def test_chains_of_operations_keep_the_contract(api_schema):
    workflow = api_schema.as_state_machine()

    class Checked(workflow):  # type: ignore[misc, valid-type]
        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=CHECKS)

    run_state_machine_as_test(
        Checked,
        settings=_settings(max_examples=STATEFUL_SCENARIOS, stateful_step_count=STATEFUL_STEPS),
    )
