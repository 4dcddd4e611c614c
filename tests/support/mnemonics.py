"""The Alt letters a screen offers, for the tests that check they are unique (issue 13).

A screen is a top-level window as the clerk sees it: its menu bar, its tabs, and the visible
buttons, check boxes and labels with a buddy. A label without a buddy shows its ``&``
literally ("&Nom :"): :func:`literal_ampersands` finds those.
"""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import QAbstractButton, QLabel, QMenuBar, QTabBar, QWidget

_MNEMONIC = re.compile(r"(?<!&)&(?!&)(\w)")


def mnemonic(text: str) -> str | None:
    """The letter after a single ``&`` (``&&`` is a literal ampersand), lower case."""
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.isEnabled()


def screen_mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Letter -> the texts that claim it on ``window`` (a letter is unique when one text
    claims it)."""
    claims: dict[str, list[str]] = defaultdict(list)
    texts: list[str] = []
    for bar in window.findChildren(QMenuBar):
        if _shown(bar, window):
            texts += [action.text() for action in bar.actions() if action.isVisible()]
    for tabs in window.findChildren(QTabBar):
        if _shown(tabs, window):
            texts += [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)]
    for button in window.findChildren(QAbstractButton):
        if _shown(button, window):
            texts.append(button.text())
    for label in window.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and _shown(label, window) and _shown(buddy, window):
            texts.append(label.text())
    for text in texts:
        letter = mnemonic(text)
        if letter is not None:
            claims[letter].append(text)
    return dict(claims)


def clashes(window: QWidget) -> dict[str, list[str]]:
    """The letters two or more texts claim on ``window``."""
    return {letter: texts for letter, texts in screen_mnemonics(window).items() if len(texts) > 1}


def literal_ampersands(window: QWidget) -> list[str]:
    """Visible labels that would show an ``&`` meant as a mnemonic (no buddy to take it)."""
    return [
        label.text()
        for label in window.findChildren(QLabel)
        if _shown(label, window) and label.buddy() is None and mnemonic(label.text())
    ]
