class StoreError(RuntimeError):
    """A store cannot be opened, read or written; the message is for the user."""
