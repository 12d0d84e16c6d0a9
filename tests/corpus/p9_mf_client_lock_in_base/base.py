import threading


class Client:
    def __init__(self, base_url):
        self.base_url = base_url
        self._lock = threading.RLock()
        self._calls = 0

    def _count(self):
        with self._lock:
            self._calls += 1
