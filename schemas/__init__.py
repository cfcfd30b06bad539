"""One Arrow schema and one pandera schema per warehouse table: the single source of column names."""
from schemas.tables import ALL, TableSpec, by_name  # noqa: F401
from schemas.validate import validate  # noqa: F401
