"""The pretrained encoder behind the NLU (bot/nlu/): it runs in Rasa's venv, so these tests drive
it there in a subprocess and check what it gives DIET."""

from __future__ import annotations

import json

from tests.nlu.rasa_venv import run_in_rasa_venv

PROBE = r"""
import json, sys
import numpy as np
from services_catalog.sentence_encoder import SentenceEncoder
enc = SentenceEncoder()
texts = json.loads(sys.argv[1])
out = enc.encode(texts)
vecs = np.stack([e.sentence for e in out])
vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
print(json.dumps({
    "torch": "torch" in sys.modules,
    "similarity": (vecs @ vecs.T).round(3).tolist(),
    "spans": [e.spans for e in out],
    "dims": [list(e.pieces.shape) for e in out],
}))
"""


def _probe(texts: list[str]) -> dict:
    return run_in_rasa_venv(PROBE, json.dumps(texts, ensure_ascii=False), timeout=120)


def test_the_encoder_knows_paraphrases_from_unrelated_questions() -> None:
    # What DIET cannot learn from our examples: 注册公司需要多长时间 means 开公司要几天 although
    # they share one character, and 怎么减肥 shares a question word but not the topic.
    got = _probe(["开公司要几天", "注册公司需要多长时间", "怎么减肥", "完全正确", "说得对"])
    sim = got["similarity"]
    assert sim[0][1] > sim[0][2] + 0.1
    assert sim[3][4] > sim[3][2]
    assert got["torch"] is False  # the checkpoint is read without torch


def test_every_character_keeps_its_place_in_the_text() -> None:
    # Sequence features are put on jieba tokens by these spans; full-width and traditional
    # characters must not shift them.
    got = _probe(["開公司要幾天", "ｕｋｅｙ在哪领"])
    assert got["spans"][0] == [[i, i + 1] for i in range(6)]
    assert got["dims"][0] == [6, 512]
    assert got["spans"][1][-1][1] == len("ｕｋｅｙ在哪领")
