"""SYNC_PROTOCOL §3: canonical JSON of a payload equals RFC 8785 (JCS) — a property test of
``sync/protocol.py`` against the ``rfc8785`` library."""

from __future__ import annotations

import json
import unicodedata

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.protocol import CanonicalError, canonical_json, payload_hash

SAFE = 2**53 - 1
_LOWER = "abcdefghijklmnopqrstuvwxyz"
keys = st.builds(
    str.__add__, st.sampled_from(_LOWER), st.text(alphabet=_LOWER + "0123456789_", max_size=12)
)
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30).map(
    lambda s: unicodedata.normalize("NFC", s)
)
scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-SAFE, max_value=SAFE), texts)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(keys, children, max_size=5)
    ),
    max_leaves=10,
)
payloads = st.dictionaries(keys, json_values, max_size=8)


@settings(max_examples=150, deadline=None)
@given(payload=payloads)
def test_canonical_json_equals_rfc8785(payload) -> None:
    assert canonical_json(payload) == rfc8785.dumps(payload)


@settings(max_examples=50, deadline=None)
@given(payload=payloads)
def test_canonical_json_is_stable_and_round_trips(payload) -> None:
    body = canonical_json(payload)
    assert json.loads(body) == payload
    assert canonical_json(json.loads(body)) == body


def test_nfc_normalisation_and_hash() -> None:
    decomposed = {"full_name": "Jose\u0301"}
    composed = {"full_name": "Jos\u00e9"}
    assert canonical_json(decomposed) == canonical_json(composed) == rfc8785.dumps(composed)
    h = payload_hash(entity_type="prospect", payload=composed, schema_version=1, deleted=False)
    assert h == payload_hash(
        entity_type="prospect", payload=decomposed, schema_version=1, deleted=False
    )
    assert h.startswith("sha256:") and len(h) == 71


@pytest.mark.parametrize(
    "bad", [{"x": 1.5}, {"X": 1}, {"a-b": 1}, {"x": 2**53}, {"x": {1, 2}}, {"x": {"Y": 1}}]
)
def test_non_canonical_payloads_rejected(bad) -> None:
    with pytest.raises(CanonicalError):
        canonical_json(bad)
