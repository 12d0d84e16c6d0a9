"""One end of a socket.socketpair() is passed to a Process as an argument."""
import socket
import sys
from multiprocessing import Process


def echo_upper(sock):
    data = sock.recv(100)
    sock.sendall(data.upper())
    sock.close()


if __name__ == "__main__":
    parent, child = socket.socketpair()
    p = Process(target=echo_upper, args=(child,))
    p.start()
    child.close()
    parent.sendall(b"ping")
    print(parent.recv(100))
    p.join()
    sys.exit(p.exitcode)
