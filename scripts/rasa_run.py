"""`rasa <args> --auth-token $RASA_TOKEN` without the token on the command line.

Rasa 3.6 takes its API token only as `--auth-token` (no environment variable or file), and a
command line is visible to every user in `ps`. bot/launcher.py runs this file with .venv-rasa's
Python instead of the `rasa` script: the token goes from the environment (readable by the
process's owner only) into Rasa's own argument list inside the process.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any


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
    if os.environ.get("RASA_STOCK_MODEL_LOAD") != "1":  # "1": Rasa's own load, to compare
        load_models_for_inference_only()
    if os.environ.get("RASA_KEEP_LOAD_PAGES") != "1":  # "1": keep them resident, to compare
        release_load_only_pages_after_each_model_load()
    if os.environ.get("RASA_STOCK_TURN") != "1":  # "1": Rasa's own per-turn code, to compare
        validate_action_results_with_one_validator()
        keep_action_server_connections()
        resolve_event_types_once()
    from rasa.__main__ import main as rasa_main

    rasa_main()


def load_models_for_inference_only() -> None:
    """Rasa builds a stored TensorFlow model (DIET) by *training it on one example* before it
    reads the weights (rasa/utils/tensorflow/models.py, `RasaModel.load`): `model.fit` traces the
    whole training graph (loss, gradients, Adam) and makes Adam's two slot variables per weight,
    which the weight file then fills. A server never trains, yet all of it stayed resident:
    ~210 MB of Rasa's anonymous memory (issue 17: RSS target 1.0 GB).

    Here the layers are built by one eager forward pass of the same training loss on the same
    example (every variable `fit` would make, nothing traced, no gradients, no optimizer), then
    the weights are read as before; the optimizer's slots in the file are skipped
    (`expect_partial`). The weights, the traced prediction function and so every answer are the
    same (tests/nlu/test_rasa_run_imports.py compares them). `rasa train --finetune` (the only
    caller with finetune_mode) keeps Rasa's own path.
    """
    from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator
    from rasa.utils.tensorflow.models import RasaModel

    rasa_load = RasaModel.load.__func__  # type: ignore[attr-defined]

    def load(cls: type[RasaModel], model_file_name: str, model_data_example: Any,
             predict_data_example: Any = None, finetune_mode: bool = False,
             *args: Any, **kwargs: Any) -> RasaModel:
        if finetune_mode:
            return rasa_load(cls, model_file_name, model_data_example, predict_data_example,
                             finetune_mode, *args, **kwargs)
        model = cls(*args, **kwargs)
        batch, _ = RasaBatchDataGenerator(model_data_example, batch_size=1)[0]
        model._training = True  # the training-mode pass builds the label layers too
        model.batch_loss(batch)
        model._training = None
        model.load_weights(model_file_name).expect_partial()
        if predict_data_example:
            model.run_inference(predict_data_example)  # trace the prediction function now
        return model

    RasaModel.load = classmethod(load)  # type: ignore[assignment, method-assign]


MADV_DONTNEED = 4
# A mapping header of /proc/self/smaps: address range, permissions, offset, device, inode, path.
_MAPPING = re.compile(r"^([0-9a-f]+)-([0-9a-f]+) (\S{4}) \S+ \S+ \S+\s*(.*)$")


def read_only_file_mappings() -> list[tuple[int, int]]:
    """Address ranges of this process's private, read-only mappings of regular files that hold no
    anonymous (copied-on-write) page: their contents are exactly the file's, so a page dropped
    from them is read back from the page cache (or the file) on its next use, unchanged."""
    ranges: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    with open("/proc/self/smaps", encoding="utf-8", errors="replace") as smaps:
        for line in smaps:
            header = _MAPPING.match(line)
            if header:
                start, end, perms, path = header.groups()
                current = None
                if (perms[1] == "-" and perms[3] == "p" and path.startswith("/")
                        and not path.startswith("/dev/") and not path.endswith("(deleted)")):
                    current = (int(start, 16), int(end, 16))
            elif line.startswith("Anonymous:") and current is not None:
                if line.split()[1] == "0":
                    ranges.append(current)
                current = None
    return ranges


def release_load_only_pages() -> int:
    """Drop this process's page-table entries for the pages of read-only library mappings (bytes
    advised). Importing TensorFlow and loading a model touch ~300 MB of `libtensorflow_cc.so`
    (op and kernel registration, graph tracing) that a serving process never runs again, and
    every touched page counts in the process's RSS until the kernel needs the memory. Measured
    (session 18): Rasa's RSS 560 MiB right after start, 628 MiB after ~1,300 evaluation messages
    (the pages inference uses fault back in from the page cache), against 950 MiB kept; the
    held-out answers are identical (tests/nlu/test_rasa_run_imports.py compares parses).
    Anonymous memory is not touched."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    released = 0
    for start, end in read_only_file_mappings():
        if libc.madvise(start, end - start, MADV_DONTNEED) == 0:
            released += end - start
    return released


def release_load_only_pages_after_each_model_load() -> None:
    """After Rasa loads a model (at start, and on `PUT /model` after the admin's retrain)."""
    from rasa.core.agent import Agent

    rasa_load_model = Agent.load_model

    def load_model(self: Agent, *args: Any, **kwargs: Any) -> None:
        rasa_load_model(self, *args, **kwargs)
        release_load_only_pages()

    Agent.load_model = load_model  # type: ignore[method-assign]


def validate_action_results_with_one_validator() -> None:
    """Rasa checks every action server reply against its events schema with
    `jsonschema.validate`, which first validates *the schema itself* against the JSON Schema
    meta-schema and builds a new validator: ~10 % of Rasa's CPU per message (issue 17, py-spy).
    Here the schema is checked once and one validator is reused; each reply is validated and
    errors are raised exactly as before (same best_match error, same message suffix)."""
    from jsonschema import ValidationError, exceptions, validators
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)

    def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        error = exceptions.best_match(validator.iter_errors(result))
        if error is None:
            return True
        assert isinstance(error, ValidationError)
        error.message += (
            ". Failed to validate Action server response from API, "
            "make sure your response from the Action endpoint is valid. "
            "For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error

    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]


KEEPALIVE_S = 2.0  # below the action server's (Sanic's) 5 s, so it never closes one in use


def keep_action_server_connections() -> None:
    """Rasa opens a new aiohttp ClientSession, and so a new TCP connection, for every call to
    the action server (`EndpointConfig.request`): ~5 % of Rasa's CPU per message (py-spy), and
    the action server accepts a connection per turn. Here each endpoint (same URL, headers and
    auth) keeps one session with keep-alive connections; requests are made as before."""
    import asyncio

    import aiohttp
    from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

    kept: dict[tuple[Any, ...], tuple[asyncio.AbstractEventLoop, aiohttp.ClientSession]] = {}

    class _KeptOpen:
        """`async with endpoint.session() as s` without closing the shared session."""

        def __init__(self, session: aiohttp.ClientSession) -> None:
            self.session = session

        async def __aenter__(self) -> aiohttp.ClientSession:
            return self.session

        async def __aexit__(self, *exc: object) -> None:
            return None

    def session(self: EndpointConfig) -> Any:
        loop = asyncio.get_running_loop()
        key = (self.url, repr(sorted((self.headers or {}).items())), repr(self.basic_auth))
        found = kept.get(key)
        if found is None or found[0] is not loop or found[1].closed:
            auth = (aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
                    if self.basic_auth else None)
            found = (loop, aiohttp.ClientSession(
                headers=self.headers, auth=auth,
                timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_S)))
            kept[key] = found
        return _KeptOpen(found[1])

    EndpointConfig.session = session  # type: ignore[method-assign]


def resolve_event_types_once() -> None:
    """Every event read back (the tracker on each turn, the action server's reply) finds its
    class by walking all Event subclasses (`Event.resolve_by_type`, with an `inspect.isabstract`
    per class): ~2 % of Rasa's CPU. The walk is done once; a name not found then (an event class
    imported later) falls back to Rasa's walk. Same first-match-in-walk-order result."""
    import rasa.shared.utils.common
    from rasa.shared.core.events import Event

    rasa_resolve = Event.resolve_by_type
    by_name: dict[str, type[Event]] = {}

    def resolve_by_type(type_name: str, default: type[Event] | None = None,
                        ) -> type[Event] | None:
        if not by_name:
            for cls in rasa.shared.utils.common.all_subclasses(Event):
                by_name.setdefault(cls.type_name, cls)
        found = by_name.get(type_name)
        return found if found is not None else rasa_resolve(type_name, default)

    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign]


if __name__ == "__main__":
    main()
