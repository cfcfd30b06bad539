"""The pure core: functions from bytes, text or Arrow tables to Arrow tables.

Stages and their contracts (schemas in ``schemas.tables``):

- ``ingest.ingest(files, now)``          -> IngestResult(raw_documents, decoded, rejects)
- ``clean.clean(decoded)``               -> (cleaned, rejects)
- ``structure.structure(cleaned, pipeline_version)`` -> (documents, articles, rejects)
- ``segment.segment(articles)``          -> sentences
- ``measures.extract(documents, articles, sentences)`` -> measures

Every ``rejects`` above is a list of (source_name, doc_id, ``rejects.Reject``); the flow turns them into
rows of the ``rejects`` table with ``rejects.rejects_table``. No Prefect and no DuckDB in here.
"""
PIPELINE_VERSION = "0.2.1"  # 0.2.1: measures.indicator_id (transforms.indicator_ids)
