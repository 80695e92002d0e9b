"""Benchmarks of the assistant against the embedding floor and a plain llama-index pipeline (`python -m benchmarks`)."""
