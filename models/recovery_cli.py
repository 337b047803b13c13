"""``python -m models.recovery``: the branch office's key tool (see ``models.recovery``).

    keygen <folder>                          a new agency key pair (asks for a passphrase)
    reset-password <profile folder> --private-key <file>
                                             a new password for a forgotten one

Passwords are asked for on the terminal; ``--stdin`` reads them from standard input instead,
one per line, in the order they would be asked (for scripts and tests). Messages are in
Indonesian, as the office's staff read them; the exit code is 0 on success, 1 on a refusal.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from core.errors import JangkauError, StoreError, ValidationError
from models.profiles import STORE_FILE

PRIVATE_FILE = "agency_recovery_private.pem"
PUBLIC_FILE = "agency_recovery_public.pem"

_MESSAGES = {
    "recovery-not-sealed": "Kunci profil ini belum disegel ke kunci pemulihan lembaga.",
    "recovery-key-invalid": "Kunci privat tidak bisa dibaca (frasa sandi salah atau bukan RSA).",
    "recovery-key-mismatch": "Kunci privat ini bukan pasangan segel profil ini.",
    "keyfile-missing": "Berkas kunci profil tidak ditemukan.",
    "keyfile-invalid": "Berkas kunci profil rusak.",
    "store-missing": "Basis data profil tidak ditemukan.",
    "E_PASSWORD_TOO_SHORT": "Kata sandi baru terlalu pendek (minimal {min} karakter).",
}


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def _asker(use_stdin: bool) -> Callable[[str], str]:
    if not use_stdin:
        return getpass.getpass

    def ask(prompt: str) -> str:
        line = sys.stdin.readline()
        if not line:
            raise SystemExit(f"{prompt} tidak ada di masukan standar")
        return line.rstrip("\n")

    return ask


def _keygen(folder: Path, ask: Callable[[str], str]) -> int:
    from models.recovery import generate_key_pair

    folder.mkdir(parents=True, exist_ok=True)
    private_path, public_path = folder / PRIVATE_FILE, folder / PUBLIC_FILE
    if private_path.exists() or public_path.exists():
        _err(f"Sudah ada kunci di {folder}; tidak ditimpa.")
        return 1
    passphrase = ask("Frasa sandi kunci privat: ")
    if len(passphrase) < 12 or ask("Ulangi frasa sandi: ") != passphrase:
        _err("Frasa sandi minimal 12 karakter dan kedua isian harus sama.")
        return 1
    private_pem, public_pem = generate_key_pair(passphrase.encode("utf-8"))
    private_path.write_bytes(private_pem)
    private_path.chmod(0o600)
    public_path.write_bytes(public_pem)
    _out(f"Kunci privat: {private_path} (simpan luring, jangan disalin ke laptop agen)")
    _out(f"Kunci publik: {public_path} (dipasang di aplikasi: models/{PUBLIC_FILE})")
    return 0


def _reset(profile: Path, private_key: Path, ask: Callable[[str], str]) -> int:
    from models.recovery import reset_password

    store = profile / STORE_FILE
    if not store.exists():
        raise StoreError("store-missing", params={"path": str(store)})
    private_pem = private_key.read_bytes()
    passphrase = ask("Frasa sandi kunci privat (kosong bila tidak ada): ")
    new_password = ask("Kata sandi baru agen: ")
    if ask("Ulangi kata sandi baru: ") != new_password:
        _err("Kedua isian kata sandi baru tidak sama.")
        return 1
    reset_password(
        store,
        private_pem=private_pem,
        passphrase=passphrase.encode("utf-8") or None,
        new_password=new_password,
    )
    _out(f"Kata sandi profil {profile.name} sudah diganti. Data tidak berubah.")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m models.recovery",
        description="The branch office's key tool: the agency recovery key pair, and a new "
        "password for an agent who forgot theirs (the store's key is sealed to that key).",
        epilog="Passwords are asked for on the terminal (--stdin: one per line from standard "
        "input). Messages are in Indonesian; exit code 0 on success, 1 on a refusal.",
    )
    parser.add_argument("--stdin", action="store_true", help="read passwords from stdin")
    commands = parser.add_subparsers(dest="command", required=True)
    keygen = commands.add_parser("keygen", help="make an agency key pair")
    keygen.add_argument("folder", type=Path)
    reset = commands.add_parser("reset-password", help="new password for a profile")
    reset.add_argument("profile", type=Path, help="the profile folder (holds store.db)")
    reset.add_argument("--private-key", type=Path, required=True)
    args = parser.parse_args(argv)
    ask = _asker(args.stdin)
    try:
        if args.command == "keygen":
            return _keygen(args.folder, ask)
        return _reset(args.profile, args.private_key, ask)
    except (JangkauError, OSError) as exc:
        code = getattr(exc, "code", None)
        params = getattr(exc, "params", {}) or {}
        if isinstance(exc, ValidationError) and exc.issues:
            code, params = exc.issues[0].code, dict(exc.issues[0].params)
        message = _MESSAGES.get(str(code), str(exc)).format(**params)
        _err(message)
        return 1
