"""The Rasa server's entry point keeps JAX out of the process (issue 17: Rasa RSS; JAX cost
~120 MB in a paired bench) and TensorFlow and DIET still load without it; it loads DIET for
inference only (no traced training graph, no Adam slots: ~210 MB of anonymous memory), unless
RASA_STOCK_MODEL_LOAD=1 asks for Rasa's own load (to compare)."""

from __future__ import annotations

import json

import pytest

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



# Loads the trained model in a fresh Rasa process, through the load scripts/rasa_run.py installs
# (RASA_STOCK_MODEL_LOAD chooses), and prints each text's intent ranking and entities.
PARSE = """
import asyncio, json, os, runpy, sys
import rasa.__main__
rasa.__main__.main = lambda: None
os.environ["RASA_TOKEN"] = "probe-token"
os.environ["RASA_STOCK_MODEL_LOAD"] = sys.argv[1]
runpy.run_path("scripts/rasa_run.py", run_name="__main__")
from rasa.core.agent import Agent
from rasa.model import get_latest_model
agent = Agent.load(get_latest_model("models"))
out = []
for text in json.loads(sys.argv[2]):
    p = asyncio.run(agent.parse_message(text))
    out.append([[[r["name"], round(r["confidence"], 6)] for r in p["intent_ranking"][:3]],
                sorted((e["entity"], e["value"]) for e in p["entities"])])
print(json.dumps(out, ensure_ascii=False))
"""

TEXTS = ["开公司要多久", "燃气报装要交钱吗", "我们是非居民用户", "你好", "营业执照在哪里办", "谢谢",
         "用水报装和用电报装分别几天", "不动产登记找哪个部门", "", "我想开个饭馆要办哪些手续"]


def test_the_inference_only_load_parses_exactly_as_rasas_own_load() -> None:
    """The memory saving must not change an answer: the same trained model gives the same
    intents, top-3 confidences and entities loaded either way."""
    from bot.launcher import ROOT

    if not list((ROOT / "models").glob("*.tar.gz")):
        pytest.skip("no trained model (make train)")
    texts = json.dumps(TEXTS, ensure_ascii=False)
    stock, ours = (run_in_rasa_venv(PARSE, flag, texts, timeout=900) for flag in ("1", "0"))
    assert ours == stock
    assert ours[0][0][0][0] == "ask_time_limit"  # a real parse, not an empty result


# Loads the model through scripts/rasa_run.py (RASA_KEEP_LOAD_PAGES chooses whether the load-only
# library pages are released) and prints the process's file-backed resident memory after the load
# and the parses of TEXTS.
RELEASE = PARSE.replace('os.environ["RASA_STOCK_MODEL_LOAD"] = sys.argv[1]',
                        'os.environ["RASA_KEEP_LOAD_PAGES"] = sys.argv[1]').replace(
    "out = []\n",
    "status = open('/proc/self/status').read()\n"
    "rss_file_mb = int(status.split('RssFile:')[1].split()[0]) // 1024\n"
    "out = [rss_file_mb]\n")


def test_releasing_load_only_library_pages_lowers_rss_and_changes_no_parse() -> None:
    """The Rasa server drops its page-table entries for read-only library pages after a model
    load (issue 17: Rasa RSS ≤ 1.0 GB): its file-backed RSS falls by well over 100 MB (TensorFlow's
    library is ~300 MB of it) and every parse stays the same, because those pages are the file's
    bytes and fault back in when used."""
    from bot.launcher import ROOT

    if not list((ROOT / "models").glob("*.tar.gz")):
        pytest.skip("no trained model (make train)")
    texts = json.dumps(TEXTS, ensure_ascii=False)
    (kept_mb, *kept), (released_mb, *released) = (
        run_in_rasa_venv(RELEASE, flag, texts, timeout=900) for flag in ("1", "0"))
    assert released == kept
    assert released[0][0][0][0] == "ask_time_limit"
    assert kept_mb - released_mb > 100, (kept_mb, released_mb)
