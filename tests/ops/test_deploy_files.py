"""The files an operator copies onto a server say what the code does."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").iterdir())


def _env_names(path: Path) -> set[str]:
    names = re.findall(r"^#?([A-Z][A-Z0-9_]+)=", path.read_text(), re.M)
    return set(names)


def test_every_setting_in_the_env_example_is_read_by_the_settings():
    settings_source = (ROOT / "shpalta" / "settings.py").read_text()
    read = set(re.findall(r"""["']([A-Z][A-Z0-9_]+)["']""", settings_source))
    assert _env_names(DEPLOY / "env.example") - read == set()


def test_production_requirements_are_in_the_env_example():
    assert {"SHPALTA_DEV", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"} <= (
        _env_names(DEPLOY / "env.example")
    )


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
def test_systemd_units_verify(tmp_path):
    for unit in UNITS:  # the units name /srv/shpalta; point them at this checkout
        text = unit.read_text().replace("/srv/shpalta", str(ROOT))
        (tmp_path / unit.name).write_text(text)
    result = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / u.name) for u in UNITS)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_app_unit_runs_the_serve_command_on_the_port_nginx_proxies_to():
    unit = (DEPLOY / "systemd" / "shpalta.service").read_text()
    assert "ExecStart=/srv/shpalta/.venv/bin/shpalta serve --host 127.0.0.1 --port 8000" in unit
    assert "EnvironmentFile=/etc/shpalta/env" in unit
    nginx = DEPLOY / "nginx.conf"
    if nginx.exists():
        assert "127.0.0.1:8000" in nginx.read_text()


def test_backup_unit_runs_the_tested_backup_script():
    unit = (DEPLOY / "systemd" / "shpalta-backup.service").read_text()
    assert "ExecStart=/srv/shpalta/deploy/backup.sh" in unit
    assert (DEPLOY / "backup.sh").stat().st_mode & 0o111
