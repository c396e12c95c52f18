"""Packaged extraction models (built by scripts/train_classifier.py) and the held-out set."""
