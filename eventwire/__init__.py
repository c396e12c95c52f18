"""eventwire: news articles about armed conflict in, a queryable incident database out."""

__version__ = "0.1.0"
