"""The one error type for problems the user can fix."""


class ChatbotError(Exception):
    """A problem the user can fix; the message says what to do. The CLI prints it and exits 1."""
