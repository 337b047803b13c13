"""The access matrix (SYNC_PROTOCOL.md §2.5, test plan T12): every role × endpoint × target.

Callers: agent A1 (device token, 33.75.01), supervisor ``spv`` (33.75), supervisor ``spv2``
(33.26), ``admin``. Targets are the data of agent A1 (the agent's *own*), A2 (*same area*,
33.75.01) and A3 (*other area*, 33.26.05). Each cell of ``MATRIX`` is what the call must
answer: an HTTP status, or for answers that are 200 by design the part that differs:
``200+``/``200-`` a list with/without the target's data, ``acc``/``fbd`` a push result
``accepted``/``forbidden``, ``b201``/``b404`` a bulk item's status. Objects outside the
caller's scope are 404; roles never allowed are 403.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests

from tests.server import factories
from tests.server.conftest import Accounts, Device, Devices, Live
from tests.server.review_support import (
    device_for,
    in_village,
    new_decision_id,
    session_for,
    unique,
)

CALLERS = ("agent", "spv", "spv2", "admin")
TARGETS = ("A1", "A2", "A3")

MATRIX = """
operation         caller  A1    A2    A3
push              agent   acc   fbd   fbd
push              spv     403   403   403
push              spv2    403   403   403
push              admin   403   403   403
changes           agent   200   200   200
changes           spv     403   403   403
changes           spv2    403   403   403
changes           admin   403   403   403
review.batches    agent   403   403   403
review.batches    spv     200+  200+  200-
review.batches    spv2    200-  200-  200+
review.batches    admin   200+  200+  200+
review.records    agent   403   403   403
review.records    spv     200+  200+  200-
review.records    spv2    200-  200-  200+
review.records    admin   200+  200+  200+
review.record     agent   403   403   403
review.record     spv     200   200   404
review.record     spv2    404   404   200
review.record     admin   200   200   200
review.revision   agent   403   403   403
review.revision   spv     200   200   404
review.revision   spv2    404   404   200
review.revision   admin   200   200   200
review.decide     agent   403   403   403
review.decide     spv     201   201   404
review.decide     spv2    404   404   201
review.decide     admin   403   403   403
review.bulk       agent   403   403   403
review.bulk       spv     b201  b201  b404
review.bulk       spv2    b404  b404  b201
review.bulk       admin   403   403   403
review.undo       agent   403   403   403
review.undo       spv     200   200   404
review.undo       spv2    404   404   200
review.undo       admin   403   403   403
review.edit       agent   403   403   403
review.edit       spv     201   201   404
review.edit       spv2    404   404   201
review.edit       admin   403   403   403
review.resolve    agent   403   403   403
review.resolve    spv     200   200   404
review.resolve    spv2    404   404   200
review.resolve    admin   403   403   403
export            agent   403   403   403
export            spv     200   200   404
export            spv2    404   404   200
export            admin   200   200   200
enrollment-code   agent   403   403   403
enrollment-code   spv     201   201   404
enrollment-code   spv2    404   404   201
enrollment-code   admin   201   201   201
devices.list      agent   403   403   403
devices.list      spv     200   200   404
devices.list      spv2    404   404   200
devices.list      admin   200   200   200
devices.revoke    agent   403   403   403
devices.revoke    spv     204   204   404
devices.revoke    spv2    404   404   204
devices.revoke    admin   204   204   204
users.list        agent   403   403   403
users.list        spv     200+  200+  200-
users.list        spv2    200-  200-  200+
users.list        admin   200+  200+  200+
users.create      agent   403   403   403
users.create      spv     403   403   403
users.create      spv2    403   403   403
users.create      admin   201   201   201
users.patch       agent   403   403   403
users.patch       spv     403   403   403
users.patch       spv2    403   403   403
users.patch       admin   200   200   200
audit             agent   403   403   403
audit             spv     200+  200+  200-
audit             spv2    200-  200-  200+
audit             admin   200+  200+  200+
"""


def parse_matrix() -> dict[tuple[str, str, str], str]:
    lines = [line.split() for line in MATRIX.strip().splitlines()]
    header, rows = lines[0], lines[1:]
    assert header == ["operation", "caller", *TARGETS]
    table = {}
    for op, caller, *cells in rows:
        assert caller in CALLERS and len(cells) == len(TARGETS), (op, caller)
        for target, cell in zip(TARGETS, cells, strict=True):
            table[(op, caller, target)] = cell
    return table


@dataclass
class Ctx:
    live: Live
    accounts: Accounts
    devices: Devices
    users: dict[str, requests.Session]
    pools: dict[str, list[str]]  # target → fresh record ids (revision 1, received)
    samples: dict[str, str] = field(default_factory=dict)  # target → one record id
    lock: threading.Lock = field(default_factory=threading.Lock)

    def api(self, path: str) -> str:
        return self.live.api(path)

    def device(self, target: str) -> Device:
        return {"A1": self.devices.a1, "A2": self.devices.a2, "A3": self.devices.a3}[target]

    def agent_id(self, target: str) -> str:
        return str(self.device(target).agent_id)

    def area(self, target: str) -> str:
        return "33.26.05" if target == "A3" else "33.75.01"

    def fresh(self, target: str) -> str:
        with self.lock:
            return self.pools[target].pop()

    def call(self, caller: str, method: str, path: str, **kwargs: Any) -> requests.Response:
        """One request with the caller's token (no shared connection: cells run in threads)."""
        if caller == "agent":
            headers = self.devices.a1.headers()
        else:
            headers = {"Authorization": str(self.users[caller].headers["Authorization"])}
        return requests.request(method, self.api(path), headers=headers, timeout=60, **kwargs)


def _listed(response: requests.Response, key: str, wanted: str, field_name: str = "id") -> str:
    if response.status_code != 200:
        return str(response.status_code)
    items = response.json()[key]
    return "200+" if any(str(item.get(field_name)) == wanted for item in items) else "200-"


def _agent_of(item: dict[str, Any]) -> str:
    return str(item["agent"]["id"])


def op_push(ctx: Ctx, caller: str, target: str) -> str:
    record_id = ctx.samples[target]
    change = factories.change(
        ctx.devices.a1, in_village("33.75.01.1002"), record_id=record_id, revision=9
    )
    change["base_revision"] = 8
    response = ctx.call(caller, "POST", "/sync/push", json=factories.batch([change]))
    if response.status_code != 200:
        return str(response.status_code)
    result = response.json()["results"][0]
    if result["status"] == "forbidden":
        return "fbd"
    return "acc" if result["status"] in ("accepted", "conflict") else result["status"]


def op_changes(ctx: Ctx, caller: str, target: str) -> str:
    del target
    return str(ctx.call(caller, "GET", "/sync/changes", params={"limit": 1}).status_code)


def op_batches(ctx: Ctx, caller: str, target: str) -> str:
    response = ctx.call(caller, "GET", "/review/batches", params={"agent_id": ctx.agent_id(target)})
    if response.status_code != 200:
        return str(response.status_code)
    found = [b for b in response.json()["batches"] if _agent_of(b) == ctx.agent_id(target)]
    return "200+" if found else "200-"


def op_records(ctx: Ctx, caller: str, target: str) -> str:
    params = {"agent_id": ctx.agent_id(target), "limit": 500}
    response = ctx.call(caller, "GET", "/review/records", params=params)
    if response.status_code != 200:
        return str(response.status_code)
    found = [r for r in response.json()["records"] if _agent_of(r) == ctx.agent_id(target)]
    return "200+" if found else "200-"


def op_record(ctx: Ctx, caller: str, target: str) -> str:
    return str(ctx.call(caller, "GET", f"/review/records/{ctx.samples[target]}").status_code)


def op_revision(ctx: Ctx, caller: str, target: str) -> str:
    path = f"/review/records/{ctx.samples[target]}/revisions/1"
    return str(ctx.call(caller, "GET", path).status_code)


def _decision(record_id: str, outcome: str = "return") -> dict[str, Any]:
    return {
        "decision_id": new_decision_id(),
        "record_revision": 1,
        "outcome": outcome,
        "note": "Periksa.",
    }


def op_decide(ctx: Ctx, caller: str, target: str) -> str:
    record_id = ctx.fresh(target)
    path = f"/review/records/{record_id}/decisions"
    return str(ctx.call(caller, "POST", path, json=_decision(record_id)).status_code)


def op_bulk(ctx: Ctx, caller: str, target: str) -> str:
    record_id = ctx.fresh(target)
    item = {**_decision(record_id), "record_id": record_id}
    response = ctx.call(caller, "POST", "/review/decisions:bulk", json={"items": [item]})
    if response.status_code != 200:
        return str(response.status_code)
    return f"b{response.json()['results'][0]['status']}"


def op_undo(ctx: Ctx, caller: str, target: str) -> str:
    record_id = ctx.fresh(target)
    scope = "spv2" if target == "A3" else "spv"
    path = f"/review/records/{record_id}/decisions"
    made = ctx.call(scope, "POST", path, json=_decision(record_id))
    assert made.status_code == 201, made.text
    path = f"/review/decisions/{made.json()['id']}/undo"
    return str(ctx.call(caller, "POST", path).status_code)


def op_edit(ctx: Ctx, caller: str, target: str) -> str:
    record_id = ctx.fresh(target)
    village = "33.26.05.2001" if target == "A3" else "33.75.01.1002"
    body = {"base_revision": 1, "payload": in_village(village), "note": "Koreksi."}
    path = f"/review/records/{record_id}/revisions"
    return str(ctx.call(caller, "POST", path, json=body).status_code)


def op_resolve(ctx: Ctx, caller: str, target: str) -> str:
    record_id = ctx.fresh(target)
    path = f"/review/records/{record_id}/duplicate-resolution"
    return str(ctx.call(caller, "POST", path, json={"resolution": "not_duplicate"}).status_code)


def op_export(ctx: Ctx, caller: str, target: str) -> str:
    params = {"format": "csv", "area": ctx.area(target)}
    return str(ctx.call(caller, "GET", "/exports/records", params=params).status_code)


def op_enrollment_code(ctx: Ctx, caller: str, target: str) -> str:
    body = {"agent_id": ctx.agent_id(target)}
    return str(ctx.call(caller, "POST", "/enrollment-codes", json=body).status_code)


def op_devices(ctx: Ctx, caller: str, target: str) -> str:
    params = {"agent_id": ctx.agent_id(target)}
    return str(ctx.call(caller, "GET", "/devices", params=params).status_code)


def op_revoke(ctx: Ctx, caller: str, target: str) -> str:
    account = {"A1": ctx.accounts.a1, "A2": ctx.accounts.a2, "A3": ctx.accounts.a3}[target]
    spare = device_for(ctx.live, account)
    path = f"/devices/{spare.device_id}/revoke"
    return str(ctx.call(caller, "POST", path, json={"wipe": False, "reason": "uji"}).status_code)


def op_users_list(ctx: Ctx, caller: str, target: str) -> str:
    return _listed(ctx.call(caller, "GET", "/admin/users"), "users", ctx.agent_id(target))


def op_users_create(ctx: Ctx, caller: str, target: str) -> str:
    body = {
        "username": unique("mx"),
        "password": "a-long-password-1",
        "roles": ["agent"],
        "areas": [ctx.area(target)],
    }
    return str(ctx.call(caller, "POST", "/admin/users", json=body).status_code)


def op_users_patch(ctx: Ctx, caller: str, target: str) -> str:
    account = {"A1": ctx.accounts.a1, "A2": ctx.accounts.a2, "A3": ctx.accounts.a3}[target]
    body = {"display_name": account.username.upper()}  # unchanged: other tests keep their users
    path = f"/admin/users/{ctx.agent_id(target)}"
    return str(ctx.call(caller, "PATCH", path, json=body).status_code)


def op_audit(ctx: Ctx, caller: str, target: str) -> str:
    params = {"entity_id": ctx.samples[target], "action": "push.change"}
    response = ctx.call(caller, "GET", "/audit", params=params)
    if response.status_code != 200:
        return str(response.status_code)
    return "200+" if response.json()["events"] else "200-"


OPERATIONS: dict[str, Callable[[Ctx, str, str], str]] = {
    "push": op_push,
    "changes": op_changes,
    "review.batches": op_batches,
    "review.records": op_records,
    "review.record": op_record,
    "review.revision": op_revision,
    "review.decide": op_decide,
    "review.bulk": op_bulk,
    "review.undo": op_undo,
    "review.edit": op_edit,
    "review.resolve": op_resolve,
    "export": op_export,
    "enrollment-code": op_enrollment_code,
    "devices.list": op_devices,
    "devices.revoke": op_revoke,
    "users.list": op_users_list,
    "users.create": op_users_create,
    "users.patch": op_users_patch,
    "audit": op_audit,
}
MUTATING = ("review.decide", "review.bulk", "review.undo", "review.edit", "review.resolve")


def _pool(device: Device, village: str, count: int) -> list[str]:
    changes = [device.change(in_village(village)) for _ in range(count)]
    response = device.push(changes)
    assert response.status_code == 200, response.text
    assert all(r["status"] == "accepted" for r in response.json()["results"])
    return [str(c["id"]) for c in changes]


@pytest.fixture
def ctx(live: Live, accounts: Accounts, devices: Devices) -> Ctx:
    users = {
        "spv": session_for(live, accounts.spv),
        "spv2": session_for(live, accounts.spv2),
        "admin": session_for(live, accounts.admin),
    }
    need = len(MUTATING) * len(CALLERS)
    pools = {
        "A1": _pool(devices.a1, "33.75.01.1002", need + 1),
        "A2": _pool(devices.a2, "33.75.01.1003", need + 1),
        "A3": _pool(devices.a3, "33.26.05.2001", need + 1),
    }
    samples = {target: pool.pop() for target, pool in pools.items()}
    return Ctx(live, accounts, devices, users, pools, samples)


def test_the_matrix_table_covers_every_operation_caller_and_target() -> None:
    table = parse_matrix()
    expected = set(itertools.product(OPERATIONS, CALLERS, TARGETS))
    assert set(table) == expected


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_access_matrix(ctx: Ctx) -> None:
    table = parse_matrix()
    cells = sorted(table)
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda key: OPERATIONS[key[0]](ctx, key[1], key[2]), cells))
    wrong = [
        f"{op:16} {caller:6} {target}: expected {table[(op, caller, target)]}, got {got}"
        for (op, caller, target), got in zip(cells, answers, strict=True)
        if got != table[(op, caller, target)]
    ]
    assert not wrong, "\n".join(wrong)


def test_no_token_is_401_everywhere(live: Live, devices: Devices) -> None:
    """Well-formed requests without a token (a malformed body is refused first, 422)."""
    rid = factories.new_id()
    decision = {"decision_id": new_decision_id(), "record_revision": 1, "outcome": "approve"}
    calls: list[tuple[str, str, Any]] = [
        ("GET", "/sync/changes", None),
        ("POST", "/sync/push", factories.batch([devices.a1.change()])),
        ("GET", "/review/batches", None),
        ("GET", "/review/records", None),
        ("GET", f"/review/records/{rid}", None),
        ("GET", f"/review/records/{rid}/revisions/1", None),
        ("POST", f"/review/records/{rid}/decisions", decision),
        ("POST", "/review/decisions:bulk", {"items": [{**decision, "record_id": rid}]}),
        ("POST", f"/review/decisions/{rid}/undo", None),
        (
            "POST",
            f"/review/records/{rid}/revisions",
            {"base_revision": 1, "payload": in_village("33.75.01.1002"), "note": "x"},
        ),
        ("POST", f"/review/records/{rid}/duplicate-resolution", {"resolution": "not_duplicate"}),
        ("GET", "/exports/records", None),
        ("POST", "/enrollment-codes", {"agent_id": rid}),
        ("GET", "/devices", None),
        ("POST", f"/devices/{rid}/revoke", {"wipe": False}),
        ("GET", "/admin/users", None),
        (
            "POST",
            "/admin/users",
            {"username": "nobody", "password": "a-long-password", "roles": ["agent"]},
        ),
        ("PATCH", f"/admin/users/{rid}", {"display_name": "X"}),
        ("GET", "/audit", None),
    ]
    wrong = []
    for method, path, body in calls:
        response = requests.request(method, live.api(path), json=body, timeout=30)
        if response.status_code != 401:
            wrong.append(f"{method} {path}: {response.status_code}")
    assert not wrong, wrong
