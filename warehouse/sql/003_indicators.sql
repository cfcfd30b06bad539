-- Canonical indicators (INDICATORS.md): the `indicators` dimension and measures.indicator_id.
-- The dimension's rows are (re)loaded by warehouse.store.migrate from transforms/data/indicators.tsv.
-- Existing measures keep their rows with indicator_id NULL until their documents are re-extracted.

CREATE TABLE IF NOT EXISTS indicators (
    indicator_id  VARCHAR PRIMARY KEY,   -- fixed once released: ids are added, never renamed
    name_zh       VARCHAR NOT NULL,
    name_en       VARCHAR NOT NULL,
    sector        VARCHAR NOT NULL,
    units         VARCHAR,               -- the usual canonical units, e.g. '%; tce/CNY'
    description   VARCHAR NOT NULL,      -- what it measures
    phrasings     VARCHAR[] NOT NULL     -- other ways the texts name it
);

ALTER TABLE measures ADD COLUMN IF NOT EXISTS indicator_id VARCHAR;  -- an indicators.indicator_id, or NULL
