"""The ``tanlu`` command line: run, sql, export, report, serve.

Every error a person can act on is one line on stderr (``tanlu <command>: what is wrong; what to do``) and
a documented exit code (``EXIT_*`` below, the README's table). Anything unexpected is one line too, with
the path of the log that holds its traceback; ``--debug`` (or ``TANLU_DEBUG=1``) shows the traceback.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import traceback
from datetime import datetime, timezone
from pathlib import Path

EXIT_OK = 0  # done (a run that completed, rejected files or not)
EXIT_INTERNAL = 1  # an unexpected error: one line, the traceback in the error log
EXIT_USAGE = 2  # a bad argument, path, query, cron or timezone
EXIT_IO = 3  # a file or folder that cannot be read or written (read-only folder, a folder where a file goes)
EXIT_BUSY = 4  # another run holds the warehouse (`run --no-wait`, or a reader's --wait ran out)
EXIT_FAILED = 5  # a run started but could not complete (its runs row says failed)
EXIT_INTERRUPTED = 130  # Ctrl-C

DEFAULT_INPUTS = "seeds/"


class UserError(Exception):
    """An error a person can act on: its message is the whole story, ``code`` the exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


# ---------------------------------------------------------------- checks before anything starts

def _warehouse(args) -> str:
    from warehouse import store

    return getattr(args, "warehouse", None) or store.default_path()


def _writable_folder(folder: Path, what: str, hint: str) -> None:
    """Raise UserError(EXIT_IO) unless ``folder`` exists (or can be made) and takes a new file."""
    folder = Path(folder)
    probe = folder
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise UserError(f"{what}: {probe} is a file where a folder should be; {hint}", EXIT_IO)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        why = err.strerror or type(err).__name__
        raise UserError(f"{what}: folder {folder} cannot be created ({why}); {hint}", EXIT_IO) from None
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".tanlu-write-check-"):
            pass
    except OSError as err:
        why = err.strerror or type(err).__name__
        raise UserError(f"{what}: folder {folder} is not writable ({why}); {hint}", EXIT_IO) from None


def check_warehouse_writable(path: str) -> None:
    p = Path(path)
    hint = "make it writable or choose another --warehouse (or $TANLU_WAREHOUSE)"
    if p.is_dir():
        raise UserError(f"the warehouse {path} is a folder; name a DuckDB file, e.g. {p / 'tanlu.duckdb'}", EXIT_IO)
    _writable_folder(p.parent if str(p.parent) else Path("."), f"cannot write the warehouse {path}", hint)
    if p.exists() and not os.access(p, os.W_OK):
        raise UserError(f"cannot write the warehouse {path}: the file is read-only; {hint}", EXIT_IO)
    if p.is_file() and p.stat().st_size:
        with open(p, "rb") as f:
            head = f.read(12)
        if head[8:12] != b"DUCK":  # DuckDB's magic bytes, after the header's checksum
            raise UserError(f"the warehouse {path} is not a DuckDB database file; name another --warehouse "
                            f"(a new file is created)", EXIT_IO)


def check_state_writable() -> None:
    _writable_folder(_state_dir(), "cannot write tanlu's state folder",
                     "make it writable or point $TANLU_STATE at a writable folder")


def _suggest(path: Path) -> str:
    """' (did you mean X?)' for a path whose last existing folder holds a close name."""
    import difflib

    parent = path.parent
    while not parent.is_dir() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        return ""
    try:
        names = [p.name for p in parent.iterdir() if not p.name.startswith(".")]
    except OSError:
        return ""
    missing = path.relative_to(parent).parts[0] if path.is_relative_to(parent) else path.name
    close = difflib.get_close_matches(missing, names, n=1, cutoff=0.6)
    if not close:
        return ""
    guess = parent / close[0]
    return f" (did you mean {guess}{'/' if guess.is_dir() else ''}?)"


def check_inputs(paths: list[str]) -> None:
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise UserError(f"no such file or folder: {raw}{_suggest(p)}; give files or folders that exist")
        if not os.access(p, os.R_OK):
            raise UserError(f"cannot read {raw} (permission denied)", EXIT_IO)


# ---------------------------------------------------------------- error log and tracebacks

def _state_dir() -> Path:
    """flows.settings.state_dir, without importing it (its import makes Prefect's home folder)."""
    return Path(os.environ.get("TANLU_STATE") or Path.cwd() / ".state").resolve()


def error_log_path() -> Path:
    """The error log: ``tanlu-errors.log`` in the state folder, or in the temporary folder."""
    for folder in (_state_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "tanlu-errors.log"
            with open(path, "a", encoding="utf-8"):
                pass
            return path
        except OSError:
            continue
    return Path(os.devnull)


def log_traceback(text: str) -> Path:
    path = error_log_path()
    try:
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"--- {datetime.now(timezone.utc).isoformat(timespec='seconds')} pid {os.getpid()} "
                    f"{' '.join(sys.argv)}\n{text.rstrip()}\n")
    except OSError:
        pass
    return path


class _NoTracebackFormatter(logging.Formatter):
    """Wraps a console handler's formatter: the record's traceback goes to the error log, the line stays."""

    def __init__(self, inner: logging.Formatter):
        super().__init__()
        self.inner = inner

    def format(self, record: logging.LogRecord) -> str:
        if not record.exc_info and not record.exc_text:
            return self.inner.format(record)
        exc_info, exc_text, stack = record.exc_info, record.exc_text, record.stack_info
        tb = exc_text or "".join(traceback.format_exception(*exc_info))
        path = log_traceback(f"{record.name}: {record.getMessage()}\n{tb}")
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        try:
            return self.inner.format(record) + f" (traceback in {path})"
        finally:
            record.exc_info, record.exc_text, record.stack_info = exc_info, exc_text, stack


def quiet_tracebacks() -> None:
    """Prefect's console handlers print a traceback with a failed task or flow: send those to the log."""
    for name in ("", "prefect", "uvicorn"):
        for h in logging.getLogger(name).handlers:
            fmt = h.formatter or logging.Formatter()
            if not isinstance(fmt, _NoTracebackFormatter):
                h.setFormatter(_NoTracebackFormatter(fmt))


def _one_line(err: BaseException) -> str:
    """An error's message without DuckDB's multi-line caret display: one line a person can read."""
    lines = [ln.strip() for ln in str(err).splitlines() if ln.strip()]
    keep = [ln for ln in lines if not ln.startswith("LINE ") and not set(ln) <= set("^ ")]
    return " ".join(keep) or type(err).__name__


def _io_message(err: OSError) -> str:
    what = err.strerror or _one_line(err)
    return f"{err.filename}: {what}" if err.filename else what


# ---------------------------------------------------------------- run

def _reject_reasons(warehouse: str, run_id: str) -> list[tuple[str, int]]:
    from warehouse import store

    try:
        with store.open_warehouse(warehouse, read_only=True, wait_seconds=10) as con:
            return con.execute("SELECT reason, count(*) AS n FROM rejects WHERE run_id = ? GROUP BY reason "
                               "ORDER BY n DESC, reason", [run_id]).fetchall()
    except Exception:  # noqa: BLE001 - the summary line is given anyway
        return []


def cmd_run(args) -> int:
    paths = args.paths or [DEFAULT_INPUTS]
    warehouse = _warehouse(args)
    check_inputs(paths)
    check_warehouse_writable(warehouse)
    check_state_writable()
    from flows import steps
    from warehouse import lock

    quiet_tracebacks()
    kwargs = {"paths": paths, "warehouse": warehouse, "batch_size": args.batch_size,
              "dask_address": args.dask_address}

    def waiting(holder: lock.Holder) -> None:
        print(f"tanlu run: waiting for {holder.describe()} to finish with {warehouse} "
              f"(--no-wait exits at once instead)", file=sys.stderr, flush=True)

    try:
        # one run at a time on a warehouse: the second waits, and then skips what the first loaded
        with lock.run_lock(warehouse, wait=not args.no_wait, on_wait=waiting):
            # nothing new to process: the run is recorded without starting Prefect or a Dask cluster
            result = steps.unchanged_run(paths, warehouse)
            if result is None:
                from flows import cluster, runners

                # the local Dask workers start (and warm up) while Prefect starts its API
                if runners.dask_address(args.dask_address) is None:
                    cluster.start_if_worth_it(paths, args.batch_size, runners.workers())
                try:
                    from flows.nightly import nightly
                    from flows.server import api_in_this_process

                    with api_in_this_process():  # no temporary Prefect server process: it costs 220-260 MB
                        quiet_tracebacks()  # Prefect's console handlers exist once it is imported
                        result = nightly(**kwargs)
                finally:
                    cluster.finish()
    except lock.RunLocked as err:
        raise UserError(f"{err.holder.describe()} is loading {warehouse}; try again when it has finished, or "
                        f"leave out --no-wait to wait for it", EXIT_BUSY) from None
    except Exception as err:  # noqa: BLE001 - the flow recorded the failed run; say so in one line
        path = log_traceback("".join(traceback.format_exception(err)))
        raise UserError(f"the run could not complete: {type(err).__name__}: {_one_line(err)[:400]} "
                        f"(traceback in {path}; the documents of the batches that loaded are kept, a re-run "
                        f"goes on from there)", EXIT_FAILED) from None
    run, counts = result["run"], result["warehouse"]
    files = result.get("files")
    copies = files.column("status").to_pylist().count("duplicate") if files is not None else 0
    print(f"tanlu run {run['run_id'][:8]}: {run['n_files']} files, {run['n_new_documents']} new documents "
          f"({run['n_skipped_documents']} already loaded"
          + (f", {copies} {'copy' if copies == 1 else 'copies'} of another file" if copies else "")
          + f"), {run['n_measures']} measures, "
          f"{run['n_rejects']} rejects, {run['seconds']:.1f} s")
    if run["n_rejects"]:
        print("rejected (the rejects table says which file and why):")
        for reason, n in _reject_reasons(warehouse, run["run_id"]):
            print(f"  {n:>6d}  {reason}")
    print(f"warehouse {warehouse}:")
    for name, n in counts.items():
        print(f"  {name:14s} {n:>8d}")
    return EXIT_OK


# ---------------------------------------------------------------- sql

# Statement types `tanlu sql` runs: queries (SELECT, WITH, FROM, DESCRIBE, SHOW and SUMMARIZE are all
# SELECT to DuckDB) and EXPLAIN. The connection is read-only, has no access to files or the network
# (enable_external_access=false) and its configuration is locked, so what slips through is refused by DuckDB.
READ_STATEMENTS = {"SELECT", "EXPLAIN"}
SQL_ALLOWED = "SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN"
SANDBOX = {"enable_external_access": False, "lock_configuration": True}


class Refused(Exception):
    """A statement `tanlu sql` does not run: it would change something, or reach beyond the warehouse."""


def _statements(con, query: str) -> list:
    stmts = con.extract_statements(query)
    if not stmts:
        raise Refused("no statement given")
    for st in stmts:
        kind = st.type.name
        if kind in ("SET", "PRAGMA", "VARIABLE_SET"):
            raise Refused(f"{kind} statements are refused: the settings of a `tanlu sql` session are locked; "
                          f"use {SQL_ALLOWED} (DESCRIBE and SHOW instead of PRAGMA table_info/show_tables)")
        if kind not in READ_STATEMENTS:
            raise Refused(f"{kind} statements are refused: `tanlu sql` is read-only (only `tanlu run` writes "
                          f"the warehouse); use {SQL_ALLOWED}, and `tanlu export` for files")
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

    from warehouse import store

    try:
        with store.open_warehouse(_warehouse(args), read_only=True, wait_seconds=args.wait) as con:
            for key, value in SANDBOX.items():  # the order matters: the lock comes last
                con.execute(f"SET {key} = {str(value).lower()}")
            stmts = _statements(con, args.query)
            for st in stmts[:-1]:
                con.execute(st.query).fetchall()
            rel = con.sql(stmts[-1].query)
            if rel is None:
                return EXIT_OK
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
        return EXIT_OK
    except Refused as err:
        raise UserError(str(err)) from None
    except duckdb.PermissionException as err:
        raise UserError(f"refused: `tanlu sql` reads the warehouse's tables and views only, no files, folders "
                        f"or extensions; use `tanlu export` for files. DuckDB said: {_one_line(err)}") from None
    except duckdb.Error as err:
        msg = _one_line(err)
        if "read-only" in msg.lower() or "read only" in msg.lower():
            msg = f"refused: `tanlu sql` is read-only (only `tanlu run` writes the warehouse). DuckDB said: {msg}"
        elif "configuration has been locked" in msg:
            msg = f"refused: the settings of a `tanlu sql` session are locked. DuckDB said: {msg}"
        raise UserError(msg) from None
    except store.WarehouseBusy as err:
        raise UserError(str(err), EXIT_BUSY) from None
    except FileNotFoundError as err:
        raise UserError(str(err)) from None
    return EXIT_OK


def _print_csv(rel) -> None:
    import csv

    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(rel.columns)
    for row in rel.fetchall():
        w.writerow(row)


# ---------------------------------------------------------------- export, report

def cmd_export(args) -> int:
    from warehouse import extracts, store

    out = Path(args.out)
    _writable_folder(out.resolve().parent, f"cannot write the extract {args.out}",
                     "make the folder writable or choose another --out")
    try:
        with store.open_warehouse(_warehouse(args), read_only=True, wait_seconds=args.wait) as con:
            got = extracts.export_measures(con, args.out, args.format)
    except extracts.ExportError as err:  # a folder that is no tanlu extract: choose another --out
        raise UserError(str(err)) from None
    except store.WarehouseBusy as err:
        raise UserError(str(err), EXIT_BUSY) from None
    except FileNotFoundError as err:
        if "no warehouse at" in str(err):
            raise UserError(str(err)) from None
        raise UserError(f"cannot write the extract {args.out}: {_io_message(err)}", EXIT_IO) from None
    except OSError as err:
        raise UserError(f"cannot write the extract {args.out}: {_io_message(err)}; make the folder writable or "
                        f"choose another --out", EXIT_IO) from None
    what = f"{got['files']} Parquet files" if args.format == "parquet" else "measures.csv (UTF-8 with BOM)"
    from warehouse.extracts import SCHEMA_VERSION

    print(f"exported {got['rows']} measures in {what} under {args.out} "
          f"(schema version {SCHEMA_VERSION}, {got['seconds']:.1f} s)")
    return EXIT_OK


def cmd_report(args) -> int:
    from warehouse import report, store

    out = Path(args.out)
    if out.is_dir() or args.out.endswith(("/", os.sep)):
        raise UserError(f"--out {args.out} is a folder; name the HTML file to write, e.g. "
                        f"{out / 'tanlu.html'}", EXIT_IO)
    _writable_folder(out.resolve().parent, f"cannot write the report {args.out}",
                     "make the folder writable or choose another --out")
    try:
        with store.open_warehouse(_warehouse(args), read_only=True, wait_seconds=args.wait) as con:
            got = report.write_report(con, args.out, top=args.top, max_documents=args.max_documents)
    except store.WarehouseBusy as err:
        raise UserError(str(err), EXIT_BUSY) from None
    except FileNotFoundError as err:
        if "no warehouse at" in str(err):
            raise UserError(str(err)) from None
        raise UserError(f"cannot write the report {args.out}: {_io_message(err)}", EXIT_IO) from None
    except OSError as err:
        raise UserError(f"cannot write the report {args.out}: {_io_message(err)}", EXIT_IO) from None
    listed = "" if got["documents_listed"] == got["documents"] else f" ({got['documents_listed']} listed)"
    print(f"report {args.out}: {got['documents']} documents{listed}, {got['measures']} measures, "
          f"{got['bytes'] / 1024:.0f} KB, no network needed")
    if got["bytes"] > 50 * 2**20 and not args.max_documents:
        print("tanlu report: the page is large for a browser; --max-documents N lists only the N most recent "
              "documents (the charts still cover all)", file=sys.stderr)
    return EXIT_OK


# ---------------------------------------------------------------- serve

def cmd_serve(args) -> int:
    from flows import server

    try:
        server.validate_schedule(args.cron, args.timezone)
    except ValueError as err:
        raise UserError(str(err)) from None
    warehouse = _warehouse(args)
    try:
        said = server.prepare_inbox(args.inbox)
    except server.InboxError as err:
        raise UserError(str(err), EXIT_IO) from None
    check_warehouse_writable(warehouse)
    check_state_writable()
    print(said)
    from prefect import serve

    from flows.nightly import deployment

    quiet_tracebacks()
    try:
        with server.scheduling_server(args.port) as api:
            print(f"serving tanlu-nightly: cron '{args.cron}' ({args.timezone}), inbox {args.inbox}, "
                  f"warehouse {warehouse}; Prefect API and UI at {api.removesuffix('/api')}")
            serve(deployment(args.inbox, warehouse, args.cron, args.timezone, args.batch_size))
    except server.ServerError as err:
        raise UserError(str(err), EXIT_IO) from None
    return EXIT_OK


# ---------------------------------------------------------------- the parser

class _Formatter(argparse.RawDescriptionHelpFormatter):
    pass


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="tanlu", formatter_class=_Formatter,
        description="Chinese climate-policy texts into a DuckDB warehouse",
        epilog="exit codes: 0 done (a run that completed, even with rejected files); 1 unexpected error (its "
               "traceback is in the error log named); 2 bad argument, path or query; 3 a file or folder that "
               "cannot be written or read; 4 the warehouse is busy (another run); 5 a run that could not "
               "complete; 130 interrupted")
    ap.add_argument("--warehouse", help="DuckDB file (default: $TANLU_WAREHOUSE or data/tanlu.duckdb)")
    ap.add_argument("--debug", action="store_true",
                    help="show the traceback of an unexpected error (default: off; $TANLU_DEBUG=1 too)")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # --warehouse and --debug are accepted after the command too (`tanlu sql "…" --warehouse w.duckdb`)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--warehouse", default=argparse.SUPPRESS,
                        help="DuckDB file (default: $TANLU_WAREHOUSE or data/tanlu.duckdb)")
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show the traceback of an unexpected error (default: off)")

    def add(name, help, description):
        return sub.add_parser(name, parents=[common], help=help, description=description,
                              formatter_class=_Formatter)

    p = add("run", "run the nightly flow once over PATHs (default: seeds/)",
            "Load every file under PATHs into the warehouse: new documents are processed, documents already "
            "loaded by this pipeline version are skipped, unreadable files go to the rejects table with the "
            "reason. Exits 0 when the run completed (rejected files are listed by reason), 2 when a PATH does "
            "not exist, 3 when the warehouse or the state folder cannot be written, 5 when the run could "
            "not complete.")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or folders (read recursively) to load (default: seeds/)")
    p.add_argument("--batch-size", type=int, default=None,
                   help="files per batch: each batch is one task, loaded in one transaction (default: enough "
                        "batches to keep every worker busy, 20 to 500 files each)")
    p.add_argument("--dask-address", default=None,
                   help="tcp://HOST:PORT of a running Dask scheduler to run the batches on (default: "
                        "$TANLU_DASK_ADDRESS, else a local cluster of one worker process per core when there "
                        "is more than one batch)")
    p.add_argument("--no-wait", action="store_true",
                   help="when another run is loading the same warehouse, exit at once with code 4 instead of "
                        "waiting for it to finish (default: wait)")
    p.set_defaults(func=cmd_run)

    p = add("sql", "run a read-only query against the warehouse",
            f"Run one query, or several separated by ';' (the last one's rows are shown), on the warehouse "
            f"opened read-only. Allowed: {SQL_ALLOWED} over the warehouse's tables and views. Refused: every "
            f"write (INSERT, UPDATE, DELETE, CREATE, DROP, COPY, ATTACH…), SET, RESET and PRAGMA (the "
            f"session's settings are locked), and anything that reads files, folders, URLs or extensions "
            f"(read_csv, read_parquet, glob, 'file.csv', INSTALL, LOAD). A refused or bad query is one line on "
            f"stderr and exit code 2.")
    p.add_argument("query", help=f"SQL: {SQL_ALLOWED} (writes, SET, PRAGMA and file access are refused)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="output: an aligned table, CSV with a header, or one JSON array (default: table)")
    p.add_argument("--max-rows", type=int, default=200, help="rows shown in table format (default: 200)")
    p.add_argument("--wait", type=float, default=30.0,
                   help="seconds to wait while a run is loading the warehouse (default: 30)")
    p.set_defaults(func=cmd_sql)

    p = add("export", "write measure_facts as Parquet (Hive-partitioned by province and target year) or CSV",
            "Write the measure_facts view under --out, replacing an earlier tanlu extract there in one step. "
            "A folder that is not a tanlu extract is never replaced.")
    p.add_argument("--out", required=True,
                   help="extract folder; an earlier extract there is replaced atomically (required)")
    p.add_argument("--format", choices=["parquet", "csv"], default="parquet",
                   help="parquet: files under measures/province=…/year=…; csv: one measures.csv in UTF-8 with "
                        "a byte-order mark (default: parquet)")
    p.add_argument("--wait", type=float, default=30.0,
                   help="seconds to wait while a run is loading the warehouse (default: 30)")
    p.set_defaults(func=cmd_export)

    p = add("report", "write one self-contained HTML report (works offline)",
            "Write one HTML file (inline CSS, script and SVG; it fetches nothing) with a heatmap of targets, "
            "the carbon milestones, the top indicators and every document's measures.")
    p.add_argument("--out", required=True, help="HTML file to write, e.g. reports/tanlu.html (required)")
    p.add_argument("--top", type=int, default=20,
                   help="how many indicators in the top-indicators chart (default: 20)")
    p.add_argument("--max-documents", type=int, default=0,
                   help="list only the N most recently published documents' measures (default: 0, all)")
    p.add_argument("--wait", type=float, default=30.0,
                   help="seconds to wait while a run is loading the warehouse (default: 30)")
    p.set_defaults(func=cmd_report)

    p = add("serve", "serve the nightly deployment on a cron schedule",
            "Serve the nightly deployment: a run over --inbox on the --cron schedule in --timezone, until "
            "stopped (Ctrl-C). The cron and timezone are checked before anything starts. A missing inbox "
            "folder is created when its parent folder exists, and refused otherwise.")
    p.add_argument("--inbox", default="inbox/", help="folder the nightly run loads (default: inbox/)")
    p.add_argument("--cron", default="0 2 * * *",
                   help="five-field cron schedule: minute hour day-of-month month day-of-week "
                        "(default: '0 2 * * *', 02:00 every day)")
    p.add_argument("--timezone", default="Asia/Shanghai",
                   help="IANA time zone of the cron schedule (default: Asia/Shanghai)")
    p.add_argument("--batch-size", type=int, default=None,
                   help="files per batch of each run (default: enough batches to keep every worker busy)")
    p.add_argument("--port", type=int, default=4200,
                   help="port of the local Prefect server started when PREFECT_API_URL is not set (default: 4200)")
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
    debug = getattr(args, "debug", False) or os.environ.get("TANLU_DEBUG", "") not in ("", "0")
    try:
        if args.command in ("run", "serve"):
            check_state_writable()
            import flows.settings  # noqa: F401  (Prefect's home and settings before prefect is imported)
        return args.func(args)
    except UserError as err:
        print(f"tanlu {args.command}: {err}", file=sys.stderr)
        return err.code
    except KeyboardInterrupt:
        print(f"tanlu {args.command}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as err:  # noqa: BLE001 - the top-level handler: one line, the traceback in the log
        if debug:
            raise
        path = log_traceback(traceback.format_exc())
        if isinstance(err, PermissionError):
            print(f"tanlu {args.command}: permission denied: {_io_message(err)} (traceback in {path})",
                  file=sys.stderr)
            return EXIT_IO
        print(f"tanlu {args.command}: unexpected error: {type(err).__name__}: {_one_line(err)[:400]} "
              f"(traceback in {path}; --debug shows it)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
