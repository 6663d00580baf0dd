"""Where the real data for tests lives: $SHPALTA_SHARED_DATA, else <repo>/../shared/data.
Tests that need it skip with a clear reason when it is not there (a user's clone)."""

import os
from pathlib import Path

import pytest

SKIP_REASON = "real data not available (../shared/data)"


def shared_data_dir() -> Path | None:
    configured = os.environ.get("SHPALTA_SHARED_DATA")
    path = Path(configured) if configured else Path(__file__).resolve().parents[2] / "shared/data"
    return path if path.is_dir() else None


def require_shared_data(*parts: str) -> Path:
    """The folder under the shared data, or skip the test."""
    root = shared_data_dir()
    if root is None or not root.joinpath(*parts).exists():
        pytest.skip(SKIP_REASON)
    return root.joinpath(*parts)
