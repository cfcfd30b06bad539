"""Run a table's pandera schema over an Arrow table and split good rows from bad ones."""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl
import pyarrow as pa
from pandera.errors import SchemaError, SchemaErrors

from schemas.tables import TableSpec


@dataclass
class Validated:
    valid: pa.Table
    # one entry per failing row: (row index in the input, reason a person can act on)
    failures: list[tuple[int, str]]


def validate(spec: TableSpec, table: pa.Table) -> Validated:
    """Validate ``table`` against ``spec``; failing rows are removed and reported, never raised.

    A table whose columns do not match the schema at all fails every row with that reason.
    """
    if table.schema.names != spec.arrow.names:
        missing = set(spec.arrow.names) - set(table.schema.names)
        extra = set(table.schema.names) - set(spec.arrow.names)
        reason = f"{spec.name}: columns do not match the schema (missing {sorted(missing)}, extra {sorted(extra)})"
        return Validated(spec.empty(), [(i, reason) for i in range(table.num_rows)])
    table = table.cast(spec.arrow)
    df = pl.from_arrow(table)
    if not isinstance(df, pl.DataFrame):  # a single column comes back as a Series
        df = df.to_frame()
    try:
        spec.pandera.validate(df, lazy=True)
        return Validated(table, [])
    except SchemaErrors as err:
        cases = err.failure_cases
    except SchemaError as err:  # pragma: no cover - lazy=True reports through SchemaErrors
        return Validated(spec.empty(), [(i, str(err)) for i in range(table.num_rows)])
    reasons: dict[int, list[str]] = {}
    whole_table: list[str] = []
    for row in cases.iter_rows(named=True):
        what = f"{row['column'] or spec.name}: {row['check']} failed on {str(row['failure_case'])[:80]!r}"
        if row["index"] is None:
            whole_table.append(what)
        else:
            reasons.setdefault(int(row["index"]), []).append(what)
    if whole_table and not reasons:
        return Validated(spec.empty(), [(i, "; ".join(whole_table)) for i in range(table.num_rows)])
    bad = sorted(reasons)
    keep = pl.Series([i not in reasons for i in range(table.num_rows)])
    valid = pa.Table.from_batches(table.filter(pa.array(keep.to_list())).to_batches(), spec.arrow)
    return Validated(valid, [(i, "; ".join(reasons[i])) for i in bad])
