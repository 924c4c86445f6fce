"""Offline question answering over your articles, with verified citations."""

import os

# torch (embeddings) and llama.cpp (generation) both use OpenMP on the same 2 cores; busy-waiting
# threads of one starve the other. Measured: first token 18 s -> 5.5 s on the seed questions.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
