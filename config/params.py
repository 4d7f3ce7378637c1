"""Reading ids that users type or tamper with in a query string or a form."""

MAX_ID_DIGITS = 18  # every 18-digit number fits a bigint key; longer ones cannot name a row


def id_from(text: str | None) -> int | None:
    """The id in `text`, or None when it cannot be one. Only ASCII digits count: "²".isdigit() is
    true but int() refuses it, and a huge number would overflow the database's integer."""
    if text and len(text) <= MAX_ID_DIGITS and text.isascii() and text.isdigit():
        return int(text)
    return None
