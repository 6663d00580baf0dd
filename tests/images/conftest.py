import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every photo test stores into its own empty folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def stored_files(_media_root):
    def listing() -> list[str]:
        if not _media_root.exists():
            return []
        return sorted(
            str(p.relative_to(_media_root)) for p in _media_root.rglob("*") if p.is_file()
        )

    return listing
