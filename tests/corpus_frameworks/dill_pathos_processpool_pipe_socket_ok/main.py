# pathos pipe (one call in a worker) with one end of a socket pair as the argument: the
# pool's pickler (dill with multiprocess's reducers) sends sockets by duplicating them.
import socket

from pathos.pools import ProcessPool


def peer(sock):
    return sock.fileno() >= 0


if __name__ == "__main__":
    a, b = socket.socketpair()
    pool = ProcessPool(nodes=1)
    print(pool.pipe(peer, a))
    pool.close()
    pool.join()
    pool.clear()
