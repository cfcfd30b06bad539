-- carbon_milestones: one row per region whose texts commit to a carbon peak (碳达峰, 达峰, 峰值) or carbon
-- neutrality (碳中和) year: the earliest year of each, with the document, sentence and measure it comes
-- from (on a tie, the earliest published document, then the file name), and how many documents state a
-- milestone for the region. Only targets with a target year count.
CREATE OR REPLACE VIEW carbon_milestones AS
WITH m AS (
    SELECT m.measure_id, m.region_code, m.target_year, m.source_name, m.doc_id, m.evidence,
           d.title AS doc_title, d.published_date,
           CASE WHEN m.indicator LIKE '%中和%' THEN 'neutrality'
                WHEN m.indicator LIKE '%达峰%' OR m.indicator LIKE '%峰值%' THEN 'peak' END AS milestone
    FROM measures m
    LEFT JOIN documents d ON d.doc_id = m.doc_id
    WHERE m.kind = 'target' AND m.target_year IS NOT NULL
), ranked AS (
    SELECT *, row_number() OVER (PARTITION BY region_code, milestone
                                 ORDER BY target_year, published_date NULLS LAST, source_name, measure_id) AS rk
    FROM m
    WHERE milestone IS NOT NULL
)
SELECT x.region_code,
       r.name                                                       AS region_name,
       r.level                                                      AS region_level,
       r.province_code                                              AS province_code,
       max(target_year)  FILTER (WHERE milestone = 'peak' AND rk = 1)       AS peak_year,
       max(source_name)  FILTER (WHERE milestone = 'peak' AND rk = 1)       AS peak_source,
       max(doc_title)    FILTER (WHERE milestone = 'peak' AND rk = 1)       AS peak_doc_title,
       max(evidence)     FILTER (WHERE milestone = 'peak' AND rk = 1)       AS peak_evidence,
       max(measure_id)   FILTER (WHERE milestone = 'peak' AND rk = 1)       AS peak_measure_id,
       max(target_year)  FILTER (WHERE milestone = 'neutrality' AND rk = 1) AS neutrality_year,
       max(source_name)  FILTER (WHERE milestone = 'neutrality' AND rk = 1) AS neutrality_source,
       max(doc_title)    FILTER (WHERE milestone = 'neutrality' AND rk = 1) AS neutrality_doc_title,
       max(evidence)     FILTER (WHERE milestone = 'neutrality' AND rk = 1) AS neutrality_evidence,
       max(measure_id)   FILTER (WHERE milestone = 'neutrality' AND rk = 1) AS neutrality_measure_id,
       count(DISTINCT doc_id)                                       AS n_documents
FROM ranked x
LEFT JOIN regions r ON r.region_code = x.region_code
GROUP BY x.region_code, r.name, r.level, r.province_code;

COMMENT ON VIEW carbon_milestones IS 'Per region: the earliest carbon-peak and carbon-neutrality target years its texts state, each with its source file, document title, sentence and measure_id; n_documents counts the documents stating a milestone for the region.';
