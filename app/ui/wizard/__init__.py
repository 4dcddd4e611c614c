"""The renewal file wizard: case, facts, documents, the domain's decision, preview and issue.

Opened with :func:`app.ui.file_actions.show_renewal_wizard`.
"""
