"""Several agents on one laptop: each profile is a folder with its own encrypted store; the
list is readable without unlocking and holds display name and username only."""

from __future__ import annotations

import json

import pytest

from core.errors import ConflictError, ValidationError, WrongPasswordError
from core.paths import profiles_dir
from models.keyfile import KdfParams
from models.profiles import create_profile, list_profiles, open_profile
from models.repositories import profile as profile_repo
from models.services import prospects
from models.services.context import load_agent_context

FAST = KdfParams.fast()


def test_profiles_are_listed_without_unlocking(tmp_path, synthetic, today):
    base = tmp_path / "profiles"
    first, db1 = create_profile(
        "Agen Tujuh", "agen07", "sandi-agen-tujuh", "PERISAI", base=base, argon2_params=FAST
    )
    second, db2 = create_profile(
        "Budi Staf", "budi.staf", "sandi-budi-staf", "BPJS_STAFF", base=base, argon2_params=FAST
    )
    agent = load_agent_context(db1)
    assert (agent.username, agent.display_name, agent.agent_kind) == (
        "agen07",
        "Agen Tujuh",
        "PERISAI",
    )
    item = synthetic(full_name="RAHASIA PESERTA")
    prospects.save(
        db1, prospect_id=item.id, payload=item.payload, submit=False, agent=agent, today=today
    )
    db1.close()
    db2.close()

    listed = list_profiles(base)
    assert [(p.slug, p.display_name, p.username) for p in listed] == [
        ("agen07", "Agen Tujuh", "agen07"),
        ("budi-staf", "Budi Staf", "budi.staf"),
    ]
    assert first.path != second.path and first.path.parent != second.path.parent
    meta = json.loads((first.folder / "profile.json").read_text(encoding="utf-8"))
    assert meta == {"display_name": "Agen Tujuh", "username": "agen07"}
    for file in first.folder.iterdir():
        assert b"RAHASIA" not in file.read_bytes(), file

    with pytest.raises(WrongPasswordError):
        open_profile(first, "sandi-budi-staf")  # another agent's password opens nothing
    store = open_profile(first, "sandi-agen-tujuh")
    try:
        assert prospects.load(store, prospect_id=item.id).payload["full_name"] == "RAHASIA PESERTA"
        with store.read_scope() as session:
            assert profile_repo.get(session).display_name == "Agen Tujuh"
    finally:
        store.close()


def test_default_base_is_the_profiles_dir():
    info, store = create_profile("Agen", "agen", "sandi-yang-panjang", "INTERN", argon2_params=FAST)
    store.close()
    assert info.folder.parent == profiles_dir()
    assert [p.slug for p in list_profiles()] == ["agen"]


def test_invalid_input_and_duplicates_are_refused(tmp_path):
    base = tmp_path / "p"
    with pytest.raises(ValidationError) as caught:
        create_profile("", "x", "pendek", "ASTRONAUT", base=base, argon2_params=FAST)
    assert {(i.code, i.field) for i in caught.value.issues} == {
        ("E_REQUIRED", "display_name"),
        ("E_PASSWORD_TOO_SHORT", "password"),
        ("E_AGENT_KIND_INVALID", "agent_kind"),
    }
    _, store = create_profile(
        "Agen", "Agen07", "sandi-yang-panjang", "INTERN", base=base, argon2_params=FAST
    )
    store.close()
    with pytest.raises(ConflictError):
        create_profile(
            "Lain", "agen07", "sandi-yang-panjang", "INTERN", base=base, argon2_params=FAST
        )
    assert len(list_profiles(base)) == 1


def test_a_half_made_profile_is_not_listed(tmp_path):
    base = tmp_path / "p"
    (base / "rusak").mkdir(parents=True)
    (base / "rusak" / "profile.json").write_text("{not json", encoding="utf-8")
    (base / "rusak" / "store.db").write_bytes(b"")
    (base / "kosong").mkdir()
    assert list_profiles(base) == []
