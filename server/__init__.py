"""The Jangkau central server: FastAPI app, PostgreSQL/SQLite storage, `python -m server`.

See docs/ARCHITECTURE.md §1 (layout) and docs/SYNC_PROTOCOL.md (the contract it implements).
"""
