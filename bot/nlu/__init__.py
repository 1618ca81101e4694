"""Rasa NLU components of our own (loaded by the Rasa server from config.yml, not the gateway)."""
