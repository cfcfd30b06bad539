-- measure_facts: one wide row per measure, joined to its document, its article and its region (with the
-- region's city and province), for analysts and for the extracts. Every measure has exactly one row;
-- published_year is the document's year (NULL when the text gives none); indicator_id is the canonical
-- indicator (the indicators table) and indicator_name its Chinese name, NULL when none fits.
CREATE OR REPLACE VIEW measure_facts AS
SELECT m.measure_id, m.kind, m.indicator, m.sector, m.value, m.value_upper, m.value_raw, m.unit,
       m.comparator, m.direction, m.base_year, m.target_year,
       m.region_code, r.name AS region_name, m.region_level, m.place_name,
       r.city_code, c.name AS city_name, r.province_code, p.name AS province_name,
       m.evidence, m.span_start, m.span_end,
       m.doc_id, m.source_name, m.article_idx, m.sentence_idx,
       d.title AS doc_title, d.doc_type, d.issuer, d.doc_number, d.published_date, d.published_month_day,
       a.title AS article_title, a.author AS article_author,
       m.extractor_version,
       CAST(year(d.published_date) AS INTEGER) AS published_year,
       m.indicator_id, i.name_zh AS indicator_name,
       m.kind_rule, m.year_rule, m.place_rule, m.rules
FROM measures m
LEFT JOIN documents d ON d.doc_id = m.doc_id
LEFT JOIN articles a ON a.doc_id = m.doc_id AND a.article_idx = m.article_idx
LEFT JOIN regions r ON r.region_code = m.region_code
LEFT JOIN regions c ON c.region_code = r.city_code
LEFT JOIN regions p ON p.region_code = r.province_code
LEFT JOIN indicators i ON i.indicator_id = m.indicator_id;

COMMENT ON VIEW measure_facts IS 'One wide row per measure: the measure''s fields, its region with city and province names, its document (title, type, issuer, number, dates) and article, the sentence it was read from (evidence), its canonical indicator (indicator_id, indicator_name), and the extractor rules that decided it (kind_rule, year_rule, place_rule, rules).';
