-- tanlu warehouse, schema version 1: the tables of DESIGN.md.
-- Column names are the contract analysts and the scoring tools rely on: add columns, never rename.

CREATE TABLE IF NOT EXISTS raw_documents (
    doc_id       VARCHAR PRIMARY KEY,   -- sha256 of the raw bytes (of the line, for .jsonl)
    source_name  VARCHAR NOT NULL,      -- file name
    source_uri   VARCHAR NOT NULL,
    format       VARCHAR NOT NULL,      -- txt, html, pdf, docx, jsonl
    encoding     VARCHAR,
    n_bytes      BIGINT NOT NULL,
    raw          BLOB NOT NULL,         -- the bytes as they came: nothing is lost
    ingested_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    doc_id               VARCHAR PRIMARY KEY,
    source_name          VARCHAR NOT NULL,
    title                VARCHAR,
    published_date       DATE,            -- null unless the year is known
    published_month_day  VARCHAR,         -- 'MM-DD' whenever month and day are known
    date_precision       VARCHAR NOT NULL,-- day / month / year / month_day / none
    issuer               VARCHAR,
    doc_number           VARCHAR,
    doc_type             VARCHAR,
    script               VARCHAR NOT NULL,-- simplified / traditional / mixed
    region_code          VARCHAR,
    region_name          VARCHAR,
    region_level         VARCHAR,
    n_articles           INTEGER NOT NULL,
    clean_text           VARCHAR NOT NULL,
    pipeline_version     VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS articles (
    doc_id               VARCHAR NOT NULL,
    article_idx          INTEGER NOT NULL,
    title                VARCHAR,
    author               VARCHAR,
    region_code          VARCHAR,
    published_date       DATE,
    published_month_day  VARCHAR,
    span_start           INTEGER NOT NULL,  -- offset of the article in documents.clean_text
    text                 VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, article_idx)
);

CREATE TABLE IF NOT EXISTS sentences (
    doc_id        VARCHAR NOT NULL,
    article_idx   INTEGER NOT NULL,
    sentence_idx  INTEGER NOT NULL,
    text          VARCHAR NOT NULL,
    tokens        VARCHAR[] NOT NULL,
    span_start    INTEGER NOT NULL,         -- offset of the sentence in articles.text
    PRIMARY KEY (doc_id, article_idx, sentence_idx)
);

CREATE TABLE IF NOT EXISTS measures (
    measure_id         VARCHAR PRIMARY KEY,
    doc_id             VARCHAR NOT NULL,
    source_name        VARCHAR NOT NULL,
    article_idx        INTEGER NOT NULL,
    sentence_idx       INTEGER NOT NULL,
    kind               VARCHAR NOT NULL,    -- target / achievement / baseline / potential
    indicator          VARCHAR NOT NULL,
    sector             VARCHAR NOT NULL,
    value              DOUBLE,              -- canonical unit; null for a value-less commitment
    value_upper        DOUBLE,              -- upper bound of a range
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
    span_start         INTEGER NOT NULL,    -- offsets of the value in articles.text
    span_end           INTEGER NOT NULL,
    extractor_version  VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS regions (
    region_code    VARCHAR PRIMARY KEY,   -- GB/T 2260, 6 digits; 100000 is the whole country
    name           VARCHAR NOT NULL,
    short_name     VARCHAR NOT NULL,
    level          VARCHAR NOT NULL,
    parent_code    VARCHAR,
    province_code  VARCHAR,
    city_code      VARCHAR,
    valid_as_of    VARCHAR NOT NULL       -- date of the code table
);

CREATE TABLE IF NOT EXISTS rejects (
    source_name  VARCHAR NOT NULL,
    doc_id       VARCHAR,
    stage        VARCHAR NOT NULL,
    reason       VARCHAR NOT NULL,
    detail       VARCHAR,
    "at"         TIMESTAMPTZ NOT NULL,
    run_id       VARCHAR
);

CREATE TABLE IF NOT EXISTS runs (
    run_id               VARCHAR PRIMARY KEY,
    started_at           TIMESTAMPTZ NOT NULL,
    finished_at          TIMESTAMPTZ,
    status               VARCHAR NOT NULL,
    inputs               VARCHAR NOT NULL,
    n_files              BIGINT NOT NULL,
    n_new_documents      BIGINT NOT NULL,
    n_skipped_documents  BIGINT NOT NULL,
    n_documents          BIGINT NOT NULL,
    n_articles           BIGINT NOT NULL,
    n_sentences          BIGINT NOT NULL,
    n_measures           BIGINT NOT NULL,
    n_rejects            BIGINT NOT NULL,
    seconds              DOUBLE,
    timings              VARCHAR NOT NULL,  -- JSON: seconds per stage
    pipeline_version     VARCHAR NOT NULL,
    extractor_version    VARCHAR NOT NULL,
    flow_run_id          VARCHAR
);
