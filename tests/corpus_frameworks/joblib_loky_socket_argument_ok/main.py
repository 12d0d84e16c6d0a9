# A socket in the task arguments: loky registers reducers for sockets (as multiprocessing
# does), so this crosses, unlike a plain cloudpickle.dumps(sock).
import socket

from joblib import Parallel, delayed


def family(sock):
    return sock.family.name


if __name__ == "__main__":
    s = socket.socket()
    print(Parallel(n_jobs=2)(delayed(family)(s) for _ in range(2)))
    s.close()
