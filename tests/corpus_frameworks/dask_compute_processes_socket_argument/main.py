# After https://github.com/dask/dask/issues/5650 ("can't pickle SSLContext objects" on
# compute()): a network object as a task input.
# A socket as a task input: loky would send it (it has a reducer for sockets), dask's
# processes scheduler uses plain cloudpickle, which refuses.
import socket

import dask


@dask.delayed
def family(sock):
    return sock.family.name


if __name__ == "__main__":
    s = socket.socket()
    print(dask.compute(family(s), scheduler="processes", num_workers=1))
