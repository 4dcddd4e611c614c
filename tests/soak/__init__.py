"""The soak test: the real counter window driven for thousands of saves, hundreds of language
switches and a hundred thousand signal emissions in one process (``driver``), and the
minimal reproduction of the PySide6 6.12.0 / CPython 3.11 reference leak it guards against
(``repro``), which needs nothing of the application."""
