"""The ``tanlu`` command line: run, sql, export, serve."""
from __future__ import annotations

import flows.settings  # noqa: F401  (Prefect's home and settings before prefect is imported)

import argparse
import json
import sys

from warehouse import store


def _warehouse(args) -> str:
    return args.warehouse or store.default_path()


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


def cmd_sql(args) -> int:
    import duckdb

    try:
        with store.open_warehouse(_warehouse(args), read_only=True, wait_seconds=args.wait) as con:
            rel = con.sql(args.query)
            if rel is None:
                return 0
            if args.format == "csv":
                _print_csv(rel)
            elif args.format == "json":
                cols = rel.columns
                for row in rel.fetchall():
                    print(json.dumps(dict(zip(cols, row)), ensure_ascii=False, default=str))
            else:
                rel.show(max_width=10_000, max_rows=args.max_rows)
    except (duckdb.Error, store.WarehouseBusy, FileNotFoundError) as err:
        print(f"tanlu sql: {err}", file=sys.stderr)
        return 2
    return 0


def _print_csv(rel) -> None:
    import csv

    w = csv.writer(sys.stdout)
    w.writerow(rel.columns)
    for row in rel.fetchall():
        w.writerow(row)


def cmd_export(args) -> int:
    from warehouse import extracts

    with store.open_warehouse(_warehouse(args), read_only=True, wait_seconds=args.wait) as con:
        got = extracts.export_measures(con, args.out)
    print(f"exported {got['rows']} measures in {got['files']} Parquet files under {args.out}")
    return 0


def cmd_serve(args) -> int:
    from prefect import serve

    from flows.nightly import deployment

    print(f"serving tanlu-nightly: cron '{args.cron}' ({args.timezone}), inbox {args.inbox}, "
          f"warehouse {_warehouse(args)}")
    serve(deployment(args.inbox, _warehouse(args), args.cron, args.timezone, args.batch_size))
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="tanlu", description="Chinese climate-policy texts into a DuckDB warehouse")
    ap.add_argument("--warehouse", help="DuckDB file (default: $TANLU_WAREHOUSE or data/tanlu.duckdb)")
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="run the nightly flow once over PATHs (default: seeds/)")
    p.add_argument("paths", nargs="*")
    p.add_argument("--batch-size", type=int, default=500)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("sql", help="run a read-only query against the warehouse")
    p.add_argument("query")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--max-rows", type=int, default=200)
    p.add_argument("--wait", type=float, default=30.0, help="seconds to wait while a run is loading")
    p.set_defaults(func=cmd_sql)

    p = sub.add_parser("export", help="write Parquet extracts, Hive-partitioned by province and target year")
    p.add_argument("--out", required=True)
    p.add_argument("--wait", type=float, default=30.0)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("serve", help="serve the nightly deployment on a cron schedule")
    p.add_argument("--inbox", default="inbox/")
    p.add_argument("--cron", default="0 2 * * *")
    p.add_argument("--timezone", default="Asia/Shanghai")
    p.add_argument("--batch-size", type=int, default=500)
    p.set_defaults(func=cmd_serve)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
