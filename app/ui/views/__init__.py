"""The counter's views: today's working list, search, the holder's page, the settings
dialog, and the table models under them. :mod:`app.ui.counter` puts them into the window."""
