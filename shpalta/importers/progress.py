"""Progress of a streamed import, counted in bytes read: the one measure that is known in
advance for a file, a URL with Content-Length, and every format alike."""

from tqdm import tqdm


class ProgressReader:
    """A binary file wrapper that moves a tqdm bar as the parser reads."""

    def __init__(self, raw, bar: tqdm | None):
        self.raw = raw
        self.bar = bar

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        if self.bar is not None:
            self.bar.update(len(data))
        return data

    def __iter__(self):
        for line in self.raw:
            if self.bar is not None:
                self.bar.update(len(line))
            yield line


def progress_bar(total: int | None, label: str, enabled: bool = True) -> tqdm:
    # disable=None: tqdm draws on a terminal and stays silent in logs and tests.
    return tqdm(
        total=total or None,
        desc=label,
        unit="B",
        unit_scale=True,
        unit_divisor=1024,
        disable=None if enabled else True,
        leave=False,
    )
