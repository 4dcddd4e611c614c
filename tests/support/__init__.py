"""Helpers shared by several test folders, imported as ``support.<module>``.

``tests/`` is on ``sys.path`` in every run: it has no ``__init__.py``, so pytest's default
``prepend`` import mode puts it there when it loads ``tests/conftest.py``, before any other
conftest or test module (the packages below it are imported the same way, as ``ui``,
``security``...). Conftest modules themselves are not importable from another folder:
what two folders share lives here.
"""
