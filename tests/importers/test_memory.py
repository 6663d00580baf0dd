"""A 1 GB export must not need 1 GB of RAM: the readers stream. Each check runs in a fresh
interpreter and bounds the growth of its peak resident memory while reading a generated
file several times larger than the bound (lxml's C memory is invisible to tracemalloc)."""

import json
import subprocess
import sys
import textwrap

import pytest

from .conftest import WXR_HEAD, WXR_TAIL, wxr_post

pytestmark = pytest.mark.slow

FILE_MB = 120
BOUND_MB = 40  # the file is 3x this: a reader that keeps it would fail
PARAGRAPH = "Уряд ухвалив рішення про ремонт мостів у трьох областях до кінця року. " * 12

PROBE = textwrap.dedent(
    """
    import resource, sys
    from shpalta.importers.{module} import {reader}

    def peak_kb():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    with open(sys.argv[2], "rb") as warmup:
        for _ in {reader}(warmup):
            pass
    before, count = peak_kb(), 0
    with open(sys.argv[1], "rb") as stream:
        for _ in {reader}(stream):
            count += 1
    print(count, (peak_kb() - before) // 1024)
    """
)


def probe(module: str, reader: str, big, small) -> tuple[int, int]:
    code = PROBE.format(module=module, reader=reader)
    done = subprocess.run(
        [sys.executable, "-c", code, str(big), str(small)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    count, grown_mb = done.stdout.split()
    return int(count), int(grown_mb)


def write_wxr(path, megabytes: int) -> int:
    items = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write(WXR_HEAD)
        while out.tell() < megabytes * 1024 * 1024:
            items += 1
            out.write(wxr_post(items, content=f"<p>{PARAGRAPH}</p>\n" * 4))
        out.write(WXR_TAIL)
    return items


def write_jsonl(path, megabytes: int) -> int:
    lines = 0
    with open(path, "w", encoding="utf-8") as out:
        while out.tell() < megabytes * 1024 * 1024:
            lines += 1
            row = {"id": str(lines), "title": "Заголовок", "body": (PARAGRAPH + "\n") * 4}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return lines


def test_wxr_reader_memory_stays_flat_on_a_large_export(tmp_path):
    big, small = tmp_path / "big.xml", tmp_path / "small.xml"
    items = write_wxr(big, FILE_MB)
    write_wxr(small, 1)

    count, grown_mb = probe("wxr", "iter_wxr", big, small)

    assert count == items + 3  # the posts, base_site_url, the author, the category
    assert grown_mb < BOUND_MB, f"peak memory grew by {grown_mb} MB on a {FILE_MB} MB file"


def test_jsonl_reader_memory_stays_flat_on_a_large_file(tmp_path):
    big, small = tmp_path / "big.jsonl", tmp_path / "small.jsonl"
    lines = write_jsonl(big, FILE_MB)
    write_jsonl(small, 1)

    count, grown_mb = probe("jsonlparse", "iter_jsonl", big, small)

    assert count == lines
    assert grown_mb < BOUND_MB, f"peak memory grew by {grown_mb} MB on a {FILE_MB} MB file"
