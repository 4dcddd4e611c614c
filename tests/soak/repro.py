"""The smallest reproduction of the crash the soak test guards against; no application code.

With PySide6 6.12.0 on CPython 3.11, every ``Signal.emit()`` from Python to a Python slot
drops one reference to ``True``, and every call of a Python override of
``QTranslator.translate`` drops one to ``None``. Once the count reaches zero the interpreter
aborts (``Fatal Python error: bool_dealloc``, or ``none_dealloc``; exit code 134, SIGABRT).
From 3.12 on these objects are immortal (PEP 683) and the same code runs clean.

Run it with ``python -m tests.soak.repro`` (or by path); ``--emissions`` and
``--retranslations`` set the counts. It prints one line per part, with the reference counts
of ``True`` and ``None`` before and after (immortal objects show a constant, huge count),
flushed at once so that what was printed survives an abort. Exit code 0 when both parts
ran and every emission and retranslation arrived. The soak driver runs
:func:`emit_many` as its third step.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTranslator, Signal
from PySide6.QtWidgets import QApplication, QLabel, QWidget

EMISSIONS = 100_000
RETRANSLATIONS = 300
CONTEXT = "soak"


class Emitter(QObject):
    """A Python ``QObject`` with a Python signal carrying an ``int``."""

    ticked = Signal(int)


class Receiver:
    """A Python slot that counts and adds what it receives."""

    def __init__(self) -> None:
        self.count = 0
        self.total = 0

    def on_tick(self, value: int) -> None:
        self.count += 1
        self.total += value


def emit_many(count: int) -> int:
    """Emit ``Emitter.ticked`` ``count`` times to a Python slot; returns how many arrived
    (raises ``AssertionError`` when one was lost)."""
    emitter = Emitter()
    receiver = Receiver()
    emitter.ticked.connect(receiver.on_tick)
    for value in range(count):
        emitter.ticked.emit(value)
    emitter.ticked.disconnect(receiver.on_tick)
    if receiver.count != count or receiver.total != count * (count - 1) // 2:
        raise AssertionError(f"{count} emissions, {receiver.count} received")
    return receiver.count


class PythonTranslator(QTranslator):
    """A translator answered by Python: upper-cases every message of :data:`CONTEXT`,
    leaves the others to Qt (``None`` lets Qt keep its source text)."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        self.calls += 1
        if context != CONTEXT or not source_text:
            return None
        return source_text.upper()

    def isEmpty(self) -> bool:
        return False


class RetranslatedLabel(QLabel):
    """A widget that sets its texts through ``QCoreApplication.translate`` when built and
    on every ``LanguageChange`` (what installing a translator posts to every widget)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.retranslations = 0
        self.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:  # Qt's virtual
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.retranslations += 1
        self.setText(QCoreApplication.translate(CONTEXT, "Foreigners' desk"))
        self.setToolTip(QCoreApplication.translate(CONTEXT, "Holder"))
        self.setStatusTip(QCoreApplication.translate("QWizard", "&Next >"))


def retranslate_many(cycles: int) -> int:
    """Reinstall a :class:`PythonTranslator` ``cycles`` times, retranslating a widget each
    time; returns the number of calls of the Python ``translate``. Needs a QApplication."""
    application = QApplication.instance()
    if not isinstance(application, QApplication):
        raise RuntimeError("retranslate_many needs a QApplication")
    translator = PythonTranslator()
    label = RetranslatedLabel()
    try:
        for _cycle in range(cycles):
            QCoreApplication.removeTranslator(translator)
            QCoreApplication.installTranslator(translator)
            application.processEvents()
        if label.text() != "FOREIGNERS' DESK" and cycles:
            raise AssertionError(f"the label was not translated: {label.text()!r}")
        if label.retranslations < cycles + 1:
            raise AssertionError(f"{cycles} switches, {label.retranslations - 1} retranslations")
    finally:
        QCoreApplication.removeTranslator(translator)
        label.deleteLater()
        application.processEvents()
    return translator.calls


def reference_counts() -> str:
    return f"refcount(True)={sys.getrefcount(True)}, refcount(None)={sys.getrefcount(None)}"


def application() -> QApplication:
    """The QApplication, created offscreen unless a platform was chosen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    existing = QApplication.instance()
    return existing if isinstance(existing, QApplication) else QApplication(["permitdesk-repro"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.soak.repro",
        description="Reproduce the PySide6 6.12.0 / CPython 3.11 refcount crash.",
    )
    parser.add_argument("--emissions", type=int, default=EMISSIONS, metavar="N")
    parser.add_argument("--retranslations", type=int, default=RETRANSLATIONS, metavar="N")
    options = parser.parse_args(argv)
    application()
    python = ".".join(map(str, sys.version_info[:3]))
    print(f"repro: Python {python}, {reference_counts()}", flush=True)

    started = time.perf_counter()
    calls = retranslate_many(options.retranslations)
    print(
        f"repro: {options.retranslations} retranslations ({calls} Python translate calls) "
        f"in {time.perf_counter() - started:.2f} s; {reference_counts()}",
        flush=True,
    )
    started = time.perf_counter()
    received = emit_many(options.emissions)
    print(
        f"repro: {received} emissions in {time.perf_counter() - started:.2f} s; "
        f"{reference_counts()}",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
