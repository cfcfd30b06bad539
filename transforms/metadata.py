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
    ``text_*`` columns (the text's value where the sidecar's differs; else NULL) filled."""
    by_file = {}
    if sidecar is not None:
        for r in sidecar.to_pylist():
            by_file.setdefault(file_key(r["file"]), r)
    rows = documents.to_pylist()
    for d in rows:
        for c in TEXT_COLUMNS:
            d.setdefault(c, None)
        meta = by_file.get(file_key(d["source_name"]))
        if not meta:
            continue
        if meta["title"] and meta["title"] != d["title"]:
            d["text_title"], d["title"] = d["title"], meta["title"]
        if meta["issuer"] and meta["issuer"] != d["issuer"]:
            d["text_issuer"], d["issuer"] = d["issuer"], meta["issuer"]
        when, month_day, precision = _date(meta["date"])
        if when is not None and (when, precision) != (d["published_date"], d["date_precision"]):
            d["text_published_date"] = d["published_date"]
            d.update(published_date=when, published_month_day=month_day, date_precision=precision)
    return pa.Table.from_pylist(rows, documents.schema if all(c in documents.column_names for c in TEXT_COLUMNS)
                                else _with_text_columns(documents.schema))


def _with_text_columns(schema: pa.Schema) -> pa.Schema:
    types = {"text_title": pa.string(), "text_published_date": pa.date32(), "text_issuer": pa.string()}
    return pa.schema([*schema, *((c, types[c]) for c in TEXT_COLUMNS if c not in schema.names)])
