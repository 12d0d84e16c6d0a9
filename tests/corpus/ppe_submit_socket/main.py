"""Pass a connected socket to a worker process."""
import socket
from concurrent.futures import ProcessPoolExecutor


def ping(sock):
    sock.sendall(b"ping")
    return True


if __name__ == "__main__":
    a, b = socket.socketpair()
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(ping, a).result())
    print(b.recv(4))
