"""The counter's desktop interface: the PySide6 shell, its views and dialogs.

Everything here talks to the services layer; no SQL and no legal rule lives in ``app/ui``.
"""
