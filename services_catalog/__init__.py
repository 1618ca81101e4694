"""The service catalog: the single source of truth for every figure the assistant states."""
