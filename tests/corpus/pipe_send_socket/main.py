"""Send a socket over a Pipe: multiprocessing registers a reducer for sockets (fine on Linux)."""
import socket
import sys
import multiprocessing as mp


def handler(conn):
    sock = conn.recv()
    sock.sendall(b"hello")
    sock.close()


if __name__ == "__main__":
    a, b = socket.socketpair()
    parent, child = mp.Pipe()
    p = mp.Process(target=handler, args=(child,))
    p.start()
    parent.send(a)
    print(b.recv(5))
    p.join()
    sys.exit(p.exitcode)
