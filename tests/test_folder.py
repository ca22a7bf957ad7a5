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


# Exports replaced as a set -------------------------------------------------------------------------------------------
# Saves a new graph over an old one and dies (SIGKILL) at the Nth call of os.fsync, os.replace or os.unlink: every step
# of staging, committing and renaming. Prints "done" when N is past the last step.
KILLED_SAVE = """
import os, signal, sys
from pathlib import Path
from samples import sample_graph
from kg import export

steps = 0
def dying(real):
    def step(*args, **kwargs):
        global steps
        steps += 1
        if steps == int(sys.argv[2]):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return step

os.fsync, os.replace, os.unlink = dying(os.fsync), dying(os.replace), dying(os.unlink)
new = sample_graph("https://example.org/new/").filtered(0.85)
export.save_all(new, Path(sys.argv[1]), also={"errors.jsonl": None})
print("done")
"""
OLD_ERRORS = b'{"path": "old.md", "line": null, "problem": "old", "hint": "old"}\n'


def _files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_a_build_killed_at_any_step_leaves_one_whole_set(tmp_path: Path) -> None:
    from samples import sample_graph

    from kg import export

    export.save_all(sample_graph(), tmp_path / "old", also={"errors.jsonl": OLD_ERRORS})
    export.save_all(sample_graph("https://example.org/new/").filtered(0.85), tmp_path / "new")
    old, new = _files(tmp_path / "old"), _files(tmp_path / "new")
    assert old.keys() - new.keys() == {"errors.jsonl"} and all(old[n] != new[n] for n in new)
    exports = sorted(new)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent)}
    outcomes = set()
    for step in range(1, 100):
        out = tmp_path / f"killed-{step}"
        export.save_all(sample_graph(), out, also={"errors.jsonl": OLD_ERRORS})
        run = subprocess.run([sys.executable, "-c", KILLED_SAVE, str(out), str(step)], env=env, capture_output=True)
        if run.returncode == 0:
            assert run.stdout == b"done\n"
            break
        assert run.returncode == -signal.SIGKILL, run.stderr
        read = {name: folder.opened(out / name).read() for name in exports}  # what readers see before any repair
        assert read in ({n: old[n] for n in exports}, {n: new[n] for n in exports}), step
        with folder.writer(out):  # what the next build does first
            pass
        found = _files(out)
        assert found in (old, new), f"killed at step {step}: {sorted(found)}"
        assert (found == new) == (read == {n: new[n] for n in exports})
        outcomes.add("new" if found == new else "old")
    else:
        pytest.fail("the save never ended")
    assert step > 15 and outcomes == {"old", "new"}


def test_the_next_writer_removes_our_temporary_files_only(tmp_path: Path) -> None:
    ours = [".kg.nq.x1y2z3.tmp", ".kg.html.abc.tmp", ".errors.jsonl.q.tmp", ".kg-commit.r.tmp"]
    theirs = [".notes.tmp", "kg.nq.tmp", ".kg.nq.backup", "draft.tmp", ".kg.nq.tmp"]
    for name in ours + theirs:
        (tmp_path / name).write_text("x", encoding="utf-8")
    with folder.writer(tmp_path):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(theirs)


def test_a_commit_record_naming_other_files_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "kg.nq").write_text("mine", encoding="utf-8")
    (tmp_path / "secret").write_text("keep", encoding="utf-8")
    (tmp_path / folder.COMMIT).write_text('{"kg.nq": "secret", "../x": null}', encoding="utf-8")
    assert folder.current(tmp_path / "kg.nq") == tmp_path / "kg.nq"
    with folder.writer(tmp_path):
        pass
    assert _files(tmp_path) == {"kg.nq": b"mine", "secret": b"keep"}
