"""Typed access to Qt objects where PySide6's stubs are wider than what the code knows.

``findChild`` may find nothing, ``QFormLayout.labelForField`` is typed ``QWidget`` and
``QDate.toPython`` ``object``. These helpers check and return the precise type, or raise an
error naming what was expected: a missing child or label is a programming error, never
something the clerk did.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QObject
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget


def child[T: QObject](parent: QObject, kind: type[T], name: str) -> T:
    """The descendant of ``parent`` named ``name`` and of class ``kind``; it must exist."""
    found = parent.findChild(kind, name)
    if found is None:
        owner = parent.objectName() or type(parent).__name__
        raise LookupError(f"{owner} has no {kind.__name__} named {name!r}")
    return found


def form_label(form: QFormLayout, field: QWidget) -> QLabel:
    """The label of ``field``'s row (the form must have been given a ``QLabel`` for it)."""
    label = form.labelForField(field)
    if not isinstance(label, QLabel):
        raise LookupError(f"no QLabel for the field {field.objectName() or field!r} in the form")
    return label


def python_date(day: QDate) -> date:
    """The ``datetime.date`` of a valid ``QDate`` (what ``QDate.toPython()`` returns)."""
    if not day.isValid():
        raise ValueError(f"not a valid date: {day!r}")
    return date(day.year(), day.month(), day.day())
