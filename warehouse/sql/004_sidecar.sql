-- A metadata sidecar's value takes precedence over the text's (transforms/metadata.py); where they
-- differ, the text's value is kept here (NULL: no sidecar value, the same value, or none in the text).
-- New nullable columns only: every row is kept.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS text_title VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS text_published_date DATE;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS text_issuer VARCHAR;
