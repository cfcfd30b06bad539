"""Each table's pandera schema rejects bad rows with a reason, and the DDL matches the Arrow schema."""
from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest

from schemas import tables, validate
from transforms import regions
from warehouse import store


def _measure(**over):
    row = {c: None for c in tables.MEASURES.columns}
    row.update(measure_id="m1", doc_id="d" * 64, source_name="a.txt", article_idx=0, sentence_idx=0,
               kind="target", indicator="单位地区生产总值能耗", sector="energy", value=14.5, value_raw="14.5%",
               unit="%", comparator="=", direction="decrease", base_year=2020, target_year=2025,
               region_code="320000", region_level="province", evidence="到2025年，单位地区生产总值能耗比2020年下降14.5%。",
               span_start=20, span_end=25, extractor_version="t")
    row.update(over)
    return row


@pytest.mark.parametrize("bad, reason", [
    ({"kind": "wish"}, "kind"),
    ({"value": float("nan")}, "value"),
    ({"value": float("inf")}, "value"),
    ({"unit": "斤"}, "unit"),
    ({"region_code": "32"}, "region_code"),
    ({"target_year": 20251}, "target_year"),
    ({"span_end": 3}, "span_end >= span_start"),
    ({"value": None, "unit": "%"}, "unit only with a value"),
    ({"comparator": "≈"}, "comparator"),
])
def test_bad_measure_rows_are_rejected_with_their_reason(bad, reason):
    good = _measure()
    t = pa.Table.from_pylist([good, _measure(measure_id="m2", **bad)], tables.MEASURES.arrow)
    result = validate(tables.MEASURES, t)
    assert result.valid.column("measure_id").to_pylist() == ["m1"]
    assert [i for i, _ in result.failures] == [1]
    assert reason in result.failures[0][1]


def test_duplicate_measure_ids_fail():
    t = pa.Table.from_pylist([_measure(), _measure()], tables.MEASURES.arrow)
    assert len(validate(tables.MEASURES, t).failures) == 2


def test_wrong_columns_fail_every_row():
    t = pa.table({"doc_id": ["x"]})
    result = validate(tables.DOCUMENTS, t)
    assert result.valid.num_rows == 0 and "columns do not match" in result.failures[0][1]


def test_regions_dimension_passes_its_schema():
    result = validate(tables.REGIONS, regions.regions_table())
    assert result.failures == []


@pytest.mark.parametrize("name", sorted(tables.ALL))
def test_warehouse_columns_are_the_schema_columns(tmp_path, name):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    store.migrate(con)
    cols = [r[0] for r in con.execute(f"DESCRIBE {name}").fetchall()]
    con.close()
    assert cols == tables.by_name(name).columns


# ---- the Arrow pass of validate() against the pandera schema it stands in for (schemas/validate.py) ----

def _bad_value(check):
    """A value the check refuses: no pattern or set of ours takes "!", no length check takes ""."""
    if check.kind == "ge":
        return check.args[0] - 1
    if check.kind == "in_range":
        return check.args[1] * 10 + 1
    return "" if check.kind == "str_length" else "!"


@pytest.fixture(scope="module")
def seed_tables():
    from pathlib import Path

    from transforms import pipeline
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    t = pipeline.process(pipeline.read_sources(pipeline.list_inputs([seeds])))
    return {"raw_documents": t.raw_documents, "documents": t.documents, "articles": t.articles,
            "sentences": t.sentences, "measures": t.measures}


def _broken(table: pa.Table, column: str, value, row: int = 0) -> pa.Table:
    values = table.column(column).to_pylist()
    values[row] = value
    i = table.schema.get_field_index(column)
    return table.set_column(i, table.schema.field(i), pa.array(values, table.schema.field(i).type))


def _cases():
    for name in ("raw_documents", "documents", "articles", "sentences", "measures"):
        for column, col in tables.ALL[name].schema.columns.items():
            for check in col.checks:
                yield name, column, check.kind, _bad_value(check)
            if not col.nullable:
                yield name, column, "not null", None


@pytest.mark.parametrize("name, column, check, bad", list(_cases()))
def test_the_arrow_pass_refuses_what_pandera_refuses(seed_tables, name, column, check, bad):
    """validate() trusts a table its Arrow pass accepts without asking pandera: one broken value of any
    checked column must make that pass refuse the table, and pandera then names the row."""
    from schemas.validate import all_rows_pass, with_pandera

    spec = tables.ALL[name]
    good = seed_tables[name]
    assert good.num_rows and all_rows_pass(spec, good)
    assert with_pandera(spec, good).failures == []
    bad_table = _broken(good, column, bad)
    assert not all_rows_pass(spec, bad_table)
    result = validate(spec, bad_table)
    assert [i for i, _ in result.failures] == [0]
    assert column in result.failures[0][1]
    assert result.valid.num_rows == good.num_rows - 1
