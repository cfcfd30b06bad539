-- carbon_milestones: one row per region whose texts commit to a carbon peak (碳达峰, 二氧化碳排放达峰, 碳排放
-- 峰值…; not 煤炭消费达峰) or carbon neutrality (碳中和): the year of each, with the document, sentence and
-- measure it comes from. When the texts disagree, the year stated by the most documents wins, then the
-- earliest; peak_years / neutrality_years list every year stated, so a disagreement shows. The source is
-- the earliest published document stating the chosen year (then the file name). Only targets with a year count.
-- A milestone belongs to the place it is about: when the clause that states it makes a part of the region its
-- subject (a demonstration zone, park, development or new area, pilot, "places with the conditions", a sector
-- or industry: 推进示范区在2025年率先实现…二氧化碳达峰, 工业领域碳达峰; not 全领域 or 各领域), it is that part's,
-- not the region's: it is left out of peak_year / neutrality_year and listed in part_milestones instead (a
-- region whose texts state only such milestones has no row).
CREATE OR REPLACE VIEW carbon_milestones AS
WITH all_m AS (
    SELECT m.measure_id, m.region_code, m.target_year, m.source_name, m.doc_id, m.evidence,
           d.title AS doc_title, d.published_date,
           CASE WHEN m.indicator LIKE '%碳中和%' THEN 'neutrality'
                WHEN m.indicator LIKE '%碳%达峰%' OR m.indicator LIKE '%碳%峰值%' OR m.indicator IN ('达峰', '峰值')
                THEN 'peak' END AS milestone,
           regexp_extract(m.evidence,
               '(\p{Han}{0,4}?)([全各]?)(示范区|园区|开发区|高新区|新区|试点|先行区|启动区|有条件的(?:地方|地区|城市)|部分(?:地方|地区|城市)|行业|领域)[^，。；,;]{0,25}(?:达峰|峰值|碳中和)',
               ['before', 'whole', 'part']) AS subject
    FROM measures m
    LEFT JOIN documents d ON d.doc_id = m.doc_id
    WHERE m.kind = 'target' AND m.target_year IS NOT NULL
), parted AS (
    SELECT * EXCLUDE (subject),
           CASE WHEN milestone IS NOT NULL AND subject.part <> '' AND subject.whole = ''
                THEN subject.before || subject.part END AS part
    FROM all_m
), parts AS (
    SELECT region_code,
           list({'part': part, 'milestone': milestone, 'year': target_year, 'source': source_name,
                 'measure_id': measure_id} ORDER BY milestone, target_year, part, measure_id) AS part_milestones
    FROM parted WHERE part IS NOT NULL
    GROUP BY region_code
), m AS (
    SELECT * EXCLUDE (part) FROM parted WHERE part IS NULL
), years AS (
    SELECT region_code, milestone, target_year, count(DISTINCT doc_id) AS n_docs
    FROM m WHERE milestone IS NOT NULL
    GROUP BY region_code, milestone, target_year
), chosen AS (
    SELECT region_code, milestone,
           arg_max(target_year, (n_docs, -target_year))                   AS target_year,
           string_agg(CAST(target_year AS VARCHAR), ', ' ORDER BY target_year) AS all_years
    FROM years
    GROUP BY region_code, milestone
), src AS (
    SELECT m.*, c.all_years,
           row_number() OVER (PARTITION BY m.region_code, m.milestone
                              ORDER BY m.published_date NULLS LAST, m.source_name, m.measure_id) AS rk
    FROM m
    JOIN chosen c ON c.region_code = m.region_code AND c.milestone = m.milestone AND c.target_year = m.target_year
)
SELECT x.region_code,
       r.name                                                       AS region_name,
       r.level                                                      AS region_level,
       r.province_code                                              AS province_code,
       max(target_year)  FILTER (WHERE milestone = 'peak')                  AS peak_year,
       max(source_name)  FILTER (WHERE milestone = 'peak')                  AS peak_source,
       max(doc_title)    FILTER (WHERE milestone = 'peak')                  AS peak_doc_title,
       max(evidence)     FILTER (WHERE milestone = 'peak')                  AS peak_evidence,
       max(measure_id)   FILTER (WHERE milestone = 'peak')                  AS peak_measure_id,
       max(target_year)  FILTER (WHERE milestone = 'neutrality')            AS neutrality_year,
       max(source_name)  FILTER (WHERE milestone = 'neutrality')            AS neutrality_source,
       max(doc_title)    FILTER (WHERE milestone = 'neutrality')            AS neutrality_doc_title,
       max(evidence)     FILTER (WHERE milestone = 'neutrality')            AS neutrality_evidence,
       max(measure_id)   FILTER (WHERE milestone = 'neutrality')            AS neutrality_measure_id,
       (SELECT count(DISTINCT doc_id) FROM m WHERE m.region_code = x.region_code AND m.milestone IS NOT NULL)
                                                                            AS n_documents,
       max(all_years)    FILTER (WHERE milestone = 'peak')                  AS peak_years,
       max(all_years)    FILTER (WHERE milestone = 'neutrality')            AS neutrality_years,
       any_value(p.part_milestones)                                         AS part_milestones
FROM src x
LEFT JOIN regions r ON r.region_code = x.region_code
LEFT JOIN parts p ON p.region_code = x.region_code
WHERE x.rk = 1
GROUP BY x.region_code, r.name, r.level, r.province_code;

COMMENT ON VIEW carbon_milestones IS 'Per region: the carbon-peak and carbon-neutrality target years its texts state (the year most documents state, then the earliest; peak_years and neutrality_years list all), each with its source file, document title, sentence and measure_id; n_documents counts the documents stating a milestone for the region; part_milestones lists the milestones its texts set for a part of it (a demonstration zone, a park, a sector: part, milestone, year, source, measure_id), which are not the region''s own.';
