-- indicator_timeline: an indicator's values by region and year, targets beside achievements.
-- One row per (indicator, unit, region, year), where year is the measure's target_year (the year a target
-- is due, or the year an achievement refers to); measures with no year are left out. When several
-- documents state a value for the same cell, the latest published one wins (then the last file name,
-- then the measure_id), and n_targets / n_achievements say how many statements there were.
-- Filter it by indicator: SELECT * FROM indicator_timeline WHERE indicator = '非化石能源消费比重'.
CREATE OR REPLACE VIEW indicator_timeline AS
WITH m AS (
    SELECT m.*, d.published_date, d.title AS doc_title
    FROM measures m
    LEFT JOIN documents d ON d.doc_id = m.doc_id
    WHERE m.target_year IS NOT NULL AND m.kind IN ('target', 'achievement')
), ranked AS (
    SELECT *, row_number() OVER (PARTITION BY indicator, unit, region_code, target_year, kind
                                 ORDER BY published_date DESC NULLS LAST, source_name DESC, measure_id DESC) AS rk
    FROM m
)
SELECT x.indicator,
       x.unit,
       x.region_code,
       r.name                                                           AS region_name,
       r.level                                                          AS region_level,
       r.province_code                                                  AS province_code,
       x.target_year                                                    AS year,
       max(value)       FILTER (WHERE kind = 'target' AND rk = 1)       AS target_value,
       max(comparator)  FILTER (WHERE kind = 'target' AND rk = 1)       AS target_comparator,
       max(value_raw)   FILTER (WHERE kind = 'target' AND rk = 1)       AS target_value_raw,
       max(source_name) FILTER (WHERE kind = 'target' AND rk = 1)       AS target_source,
       max(value)       FILTER (WHERE kind = 'achievement' AND rk = 1)  AS achieved_value,
       max(value_raw)   FILTER (WHERE kind = 'achievement' AND rk = 1)  AS achieved_value_raw,
       max(source_name) FILTER (WHERE kind = 'achievement' AND rk = 1)  AS achieved_source,
       count(*) FILTER (WHERE kind = 'target')                          AS n_targets,
       count(*) FILTER (WHERE kind = 'achievement')                     AS n_achievements
FROM ranked x
LEFT JOIN regions r ON r.region_code = x.region_code
GROUP BY x.indicator, x.unit, x.region_code, r.name, r.level, r.province_code, x.target_year;

COMMENT ON VIEW indicator_timeline IS 'An indicator''s values by region and year (the target year, or the year an achievement refers to): the latest stated target beside the latest reported achievement, with their sources and how many statements of each there were. Measures without a year are left out.';
