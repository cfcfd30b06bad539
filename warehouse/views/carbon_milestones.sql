-- carbon_milestones: per region, the earliest carbon-peak and carbon-neutrality years its texts commit to,
-- with the document and sentence each comes from.
CREATE OR REPLACE VIEW carbon_milestones AS
WITH m AS (
    SELECT measure_id, region_code, target_year, source_name, doc_id, evidence,
           CASE WHEN indicator LIKE '%中和%' THEN 'neutrality'
                WHEN indicator LIKE '%达峰%' OR indicator LIKE '%峰值%' THEN 'peak' END AS milestone
    FROM measures
    WHERE kind = 'target' AND target_year IS NOT NULL
)
SELECT m.region_code,
       r.name                                                              AS region_name,
       r.level                                                             AS region_level,
       min(target_year) FILTER (WHERE milestone = 'peak')                  AS peak_year,
       arg_min(source_name, target_year) FILTER (WHERE milestone = 'peak') AS peak_source,
       arg_min(evidence, target_year) FILTER (WHERE milestone = 'peak')    AS peak_evidence,
       min(target_year) FILTER (WHERE milestone = 'neutrality')            AS neutrality_year,
       arg_min(source_name, target_year) FILTER (WHERE milestone = 'neutrality') AS neutrality_source,
       arg_min(evidence, target_year) FILTER (WHERE milestone = 'neutrality')    AS neutrality_evidence,
       count(DISTINCT doc_id)                                              AS n_documents
FROM m
LEFT JOIN regions r ON r.region_code = m.region_code
WHERE milestone IS NOT NULL
GROUP BY ALL;
