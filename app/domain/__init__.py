"""The domain: model and legal rules of the single-permit counter.

Pure Python. Nothing here imports Qt, SQL or the file system, so the rules can be
read, tested and reused without the application around them.
"""
