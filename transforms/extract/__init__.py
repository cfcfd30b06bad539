"""Extraction as passes of named rules: numbers with units, times, places and cue words -> measures
(see ../shared/MEASURES.md, and the README's section "How extraction decides").

One pass a sentence (sentence.py), in this order:

- candidates.py: every value with a known unit (numbers.py reads the numeral, units.py the unit);
- filters.py: what is no measure (ordinals, codes, quoted names, thresholds, specifications ...);
- naming.py: the indicator (indicators.py reads the noun phrases) and its sector;
- time.py: the governing time and base year (timex.py), and the year the row records;
- kind.py: target, achievement, baseline or potential (cue words in data/cues.tsv);
- place.py: the region (regions.place_of_value);
- commitments.py: value-less dated commitments (2030年前实现碳达峰).

document.py reads an article's sentences in order (indicator tables, headings and sections, what a
sentence hands to the next); context.py holds what an article and a section tell. Every rule has an
id (rules.ALL), and each row records the rules that decided its kind, year and place (``kind_rule``,
``year_rule``, ``place_rule``, and ``rules``: every rule that shaped the row, in pass order).
``explain.explain`` shows the rules at work on one sentence (``tanlu explain``).
"""
from transforms.extract.context import Carry, Context, Section, article_context
from transforms.extract.document import EXTRACTOR_VERSION, article_measures, extract, measure_id
from transforms.extract.sentence import sentence_measures

__all__ = ["EXTRACTOR_VERSION", "Carry", "Context", "Section", "article_context", "article_measures", "extract",
           "measure_id", "sentence_measures"]
