-- targets_by_region_year: targets per region x target year x sector, with the region's name and level.
-- A target counts for its own region and rolls up through the regions dimension to its city and its
-- province, so a county's (or a town's, which the extractor files under its county) targets show under
-- its city and its province, and a city's under its province. n_own_targets counts only the region's own
-- targets; n_targets adds the rolled-up ones. Codes missing from the regions table keep their own row
-- (region_name NULL). target_year is NULL when the text gives no year. There is no roll-up to the nation.
CREATE OR REPLACE VIEW targets_by_region_year AS
WITH t AS (
    SELECT m.measure_id, m.doc_id, m.indicator, m.sector, m.target_year, m.region_code,
           r.city_code, r.province_code
    FROM measures m
    LEFT JOIN regions r ON r.region_code = m.region_code
    WHERE m.kind = 'target'
), expanded AS (
    SELECT region_code AS rollup_code, 'self' AS rollup, * FROM t
    UNION ALL
    SELECT city_code, 'city', * FROM t
    WHERE city_code IS NOT NULL AND city_code <> region_code
    UNION ALL
    SELECT province_code, 'province', * FROM t
    WHERE province_code IS NOT NULL AND province_code <> region_code AND province_code <> coalesce(city_code, '')
)
SELECT e.rollup_code                                  AS region_code,
       g.name                                         AS region_name,
       g.level                                        AS region_level,
       g.province_code                                AS province_code,
       p.name                                         AS province_name,
       e.target_year,
       e.sector,
       count(*)                                       AS n_targets,
       count(*) FILTER (WHERE e.rollup = 'self')      AS n_own_targets,
       count(DISTINCT e.doc_id)                       AS n_documents,
       count(DISTINCT e.indicator)                    AS n_indicators,
       string_agg(DISTINCT e.indicator, '；' ORDER BY e.indicator) AS indicators
FROM expanded e
LEFT JOIN regions g ON g.region_code = e.rollup_code
LEFT JOIN regions p ON p.region_code = g.province_code
GROUP BY e.rollup_code, g.name, g.level, g.province_code, p.name, e.target_year, e.sector;

COMMENT ON VIEW targets_by_region_year IS 'Targets per region x target year x sector. A county''s and a city''s targets roll up to their city and province (n_targets includes them, n_own_targets does not). Columns: region_code, region_name, region_level, province_code, province_name, target_year, sector, n_targets, n_own_targets, n_documents, n_indicators, indicators.';
