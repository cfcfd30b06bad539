"""Every input file has a row in source_files, with what happened to it (issue 11)."""
from __future__ import annotations

import shutil
from datetime import datetime, timezone

import duckdb
import pytest

from schemas import tables
from schemas.validate import validate
from tests.conftest import SEEDS
from transforms.source_files import outcome, source_files_table

SEED = sorted(SEEDS.glob("*.txt"))[0]
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _rows(wh):
    con = duckdb.connect(str(wh), read_only=True)
    try:
        return con.execute("SELECT source_name, outcome, doc_id, n_bytes, first_seen, last_seen FROM source_files "
                           "ORDER BY source_name").fetchall()
    finally:
        con.close()


def test_outcome_rules():
    assert outcome("new", "a" * 64, "x.txt", {"a" * 64}, None) == "loaded"
    assert outcome("new", "a" * 64, "x.txt", set(), None) == "rejected"
    assert outcome("unreadable", None, "x.txt", set(), None) == "rejected"
    assert outcome("duplicate", "a" * 64, "y.txt", {"a" * 64}, None) == "duplicate"
    assert outcome("known", "a" * 64, "x.txt", {"a" * 64}, "a" * 64) == "unchanged"
    assert outcome("known", "a" * 64, "z.txt", {"a" * 64}, None) == "already_loaded"
    # a path whose bytes changed to those of a document loaded under another name
    assert outcome("known", "a" * 64, "x.txt", {"a" * 64}, "b" * 64) == "already_loaded"


def test_rows_pass_the_schema_and_keep_first_seen():
    states = [{"path": "in/a.txt", "doc_id": "a" * 64, "status": "new"},
              {"path": "in/gone.txt", "doc_id": None, "status": "unreadable"}]
    earlier = datetime(2025, 6, 1, tzinfo=timezone.utc)
    t = source_files_table(states, {"in/a.txt": (12, NOW)}, {"a" * 64}, {"in/a.txt": ("a" * 64, earlier)},
                           NOW, "r1")
    assert validate(tables.SOURCE_FILES, t).failures == []
    assert t.to_pylist() == [
        {"path": "in/a.txt", "source_name": "a.txt", "n_bytes": 12, "modified_at": NOW, "doc_id": "a" * 64,
         "first_seen": earlier, "last_seen": NOW, "outcome": "loaded", "run_id": "r1"},
        {"path": "in/gone.txt", "source_name": "gone.txt", "n_bytes": None, "modified_at": None, "doc_id": None,
         "first_seen": NOW, "last_seen": NOW, "outcome": "rejected", "run_id": "r1"}]


@pytest.mark.usefixtures("prefect_harness")
def test_copies_reruns_renames_and_empty_files(tmp_path):
    from flows.nightly import nightly
    from warehouse.batches import file_sha256

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED, inbox / "a.txt")
    shutil.copy(SEED, inbox / "b.txt")
    (inbox / "empty.txt").write_bytes(b"")
    wh = tmp_path / "w.duckdb"
    doc, empty = file_sha256(SEED), file_sha256(inbox / "empty.txt")
    size = SEED.stat().st_size

    first = nightly(paths=[str(inbox)], warehouse=str(wh))
    assert first["run"]["n_new_documents"] == 1
    rows1 = _rows(wh)
    assert [r[:4] for r in rows1] == [("a.txt", "loaded", doc, size), ("b.txt", "duplicate", doc, size),
                                      ("empty.txt", "rejected", empty, 0)]
    assert all(r[4] == r[5] for r in rows1)

    nightly(paths=[str(inbox)], warehouse=str(wh))
    rows2 = _rows(wh)
    assert [r[:2] for r in rows2] == [("a.txt", "unchanged"), ("b.txt", "unchanged"), ("empty.txt", "rejected")]
    assert [r[4] for r in rows2] == [r[4] for r in rows1]          # first_seen is kept
    assert all(r2[5] > r1[5] for r1, r2 in zip(rows1, rows2))      # last_seen moves on

    shutil.copy(SEED, inbox / "c.txt")
    third = nightly(paths=[str(inbox / "c.txt")], warehouse=str(wh))
    assert third["run"]["n_new_documents"] == 0
    assert [r[:3] for r in _rows(wh)] == [("a.txt", "unchanged", doc), ("b.txt", "unchanged", doc),
                                          ("c.txt", "already_loaded", doc), ("empty.txt", "rejected", empty)]
