"""Health pre-flight, the protocol header on every response, problem+json, OpenAPI."""

from __future__ import annotations

import json

import requests

from server.openapi import COMMITTED, schema_text
from tests.server.conftest import Devices, Live, assert_problem


def test_health_answers_with_limits_and_versions(live: Live) -> None:
    response = requests.get(live.api("/health"), timeout=10)
    assert response.status_code == 200
    assert response.headers["Jangkau-Protocol"] == "1"
    body = response.json()
    assert body["service"] == "jangkau"
    assert body["protocol_versions"] == [1]
    assert body["schema"] == {"min_push": 1, "current": 1}
    assert body["limits"] == {"max_changes": 200, "max_body_bytes": 524288, "max_page": 500}
    assert body["server_time"].endswith("Z") or "+00:00" in body["server_time"]


def test_head_health_has_the_header_and_no_body(live: Live) -> None:
    response = requests.head(live.api("/health"), timeout=10)
    assert response.status_code == 200
    assert response.headers["Jangkau-Protocol"] == "1"
    assert response.content == b""


def test_health_checks_a_token_that_is_sent(live: Live, devices: Devices) -> None:
    ok = requests.get(live.api("/health"), headers=devices.a1.headers(), timeout=10)
    assert ok.status_code == 200
    bad = requests.get(
        live.api("/health"), headers={"Authorization": "Bearer jkd_nope"}, timeout=10
    )
    assert_problem(bad, 401, "unauthenticated")


def test_every_error_is_problem_json_with_the_header(live: Live) -> None:
    assert_problem(requests.get(live.url + "/nothing-here", timeout=10), 404, "not-found")
    assert_problem(requests.delete(live.api("/health"), timeout=10), 405, "method-not-allowed")
    assert_problem(requests.get(live.api("/sync/changes"), timeout=10), 401, "unauthenticated")
    assert_problem(
        requests.post(live.api("/sync/push"), data=b"{}", timeout=10), 415, "unsupported-media-type"
    )


def test_openapi_is_served_and_matches_the_committed_file(live: Live) -> None:
    served = requests.get(live.api("/openapi.json"), timeout=10)
    assert served.status_code == 200
    assert served.headers["Jangkau-Protocol"] == "1"
    generated = schema_text()
    assert json.loads(generated) == served.json()
    assert COMMITTED.read_text(encoding="utf-8") == generated, (
        "server/openapi.json is stale: run `python -m server openapi > server/openapi.json`"
    )


def test_openapi_documents_problem_responses(live: Live) -> None:
    spec = requests.get(live.api("/openapi.json"), timeout=10).json()
    push = spec["paths"]["/api/v1/sync/push"]["post"]
    for status in ("401", "403", "413", "415", "422", "429"):
        content = push["responses"][status]["content"]
        assert "application/problem+json" in content
    assert "Problem" in spec["components"]["schemas"]


def test_json_replies_are_gzipped_only_for_clients_that_accept_it(live: Live) -> None:
    import gzip
    import http.client
    from urllib.parse import urlsplit

    url = urlsplit(live.api("/openapi.json"))

    def fetch(accept: str | None) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
        headers = {"Accept-Encoding": accept} if accept is not None else {}
        connection.request("GET", url.path, headers=headers)
        response = connection.getresponse()
        response.body = response.read()  # type: ignore[attr-defined]
        connection.close()
        return response

    plain = fetch(None)
    assert plain.getheader("Content-Encoding") is None
    packed = fetch("br;q=1.0, gzip;q=0.8")
    assert packed.getheader("Content-Encoding") == "gzip"
    assert packed.getheader("Vary") == "Accept-Encoding"
    assert packed.getheader("Jangkau-Protocol") == "1"
    assert int(packed.getheader("Content-Length")) == len(packed.body) < len(plain.body)
    assert json.loads(gzip.decompress(packed.body)) == json.loads(plain.body)
    assert fetch("gzip;q=0").getheader("Content-Encoding") is None
    small = requests.get(live.api("/health"), timeout=10)  # under 1 KiB: not worth it
    assert small.headers.get("Content-Encoding") is None
