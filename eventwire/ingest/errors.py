"""The one exception readers raise for an input they cannot use.

It never leaves the package: :func:`eventwire.ingest.iter_articles` turns it
into a :class:`~eventwire.records.Rejected` handed to the caller's callback.
"""


class Unusable(Exception):
    """An input (file, line or record) that is skipped; ``str(exc)`` is the short reason a user sees."""
