"""Offline question answering over your articles."""
