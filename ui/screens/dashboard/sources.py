"""Where the dashboard's numbers come from: the agent's own store, or the server for supervisors.

Both answer ``load(query) -> DashboardData`` on their lane (``lane``): the local source reads
the store on the DB lane (``models.services.dashboard``); the remote one asks
``GET /api/v1/review/dashboard`` on the network lane with the supervisor's session, through the
same HTTP rules as sync (``sync.client``: protocol header, JSON, typed errors). Only the remote
source offers the *Petugas* breakdown (SYNC_PROTOCOL.md G6: an agent never sees other agents).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any

from core import lanes
from models.db import Database
from models.services import dashboard
from models.services.dashboard import DashboardData, DashboardQuery

if TYPE_CHECKING:
    from sync.client import SyncClient  # requests: only supervisors' remote source needs it

__all__ = ["LocalDashboardSource", "RemoteDashboardSource", "fetch_dashboard"]


class LocalDashboardSource:
    """The agent's own records, from the open store."""

    supports_agents = False
    breakdowns = dashboard.BY_LOCAL

    def __init__(self, db_provider: Callable[[], Database]) -> None:
        self._db = db_provider

    @property
    def lane(self) -> Executor:
        return lanes.db()

    def load(self, query: DashboardQuery) -> DashboardData:
        return dashboard.load_dashboard(self._db(), query=query)


def fetch_dashboard(client: SyncClient, query: DashboardQuery) -> DashboardData:
    """``GET /review/dashboard`` with ``client``'s session (a ``sync.review_client.ReviewClient``
    after its login): the sync client's checks and typed errors apply."""
    params: dict[str, Any] = {"by": query.by}
    if query.area:
        params["area"] = query.area
    if query.start:
        params["from"] = query.start.isoformat()
    if query.end:
        params["to"] = query.end.isoformat()
    data = client._call("GET", "/review/dashboard", params=params)  # noqa: SLF001 - shared plumbing
    return DashboardData.from_json(data)


class RemoteDashboardSource:
    """A supervisor's area, from the server (needs the connection and a signed-in client)."""

    supports_agents = True
    breakdowns = dashboard.BY_OPTIONS

    def __init__(self, client: SyncClient, *, area: str | None = None) -> None:
        self._client = client
        self.area = area

    @property
    def lane(self) -> Executor:
        return lanes.net()

    def load(self, query: DashboardQuery) -> DashboardData:
        if self.area and not query.area:
            query = DashboardQuery(by=query.by, start=query.start, end=query.end, area=self.area)
        return fetch_dashboard(self._client, query)
