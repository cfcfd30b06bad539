-- targets_by_region_year: targets per region x target year x sector. A measure counts for its own region
-- and rolls up to its city and its province through the regions dimension (column `rollup`: self,
-- city or province), so a town's or county's targets show under their city and province too.
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
       e.target_year,
       e.sector,
       count(*)                                       AS n_targets,
       count(*) FILTER (WHERE e.rollup = 'self')      AS n_own_targets,
       count(DISTINCT e.doc_id)                       AS n_documents,
       count(DISTINCT e.indicator)                    AS n_indicators,
       string_agg(DISTINCT e.indicator, '；' ORDER BY e.indicator) AS indicators
FROM expanded e
JOIN regions g ON g.region_code = e.rollup_code
GROUP BY ALL;
