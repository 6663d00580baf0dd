"""One JSON object per log line, for journald / Loki / Elasticsearch to index without parsing
free text. Anything passed in `extra=` becomes a field."""

import json
import logging
from datetime import UTC, datetime

# Attributes every LogRecord has; whatever else is on a record came from `extra=`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if _is_plain(value) else repr(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _is_plain(value) -> bool:
    return isinstance(value, str | int | float | bool | type(None) | list | dict)
