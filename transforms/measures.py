"""Extract: the measures of sentences. The extractor is the package transforms/extract/ (passes of named
rules); this module keeps the stage's name for the pipeline and the flows."""
from __future__ import annotations

from transforms.extract import (EXTRACTOR_VERSION, Carry, Context, article_context, extract, measure_id,  # noqa: F401
                                sentence_measures)
from transforms.extract.candidates import value_re  # noqa: F401
