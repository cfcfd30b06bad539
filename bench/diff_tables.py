"""Diff the pipeline's output at a git revision against the working tree: the safety net for refactors
and speed work, which must not change what is extracted.

    python -m bench.diff_tables --ref main            # corpus + seeds, every table
    python -m bench.diff_tables --ref c838944 --tables measures --ignore-columns kind_rule

Both sides run the pure chain (transforms.pipeline.process) over the same files, the reference side
from a `git archive` of REV in a temporary folder (its output is cached under bench/out/diff/<sha>/),
the other from this checkout. Each table is compared as a multiset of rows over the columns both sides
have, without the columns that change from run to run (timestamps, raw bytes). Columns only one side
has are listed, not compared. Exit status 0 when every table is identical, 1 when any differs.
Differing rows of the held-out gold's documents (bench.score_gold.HELD_OUT) are counted, not printed,
so that checking a rule never shows a held-out row; --include-held-out prints them too.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from bench.score_gold import held_out_docs

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = [ROOT.parent / "shared" / "corpus", ROOT / "seeds"]
TABLES = ("documents", "articles", "sentences", "measures", "rejects")
VOLATILE = {"ingested_at", "at", "raw", "pipeline_version", "extractor_version", "run_id"}

# Run inside the side's own source folder (first on sys.path): process the files, write each table.
_DUMP = """
import sys
from datetime import datetime, timezone
from pathlib import Path
import pyarrow.parquet as pq
import transforms
from transforms import pipeline
assert Path(transforms.__file__).resolve().is_relative_to(Path(sys.argv[1]).resolve()), transforms.__file__
out = Path(sys.argv[2]); out.mkdir(parents=True, exist_ok=True)
files = pipeline.list_inputs(sys.argv[3:])
t = pipeline.process(pipeline.read_sources(files), now=datetime(2026, 1, 1, tzinfo=timezone.utc))
for name in %r:
    pq.write_table(getattr(t, name), out / (name + ".parquet"))
print(len(files), "files", t.measures.num_rows, "measures")
""" % (TABLES,)


def dump(src: Path, out: Path, inputs: list[str]) -> None:
    cmd = [sys.executable, "-c", _DUMP, str(src), str(out), *inputs]
    res = subprocess.run(cmd, cwd=src, env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
                         capture_output=True, text=True)
    if res.returncode:
        sys.exit(f"diff_tables: the pipeline failed in {src}:\n{res.stderr[-3000:]}")
    print(f"  {src.name if src != ROOT else 'working tree'}: {res.stdout.strip()}")


def reference(rev: str, inputs: list[str], cache: Path) -> Path:
    sha = subprocess.check_output(["git", "rev-parse", rev], cwd=ROOT, text=True).strip()
    out = cache / sha[:12]
    if all((out / f"{n}.parquet").exists() for n in TABLES) and (out / "inputs.txt").exists() \
            and (out / "inputs.txt").read_text() == "\n".join(inputs):
        print(f"  {rev} ({sha[:8]}): cached in {out.relative_to(ROOT)}")
        return out
    with tempfile.TemporaryDirectory(prefix="tanlu-ref-") as tmp:
        archive = Path(tmp) / "src.tar"
        subprocess.check_call(["git", "archive", "-o", str(archive), sha], cwd=ROOT)
        src = Path(tmp) / f"ref-{sha[:8]}"
        src.mkdir()
        with tarfile.open(archive) as tar:
            tar.extractall(src, filter="data")
        dump(src, out, inputs)
    (out / "inputs.txt").write_text("\n".join(inputs))
    return out


def hidden_doc_ids(*sides: Path) -> set[str]:
    """The doc ids, on either side, of the held-out gold's documents."""
    names = held_out_docs()
    ids = set()
    for side in sides:
        t = pq.read_table(side / "documents.parquet", columns=["doc_id", "source_name"]).to_pylist()
        ids |= {r["doc_id"] for r in t if Path(r["source_name"] or "").name in names}
    return ids


def compare(name: str, old: Path, new: Path, ignore: set[str], show: int, hidden: frozenset = frozenset()) -> bool:
    a, b = pq.read_table(old / f"{name}.parquet"), pq.read_table(new / f"{name}.parquet")
    skip = VOLATILE | ignore
    cols = [c for c in a.column_names if c in b.column_names and c not in skip]
    only_old = [c for c in a.column_names if c not in b.column_names and c not in skip]
    only_new = [c for c in b.column_names if c not in a.column_names and c not in skip]
    con = duckdb.connect()
    con.register("a", a.select(cols))
    con.register("b", b.select(cols))
    sel = ", ".join(f'"{c}"' for c in cols)
    gone = con.execute(f"SELECT {sel} FROM a EXCEPT ALL SELECT {sel} FROM b").fetchall()
    added = con.execute(f"SELECT {sel} FROM b EXCEPT ALL SELECT {sel} FROM a").fetchall()
    same = not gone and not added
    extra = "".join([f"; columns only in the reference: {only_old}" if only_old else "",
                     f"; new columns (not compared): {only_new}" if only_new else ""])
    print(f"{name:10s} {a.num_rows:7d} -> {b.num_rows:7d} rows: "
          f"{'identical' if same else f'{len(gone)} rows only in the reference, {len(added)} only in the working tree'}"
          f"{extra}")
    for label, rows in (("-", gone), ("+", added)):
        if hidden and "doc_id" in cols:
            at = cols.index("doc_id")
            kept = [r for r in rows if r[at] not in hidden]
            if len(kept) < len(rows):
                print(f"   {label} {len(rows) - len(kept)} rows of held-out documents not shown")
            rows = kept
        for r in rows[:show]:
            d = dict(zip(cols, r))
            if "evidence" in d:
                d["evidence"] = (d["evidence"] or "")[:60]
            for k in ("text", "clean_text", "tokens"):
                if k in d and d[k] is not None:
                    d[k] = str(d[k])[:60]
            print(f"   {label} {d}")
    return same


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ref", default="main", help="the git revision to compare against (default main)")
    ap.add_argument("paths", nargs="*", help="input files or folders (default ../shared/corpus and seeds/)")
    ap.add_argument("--tables", default=",".join(TABLES), help=f"comma-separated, of {', '.join(TABLES)}")
    ap.add_argument("--ignore-columns", default="", help="comma-separated columns left out of the comparison")
    ap.add_argument("--show", type=int, default=5, help="differing rows to print per side and table")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "diff"))
    ap.add_argument("--include-held-out", action="store_true", help="also print the held-out documents' rows")
    a = ap.parse_args()
    inputs = [str(Path(p).resolve()) for p in (a.paths or [p for p in DEFAULT_INPUTS if p.exists()])]
    cache = Path(a.out)
    print(f"diff_tables: {a.ref} against the working tree over {len(inputs)} input paths")
    old = reference(a.ref, inputs, cache)
    new = cache / "worktree"
    dump(ROOT, new, inputs)
    ignore = {c for c in a.ignore_columns.split(",") if c}
    hidden = frozenset() if a.include_held_out else frozenset(hidden_doc_ids(old, new))
    results = [compare(n, old, new, ignore, a.show, hidden) for n in a.tables.split(",") if n]
    print("identical" if all(results) else "DIFFERENT")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
