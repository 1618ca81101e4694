"""`rasa <args> --auth-token $RASA_TOKEN` without the token on the command line.

Rasa 3.6 takes its API token only as `--auth-token` (no environment variable or file), and a
command line is visible to every user in `ps`. bot/launcher.py runs this file with .venv-rasa's
Python instead of the `rasa` script: the token goes from the environment (readable by the
process's owner only) into Rasa's own argument list inside the process.
"""

from __future__ import annotations

import os
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
    if os.environ.get("RASA_STOCK_ACTION_VALIDATION") != "1":  # "1": Rasa's own, to compare
        validate_action_results_with_one_validator()
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


if __name__ == "__main__":
    main()
