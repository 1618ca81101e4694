"""Run a snippet in Rasa's venv (the NLU components live there) and read its last line as JSON."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

from bot.launcher import RASA_BIN, ROOT

RASA_PY = RASA_BIN.parent / "python"


def run_in_rasa_venv(code: str, *args: str, timeout: int = 300) -> Any:
    if not RASA_PY.exists():
        pytest.skip("Rasa's venv is not installed (make install)")
    done = subprocess.run(
        [str(RASA_PY), "-c", code, *args], cwd=ROOT, capture_output=True, text=True,
        timeout=timeout,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "RASA_TELEMETRY_ENABLED": "false",
             "OPENBLAS_NUM_THREADS": "1"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
