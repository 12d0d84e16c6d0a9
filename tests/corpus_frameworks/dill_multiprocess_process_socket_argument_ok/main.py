# A listening socket handed to a multiprocess.Process. It looks unpicklable, but under
# fork the child inherits it, and when the process object is pickled, multiprocess (like
# multiprocessing) has a reducer that duplicates the socket's descriptor.
import socket

from multiprocess import Process


def serve(sock):
    sock.settimeout(0.1)


if __name__ == "__main__":
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen()
    p = Process(target=serve, args=(s,))
    p.start()
    p.join()
    s.close()
    if p.exitcode != 0:
        raise SystemExit(p.exitcode)
