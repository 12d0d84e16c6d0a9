# n_jobs=1 runs the calls one after the other in this process: the socket is never pickled.
import socket

from joblib import Parallel, delayed


def describe(sock, i):
    return (sock.family.name, i)


if __name__ == "__main__":
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        print(Parallel(n_jobs=1)(delayed(describe)(s, i) for i in range(3)))
