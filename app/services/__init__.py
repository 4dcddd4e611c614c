"""The counter's operations, each one transaction, shared by the window and the CLI.

Data flows one way: ui/cli -> services -> domain + store + documents.
"""
