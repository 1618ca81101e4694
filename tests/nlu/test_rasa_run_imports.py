"""The Rasa server's entry point keeps JAX out of the process (issue 17: Rasa RSS; JAX cost
~120 MB in a paired bench) and TensorFlow and DIET still load without it."""

from __future__ import annotations

from tests.nlu.rasa_venv import run_in_rasa_venv

# scripts/rasa_run.py as the launcher runs it, with Rasa's CLI replaced by what a server loads
# (TensorFlow with its TFLite helpers, DIET); prints whether JAX ended up imported.
PROBE = """
import json, os, runpy, sys
import rasa.__main__
def serve():
    import importlib
    import rasa.nlu.classifiers.diet_classifier  # noqa: F401
    tflite_util = importlib.import_module("tensorflow.lite.python.util")
    print(json.dumps({"jax": sys.modules.get("jax") is not None,
                      "tflite_jax": tflite_util._xla_computation is not None}))
rasa.__main__.main = serve
os.environ["RASA_TOKEN"] = "probe-token"
runpy.run_path("scripts/rasa_run.py", run_name="__main__")
"""


def test_the_rasa_server_loads_tensorflow_and_diet_without_jax() -> None:
    assert run_in_rasa_venv(PROBE, timeout=600) == {"jax": False, "tflite_jax": False}
