"""Ingest: bytes in, decoded text out. Detect format and encoding, hash, keep the raw bytes."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

import pyarrow as pa
from charset_normalizer import from_bytes

from schemas import tables
from transforms.rejects import Reject


@dataclass(frozen=True)
class SourceFile:
    source_name: str  # the file's base name
    source_uri: str  # where it came from (path, path#line for jsonl)
    data: bytes


@dataclass
class IngestResult:
    raw_documents: pa.Table
    decoded: pa.Table
    rejects: list[tuple[str, str | None, Reject]]  # (source_name, doc_id, why)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def detect_format(name: str, data: bytes) -> str:
    low = name.lower()
    if data.startswith(b"%PDF") or low.endswith(".pdf"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") or low.endswith(".docx"):
        return "docx"
    if low.endswith((".html", ".htm")):
        return "html"
    if low.endswith(".jsonl"):
        return "jsonl"
    return "txt"


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes of text; returns (text, encoding). Raises Reject for binary or undecodable input."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise Reject("ingest", "undecodable: no text encoding fits these bytes", f"{len(data)} bytes")
    return str(best), best.encoding


def _one(f: SourceFile) -> list[tuple[str, str, str, str, dict]]:
    """(doc_id, format, encoding, text, meta) for each document in the file."""
    fmt = detect_format(f.source_name, f.data)
    if fmt in ("pdf", "docx", "html"):
        raise Reject("ingest", f"format {fmt} is not read yet", f.source_name)
    text, enc = decode_text(f.data)
    if fmt == "jsonl":
        out = []
        for line in text.splitlines():
            if line.strip():
                obj = json.loads(line)
                body = obj.get("content") or obj.get("text") or ""
                out.append((sha256(line.encode("utf-8")), fmt, enc, body,
                            {"title": obj.get("title"), "date": obj.get("date"), "url": obj.get("url")}))
        return out
    return [(sha256(f.data), fmt, enc, text, {})]


def ingest(files: list[SourceFile], now: datetime) -> IngestResult:
    raw_rows: list[dict] = []
    dec_rows: list[dict] = []
    rejects: list[tuple[str, str | None, Reject]] = []
    for f in files:
        try:
            docs = _one(f)
        except Reject as r:
            rejects.append((f.source_name, sha256(f.data), r))
            continue
        for doc_id, fmt, enc, text, meta in docs:
            raw_rows.append({"doc_id": doc_id, "source_name": f.source_name, "source_uri": f.source_uri,
                             "format": fmt, "encoding": enc, "n_bytes": len(f.data), "raw": f.data,
                             "ingested_at": now})
            dec_rows.append({"doc_id": doc_id, "source_name": f.source_name, "format": fmt, "text": text,
                             "meta_title": meta.get("title"), "meta_date": meta.get("date"),
                             "meta_url": meta.get("url")})
    return IngestResult(pa.Table.from_pylist(raw_rows, tables.RAW_DOCUMENTS.arrow),
                        pa.Table.from_pylist(dec_rows, tables.DECODED),
                        rejects)
