import socket


class Fetcher:
    """Keeps a connected socket (think keep-alive HTTP connection)."""

    def __init__(self):
        self.sock, self._peer = socket.socketpair()
        self.user_agent = "bot/1.0"

    def close(self):
        self.sock.close()
        self._peer.close()
