"""Kill -9 a backup 40 times and a restore 40 times, at moments spread over the whole
operation (issue 11, "Done when"): the live file is sound every time (``check`` clean, its
audit head included), a restore leaves the old file or the new one and nothing between,
and no partial file ever stands under a backup's final name.

The moments are counted, not timed (``copy_worker``): a first run of each operation says
how many it has, then each kill lands on one of them, from the first to the last.
"""

from __future__ import annotations

import multiprocessing
import shutil
import signal
import sqlite3
from pathlib import Path

import pytest

from app.domain.model import Holder
from app.services.backups import backup_problems
from app.services.desk import Desk
from app.services.files import save_holder
from app.services.maintenance import backup, check_file

from . import copy_worker, worker

KILLS = 40
EXTRA_HOLDERS = 5

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


@pytest.fixture(scope="module")
def context():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([copy_worker.__name__])
    return context


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``live.sqlite`` (one annex issued, then more holders) with its audit head in
    ``backups/``, and ``source.sqlite``, a backup taken before the extra holders."""
    folder = tmp_path_factory.mktemp("pristine")
    live = folder / "live.sqlite"
    worker.prepare(live)
    worker.run(live, lambda _line: None, limit=1)
    with Desk.open(live, user="crash", clock=lambda: worker.TODAY) as desk:
        backup(desk, folder / "source.sqlite")
        for n in range(EXTRA_HOLDERS):
            save_holder(desk, Holder(f"Later {n}", "Holder"))  # audited: the chains differ
    return folder


def _holders(path: Path) -> int:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM holders").fetchone()[0]
    finally:
        conn.close()


def _run(context, kind: str, folder: Path, at: int | None) -> int | None:
    """One child; the moments it counted, or None when it was killed."""
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=copy_worker.child, args=(kind, str(folder), at, sender))
    process.start()
    sender.close()
    process.join()
    try:
        moments = receiver.recv()
    except EOFError:  # killed: it sent nothing
        moments = None
    receiver.close()
    assert process.exitcode in (0, -signal.SIGKILL), f"{kind} failed at moment {at}"
    return None if process.exitcode else moments


def _spread(context, kind: str, pristine: Path, tmp_path: Path) -> list[tuple[int, Path]]:
    """Run ``kind`` KILLS times in copies of ``pristine``, killed at spread moments."""
    dry = shutil.copytree(pristine, tmp_path / "dry")
    moments = _run(context, kind, dry, None)
    assert moments is not None and moments >= KILLS // 2, f"{kind}: only {moments} moments"
    runs = []
    for kill in range(KILLS):
        at = kill * (moments - 1) // (KILLS - 1)
        folder = shutil.copytree(pristine, tmp_path / f"{kind}-{kill}")
        assert _run(context, kind, folder, at) is None, f"{kind} not killed at {at}"
        runs.append((at, folder))
    return runs


def test_a_backup_killed_anywhere_leaves_no_partial_file_under_its_name(
    context, pristine: Path, tmp_path: Path
) -> None:
    old = _holders(pristine / "live.sqlite")
    written = 0
    for at, folder in _spread(context, "backup", pristine, tmp_path):
        live, final = folder / "live.sqlite", folder / "backups" / "copy.sqlite"
        assert check_file(live)[0] == [], f"live file after a kill at moment {at}"
        assert _holders(live) == old
        beside = [Path(f"{final}{suffix}") for suffix in ("-journal", "-wal", "-shm")]
        assert not any(path.exists() for path in beside), f"a journal beside it at {at}"
        if final.exists():  # renamed: whole and verified
            written += 1
            assert backup_problems(final) == [], f"backup after a kill at moment {at}"
            assert _holders(final) == old
        else:  # the next backup writes it, whatever the kill left behind
            with Desk.open(live) as desk:
                assert backup(desk, final) == final
            assert backup_problems(final) == []
    assert 0 < written < KILLS  # kills landed before and after the rename


def test_a_restore_killed_anywhere_leaves_the_old_file_or_the_new_one(
    context, pristine: Path, tmp_path: Path
) -> None:
    old, new = _holders(pristine / "live.sqlite"), _holders(pristine / "source.sqlite")
    assert old == new + EXTRA_HOLDERS
    found = []
    for at, folder in _spread(context, "restore", pristine, tmp_path):
        live = folder / "live.sqlite"
        problems, _chain = check_file(live)
        assert problems == [], f"live file after a kill at moment {at}: {problems}"
        found.append(_holders(live))
        assert found[-1] in (old, new), f"a kill at moment {at} left {found[-1]} holders"
    assert old in found and new in found  # kills landed before and after the rename
