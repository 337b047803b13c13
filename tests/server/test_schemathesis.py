"""schemathesis against the served OpenAPI schema with each role's token (test plan T11).

Every operation of ``/api/v1/openapi.json`` is called with generated requests, valid and
invalid ones, as an agent's device, a supervisor and an admin, on the live loopback server of
each backend, and every schemathesis check runs on every response: no 5xx, statuses, content
types, headers and bodies as the schema says, invalid data refused, no ignored authentication.

schemathesis' own pytest plugin (``from_fixture``) does not run under pytest 9 (it sets
``Function._nodeid``), so this drives its Python API: one Hypothesis test per operation and
generation mode, built from ``operation.as_strategy``, run one after the other (Hypothesis
runs in threads failed with a spurious ``SystemError``). Examples are bounded: 3 per mode where
the role is served, 1 where it is refused (a 403 whatever the content), and the token-less
login/enroll/reference operations only once. The six runs (2 backends × 3 roles) took 20–35 s
each here on 2 cores shared with other test runs (load average 10–15).

Rules no JSON Schema can state (NIK dates, known region codes, password length, an existing
username) answer 422 to schema-valid data; ``positive_data_acceptance`` therefore also accepts
422 — every other check keeps its defaults.
"""

from __future__ import annotations

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from tests.server.conftest import Accounts, Devices, Live
from tests.server.review_support import new_supervisor, session_for

ROLES = ("agent", "supervisor", "admin")
MAX_EXAMPLES = 3


def _headers(role: str, live: Live, accounts: Accounts, devices: Devices) -> dict[str, str]:
    if role == "agent":
        return devices.a1.headers()
    if role == "admin":
        http = session_for(live, accounts.admin)
    else:
        # A supervisor of its own: generated exports must not drain a shared hourly budget.
        _, http = new_supervisor(live, ("33.75",))
    return {"Authorization": str(http.headers["Authorization"])}


def _schema(live: Live, headers: dict[str, str]) -> schemathesis.BaseSchema:
    schema = schemathesis.openapi.from_url(live.api("/openapi.json"))
    schema.config.update(headers=headers)  # the caller's credentials, known to the checks
    checks = schema.config.checks
    checks.positive_data_acceptance.expected_statuses = [
        *checks.positive_data_acceptance.expected_statuses,
        "410",  # cursor-expired: a well-formed cursor above the feed's counter (§4.7)
        "422",  # rules beyond JSON Schema: NIK dates, region codes, password length…
    ]
    checks.negative_data_rejection.expected_statuses = [
        *checks.negative_data_rejection.expected_statuses,
        "410",
    ]
    return schema


# Operations that take no token: the role makes no difference, so one run covers them (login
# and enroll verify an Argon2 hash, about a second each on two cores).
TOKENLESS = ("/auth/login", "/devices/enroll", "/reference/")
# Operations only an agent's device may call (§2.5); the others only a user session may call.
DEVICE_ONLY = ("/sync/push", "/sync/changes", "/devices/rotate-token")


def examples_for(role: str, path: str) -> int:
    """Full runs where the role is served; refusals (403 whatever the content) need few."""
    if any(part in path for part in TOKENLESS):
        return MAX_EXAMPLES if role == "agent" else 0
    if path.endswith("/health"):
        return MAX_EXAMPLES
    allowed = any(path.endswith(p) for p in DEVICE_ONLY) == (role == "agent")
    return MAX_EXAMPLES if allowed else 1


def _exercise(
    operation: schemathesis.APIOperation, mode: GenerationMode, examples: int
) -> str | None:
    http = requests.Session()

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(session=http, timeout=60)

    try:
        run()
    except Unsatisfiable:
        return None  # nothing to vary in this mode (no parameters, no body)
    except (Exception, BaseExceptionGroup) as exc:  # failed checks: report them, keep going
        return f"{operation.label} [{mode.value}]: {type(exc).__name__}: {exc}"
    finally:
        http.close()
    return None


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("role", ROLES)
def test_api_conforms_to_its_schema(
    role: str, live: Live, accounts: Accounts, devices: Devices
) -> None:
    schema = _schema(live, _headers(role, live, accounts, devices))
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 25
    failures = []
    for operation in operations:
        examples = examples_for(role, operation.path)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            if examples and (failure := _exercise(operation, mode, examples)) is not None:
                failures.append(failure)
    assert not failures, "\n\n".join(failures)
