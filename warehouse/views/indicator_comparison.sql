-- indicator_comparison: one canonical indicator compared across places. One row per indicator_id x region x
-- target year that some document sets a target for: the latest stated target (latest published document,
-- then the last file name, then the measure_id: value, unit, comparator, direction, base year, source and
-- sentence), how many documents state a target there and how many different values they give, and beside it
-- the latest reported value (achievement or baseline) for the same indicator and place, of any year (the
-- latest year, then the latest document), with its year and source.
-- Every province's 2025 non-fossil share target:
--   SELECT * FROM indicator_comparison WHERE indicator_id = 'non_fossil_share' AND target_year = 2025
--   AND region_level = 'province'
CREATE OR REPLACE VIEW indicator_comparison AS
WITH m AS (
    SELECT m.*, d.published_date
    FROM measures m
    LEFT JOIN documents d ON d.doc_id = m.doc_id
    WHERE m.indicator_id IS NOT NULL
), targets AS (
    SELECT indicator_id, region_code, target_year,
           arg_max(measure_id, (published_date, source_name, measure_id))      AS target_measure_id,
           count(DISTINCT doc_id)                                               AS n_documents,
           count(DISTINCT (value, unit, comparator))                            AS n_values
    FROM m
    WHERE kind = 'target' AND target_year IS NOT NULL
    GROUP BY indicator_id, region_code, target_year
), reported AS (
    SELECT indicator_id, region_code,
           arg_max(measure_id, (target_year, published_date, source_name, measure_id)) AS reported_measure_id
    FROM m
    WHERE kind IN ('achievement', 'baseline')
    GROUP BY indicator_id, region_code
)
SELECT t.indicator_id, i.name_zh AS indicator_name, i.name_en AS indicator_name_en, i.sector,
       t.region_code, r.name AS region_name, r.level AS region_level, r.province_code, p.name AS province_name,
       t.target_year,
       x.value AS target_value, x.value_upper AS target_value_upper, x.unit AS target_unit,
       x.comparator AS target_comparator, x.direction AS target_direction, x.base_year AS target_base_year,
       x.value_raw AS target_value_raw, x.indicator AS target_indicator,
       x.source_name AS target_source, x.published_date AS target_published, x.evidence AS target_evidence,
       t.target_measure_id, t.n_documents, t.n_values,
       a.target_year AS reported_year, a.value AS reported_value, a.unit AS reported_unit,
       a.direction AS reported_direction, a.base_year AS reported_base_year, a.value_raw AS reported_value_raw,
       a.kind AS reported_kind, a.source_name AS reported_source, a.published_date AS reported_published,
       a.evidence AS reported_evidence, q.reported_measure_id
FROM targets t
JOIN m x ON x.measure_id = t.target_measure_id
LEFT JOIN reported q ON q.indicator_id = t.indicator_id AND q.region_code = t.region_code
LEFT JOIN m a ON a.measure_id = q.reported_measure_id
LEFT JOIN indicators i ON i.indicator_id = t.indicator_id
LEFT JOIN regions r ON r.region_code = t.region_code
LEFT JOIN regions p ON p.region_code = r.province_code;

COMMENT ON VIEW indicator_comparison IS 'One canonical indicator across places: per indicator_id x region x target year, the latest stated target (value, unit, comparator, direction, base year, source, sentence; n_documents stating a target, n_values different values) beside the latest reported value (achievement or baseline, any year) for the same indicator and place, with its year and source.';
