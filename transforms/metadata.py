"""The metadata sidecar: a ``metadata.csv`` or ``metadata.jsonl`` beside the input files, naming for each
file (by its file name) the title, date, issuer and url an analyst already has.

Pure: ``parse`` reads a sidecar's bytes into a table, ``apply`` lays it over a documents table. A sidecar's
value takes precedence over what structure read from the text; where the text gave a different value, the
text's is kept in ``text_title`` / ``text_published_date`` / ``text_issuer``.
"""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from datetime import date

import pyarrow as pa

from transforms.rejects import Reject
from transforms.structure import parse_meta_date

SIDECAR_NAMES = ("metadata.csv", "metadata.jsonl")

# the sidecar's column names, English or Chinese, for each field
ALIASES = {
    "file": ("file", "file_name", "filename", "source_name", "文件", "文件名", "文件名称"),
    "title": ("title", "标题", "名称", "文件标题"),
    "date": ("date", "published_date", "publish_date", "日期", "发布日期", "成文日期", "发文日期"),
    "issuer": ("issuer", "organization", "organisation", "发布机构", "发文机关", "机构", "发布单位"),
    "url": ("url", "source_url", "链接", "网址", "来源"),
}
SIDECAR = pa.schema([(k, pa.string()) for k in ALIASES])


def is_sidecar(name: str) -> bool:
    return name.lower() in SIDECAR_NAMES


def file_key(name: str) -> str:
    """A file name as the sidecar and the folder may spell it differently (NFC, spaces, case)."""
    return "".join(unicodedata.normalize("NFKC", name).split()).lower()


def _field(row: dict, field: str) -> str | None:
    for k, v in row.items():
        if k is not None and k.strip().lstrip("\ufeff").lower() in ALIASES[field] and v not in (None, ""):
            return str(v).strip() or None
    return None


def parse(name: str, data: bytes) -> pa.Table:
    """A sidecar's rows (file, title, date, issuer, url; strings, None when absent). One that cannot be read
    (not UTF-8, a line that is not JSON, broken CSV) raises a Reject that says what is wrong."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise Reject("metadata", f"metadata sidecar {name} is not UTF-8: save it as UTF-8 (its rows are not applied)",
                     str(e)) from None
    if name.lower().endswith(".jsonl"):
        rows = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise Reject("metadata", f"metadata sidecar {name} has a line that is not JSON: fix it "
                                         "(its rows are not applied)", f"line {n}: {e.msg}") from None
    else:
        try:
            rows = list(csv.DictReader(io.StringIO(text)))
        except csv.Error as e:
            raise Reject("metadata", f"metadata sidecar {name} is not valid CSV: fix it (its rows are not applied)",
                         str(e)) from None
    out = [{f: _field(r, f) for f in ALIASES} for r in rows if isinstance(r, dict)]
    return pa.Table.from_pylist([r for r in out if r["file"]], SIDECAR)


def _date(s: str | None) -> tuple[date | None, str | None, str]:
    when = parse_meta_date(s.replace(".", "-") if s else s)
    if when is None:
        return None, None, "none"
    return when.date, when.month_day, when.precision


TEXT_COLUMNS = ("text_title", "text_published_date", "text_issuer")


def apply(documents: pa.Table, sidecar: pa.Table | None) -> pa.Table:
    """``documents`` with the sidecar's title, date and issuer for the files it names, and the
    ``text_*`` columns (the text's value where the sidecar's differs; else NULL) filled.

    Only the columns it changes are read into Python (not the clean text), and only for the documents the
    sidecar names."""
    by_file = {}
    if sidecar is not None:
        for r in sidecar.to_pylist():
            by_file.setdefault(file_key(r["file"]), r)
    schema = documents.schema if all(c in documents.column_names for c in TEXT_COLUMNS) \
        else _with_text_columns(documents.schema)
    n = documents.num_rows
    hits = []
    if by_file:
        hits = [(i, m) for i, m in enumerate(by_file.get(file_key(s)) for s in
                                             documents.column("source_name").to_pylist()) if m]
    changed = ("title", "issuer", "published_date", "published_month_day", "date_precision", *TEXT_COLUMNS)
    cols = {c: documents.column(c).to_pylist() if c in documents.column_names else [None] * n
            for c in (changed if hits else TEXT_COLUMNS) if c in schema.names}
    for i, meta in hits:
        if meta["title"] and meta["title"] != cols["title"][i]:
            cols["text_title"][i], cols["title"][i] = cols["title"][i], meta["title"]
        if meta["issuer"] and meta["issuer"] != cols["issuer"][i]:
            cols["text_issuer"][i], cols["issuer"][i] = cols["issuer"][i], meta["issuer"]
        when, month_day, precision = _date(meta["date"])
        if when is not None and (when, precision) != (cols["published_date"][i], cols["date_precision"][i]):
            cols["text_published_date"][i] = cols["published_date"][i]
            cols["published_date"][i], cols["published_month_day"][i] = when, month_day
            cols["date_precision"][i] = precision
    return pa.Table.from_arrays([pa.array(cols[f.name], f.type) if f.name in cols else documents.column(f.name)
                                 for f in schema], schema=schema)


def _with_text_columns(schema: pa.Schema) -> pa.Schema:
    types = {"text_title": pa.string(), "text_published_date": pa.date32(), "text_issuer": pa.string()}
    return pa.schema([*schema, *((c, types[c]) for c in TEXT_COLUMNS if c not in schema.names)])
