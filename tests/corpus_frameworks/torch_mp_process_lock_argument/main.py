# torch.multiprocessing.Process with a threading.Lock for logging: fine when forked,
# pickled (and refused) when the child is spawned.
import threading

import torch
import torch.multiprocessing as mp


def train(rank, log_lock, params):
    with log_lock:
        print(rank, float(params.sum()))


if __name__ == "__main__":
    lock = threading.Lock()
    params = torch.zeros(3).share_memory_()
    procs = [mp.Process(target=train, args=(r, lock, params)) for r in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
