"""The counter's desktop interface: the PySide6 shell, its views and dialogs.

Everything here talks to the services layer; no SQL and no legal rule lives in ``app/ui``.

A view is a QWidget with a ``retranslate_ui()`` method that sets every text with ``_()``
(from :mod:`app.ui.i18n`), registered with ``translate_ui(self)`` at the end of its
``__init__``; the code that builds the views hands each to ``MainWindow.add_view(widget,
N_("Title"))``. After adding or changing messages, run ``make extract-messages``, translate
the new entries of ``translations/{fr,nl,de,en}/LC_MESSAGES/permitdesk.po`` (English:
msgstr = msgid) and run ``make test``: ``tests/ui/test_catalogs.py`` fails until they are.
"""
