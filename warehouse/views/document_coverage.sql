-- document_coverage: which regions and years the documents cover, and how many measures each gave.
-- One row per document, keyed by its region (documents.region_code) and publication year (NULL when the
-- text gives none), with its measure counts by kind (0 when the extractor found none) and, for the
-- region x year it belongs to, how many documents and measures there are in all. A document with no
-- measures is a place to look for extraction gaps.
CREATE OR REPLACE VIEW document_coverage AS
WITH per_doc AS (
    SELECT d.doc_id,
           count(m.measure_id)                                  AS n_measures,
           count(m.measure_id) FILTER (WHERE m.kind = 'target')      AS n_targets,
           count(m.measure_id) FILTER (WHERE m.kind = 'achievement') AS n_achievements,
           count(m.measure_id) FILTER (WHERE m.kind IN ('baseline', 'potential')) AS n_other_measures,
           count(DISTINCT m.indicator)                          AS n_indicators,
           min(m.target_year) FILTER (WHERE m.kind = 'target')  AS first_target_year,
           max(m.target_year) FILTER (WHERE m.kind = 'target')  AS last_target_year
    FROM documents d
    LEFT JOIN measures m ON m.doc_id = d.doc_id
    GROUP BY d.doc_id
)
SELECT d.region_code,
       coalesce(r.name, d.region_name)                          AS region_name,
       coalesce(r.level, d.region_level)                        AS region_level,
       r.province_code,
       p.name                                                   AS province_name,
       CAST(year(d.published_date) AS INTEGER)                  AS published_year,
       d.doc_id, d.source_name, d.title, d.doc_type, d.issuer, d.published_date, d.n_articles,
       c.n_measures, c.n_targets, c.n_achievements, c.n_other_measures, c.n_indicators,
       c.first_target_year, c.last_target_year,
       count(*) OVER (PARTITION BY d.region_code, year(d.published_date))          AS n_documents_region_year,
       CAST(sum(c.n_measures) OVER (PARTITION BY d.region_code, year(d.published_date)) AS BIGINT) AS n_measures_region_year
FROM documents d
JOIN per_doc c ON c.doc_id = d.doc_id
LEFT JOIN regions r ON r.region_code = d.region_code
LEFT JOIN regions p ON p.region_code = r.province_code;

COMMENT ON VIEW document_coverage IS 'One row per document, keyed by region and publication year: its measure counts by kind (0 when none were found), the first and last year its targets are due, and the number of documents and measures in its region and year.';
