"""Interrupting a build leaves the previous exports exactly as they were, and no temporary files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from processes import OnTerminal, burn_cores

from kg.ingest import read_documents

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    subprocess.run(
        [sys.executable, "-m", "kg", "build", str(ROOT / "examples"), "-o", str(out)], check=True, capture_output=True
    )
    return out


@pytest.fixture(scope="module")
def big_input(tmp_path_factory) -> Path:
    """Enough distinct documents that the build is still extracting when the signal comes."""
    texts = [d.text for d in read_documents([ROOT / "examples"])]
    path = tmp_path_factory.mktemp("in") / "big.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(6000):
            out.write(json.dumps({"id": f"n{i}", "text": f"第{i}号。" + texts[i % len(texts)]}, ensure_ascii=False))
            out.write("\n")
    return path


# The progress bar has counted a document: the build has set its handlers and is extracting, far from done.
PROGRESS = rb"kg build:[^\r\n|]*\|[^|\r\n]*\| *[1-9][0-9]*/"
READY = 300  # seconds to get there: starting Python, spaCy and the pipeline on two busy cores
STOPPED = 60  # seconds to stop once interrupted


def interrupt_build(built: Path, big_input: Path, signum: int, workers: int = 1) -> None:
    """Start a build over `built`, send `signum` once it is extracting, and check that it stopped quietly with exit
    status 130 and left the previous exports as they were. With workers the signal goes to the whole process group,
    as Ctrl-C does."""
    before = {p.name: p.read_bytes() for p in built.iterdir() if p.is_file()}
    command = [sys.executable, "-m", "kg", "build", str(big_input), "-o", str(built), "--workers", str(workers)]
    build = OnTerminal(command)
    try:
        build.wait_for(PROGRESS, READY)
        if workers > 1:
            os.killpg(build.proc.pid, signum)
        else:
            build.proc.send_signal(signum)
        shown = build.finish(STOPPED, "the interrupted build hung")
    finally:
        build.close()
    assert build.proc.returncode == 130, shown
    assert "Traceback" not in shown and "KeyboardInterrupt" not in shown, shown
    assert "interrupted" in shown
    assert {p.name: p.read_bytes() for p in built.iterdir() if p.is_file()} == before
    assert not [p for p in built.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_interrupted_build_keeps_previous_exports(built: Path, big_input: Path, signum: int):
    interrupt_build(built, big_input, signum)


def test_ctrl_c_on_a_build_with_workers_stops_every_process_quietly(built: Path, big_input: Path):
    """Ctrl-C signals the whole process group: the workers leave it to the build, which stops them and unwinds."""
    interrupt_build(built, big_input, signal.SIGINT, workers=2)


@pytest.mark.slow
def test_interrupts_hold_twenty_times_in_a_row_on_busy_cores(built: Path, big_input: Path):
    """The three interrupts above, 20 times each, while every core is kept busy (`pytest --run-slow`)."""
    with burn_cores():
        for _ in range(20):
            for signum, workers in [(signal.SIGTERM, 1), (signal.SIGINT, 1), (signal.SIGINT, 2)]:
                interrupt_build(built, big_input, signum, workers)
