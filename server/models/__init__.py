"""Server ORM. Importing this package registers every table on ``Base.metadata``."""

from server.models import audit, identity, records
from server.models.base import Base

__all__ = ["Base", "audit", "identity", "records"]
