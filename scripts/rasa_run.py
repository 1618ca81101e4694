"""`rasa <args> --auth-token $RASA_TOKEN` without the token on the command line.

Rasa 3.6 takes its API token only as `--auth-token` (no environment variable or file), and a
command line is visible to every user in `ps`. bot/launcher.py runs this file with .venv-rasa's
Python instead of the `rasa` script: the token goes from the environment (readable by the
process's owner only) into Rasa's own argument list inside the process.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    token = os.environ.get("RASA_TOKEN", "")
    if not token:
        sys.exit("RASA_TOKEN is not set: Rasa's HTTP API must not run without a token")
    sys.argv = ["rasa", *sys.argv[1:], "--auth-token", token]
    # TensorFlow's TFLite helpers import JAX when it is installed (it comes with tensorflow in
    # .venv-rasa) only to convert JAX models, which a Rasa server never does; the import cost
    # ~75 MB of Rasa's RSS (issue 17: target 1.0 GB). None in sys.modules makes it ImportError,
    # which TensorFlow expects (tensorflow/lite/python/util.py).
    sys.modules.setdefault("jax", None)  # type: ignore[arg-type]
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
