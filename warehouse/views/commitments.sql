-- commitments: one row per distinct target, however many documents state it. A target is the same when the
-- region, the indicator (its canonical indicator_id, or the free text when it has none), the target year,
-- the comparator, the value and the unit are the same; the row carries how many documents (and sentences)
-- state it, the first and latest publication dates, and every statement (file, date, sentence, measure_id),
-- earliest first. is_latest says whether it is the value the latest document states for its region,
-- indicator, year and unit (an earlier value that a later document revised is not); target_revisions pairs
-- the two. Value-less commitments (2030年前碳达峰) have value NULL and group as one.
CREATE OR REPLACE VIEW commitments AS
WITH t AS (
    SELECT m.*, d.published_date, coalesce(m.indicator_id, m.indicator) AS indicator_key
    FROM measures m
    LEFT JOIN documents d ON d.doc_id = m.doc_id
    WHERE m.kind = 'target'
), c AS (
    SELECT region_code, indicator_key, target_year, comparator, value, unit,
           any_value(indicator_id)                                            AS indicator_id,
           mode(indicator ORDER BY indicator)                                 AS indicator,
           mode(sector ORDER BY sector)                                       AS sector,
           mode(direction ORDER BY direction)                                 AS direction,
           min(base_year)                                                     AS base_year,
           min(value_upper)                                                   AS value_upper,
           mode(value_raw ORDER BY value_raw)                                 AS value_raw,
           count(DISTINCT doc_id)                                             AS n_documents,
           count(*)                                                           AS n_statements,
           min(published_date)                                                AS first_published,
           max(published_date)                                                AS latest_published,
           list(DISTINCT source_name ORDER BY source_name)                    AS source_names,
           list(DISTINCT doc_id ORDER BY doc_id)                              AS doc_ids,
           list({'source_name': source_name, 'published_date': published_date, 'evidence': evidence,
                 'measure_id': measure_id}
                ORDER BY published_date NULLS LAST, source_name, measure_id)  AS statements,
           -- the order of documents: latest publication, then file name, then measure_id (as indicator_timeline)
           max((published_date, source_name, measure_id))                     AS latest_key
    FROM t
    GROUP BY region_code, indicator_key, target_year, comparator, value, unit
)
SELECT md5(concat_ws('|', c.region_code, c.indicator_key, coalesce(CAST(c.target_year AS VARCHAR), ''),
                     c.comparator, coalesce(CAST(c.value AS VARCHAR), ''), coalesce(c.unit, '')))
                                                                              AS commitment_id,
       c.region_code, r.name AS region_name, r.level AS region_level, r.city_code, r.province_code,
       c.indicator_id, i.name_zh AS indicator_name, c.indicator, c.sector,
       c.target_year, c.comparator, c.value, c.value_upper, c.value_raw, c.unit, c.direction, c.base_year,
       c.n_documents, c.n_statements, c.first_published, c.latest_published, c.source_names, c.statements,
       c.latest_key = max(c.latest_key) OVER (PARTITION BY c.region_code, c.indicator_key, c.target_year, c.unit)
                                                                              AS is_latest,
       c.doc_ids
FROM c
LEFT JOIN regions r ON r.region_code = c.region_code
LEFT JOIN indicators i ON i.indicator_id = c.indicator_id;

COMMENT ON VIEW commitments IS 'One row per distinct target (same region, indicator_id or else the indicator text, target year, comparator, value and unit), however many documents state it: n_documents, n_statements, first_published, latest_published, source_names and statements (file, date, sentence, measure_id, earliest first); is_latest marks the value the latest document states for its region, indicator, year and unit.';
