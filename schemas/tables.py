"""Tables of DESIGN.md. Column names are the contract: add columns, never rename them.

Each table has one Arrow schema and its checks (``Schema``: the columns' checks, nullability and
uniqueness, and checks across a row). The checks are declared here once; schemas/validate.py runs them,
as a pandera schema (``TableSpec.pandera``, built on first use: pandera and polars are imported only by a
process that needs them) or as one pass of Arrow compute functions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

import pyarrow as pya

SCHEMA_VERSION = "1"

KINDS = ["target", "achievement", "baseline", "potential"]
SECTORS = ["energy", "industry", "buildings", "transport", "agriculture", "forestry", "ecology",
           "pollution", "carbon", "finance", "investment", "governance", "other"]
UNITS = ["%", "pp", "CNY", "MW", "MWh", "tce", "tCO2", "t", "m2", "m3", "km", "ha", "ug/m3", "count",
         "rank", "year", "day", "t/d", "t/a", "ratio", "kgce", "tce/CNY", "kWh", "people", "hour", "mg/m3",
         "km2", "mu", "CNY/t", "t/CNY", "m3/d", "mg/L", "count/d"]
COMPARATORS = ["=", ">=", "<=", "~", ">", "<"]
DIRECTIONS = ["increase", "decrease", "level"]
REGION_LEVELS = ["national", "province", "city", "county", "town", "village", "zone"]
DATE_PRECISIONS = ["day", "month", "year", "month_day", "none"]
FORMATS = ["txt", "html", "pdf", "docx", "doc", "ofd", "jsonl"]  # doc: Word 97-2003 (.doc, .wps)
SCRIPTS = ["simplified", "traditional", "mixed"]
STAGES = ["ingest", "clean", "structure", "metadata", "segment", "extract", "validate", "load", "publish"]

_TS = pya.timestamp("us", tz="UTC")
_REGION_CODE = r"^(\d{6}|\d{9})$"
INDICATOR_ID = r"^[a-z][a-z0-9_]*$"


@dataclass(frozen=True)
class Check:
    """One check of pandera's built-in checks (``kind``, with its arguments), or a check across a row:
    ``rows(col)`` builds a boolean expression from ``col`` (polars' ``pl.col`` or pyarrow's
    ``pc.field``: it uses only what both have), true where the row passes."""
    kind: str
    args: tuple = ()
    kwargs: tuple = ()  # (name, value) pairs
    name: str | None = None
    rows: Callable | None = None

    @classmethod
    def str_matches(cls, pattern: str) -> Check:
        return cls("str_matches", (pattern,))

    @classmethod
    def str_length(cls, min_value: int) -> Check:
        return cls("str_length", kwargs=(("min_value", min_value),))

    @classmethod
    def isin(cls, values: list) -> Check:
        return cls("isin", (tuple(values),))

    @classmethod
    def ge(cls, value) -> Check:
        return cls("ge", (value,))

    @classmethod
    def in_range(cls, low, high) -> Check:
        return cls("in_range", (low, high))

    @classmethod
    def across(cls, name: str, rows: Callable) -> Check:
        return cls("rows", name=name, rows=rows)

    def pandera(self):
        import pandera.polars as pa
        import polars as pl

        if self.kind == "rows":
            return pa.Check(lambda df: df.lazyframe.select(self.rows(pl.col)), name=self.name)
        args = tuple(list(a) if isinstance(a, tuple) else a for a in self.args)
        return getattr(pa.Check, self.kind)(*args, **dict(self.kwargs))


@dataclass(frozen=True)
class Col:
    checks: tuple[Check, ...] = ()
    nullable: bool = False
    unique: bool = False


@dataclass(frozen=True)
class Schema:
    """A table's checks, as pandera's DataFrameSchema takes them (the columns' types are the Arrow schema's)."""
    columns: dict[str, Col]
    strict: bool = True
    unique: tuple[str, ...] | None = None
    checks: tuple[Check, ...] = field(default=())

    def __init__(self, columns: dict[str, Col], strict: bool = True, unique: list[str] | None = None,
                 checks: list[Check] | None = None):
        object.__setattr__(self, "columns", columns)
        object.__setattr__(self, "strict", strict)
        object.__setattr__(self, "unique", tuple(unique) if unique else None)
        object.__setattr__(self, "checks", tuple(checks or ()))


@dataclass(frozen=True)
class TableSpec:
    name: str
    arrow: pya.Schema
    schema: Schema
    key: tuple[str, ...]  # rows of a document are replaced by these columns' values

    @property
    def columns(self) -> list[str]:
        return self.arrow.names

    def empty(self) -> pya.Table:
        return self.arrow.empty_table()

    @cached_property
    def pandera(self):
        """The table's checks as a pandera (polars) DataFrameSchema, each column of the polars type of its
        Arrow type."""
        import pandera.polars as pa
        import polars as pl

        types = pl.from_arrow(self.empty()).schema
        s = self.schema
        return pa.DataFrameSchema(
            {name: pa.Column(types[name], checks=[c.pandera() for c in col.checks], nullable=col.nullable,
                             unique=col.unique, coerce=False) for name, col in s.columns.items()},
            strict=s.strict, unique=list(s.unique) if s.unique else None, checks=[c.pandera() for c in s.checks])


def _col(*checks, nullable=False, unique=False):
    return Col(tuple(checks), nullable, unique)


def _opt_str(*checks):
    return _col(*checks, nullable=True)


RAW_DOCUMENTS = TableSpec(
    "raw_documents",
    pya.schema([
        ("doc_id", pya.string()), ("source_name", pya.string()), ("source_uri", pya.string()),
        ("format", pya.string()), ("encoding", pya.string()), ("n_bytes", pya.int64()),
        ("raw", pya.binary()), ("ingested_at", _TS),
    ]),
    Schema({
        "doc_id": _col(Check.str_matches(r"^[0-9a-f]{64}$")),
        "source_name": _col(Check.str_length(min_value=1)),
        "source_uri": _col(),
        "format": _col(Check.isin(FORMATS)),
        "encoding": _opt_str(),
        "n_bytes": _col(Check.ge(0)),
        "raw": _col(),
        "ingested_at": _col(),
    }, strict=True),
    ("doc_id",),
)

DOCUMENTS = TableSpec(
    "documents",
    pya.schema([
        ("doc_id", pya.string()), ("source_name", pya.string()), ("title", pya.string()),
        ("published_date", pya.date32()), ("published_month_day", pya.string()),
        ("date_precision", pya.string()), ("issuer", pya.string()), ("doc_number", pya.string()),
        ("doc_type", pya.string()), ("script", pya.string()), ("region_code", pya.string()),
        ("region_name", pya.string()), ("region_level", pya.string()), ("n_articles", pya.int32()),
        ("clean_text", pya.string()), ("pipeline_version", pya.string()),
        # where a metadata sidecar (transforms/metadata.py) gave a different value: the text's own
        ("text_title", pya.string()), ("text_published_date", pya.date32()), ("text_issuer", pya.string()),
        # pages of a scanned PDF read by OCR and the mean confidence of their lines; NULL when none was
        ("ocr_pages", pya.int32()), ("ocr_confidence", pya.float64()),
    ]),
    Schema({
        "doc_id": _col(Check.str_matches(r"^[0-9a-f]{64}$"), unique=True),
        "source_name": _col(),
        "title": _opt_str(),
        "published_date": _col(nullable=True),
        "published_month_day": _opt_str(Check.str_matches(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")),
        "date_precision": _col(Check.isin(DATE_PRECISIONS)),
        "issuer": _opt_str(),
        "doc_number": _opt_str(),
        "doc_type": _opt_str(),
        "script": _col(Check.isin(SCRIPTS)),
        "region_code": _opt_str(Check.str_matches(_REGION_CODE)),
        "region_name": _opt_str(),
        "region_level": _opt_str(Check.isin(REGION_LEVELS)),
        "n_articles": _col(Check.ge(1)),
        "clean_text": _col(Check.str_length(min_value=1)),
        "pipeline_version": _col(),
        "text_title": _opt_str(),
        "text_published_date": _col(nullable=True),
        "text_issuer": _opt_str(),
        "ocr_pages": _col(Check.ge(1), nullable=True),
        "ocr_confidence": _col(Check.in_range(0.0, 1.0), nullable=True),
    }, strict=True),
    ("doc_id",),
)

ARTICLES = TableSpec(
    "articles",
    pya.schema([
        ("doc_id", pya.string()), ("article_idx", pya.int32()), ("title", pya.string()),
        ("author", pya.string()), ("region_code", pya.string()), ("published_date", pya.date32()),
        ("published_month_day", pya.string()), ("span_start", pya.int32()), ("text", pya.string()),
    ]),
    Schema({
        "doc_id": _col(),
        "article_idx": _col(Check.ge(0)),
        "title": _opt_str(),
        "author": _opt_str(),
        "region_code": _opt_str(Check.str_matches(_REGION_CODE)),
        "published_date": _col(nullable=True),
        "published_month_day": _opt_str(),
        "span_start": _col(Check.ge(0)),
        "text": _col(),
    }, strict=True, unique=["doc_id", "article_idx"]),
    ("doc_id",),
)

SENTENCES = TableSpec(
    "sentences",
    pya.schema([
        ("doc_id", pya.string()), ("article_idx", pya.int32()), ("sentence_idx", pya.int32()),
        ("text", pya.string()), ("tokens", pya.list_(pya.string())), ("span_start", pya.int32()),
    ]),
    Schema({
        "doc_id": _col(),
        "article_idx": _col(Check.ge(0)),
        "sentence_idx": _col(Check.ge(0)),
        "text": _col(Check.str_length(min_value=1)),
        "tokens": _col(),
        "span_start": _col(Check.ge(0)),
    }, strict=True, unique=["doc_id", "article_idx", "sentence_idx"]),
    ("doc_id",),
)

MEASURES = TableSpec(
    "measures",
    pya.schema([
        ("measure_id", pya.string()), ("doc_id", pya.string()), ("source_name", pya.string()),
        ("article_idx", pya.int32()), ("sentence_idx", pya.int32()), ("kind", pya.string()),
        ("indicator", pya.string()), ("sector", pya.string()), ("value", pya.float64()),
        ("value_upper", pya.float64()), ("value_raw", pya.string()), ("unit", pya.string()),
        ("comparator", pya.string()), ("direction", pya.string()), ("base_year", pya.int32()),
        ("target_year", pya.int32()), ("region_code", pya.string()), ("region_level", pya.string()),
        ("place_name", pya.string()), ("evidence", pya.string()), ("span_start", pya.int32()),
        ("span_end", pya.int32()), ("extractor_version", pya.string()),
        # the ids of the extractor's rules that decided the kind, the year and the place, and every rule that
        # shaped the row in pass order (transforms/extract/, `tanlu explain`)
        ("kind_rule", pya.string()), ("year_rule", pya.string()), ("place_rule", pya.string()),
        ("rules", pya.list_(pya.string())),
        ("indicator_id", pya.string()),
    ]),
    Schema({
        "measure_id": _col(unique=True),
        "doc_id": _col(),
        "source_name": _col(),
        "article_idx": _col(Check.ge(0)),
        "sentence_idx": _col(Check.ge(0)),
        "kind": _col(Check.isin(KINDS)),
        "indicator": _col(Check.str_length(min_value=1)),
        "sector": _col(Check.isin(SECTORS)),
        "value": _col(Check.in_range(-1e18, 1e18), nullable=True),  # NaN and inf fail
        "value_upper": _col(nullable=True),
        "value_raw": _opt_str(),
        "unit": _opt_str(Check.isin(UNITS)),
        "comparator": _col(Check.isin(COMPARATORS)),
        "direction": _opt_str(Check.isin(DIRECTIONS)),
        "base_year": _col(Check.in_range(1949, 2100), nullable=True),
        "target_year": _col(Check.in_range(1949, 2100), nullable=True),
        "region_code": _col(Check.str_matches(r"^\d{6}$")),
        "region_level": _col(Check.isin(REGION_LEVELS)),
        "place_name": _opt_str(),
        "evidence": _col(Check.str_length(min_value=1)),
        "span_start": _col(Check.ge(0)),
        "span_end": _col(Check.ge(0)),
        "extractor_version": _col(),
        "kind_rule": _opt_str(Check.str_matches(r"^kind\.")),  # NULL only in rows loaded before 002
        "year_rule": _opt_str(Check.str_matches(r"^year\.")),
        "place_rule": _opt_str(Check.str_matches(r"^place\.")),
        "rules": _col(nullable=True),
        "indicator_id": _opt_str(Check.str_matches(INDICATOR_ID)),  # an id of the indicators table, or NULL
    }, strict=True, checks=[
        Check.across("span_end >= span_start", lambda col: col("span_end") >= col("span_start")),
        Check.across("unit only with a value", lambda col: ~col("value").is_null() | col("unit").is_null()),
    ]),
    ("doc_id",),
)

REGIONS = TableSpec(
    "regions",
    pya.schema([
        ("region_code", pya.string()), ("name", pya.string()), ("short_name", pya.string()),
        ("level", pya.string()), ("parent_code", pya.string()), ("province_code", pya.string()),
        ("city_code", pya.string()), ("valid_as_of", pya.string()),
    ]),
    Schema({
        "region_code": _col(Check.str_matches(r"^\d{6}$"), unique=True),
        "name": _col(),
        "short_name": _col(),
        "level": _col(Check.isin(REGION_LEVELS)),
        "parent_code": _opt_str(),
        "province_code": _opt_str(),
        "city_code": _opt_str(),
        "valid_as_of": _col(),
    }, strict=True),
    ("region_code",),
)

# The canonical indicators of INDICATORS.md (transforms/data/indicators.tsv): the dimension of measures.indicator_id.
INDICATORS = TableSpec(
    "indicators",
    pya.schema([
        ("indicator_id", pya.string()), ("name_zh", pya.string()), ("name_en", pya.string()),
        ("sector", pya.string()), ("units", pya.string()), ("description", pya.string()),
        ("phrasings", pya.list_(pya.string())),
    ]),
    Schema({
        "indicator_id": _col(Check.str_matches(INDICATOR_ID), unique=True),
        "name_zh": _col(Check.str_length(min_value=1)),
        "name_en": _col(Check.str_length(min_value=1)),
        "sector": _col(Check.isin(SECTORS)),
        "units": _opt_str(),
        "description": _col(Check.str_length(min_value=1)),
        "phrasings": _col(),
    }, strict=True),
    ("indicator_id",),
)

REJECTS = TableSpec(
    "rejects",
    pya.schema([
        ("source_name", pya.string()), ("doc_id", pya.string()), ("stage", pya.string()),
        ("reason", pya.string()), ("detail", pya.string()), ("at", _TS), ("run_id", pya.string()),
    ]),
    Schema({
        "source_name": _col(),
        "doc_id": _opt_str(),
        "stage": _col(Check.isin(STAGES)),
        "reason": _col(Check.str_length(min_value=1)),
        "detail": _opt_str(),
        "at": _col(),
        "run_id": _opt_str(),
    }, strict=True),
    ("source_name",),
)

RUNS = TableSpec(
    "runs",
    pya.schema([
        ("run_id", pya.string()), ("started_at", _TS), ("finished_at", _TS), ("status", pya.string()),
        ("inputs", pya.string()), ("n_files", pya.int64()), ("n_new_documents", pya.int64()),
        ("n_skipped_documents", pya.int64()), ("n_documents", pya.int64()), ("n_articles", pya.int64()),
        ("n_sentences", pya.int64()), ("n_measures", pya.int64()), ("n_rejects", pya.int64()),
        ("seconds", pya.float64()), ("timings", pya.string()), ("pipeline_version", pya.string()),
        ("extractor_version", pya.string()), ("flow_run_id", pya.string()),
    ]),
    Schema({
        "run_id": _col(unique=True),
        "started_at": _col(),
        "finished_at": _col(nullable=True),
        "status": _col(Check.isin(["running", "completed", "failed"])),
        "inputs": _col(),
        "n_files": _col(Check.ge(0)),
        "n_new_documents": _col(Check.ge(0)),
        "n_skipped_documents": _col(Check.ge(0)),
        "n_documents": _col(Check.ge(0)),
        "n_articles": _col(Check.ge(0)),
        "n_sentences": _col(Check.ge(0)),
        "n_measures": _col(Check.ge(0)),
        "n_rejects": _col(Check.ge(0)),
        "seconds": _col(Check.ge(0), nullable=True),
        "timings": _col(),
        "pipeline_version": _col(),
        "extractor_version": _col(),
        "flow_run_id": _opt_str(),
    }, strict=True),
    ("run_id",),
)

# warehouse/sql/004_source_files.sql; metadata (005_inputs.sql): a sidecar read for the files beside it
OUTCOMES = ["loaded", "duplicate", "already_loaded", "unchanged", "rejected", "metadata"]

SOURCE_FILES = TableSpec(
    "source_files",
    pya.schema([
        ("path", pya.string()), ("source_name", pya.string()), ("n_bytes", pya.int64()),
        ("modified_at", _TS), ("doc_id", pya.string()), ("first_seen", _TS), ("last_seen", _TS),
        ("outcome", pya.string()), ("run_id", pya.string()),
    ]),
    Schema({
        "path": _col(unique=True),
        "source_name": _col(),
        "n_bytes": _col(Check.ge(0), nullable=True),
        "modified_at": _col(nullable=True),
        "doc_id": _opt_str(Check.str_matches(r"^[0-9a-f]{64}$")),
        "first_seen": _col(),
        "last_seen": _col(),
        "outcome": _col(Check.isin(OUTCOMES)),
        "run_id": _opt_str(),
    }, strict=True),
    ("path",),
)

ALL: dict[str, TableSpec] = {t.name: t for t in (RAW_DOCUMENTS, DOCUMENTS, ARTICLES, SENTENCES, MEASURES,
                                                 REGIONS, INDICATORS, REJECTS, RUNS, SOURCE_FILES)}


def by_name(name: str) -> TableSpec:
    return ALL[name]


# Intermediate stage outputs (not warehouse tables): what ingest hands to clean, and clean to structure.
DECODED = pya.schema([
    ("doc_id", pya.string()), ("source_name", pya.string()), ("format", pya.string()),
    ("text", pya.string()), ("meta_title", pya.string()), ("meta_date", pya.string()),
    ("meta_url", pya.string()), ("encoding", pya.string()),
    # PDF pages without a text layer read by OCR (0: none), and the mean confidence of their lines
    ("ocr_pages", pya.int32()), ("ocr_confidence", pya.float64()),
])
CLEANED = pya.schema([
    ("doc_id", pya.string()), ("source_name", pya.string()), ("format", pya.string()),
    ("clean_text", pya.string()), ("script", pya.string()), ("meta_title", pya.string()),
    ("meta_date", pya.string()), ("meta_url", pya.string()),
    # heading lines and the line structure survive cleaning as line breaks; where each clean line came
    # from in the decoded text (offsets into DECODED.text), one (clean_start, raw_start) pair per line
    ("line_map", pya.list_(pya.list_(pya.int32()))),
])
