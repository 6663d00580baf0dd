"""Where the real data lives: env SHPALTA_SHARED_DATA, else <repo root>/../shared/data.
Tests that need it skip with one clear reason when it is not there (a user's clone)."""

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SKIP_REASON = "real data not available (../shared/data)"


def shared_data_dir() -> Path | None:
    configured = os.environ.get("SHPALTA_SHARED_DATA")
    path = Path(configured) if configured else REPO_ROOT.parent / "shared" / "data"
    return path if path.is_dir() else None


def require_shared_data() -> Path:
    path = shared_data_dir()
    if path is None:
        pytest.skip(SKIP_REASON)
    return path


def shared_data_path(*parts: str) -> Path:
    """The path of a real-data file, or skip the test with the agreed reason."""
    folder = shared_data_dir()
    if folder is None or not folder.joinpath(*parts).exists():
        pytest.skip(SKIP_REASON)
    return folder.joinpath(*parts)
