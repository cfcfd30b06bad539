-- target_revisions: a target a later document revised. One row per pair of successive different values
-- stated for the same region, indicator (indicator_id, or the text when it has none), target year and unit,
-- in the order of the documents that state them (each value dated by its first publication; undated last),
-- when the two come from different documents: the earlier value with its source and sentence, the later
-- value with its own. Targets without a year, and a target that every document states alike, have no row.
CREATE OR REPLACE VIEW target_revisions AS
WITH c AS (
    SELECT *, coalesce(indicator_id, indicator) AS indicator_key,
           statements[1].source_name AS first_source, statements[1].evidence AS first_evidence
    FROM commitments
    WHERE value IS NOT NULL AND target_year IS NOT NULL
), v AS (
    -- one row per distinct value (two comparators of one value are no revision)
    SELECT region_code, region_name, region_level, province_code, indicator_key, indicator_id, indicator_name,
           target_year, unit, value,
           arg_min(comparator, (first_published, first_source))               AS comparator,
           arg_min(indicator, (first_published, first_source))                AS indicator,
           min(first_published)                                               AS published,
           arg_min(first_source, (first_published, first_source))             AS source_name,
           arg_min(first_evidence, (first_published, first_source))           AS evidence
    FROM c
    GROUP BY ALL
), seq AS (
    SELECT *, lag(value) OVER w AS earlier_value, lag(comparator) OVER w AS earlier_comparator,
           lag(published) OVER w AS earlier_published, lag(source_name) OVER w AS earlier_source,
           lag(evidence) OVER w AS earlier_evidence, lag(indicator) OVER w AS earlier_indicator
    FROM v
    WINDOW w AS (PARTITION BY region_code, indicator_key, target_year, unit
                 ORDER BY published NULLS LAST, source_name, value)
)
SELECT region_code, region_name, region_level, province_code, indicator_id, indicator_name,
       earlier_indicator, indicator AS later_indicator, target_year, unit,
       earlier_value, earlier_comparator, earlier_published, earlier_source, earlier_evidence,
       value AS later_value, comparator AS later_comparator, published AS later_published,
       source_name AS later_source, evidence AS later_evidence
FROM seq
WHERE earlier_value IS NOT NULL AND earlier_source IS DISTINCT FROM source_name;

COMMENT ON VIEW target_revisions IS 'Targets revised by a later document: for the same region, indicator (indicator_id, or the text), target year and unit, each pair of successive different values stated by different documents, in publication order, with the earlier and the later value, comparator, publication date, source file and sentence.';
