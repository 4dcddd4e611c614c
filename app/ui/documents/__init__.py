"""The counter's document screens: the file page, the document dialog, the PDF preview and
printing. Entry points are in :mod:`app.ui.file_actions`."""
