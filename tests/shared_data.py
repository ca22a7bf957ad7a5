"""Where the tests find the shared data: `../shared` next to the project (the corpus with its gold files, the scorer),
read from there and never copied into the project. Without it, the tests that need it are skipped, saying so.

Import it with `from shared_data import shared` (pytest puts tests/ on sys.path).
"""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared(*parts: str) -> Path:
    """A path under ../shared; when it is absent, the calling test is skipped with the path it looked for."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared data is read from ../shared next to the project (not copied in)")
    return path
