"""Find the catalog service a user message is about.

Three signals, strongest first:

1. a service name or alias appearing verbatim in the normalised message (confidence 1.0);
2. the same by toneless pinyin, for input-method typos such as 注测公司 → 注册公司 (0.85; 0.75
   when only a fuzzy pinyin match, e.g. zh/z, in/ing, n/l, fits);
3. BM25 over jieba tokens of name, aliases and description text, blended with the similarity to
   the service's closest example question (services_catalog/paraphrase.py); always below 0.8.

The message is read once into a `Query` (services_catalog/query.py); then phrase.py (1, 2),
lexical.py and fusion.py (3 and the final ranking) read it. index.py ties them together;
docs/pipeline.md shows the whole path of a message. This module keeps the public names.
"""

from services_catalog.query import Query
from services_catalog.question_cues import QUESTION_CUE
from services_catalog.search.common import Hit, SearchDoc
from services_catalog.search.fusion import FAMILY_MARGIN, FREE_TEXT_SCALE, PARAPHRASE_WEIGHT
from services_catalog.search.index import PARA_MIN_PHRASE, SearchIndex
from services_catalog.search.lexical import (
    BM25_MAX_CONF,
    BM25_MIN_CONF,
    K1,
    NAME_WEIGHT,
    SINGLE_CHAR_MAX_CONF,
    STOP_WORDS,
    SUBWORD_WEIGHT,
    B,
)
from services_catalog.search.phrase import (
    _VERB_MEASURE,
    CONF_CONTAINED,
    CONF_CROSSING,
    CONF_PINYIN,
    CONF_PINYIN_FUZZY,
    CONF_TEXT,
)
from services_catalog.search.phrase import relatives as _relatives
from services_catalog.search.pinyin import MAX_READING_COMBOS
from services_catalog.search.typos import COMMON_WORDS, REAL_WORD_FREQ

__all__ = [
    "B", "BM25_MAX_CONF", "BM25_MIN_CONF", "COMMON_WORDS", "CONF_CONTAINED", "CONF_CROSSING",
    "CONF_PINYIN", "CONF_PINYIN_FUZZY", "CONF_TEXT", "FAMILY_MARGIN", "FREE_TEXT_SCALE", "K1",
    "MAX_READING_COMBOS", "NAME_WEIGHT", "PARAPHRASE_WEIGHT", "PARA_MIN_PHRASE",
    "QUESTION_CUE", "REAL_WORD_FREQ", "SINGLE_CHAR_MAX_CONF", "STOP_WORDS", "SUBWORD_WEIGHT",
    "Hit", "Query", "SearchDoc", "SearchIndex", "_VERB_MEASURE", "_relatives",
]
