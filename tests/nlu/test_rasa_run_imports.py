"""The Rasa server's entry point keeps JAX out of the process (issue 17: Rasa RSS; JAX cost
~120 MB in a paired bench) and TensorFlow and DIET still load without it; it loads DIET for
inference only (no traced training graph, no Adam slots: ~210 MB of anonymous memory), unless
RASA_STOCK_MODEL_LOAD=1 asks for Rasa's own load (to compare)."""

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
    from rasa.utils.tensorflow.models import RasaModel
    print(json.dumps({"jax": sys.modules.get("jax") is not None,
                      "tflite_jax": tflite_util._xla_computation is not None,
                      "inference_only_load": "load_models_for_inference_only"
                      in RasaModel.load.__func__.__qualname__}))
rasa.__main__.main = serve
os.environ["RASA_TOKEN"] = "probe-token"
runpy.run_path("scripts/rasa_run.py", run_name="__main__")
"""


def test_the_rasa_server_loads_tensorflow_and_diet_without_jax_for_inference_only() -> None:
    assert run_in_rasa_venv(PROBE, timeout=600) == {"jax": False, "tflite_jax": False,
                                                    "inference_only_load": True}


def test_rasa_stock_model_load_keeps_rasas_own_load() -> None:
    probe = PROBE.replace('os.environ["RASA_TOKEN"]', 'os.environ["RASA_STOCK_MODEL_LOAD"] = "1"\n'
                          'os.environ["RASA_TOKEN"]')
    assert run_in_rasa_venv(probe, timeout=600)["inference_only_load"] is False


def test_the_launcher_starts_rasa_through_rasa_run() -> None:
    from bot.launcher import RASA_RUN, Stack

    cmd = Stack(rasa_port=5999, actions_port=5998, gateway_port=5997).commands()["rasa"]
    assert cmd[1] == str(RASA_RUN) and cmd[2] == "run"
