"""A pre-forking echo server builds its selector (an epoll on Linux) in __init__ and starts
each worker with Process(target=self.serve_forever) (the shape of
https://github.com/giampaolo/pyftpdlib/pull/656)."""
import multiprocessing
import os
import selectors
import socket
import tempfile
import time


class MultiprocessEchoServer:
    def __init__(self, path, workers=2):
        self.path = path
        self.workers = workers
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(path)
        self.sock.listen(8)
        self.sock.setblocking(False)
        self.ioloop = selectors.DefaultSelector()
        self.ioloop.register(self.sock, selectors.EVENT_READ, data=self.handle_accept)

    def handle_accept(self, done):
        try:
            conn, _ = self.sock.accept()
        except BlockingIOError:
            return
        with conn:
            conn.setblocking(True)
            conn.sendall(conn.recv(1024).upper())
        done.put(os.getpid())

    def serve_forever(self, done, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for key, _ in self.ioloop.select(timeout=0.05):
                key.data(done)

    def start(self, done, seconds=1.0):
        procs = []
        for _ in range(self.workers):
            proc = multiprocessing.Process(target=self.serve_forever, args=(done, seconds))
            proc.start()
            procs.append(proc)
        return procs


if __name__ == "__main__":
    path = os.path.join(tempfile.mkdtemp(prefix="echo-"), "echo.sock")
    server = MultiprocessEchoServer(path)
    done = multiprocessing.Queue()
    workers = server.start(done)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.connect(path)
        client.sendall(b"hello")
        print(client.recv(1024))
    print("served by a worker:", done.get(timeout=10) != os.getpid())
    for proc in workers:
        proc.join(10)
