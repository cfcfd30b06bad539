-- targets_by_region_year: targets per region x target year x sector, with the region's name and level.
-- A target is a commitment (the commitments view): one target that five documents state counts once.
-- A target counts for its own region and rolls up through the regions dimension to its city and its
-- province, so a county's (or a town's, which the extractor files under its county) targets show under
-- its city and its province, and a city's under its province. n_own_targets counts only the region's own
-- targets; n_targets adds the rolled-up ones; n_statements counts the sentences that state them. Codes
-- missing from the regions table keep their own row (region_name NULL). target_year is NULL when the text
-- gives no year. There is no roll-up to the nation.
CREATE OR REPLACE VIEW targets_by_region_year AS
WITH t AS (
    SELECT c.commitment_id, c.doc_ids, c.n_statements, coalesce(c.indicator_name, c.indicator) AS indicator,
           c.sector, c.target_year, c.region_code, c.city_code, c.province_code
    FROM commitments c
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
       len(list_distinct(flatten(list(e.doc_ids))))   AS n_documents,
       count(DISTINCT e.indicator)                    AS n_indicators,
       string_agg(DISTINCT e.indicator, '；' ORDER BY e.indicator) AS indicators,
       CAST(sum(e.n_statements) AS BIGINT)            AS n_statements
FROM expanded e
LEFT JOIN regions g ON g.region_code = e.rollup_code
LEFT JOIN regions p ON p.region_code = g.province_code
GROUP BY e.rollup_code, g.name, g.level, g.province_code, p.name, e.target_year, e.sector;

COMMENT ON VIEW targets_by_region_year IS 'Distinct targets (commitments: one target stated by several documents counts once) per region x target year x sector. A county''s and a city''s targets roll up to their city and province (n_targets includes them, n_own_targets does not). Columns: region_code, region_name, region_level, province_code, province_name, target_year, sector, n_targets, n_own_targets, n_documents, n_indicators, indicators (canonical names where the target has an indicator_id), n_statements.';
