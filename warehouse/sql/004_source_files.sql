-- Every input file on record (issue 11): one row per path, updated by each run that sees the file.
-- outcome, as of the last run that saw the file (last_seen, run_id):
--   loaded          its bytes were processed by that run and its document is in `documents`
--   duplicate       same bytes as another file of that run, which was processed in its place
--   already_loaded  its bytes were loaded before under another path (a renamed copy): not processed
--   unchanged       the same bytes were on record under this path before and are loaded: not processed
--   rejected        it was processed (or could not be read) and no document of it is in `documents`;
--                   the reason is in `rejects` (by doc_id, or by source_name when doc_id is NULL)
-- A new table only: every existing table keeps its rows.

CREATE TABLE IF NOT EXISTS source_files (
    path         VARCHAR NOT NULL,      -- the key: the path as the run was given it
    source_name  VARCHAR NOT NULL,      -- its file name (rejects.source_name, documents.source_name)
    n_bytes      BIGINT,                -- NULL when the file could not be read
    modified_at  TIMESTAMPTZ,           -- its modification time when the run saw it
    doc_id       VARCHAR,               -- sha256 of its bytes; NULL when it could not be read
    first_seen   TIMESTAMPTZ NOT NULL,
    last_seen    TIMESTAMPTZ NOT NULL,
    outcome      VARCHAR NOT NULL,      -- loaded, duplicate, already_loaded, unchanged, rejected
    run_id       VARCHAR                -- the run that set last_seen and outcome
);
