"""Load and latency benchmarks against a running (or self-started) 吉速问 stack."""
