"""The admin commands of ``permitdesk``, grouped by what they work on; ``app.cli`` parses
the command line and dispatches to them."""
