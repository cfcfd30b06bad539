"""Run a table's checks (schemas/tables.py) over an Arrow table and split good rows from bad ones.

First one pass of Arrow compute functions over the whole table: when every row passes (the usual case),
the table is valid as it is. These checks are as strict as pandera's or stricter (Arrow's regular
expressions are RE2's, whose ``\\d`` is ASCII digits only), so a table they pass pandera passes too. When
a row may fail, the table's pandera schema decides and gives each failing row its reasons.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from schemas.tables import Check, TableSpec


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
    if all_rows_pass(spec, table):
        return Validated(table, [])
    return with_pandera(spec, table)


def _passes(check: Check, col: pa.ChunkedArray) -> pa.ChunkedArray:
    """True where a non-null value passes ``check`` (nulls are decided by the caller)."""
    if check.kind == "str_matches":
        pattern = check.args[0]
        return pc.match_substring_regex(col, pattern if pattern.startswith("^") else "^" + pattern)
    if check.kind == "str_length":
        return pc.greater_equal(pc.utf8_length(col), dict(check.kwargs)["min_value"])
    if check.kind == "isin":
        return pc.is_in(col, value_set=pa.array(check.args[0], col.type))
    if check.kind == "ge":
        return pc.greater_equal(col, check.args[0])
    if check.kind == "in_range":
        return pc.and_(pc.greater_equal(col, check.args[0]), pc.less_equal(col, check.args[1]))
    raise ValueError(f"no Arrow form of the check {check.kind}")


def _unique(table: pa.Table, columns: list[str]) -> bool:
    """No two rows with the same values in ``columns`` (two nulls count as the same value)."""
    if table.num_rows < 2:
        return True
    if len(columns) == 1:
        return pc.count_distinct(table.column(columns[0]), mode="all").as_py() == table.num_rows
    return table.select(columns).group_by(columns).aggregate([]).num_rows == table.num_rows


def all_rows_pass(spec: TableSpec, table: pa.Table) -> bool:
    """Whether every row of ``table`` (of the spec's Arrow schema) passes every check of the spec."""
    if not table.num_rows:
        return True
    s = spec.schema
    for name, col in s.columns.items():
        values = table.column(name)
        nulls = values.null_count
        if nulls and not col.nullable:
            return False
        for check in col.checks:
            ok = _passes(check, values)
            if nulls:  # a null value passes the column's checks (pandera's ignore_na)
                ok = pc.or_kleene(ok, pc.is_null(values))
            if ok.null_count or not pc.all(ok).as_py():
                return False
        if col.unique and not _unique(table, [name]):
            return False
    if s.unique and not _unique(table, list(s.unique)):
        return False
    for check in s.checks:
        ok = table.filter(check.rows(pc.field))
        if ok.num_rows != table.num_rows:
            return False
    return True


def with_pandera(spec: TableSpec, table: pa.Table) -> Validated:
    """The table's pandera schema over ``table``: the rows that pass, and the reasons of those that fail."""
    import polars as pl
    from pandera.errors import SchemaError, SchemaErrors

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
