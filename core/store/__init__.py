"""The local store: one SQLite file by default, or a PostgreSQL server shared by several desks."""

from core.store.engine import WRITE_OPTION
from core.store.migrate import StoreTooNewError
from core.store.open import Store, StoreOpenError, open_store, resolve_db_url

__all__ = ["WRITE_OPTION", "Store", "StoreOpenError", "StoreTooNewError", "open_store", "resolve_db_url"]
