"""One writer per output folder: real `kg build` processes against a folder another process holds.

The processes are synchronised by what they print (the holder's "held", a build's "waiting" line), never by sleeping.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from processes import OnTerminal

import kg
from kg import folder

KG = [sys.executable, "-m", "kg"]
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
WAITING = rb"waiting for another kg build writing"
# Holds the folder named by argv[1] until its standard input closes.
HOLDER = """
import sys
from kg.folder import writer
with writer(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.read()
"""


@contextmanager
def held(directory: Path) -> Iterator[subprocess.Popen]:
    """Another process holding the folder for the length of the block (or until the test kills it)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(directory)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "held\n"
        yield proc
    finally:
        if proc.poll() is None:
            proc.communicate()  # closes its standard input: it lets go
        proc.wait()


def _article(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_killed_holder_leaves_no_lock_behind(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with held(out) as holder:
        with pytest.raises(folder.FolderBusy), folder.writer(out, wait=False):
            pass
        os.killpg(holder.pid, signal.SIGKILL)
        holder.wait()
        with folder.writer(out, wait=False):
            assert (out / folder.LOCK).exists()
    assert not (out / folder.LOCK).exists()


def test_the_lock_is_reentrant_and_a_folder_left_empty_goes(tmp_path: Path) -> None:
    out = tmp_path / "new"
    with folder.writer(out, wait=False), folder.writer(out, wait=False):
        assert out.is_dir()
    assert not out.exists()
    (tmp_path / "kept").mkdir()
    with folder.writer(tmp_path / "kept", wait=False):
        pass
    assert list((tmp_path / "kept").iterdir()) == []


def test_a_second_build_waits_and_no_wait_fails_at_once(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with held(out):
        busy = subprocess.run(
            [*KG, "build", str(EXAMPLES), "-o", str(out), "--no-wait"], capture_output=True, text=True
        )
        assert busy.returncode == 1
        assert busy.stderr == f"kg: another kg build is writing {out}; not waiting (--no-wait)\n"
        build = OnTerminal([*KG, "build", str(EXAMPLES), "-o", str(out)])
        try:
            build.wait_for(WAITING, timeout=120)
            assert build.proc.poll() is None and not (out / "kg.nq").exists()
        except BaseException:
            build.close()
            raise
    try:
        shown = build.finish(timeout=300, hung="the waiting build never went on")
    finally:
        build.close()
    assert build.proc.returncode == 0, shown
    assert shown.count("waiting for another kg build") == 1
    assert len(kg.load(out / "kg.nq").documents) == 3
    assert not (out / folder.LOCK).exists()


def test_two_updates_at_once_keep_every_document(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = _article(tmp_path / "a.txt", "2020年，星澜科技推出云帆支付平台。")
    assert subprocess.run([*KG, "build", str(first), "-o", str(out)], capture_output=True).returncode == 0
    second = _article(tmp_path / "b.txt", "2021年，青禾银行与星澜科技合作推出青禾信用卡。")
    third = _article(tmp_path / "c.txt", "2022年，远川集团在杭州推出远川云平台。")
    builds = []
    try:
        with held(out):
            for article in (second, third):
                builds.append(OnTerminal([*KG, "build", str(article), "-o", str(out), "--update"]))
                builds[-1].wait_for(WAITING, timeout=120)
        shown = [b.finish(timeout=300, hung="an update never went on") for b in builds]
    finally:
        for build in builds:
            build.close()
    assert [b.proc.returncode for b in builds] == [0, 0], shown
    assert sorted(d.id for d in kg.load(out / "kg.nq").documents) == ["a.txt", "b.txt", "c.txt"]
