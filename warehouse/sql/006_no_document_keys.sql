-- Bulk loading (issue 9): the document tables lose their PRIMARY KEY constraints. DuckDB keeps one ART
-- index per such key, updates it row by row on every insert and writes the whole of it again at every
-- checkpoint, so a load cost more the larger the warehouse (at 20,000 short documents the final
-- checkpoint alone wrote 100 MB of index). The keys stay unique all the same: warehouse.store.load_batch
-- checks each batch's keys in bulk, and replaces (deletes, then inserts) the rows of any of its documents
-- the warehouse holds already; a measure_id is a hash of its doc_id, so documents do not share one.
-- Every table keeps its name, its columns in their order, their types and NOT NULLs, and every row.

CREATE TABLE raw_documents__006 (
    doc_id       VARCHAR NOT NULL,
    source_name  VARCHAR NOT NULL,
    source_uri   VARCHAR NOT NULL,
    format       VARCHAR NOT NULL,
    encoding     VARCHAR,
    n_bytes      BIGINT NOT NULL,
    raw          BLOB NOT NULL,
    ingested_at  TIMESTAMPTZ NOT NULL
);
INSERT INTO raw_documents__006 SELECT * FROM raw_documents;
DROP TABLE raw_documents;
ALTER TABLE raw_documents__006 RENAME TO raw_documents;

CREATE TABLE documents__006 (
    doc_id               VARCHAR NOT NULL,
    source_name          VARCHAR NOT NULL,
    title                VARCHAR,
    published_date       DATE,
    published_month_day  VARCHAR,
    date_precision       VARCHAR NOT NULL,
    issuer               VARCHAR,
    doc_number           VARCHAR,
    doc_type             VARCHAR,
    script               VARCHAR NOT NULL,
    region_code          VARCHAR,
    region_name          VARCHAR,
    region_level         VARCHAR,
    n_articles           INTEGER NOT NULL,
    clean_text           VARCHAR NOT NULL,
    pipeline_version     VARCHAR NOT NULL,
    text_title           VARCHAR,
    text_published_date  DATE,
    text_issuer          VARCHAR,
    ocr_pages            INTEGER,
    ocr_confidence       DOUBLE
);
INSERT INTO documents__006 SELECT * FROM documents;
DROP TABLE documents;
ALTER TABLE documents__006 RENAME TO documents;

CREATE TABLE articles__006 (
    doc_id               VARCHAR NOT NULL,
    article_idx          INTEGER NOT NULL,
    title                VARCHAR,
    author               VARCHAR,
    region_code          VARCHAR,
    published_date       DATE,
    published_month_day  VARCHAR,
    span_start           INTEGER NOT NULL,
    text                 VARCHAR NOT NULL
);
INSERT INTO articles__006 SELECT * FROM articles;
DROP TABLE articles;
ALTER TABLE articles__006 RENAME TO articles;

CREATE TABLE sentences__006 (
    doc_id        VARCHAR NOT NULL,
    article_idx   INTEGER NOT NULL,
    sentence_idx  INTEGER NOT NULL,
    text          VARCHAR NOT NULL,
    tokens        VARCHAR[] NOT NULL,
    span_start    INTEGER NOT NULL
);
INSERT INTO sentences__006 SELECT * FROM sentences;
DROP TABLE sentences;
ALTER TABLE sentences__006 RENAME TO sentences;

CREATE TABLE measures__006 (
    measure_id         VARCHAR NOT NULL,
    doc_id             VARCHAR NOT NULL,
    source_name        VARCHAR NOT NULL,
    article_idx        INTEGER NOT NULL,
    sentence_idx       INTEGER NOT NULL,
    kind               VARCHAR NOT NULL,
    indicator          VARCHAR NOT NULL,
    sector             VARCHAR NOT NULL,
    value              DOUBLE,
    value_upper        DOUBLE,
    value_raw          VARCHAR,
    unit               VARCHAR,
    comparator         VARCHAR NOT NULL,
    direction          VARCHAR,
    base_year          INTEGER,
    target_year        INTEGER,
    region_code        VARCHAR NOT NULL,
    region_level       VARCHAR NOT NULL,
    place_name         VARCHAR,
    evidence           VARCHAR NOT NULL,
    span_start         INTEGER NOT NULL,
    span_end           INTEGER NOT NULL,
    extractor_version  VARCHAR NOT NULL,
    kind_rule          VARCHAR,
    year_rule          VARCHAR,
    place_rule         VARCHAR,
    rules              VARCHAR[],
    indicator_id       VARCHAR
);
INSERT INTO measures__006 SELECT * FROM measures;
DROP TABLE measures;
ALTER TABLE measures__006 RENAME TO measures;
