"""Host metrics collection.  Samples use a private record type so callers go
through MetricsCollector instead of building samples themselves."""
import hashlib


class MetricsCollector:
    class __Sample:
        __slots__ = ("host", "metric", "value")

        def __init__(self, host, metric, value):
            self.host = host
            self.metric = metric
            self.value = value

        def as_row(self):
            return (self.host, self.metric, self.value)

    METRICS = ("cpu_pct", "mem_pct", "disk_pct")

    def __init__(self, host):
        self.host = host

    def _read(self, metric):
        # stand-in for reading /proc on the remote host: deterministic per host
        digest = hashlib.md5(f"{self.host}:{metric}".encode()).digest()
        return round(digest[0] / 2.55, 1)

    def collect(self):
        return [self.__Sample(self.host, m, self._read(m)) for m in self.METRICS]
