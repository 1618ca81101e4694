"""The FastAPI gateway: the only process that faces users."""
