"""Interrupting a build leaves the previous exports exactly as they were, and no temporary files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from processes import finish

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


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_interrupted_build_keeps_previous_exports(built: Path, big_input: Path, signum: int):
    before = {p.name: p.read_bytes() for p in built.iterdir()}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(big_input), "-o", str(built)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(2.0)
    assert proc.poll() is None, "the build finished before it could be interrupted; make the input larger"
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert b"Traceback" not in stderr
    after = {p.name: p.read_bytes() for p in built.iterdir()}
    assert after == before
    assert not [p for p in built.iterdir() if p.name.endswith(".tmp")]


def test_ctrl_c_on_a_build_with_workers_stops_every_process_quietly(built: Path, big_input: Path):
    """Ctrl-C signals the whole process group: the workers leave it to the build, which stops them and unwinds."""
    before = {p.name: p.read_bytes() for p in built.iterdir()}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(big_input), "-o", str(built), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    time.sleep(4.0)
    assert proc.poll() is None, "the build finished before it could be interrupted; make the input larger"
    os.killpg(proc.pid, signal.SIGINT)
    _, stderr = finish(proc, 60, "the interrupted build hung")
    assert proc.returncode == 130
    assert b"Traceback" not in stderr and b"KeyboardInterrupt" not in stderr, stderr.decode()
    assert {p.name: p.read_bytes() for p in built.iterdir()} == before
    assert not [p for p in built.iterdir() if p.name.endswith(".tmp")]
