"""Dense features from a pretrained multilingual sentence encoder (Universal Sentence Encoder
multilingual v3), for DIET and the linear blend: one sentence feature per message (the encoder has
no per-token vectors). See services_catalog/sentence_encoder.py for why.
Not trainable: the encoder is fixed, so Rasa creates this component afresh when it loads a model.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from services_catalog.sentence_encoder import MODEL, shared_encoder


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class PretrainedSentenceFeaturizer(DenseFeaturizer, GraphComponent):
    @classmethod
    def required_components(cls) -> list[type]:
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # `model` names the weights so that a change of encoder changes Rasa's fingerprint.
        return {**DenseFeaturizer.get_default_config(), "model": MODEL}

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        if config.get("model") != MODEL:
            raise ValueError(f"PretrainedSentenceFeaturizer supports model: {MODEL} only")

    def __init__(self, config: dict[str, Any], execution_context: ExecutionContext) -> None:
        super().__init__(execution_context.node_name, config)
        self.encoder = shared_encoder()  # cross-validation creates us once per fold

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> PretrainedSentenceFeaturizer:
        return cls(config, execution_context)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._featurize(training_data.training_examples)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        self._featurize(messages)
        return messages

    def _featurize(self, messages: list[Message]) -> None:
        todo = [m for m in messages if m.get(TEXT) and m.get(TOKENS_NAMES[TEXT])]
        vectors = self.encoder.encode([m.get(TEXT) for m in todo])
        for message, vector in zip(todo, vectors, strict=True):
            self.add_features_to_message(None, vector[None, :], TEXT, message)
