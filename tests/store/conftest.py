"""The store suite runs on both backends: ``store`` here is the parametrised ``any_store``
(SQLite file, PostgreSQL server). Tests about the file itself are marked ``sqlite_only``."""

from __future__ import annotations

import pytest

from app.store import Store


@pytest.fixture
def store(any_store: Store) -> Store:
    return any_store
