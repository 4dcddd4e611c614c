"""Exceptions turned into one-line messages and exit codes for the command line."""

from __future__ import annotations

from app.domain.errors import StoreError


def describe(error: BaseException) -> tuple[str, int]:
    """A message a person can act on, and the exit code (1 failure, 2 bad input)."""
    from app.services.auth import AuthError, NotAllowed
    from app.services.desk import NotConfigured
    from app.services.issuing import IssueRefused
    from app.services.server_backup import ServerBackupFailed

    if isinstance(error, StoreError | NotConfigured | AuthError | NotAllowed | ServerBackupFailed):
        return str(error), 1
    if isinstance(error, IssueRefused):
        return error.assessment.explanation("en"), 1
    if isinstance(error, FileExistsError | FileNotFoundError | IsADirectoryError):
        return str(error), 2
    if isinstance(error, PermissionError):
        return f"permission denied: {error.filename or error}", 1
    if isinstance(error, OSError):
        return f"{error.strerror or error}: {error.filename or ''}".rstrip(": "), 1
    if isinstance(error, ValueError):
        return str(error), 2
    return f"unexpected {type(error).__name__}: {error}", 1
