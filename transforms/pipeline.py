"""The pure chain of all stages: ingest, then the STAGES list, then validation, in memory.

The Prefect flow runs ``process`` once per batch (one task), and tests, benchmarks and scoring call it
directly: one list of stages drives both. Adding a stage means adding a ``Stage`` to ``STAGES``.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.compute  # noqa: F401  (pa.compute)

from schemas import tables, validate
from transforms import PIPELINE_VERSION, clean, indicator_ids, ingest, measures, metadata, segment, structure
from transforms.rejects import Reject, rejects_table

INPUT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx", ".doc", ".wps", ".ofd", ".jsonl")


def version() -> str:
    """The version a loaded document records: a new cleaner, structurer or extractor reprocesses it."""
    return f"{PIPELINE_VERSION}+x{measures.EXTRACTOR_VERSION}"


@dataclass
class Tables:
    raw_documents: pa.Table
    documents: pa.Table
    articles: pa.Table
    sentences: pa.Table
    measures: pa.Table
    rejects: pa.Table
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


def list_inputs(paths: list[str | os.PathLike]) -> list[Path]:
    """Input files under ``paths`` (folders are read recursively), in a stable order; a folder's metadata
    sidecars (metadata.csv, metadata.jsonl) are not inputs but read beside them (``sidecars``)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")
                              and not metadata.is_sidecar(f.name)))
        elif p.is_file():
            out.append(p)
    return out


def sidecar_files(files: list[str | os.PathLike]) -> list[Path]:
    """The metadata sidecars in the folders of ``files``."""
    return [d / name for d in dict.fromkeys(Path(f).parent for f in files) for name in metadata.SIDECAR_NAMES
            if (d / name).is_file()]


def sidecars(files: list[str | os.PathLike], rejected: list | None = None) -> pa.Table:
    """The rows of the metadata sidecars in the folders of ``files``. A sidecar that cannot be read is
    left out, and its reject (source_name, doc_id, Reject) joins ``rejected``."""
    parts = []
    for path in sidecar_files(files):
        try:
            data = path.read_bytes()
            parts.append(metadata.parse(path.name, data))
        except OSError as err:
            if rejected is not None:
                rejected.append((path.name, None, Reject("metadata", "metadata sidecar could not be read", str(err))))
        except Reject as r:
            if rejected is not None:
                rejected.append((path.name, ingest.sha256(data), r))
    return pa.concat_tables([metadata.SIDECAR.empty_table(), *parts])


def sidecar_states(files: list[str | os.PathLike]) -> list[dict]:
    """A ``source_files`` state of each sidecar of ``files``: path, doc_id (the sha256 of its bytes) and
    status ``metadata`` (read as metadata) or ``metadata_unreadable``, then with the ``reason`` and
    ``detail`` of its reject."""
    out = []
    for path in sidecar_files(files):
        try:
            data = path.read_bytes()
        except OSError as err:
            out.append({"path": str(path), "doc_id": None, "status": "metadata_unreadable",
                        "reason": "metadata sidecar could not be read", "detail": str(err)})
            continue
        state = {"path": str(path), "doc_id": ingest.sha256(data), "status": "metadata"}
        try:
            metadata.parse(path.name, data)
        except Reject as r:
            state.update(status="metadata_unreadable", reason=r.reason, detail=r.detail)
        out.append(state)
    return out


def sidecar_rejects(states: list[dict]) -> list[tuple[str, str | None, Reject]]:
    """The rejects of the unreadable sidecars among ``states`` (``sidecar_states``)."""
    return [(Path(s["path"]).name, s["doc_id"], Reject("metadata", s["reason"], s["detail"]))
            for s in states if s["status"] == "metadata_unreadable"]


def read_sources(files: list[Path]) -> list[ingest.SourceFile]:
    return [ingest.SourceFile(f.name, str(f), f.read_bytes()) for f in files]


def validated(name: str, table: pa.Table, key: str, rejected: list, names: dict[str, str]) -> pa.Table:
    """The rows of ``table`` that pass its schema; the others join ``rejected`` with the reason."""
    result = validate(tables.by_name(name), table)
    if result.failures:
        keys = table.column(key).to_pylist() if key in table.column_names else [None] * table.num_rows
        for i, reason in result.failures:
            doc_id = keys[i]
            rejected.append((names.get(doc_id, "?"), doc_id, Reject("validate", f"{name} row failed its schema",
                                                                    reason)))
    return result.valid


def guarded(stage: str, fn, inputs: list[pa.Table], names: dict[str, str],
            rejected: list) -> tuple[pa.Table, ...]:
    """Run ``fn(*inputs)`` (which returns a tuple of tables and a list of rejects) over a batch.

    If it raises, run it again document by document, so that one bad document goes to ``rejected``
    with the error and the rest of the batch goes on.
    """
    try:
        *outs, rej = fn(*inputs)
        rejected += rej
        return tuple(outs)
    except Exception:  # noqa: BLE001 - isolate the document that fails, below
        pass
    pieces: list[list[pa.Table]] = []
    for doc_id in dict.fromkeys(inputs[0].column("doc_id").to_pylist()):
        part = [t.filter(pa.compute.equal(t.column("doc_id"), doc_id)) if "doc_id" in t.column_names else t
                for t in inputs]  # a table of no document (the sidecar) goes whole
        try:
            *outs, rej = fn(*part)
        except Exception as err:  # noqa: BLE001
            rejected.append((names.get(doc_id, "?"), doc_id,
                             Reject(stage, f"{stage} failed on this document: {type(err).__name__}",
                                    str(err)[:500])))
            continue
        rejected += rej
        pieces.append(outs)
    if not pieces:
        *outs, _ = fn(*[t.slice(0, 0) for t in inputs])
        return tuple(outs)
    return tuple(pa.concat_tables([p[i] for p in pieces]) for i in range(len(pieces[0])))


# Each stage with the calling convention of ``guarded``: tables in, (tables..., rejects) out.
def run_clean(decoded):
    return clean.clean(decoded)


def run_structure(cleaned):
    return structure.structure(cleaned, version())


def run_metadata(documents, sidecar, decoded):
    """What is known of a document besides its text: the sidecar's fields, and how ingest read it (OCR)."""
    return metadata.apply(ingest.with_ocr(documents, decoded), sidecar), []


def run_segment(articles):
    return segment.segment(articles), []


def run_extract(documents, articles, sentences):
    return indicator_ids.assign(measures.extract(documents, articles, sentences)), []


@dataclass(frozen=True)
class Stage:
    """One pure stage: ``fn(*tables named in inputs)`` returns the tables named in ``outputs`` and rejects."""
    name: str
    fn: object
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]


# The chain between ingest (which yields ``decoded``) and validation, in order.
STAGES: tuple[Stage, ...] = (
    Stage("clean", run_clean, ("decoded",), ("cleaned",)),
    Stage("structure", run_structure, ("cleaned",), ("documents", "articles")),
    Stage("metadata", run_metadata, ("documents", "sidecar", "decoded"), ("documents",)),
    Stage("segment", run_segment, ("articles",), ("sentences",)),
    Stage("extract", run_extract, ("documents", "articles", "sentences"), ("measures",)),
)
VALIDATED = ("raw_documents", "documents", "articles", "sentences", "measures")


def process(sources: list[ingest.SourceFile], now: datetime | None = None, run_id: str | None = None,
            sidecar: pa.Table | None = None) -> Tables:
    """Run ingest, every stage of ``STAGES`` and validation over ``sources`` in memory.

    ``sidecar``: rows of metadata sidecars (transforms.metadata.parse) for the files it names.

    ``Tables.timings`` holds the seconds each stage took (ingest, the stages, validate).
    """
    now = now or datetime.now(timezone.utc)
    timings: dict[str, float] = {}
    rejected: list[tuple[str, str | None, Reject]] = []
    t0 = time.perf_counter()
    ing = ingest.ingest(sources, now)
    timings["ingest"] = time.perf_counter() - t0
    rejected += ing.rejects
    names = dict(zip(ing.raw_documents.column("doc_id").to_pylist(),
                     ing.raw_documents.column("source_name").to_pylist()))
    tabs: dict[str, pa.Table] = {"raw_documents": ing.raw_documents, "decoded": ing.decoded,
                                 "sidecar": sidecar if sidecar is not None else metadata.SIDECAR.empty_table()}
    for stage in STAGES:
        t0 = time.perf_counter()
        outs = guarded(stage.name, stage.fn, [tabs[n] for n in stage.inputs], names, rejected)
        tabs.update(zip(stage.outputs, outs))
        timings[stage.name] = time.perf_counter() - t0
    t0 = time.perf_counter()
    valid = {name: validated(name, tabs[name], "doc_id", rejected, names) for name in VALIDATED}
    timings["validate"] = time.perf_counter() - t0
    out = Tables(**valid, rejects=rejects_table(rejected, now, run_id))
    out.counts = {k: getattr(out, k).num_rows for k in (*VALIDATED, "rejects")}
    out.timings = timings
    return out
