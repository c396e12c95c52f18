"""Named exceptions.  Library code raises these; the CLI turns each into one clear line."""


class EventwireError(Exception):
    """Base class: anything the user can act on, with a message that says what to do."""


class InputError(EventwireError):
    """An input file or record cannot be read (the message names the reason)."""


class ConfigError(EventwireError):
    """A settings file or option is wrong."""


class StoreError(EventwireError):
    """The database file cannot be opened or is of a newer schema than this version knows."""


class ModelError(EventwireError):
    """A packaged model or data file is missing or broken."""
