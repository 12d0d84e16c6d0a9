import threading


class Session:
    def __init__(self, host):
        self.host = host
        self._pool_lock = threading.Lock()


def open_session(host):
    return Session(host)
