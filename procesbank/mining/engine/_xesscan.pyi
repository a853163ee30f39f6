"""The native plain-XES scanner (_xesscan.c): see xesfast.py for how it is used."""

from typing import TypedDict

#: (raw key, bit per XES type seen, int32 codes or None, distinct values, int64 instants or
#: None, whether a date was in another form)
KeyValues = tuple[bytes, int, bytes | None, list[str], bytes | None, int]

class ShapeError(ValueError): ...

class Result(TypedDict):
    events: int
    traces: int
    trace_of_event: bytes
    event_keys: list[KeyValues]
    trace_keys: list[KeyValues]
    globals: list[tuple[str, str, bytes, bytes]]

class Scanner:
    def __init__(
        self, event_keys: list[bytes] | None = None, trace_keys: list[bytes] | None = None
    ) -> None: ...
    def feed(self, data: bytes | memoryview, start: int = 0, stop: int = -1, /) -> None: ...
    def finish(self) -> Result: ...

def parse_date(text: str, /) -> int | None: ...
