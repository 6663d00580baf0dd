"""Where the real data lives: $SHPALTA_SHARED_DATA, else ../shared/data next to the repo."""

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SKIP_REASON = "real data not available (../shared/data)"


def shared_data_dir() -> Path | None:
    configured = os.environ.get("SHPALTA_SHARED_DATA")
    folder = Path(configured) if configured else REPO_ROOT.parent / "shared" / "data"
    return folder if folder.is_dir() else None


def shared_data_path(*parts: str) -> Path:
    """The path of a real-data file, or skip the test with the agreed reason."""
    folder = shared_data_dir()
    if folder is None or not folder.joinpath(*parts).exists():
        pytest.skip(SKIP_REASON)
    return folder.joinpath(*parts)
