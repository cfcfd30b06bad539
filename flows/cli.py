"""The ``tanlu`` command line: run, sql, export, report, serve."""
from __future__ import annotations

import flows.settings  # noqa: F401  (Prefect's home and settings before prefect is imported)

import argparse
import json
import os
import sys

from warehouse import store


def _warehouse(args) -> str:
    return getattr(args, "warehouse", None) or store.default_path()


def cmd_run(args) -> int:
    from flows.nightly import nightly

    paths = args.paths or ["seeds/"]
    result = nightly(paths=paths, warehouse=_warehouse(args), batch_size=args.batch_size)
    run, counts = result["run"], result["warehouse"]
    print(f"tanlu run {run['run_id'][:8]}: {run['n_files']} files, {run['n_new_documents']} new documents "
          f"({run['n_skipped_documents']} already loaded), {run['n_measures']} measures, "
          f"{run['n_rejects']} rejects, {run['seconds']:.1f} s")
    print(f"warehouse {_warehouse(args)}:")
    for name, n in counts.items():
        print(f"  {name:14s} {n:>8d}")
    return 0


# Statement types `tanlu sql` runs: queries, and SET/USE for the session. The connection is read-only as
# well, so anything that slips through is refused by DuckDB and reported the same way.
READ_STATEMENTS = {"SELECT", "EXPLAIN", "PRAGMA", "SET"}


class Refused(Exception):
    """A statement that would change something; `tanlu sql` only reads."""


def _one_line(err: BaseException) -> str:
    """DuckDB's message without its multi-line caret display: one line a person can read."""
    lines = [ln.strip() for ln in str(err).splitlines() if ln.strip()]
    keep = [ln for ln in lines if not ln.startswith("LINE ") and not set(ln) <= set("^ ")]
    return " ".join(keep) or type(err).__name__


def _statements(con, query: str) -> list:
    stmts = con.extract_statements(query)
    if not stmts:
        raise Refused("no statement given")
    for st in stmts:
        kind = st.type.name
        if kind not in READ_STATEMENTS:
            raise Refused(f"{kind} statements are refused: `tanlu sql` is read-only (only `tanlu run` writes "
                          f"the warehouse); use SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN, "
                          f"and `tanlu export` for files")
    return stmts


def _json_value(v):
    from decimal import Decimal

    if isinstance(v, Decimal):
        v = float(v)
    if isinstance(v, float) and v != v:
        return None
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, (bytes, bytearray)):
        return v.hex()
    return v


def cmd_sql(args) -> int:
    import duckdb

    try:
        with store.open_warehouse(_warehouse(args), read_only=True, wait_seconds=args.wait) as con:
            stmts = _statements(con, args.query)
            for st in stmts[:-1]:
                con.execute(st.query).fetchall()
            rel = con.sql(stmts[-1].query)
            if rel is None:
                return 0
            if args.format == "csv":
                _print_csv(rel)
            elif args.format == "json":
                cols = rel.columns
                rows = [json.dumps({c: _json_value(v) for c, v in zip(cols, row)}, ensure_ascii=False, default=str)
                        for row in rel.fetchall()]
                print("[" + ",\n ".join(rows) + "]")
            else:
                rel.show(max_width=10_000, max_rows=args.max_rows)
    except BrokenPipeError:  # `tanlu sql … | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Refused as err:
        print(f"tanlu sql: {err}", file=sys.stderr)
        return 2
    except duckdb.Error as err:
        msg = _one_line(err)
        if "read-only" in msg.lower() or "read only" in msg.lower():
            msg = f"refused: `tanlu sql` is read-only (only `tanlu run` writes the warehouse). DuckDB said: {msg}"
        print(f"tanlu sql: {msg}", file=sys.stderr)
        return 2
    except (store.WarehouseBusy, FileNotFoundError) as err:
        print(f"tanlu sql: {err}", file=sys.stderr)
        return 2
    return 0


def _print_csv(rel) -> None:
    import csv

    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(rel.columns)
    for row in rel.fetchall():
        w.writerow(row)


def cmd_export(args) -> int:
    from warehouse import extracts

    try:
        with store.open_warehouse(_warehouse(args), read_only=True, wait_seconds=args.wait) as con:
            got = extracts.export_measures(con, args.out, args.format)
    except (extracts.ExportError, store.WarehouseBusy, FileNotFoundError) as err:
        print(f"tanlu export: {err}", file=sys.stderr)
        return 2
    what = f"{got['files']} Parquet files" if args.format == "parquet" else "measures.csv (UTF-8 with BOM)"
    print(f"exported {got['rows']} measures in {what} under {args.out} "
          f"(schema version {extracts.SCHEMA_VERSION}, {got['seconds']:.1f} s)")
    return 0


def cmd_report(args) -> int:
    from warehouse import report

    try:
        with store.open_warehouse(_warehouse(args), read_only=True, wait_seconds=args.wait) as con:
            got = report.write_report(con, args.out, top=args.top, max_documents=args.max_documents)
    except (store.WarehouseBusy, FileNotFoundError) as err:
        print(f"tanlu report: {err}", file=sys.stderr)
        return 2
    listed = "" if got["documents_listed"] == got["documents"] else f" ({got['documents_listed']} listed)"
    print(f"report {args.out}: {got['documents']} documents{listed}, {got['measures']} measures, "
          f"{got['bytes'] / 1024:.0f} KB, no network needed")
    if got["bytes"] > 50 * 2**20 and not args.max_documents:
        print("tanlu report: the page is large for a browser; --max-documents N lists only the N most recent "
              "documents (the charts still cover all)", file=sys.stderr)
    return 0


def cmd_serve(args) -> int:
    from prefect import serve

    from flows.nightly import deployment
    from flows.server import scheduling_server

    with scheduling_server(args.port) as api:
        print(f"serving tanlu-nightly: cron '{args.cron}' ({args.timezone}), inbox {args.inbox}, "
              f"warehouse {_warehouse(args)}; Prefect API and UI at {api.removesuffix('/api')}")
        serve(deployment(args.inbox, _warehouse(args), args.cron, args.timezone, args.batch_size))
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="tanlu", description="Chinese climate-policy texts into a DuckDB warehouse")
    ap.add_argument("--warehouse", help="DuckDB file (default: $TANLU_WAREHOUSE or data/tanlu.duckdb)")
    sub = ap.add_subparsers(dest="command", required=True)
    # --warehouse is accepted after the command too (`tanlu sql "…" --warehouse w.duckdb`)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--warehouse", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    p = sub.add_parser("run", parents=[common], help="run the nightly flow once over PATHs (default: seeds/)")
    p.add_argument("paths", nargs="*")
    p.add_argument("--batch-size", type=int, default=500)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("sql", parents=[common], help="run a read-only query against the warehouse")
    p.add_argument("query", help="SQL: SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN (writes are refused)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--max-rows", type=int, default=200, help="rows shown in table format (default 200)")
    p.add_argument("--wait", type=float, default=30.0, help="seconds to wait while a run is loading")
    p.set_defaults(func=cmd_sql)

    p = sub.add_parser("export", parents=[common],
                       help="write measure_facts as Parquet (Hive-partitioned by province and target year) or CSV")
    p.add_argument("--out", required=True, help="extract folder; an earlier extract there is replaced atomically")
    p.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    p.add_argument("--wait", type=float, default=30.0)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("report", parents=[common], help="write one self-contained HTML report (works offline)")
    p.add_argument("--out", required=True, help="HTML file to write")
    p.add_argument("--top", type=int, default=20, help="how many indicators in the top-indicators chart")
    p.add_argument("--max-documents", type=int, default=0,
                   help="list only the N most recently published documents' measures (default 0: all)")
    p.add_argument("--wait", type=float, default=30.0)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("serve", parents=[common], help="serve the nightly deployment on a cron schedule")
    p.add_argument("--inbox", default="inbox/")
    p.add_argument("--cron", default="0 2 * * *")
    p.add_argument("--timezone", default="Asia/Shanghai")
    p.add_argument("--batch-size", type=int, default=500)
    p.add_argument("--port", type=int, default=4200,
                   help="port of the local Prefect server started when PREFECT_API_URL is not set")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("explain", help="one sentence through the extractor: candidates, rules fired, rows")
    p.add_argument("text")
    p.add_argument("--date", help="publication date YYYY-MM-DD (anchors 今年, 目前, a plan's years)")
    p.add_argument("--title", help="the document's title")
    p.set_defaults(func=cmd_explain)
    return ap


def cmd_explain(args) -> int:
    from datetime import date

    from transforms.extract import explain
    print(explain.explain(args.text, date.fromisoformat(args.date) if args.date else None, args.title))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
