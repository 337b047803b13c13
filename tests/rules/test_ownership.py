"""Field ownership and the per-field three-way merge (SYNC_PROTOCOL §6.4)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from models.rules.ownership import (
    AGENT_OWNED,
    SERVER_OWNED,
    apply_pulled,
    merge_three_way,
    owner,
)
from sync.protocol import ProspectPayload


def test_owners() -> None:
    assert AGENT_OWNED == set(ProspectPayload.model_fields)
    assert AGENT_OWNED.isdisjoint(SERVER_OWNED)
    assert owner("nik") == "agent" and owner("review_state") == "server"
    assert owner("flags") == "server" and owner("decisions") == "server"


def test_merge_cases() -> None:
    base = {"full_name": "A", "mobile": "+6281200000001", "rt": "001", "email": "a@b.id"}
    mine = {"full_name": "A B", "mobile": "+6281200000001", "rt": "002"}  # email removed
    theirs = {"full_name": "A", "mobile": "+6281200000009", "rt": "003", "email": "a@b.id"}
    result = merge_three_way(base, mine, theirs)
    assert result.merged == {"full_name": "A B", "mobile": "+6281200000009", "rt": "002"}
    assert result.conflicts == ["rt"]
    assert not result.clean


def test_same_change_both_sides_and_additions() -> None:
    base = {"full_name": "A"}
    mine = {"full_name": "B", "notes": "x"}
    theirs = {"full_name": "B", "rw": "004"}
    result = merge_three_way(base, mine, theirs)
    assert result.merged == {"full_name": "B", "notes": "x", "rw": "004"}
    assert result.clean


def test_none_differs_from_absent_and_lists_compare_whole() -> None:
    base = {"email": None, "heirs": [{"order": 1, "name": "X"}]}
    mine = {"heirs": [{"order": 1, "name": "Y"}]}
    theirs = {"email": None, "heirs": [{"order": 1, "name": "Z"}]}
    result = merge_three_way(base, mine, theirs)
    assert "email" not in result.merged  # mine removed it, theirs unchanged
    assert result.conflicts == ["heirs"]
    assert result.merged["heirs"] == [{"order": 1, "name": "Y"}]


def test_server_fields_always_theirs() -> None:
    result = merge_three_way(
        {"review_state": "received"}, {"review_state": "received"}, {"review_state": "returned"}
    )
    assert result.merged == {"review_state": "returned"} and result.clean
    local = {"full_name": "mine", "review_state": "received", "flags": []}
    pulled = {"full_name": "theirs", "review_state": "returned", "flags": ["possible_duplicate"]}
    assert apply_pulled(local, pulled, has_unsent=True) == {
        "full_name": "mine",
        "review_state": "returned",
        "flags": ["possible_duplicate"],
    }
    assert apply_pulled(local, pulled, has_unsent=False) == pulled


values = st.one_of(st.none(), st.integers(0, 3), st.sampled_from(["a", "b"]))
payloads = st.dictionaries(st.sampled_from(["full_name", "rt", "rw", "notes"]), values)


@settings(max_examples=300, deadline=None)
@given(base=payloads, mine=payloads, theirs=payloads)
def test_merge_properties(base, mine, theirs) -> None:
    result = merge_three_way(base, mine, theirs)
    # unchanged on one side → the other side wins entirely
    assert merge_three_way(base, base, theirs).merged == theirs
    assert merge_three_way(base, mine, base).merged == mine
    assert merge_three_way(base, mine, mine).merged == mine
    # symmetric conflict set; conflicts keep mine; non-conflicts equal a side that changed
    assert merge_three_way(base, theirs, mine).conflicts == result.conflicts
    for key in result.conflicts:
        assert result.merged.get(key) == mine.get(key)
    for key in set(base) | set(mine) | set(theirs):
        if key in result.conflicts:
            continue
        got = result.merged.get(key, "ABSENT")
        assert got in (mine.get(key, "ABSENT"), theirs.get(key, "ABSENT"))
