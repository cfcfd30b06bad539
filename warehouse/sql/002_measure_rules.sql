-- The extractor's rule trace (transforms/extract/): which named rule decided a measure's kind, year and
-- place, and every rule that shaped the row in pass order. Rows loaded before this migration keep NULL
-- until their documents are reprocessed (a new extractor version reprocesses them).
ALTER TABLE measures ADD COLUMN IF NOT EXISTS kind_rule VARCHAR;
ALTER TABLE measures ADD COLUMN IF NOT EXISTS year_rule VARCHAR;
ALTER TABLE measures ADD COLUMN IF NOT EXISTS place_rule VARCHAR;
ALTER TABLE measures ADD COLUMN IF NOT EXISTS rules VARCHAR[];
