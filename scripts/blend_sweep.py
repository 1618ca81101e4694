"""Offline k-fold loop for the intent blend (issue 17): featurise each fold once with the
pipeline's own components, train DIET once per fold, then sweep the linear blend's parameters
(C, dense_weight, diet_weight) in seconds instead of one `make crossval` per setting.

Run in the Rasa venv from the repository root, after `make nlu`:
    .venv-rasa/bin/python scripts/blend_sweep.py [--folds 5] [--seed 0] [--diet-epochs 25]
The folds are stratified with a fixed seed (`rasa test nlu --cross-validation` draws new ones
each run, so its figure moves by a few thousandths between runs); the FallbackClassifier is left
out, as `rasa test nlu` undoes its prediction before scoring.
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse
import yaml
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer,
)
from rasa.nlu.featurizers.sparse_featurizer.lexical_syntactic_featurizer import (
    LexicalSyntacticFeaturizer,
)
from rasa.nlu.featurizers.sparse_featurizer.regex_featurizer import RegexFeaturizer
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.shared.importers.importer import TrainingDataImporter
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from bot.nlu.pretrained_featurizer import PretrainedSentenceFeaturizer

CLASSES = {
    "JiebaTokenizer": JiebaTokenizer,
    "RegexFeaturizer": RegexFeaturizer,
    "LexicalSyntacticFeaturizer": LexicalSyntacticFeaturizer,
    "CountVectorsFeaturizer": CountVectorsFeaturizer,
    "bot.nlu.pretrained_featurizer.PretrainedSentenceFeaturizer": PretrainedSentenceFeaturizer,
}


def pipeline_config(path: str) -> tuple[list[tuple[type, dict[str, Any]]], dict[str, Any]]:
    """The featurizers of config.yml in order, and DIET's config."""
    steps, diet = [], {}
    for item in yaml.safe_load(Path(path).read_text(encoding="utf-8"))["pipeline"]:
        name = item["name"]
        cfg = {k: v for k, v in item.items() if k != "name"}
        if name in CLASSES:
            steps.append((CLASSES[name], cfg))
        elif name == "DIETClassifier":
            diet = cfg
    return steps, diet


def build(cls: type, cfg: dict[str, Any], storage: LocalModelStorage, name: str) -> Any:
    ctx = replace(ExecutionContext(GraphSchema({})), node_name=name)
    return cls.create({**cls.get_default_config(), **cfg}, storage, Resource(name), ctx)


def fold_data(train: TrainingData, test: list[Message], steps, diet_cfg, workdir: Path,
              fold: int) -> tuple[list[Message], list[Message], list[dict[str, float]]]:
    (workdir / f"fold{fold}").mkdir()
    storage = LocalModelStorage(workdir / f"fold{fold}")
    for i, (cls, cfg) in enumerate(steps):
        component = build(cls, cfg, storage, f"{cls.__name__}{i}")
        if cls in (RegexFeaturizer, LexicalSyntacticFeaturizer, CountVectorsFeaturizer):
            component.train(train)
        component.process_training_data(train)
        component.process(test)
    if diet_cfg.get("epochs") == 0:  # the linear part alone
        return train.intent_examples, test, [{} for _ in test]
    diet = build(DIETClassifier, diet_cfg, storage, "diet")
    diet.train(train)
    diet.process(test)
    rankings = [{r["name"]: r["confidence"] for r in m.get(INTENT_RANKING_KEY)} for m in test]
    return train.intent_examples, test, rankings


def sentence_features(messages: list[Message]) -> tuple[scipy.sparse.csr_matrix, np.ndarray]:
    sparse_rows, dense_rows = [], []
    for message in messages:
        _, sparse = message.get_sparse_features(TEXT)
        _, dense = message.get_dense_features(TEXT)
        vec = scipy.sparse.csr_matrix(sparse.features, dtype=np.float32)
        norm = np.sqrt(vec.multiply(vec).sum())
        sparse_rows.append(vec / norm if norm else vec)
        d = np.asarray(dense.features, dtype=np.float32).reshape(-1)
        dense_rows.append(d / (np.linalg.norm(d) or 1.0))
    return scipy.sparse.vstack(sparse_rows, format="csr"), np.vstack(dense_rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--config", default="config.yml")
    parser.add_argument("--diet", default="{}",
                        help='JSON overriding DIET\'s config; {"epochs": 0}: the linear part alone')
    parser.add_argument("--cs", default="10,30,100")
    parser.add_argument("--dense-weights", default="1,1.5,2,3")
    parser.add_argument("--diet-weights", default="0,0.2,0.3,0.4,0.5,1")
    parser.add_argument("--out", default="results/blend_sweep.json")
    parser.add_argument("--cache", help="pickle of the featurised folds (written, then reused)")
    args = parser.parse_args()

    steps, diet_cfg = pipeline_config(args.config)
    diet_cfg.update(json.loads(args.diet))
    importer = TrainingDataImporter.load_from_config(args.config, "domain.yml", ["data"])
    data = importer.get_nlu_data()
    examples = [m for m in data.intent_examples if m.get(TEXT)]
    labels = np.array([m.get(INTENT) for m in examples])
    skf = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=args.seed)
    cache = Path(args.cache) if args.cache else None
    folds = pickle.loads(cache.read_bytes()) if cache and cache.exists() else []
    with tempfile.TemporaryDirectory() as tmp:
        for fold, (tr, te) in enumerate(skf.split(np.zeros(len(labels)), labels)):
            if fold < len(folds):
                continue
            start = time.time()
            train = TrainingData(
                training_examples=[Message(data=dict(examples[i].data)) for i in tr],
                entity_synonyms=data.entity_synonyms, regex_features=data.regex_features,
                lookup_tables=data.lookup_tables)
            test = [Message(data={TEXT: examples[i].get(TEXT), INTENT: labels[i]}) for i in te]
            tr_msgs, te_msgs, rankings = fold_data(train, test, steps, diet_cfg, Path(tmp), fold)
            folds.append((sentence_features(tr_msgs), [m.get(INTENT) for m in tr_msgs],
                          sentence_features(te_msgs), labels[te], rankings))
            print(f"fold {fold}: {time.time() - start:.0f} s", flush=True)
            if cache:  # the featurised folds, to sweep again without featurising (trusted file)
                cache.parent.mkdir(exist_ok=True)
                cache.write_bytes(pickle.dumps(folds))

    results = []
    cs = [float(x) for x in args.cs.split(",")]
    dws = [float(x) for x in args.dense_weights.split(",")]
    diet_ws = [float(x) for x in args.diet_weights.split(",")]
    for dw, c in itertools.product(dws, cs):
        preds: dict[float, list[str]] = {w: [] for w in diet_ws}
        truth: list[str] = []
        for (tr_s, tr_d), tr_y, (te_s, te_d), te_y, rankings in folds:
            x_tr = scipy.sparse.hstack([tr_s, scipy.sparse.csr_matrix(tr_d * dw)], format="csr")
            x_te = scipy.sparse.hstack([te_s, scipy.sparse.csr_matrix(te_d * dw)], format="csr")
            model = LogisticRegression(C=c, max_iter=3000).fit(x_tr, tr_y)
            probs = model.predict_proba(x_te)
            truth.extend(te_y)
            for w in diet_ws:
                for row, ranking in zip(probs, rankings, strict=True):
                    blend = w * np.array([ranking.get(k, 0.0) for k in model.classes_]) \
                        + (1 - w) * row
                    preds[w].append(str(model.classes_[int(np.argmax(blend))]))
        for w in diet_ws:
            f1 = f1_score(truth, preds[w], average="macro")
            results.append({"C": c, "dense_weight": dw, "diet_weight": w, "macro_f1": f1})
            print(f"C={c:<6} dense={dw:<4} diet={w:<4} macro-F1 {f1:.4f}", flush=True)
    best = max(results, key=lambda r: r["macro_f1"])
    print("best:", best)
    Path(args.out).parent.mkdir(exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
