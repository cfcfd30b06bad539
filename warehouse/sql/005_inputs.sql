-- How a document's text was read (issue 11): the pages of a scanned PDF read by OCR, and the mean
-- confidence (0..1) of the lines OCR recognised on them. Both NULL when no page was read by OCR.
-- source_files.outcome gains the value 'metadata': a metadata sidecar (metadata.csv, metadata.jsonl),
-- read for the files beside it, not as a document (no CHECK on that column: nothing to alter).
-- New nullable columns only: every row is kept.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS ocr_pages INTEGER;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS ocr_confidence DOUBLE;
