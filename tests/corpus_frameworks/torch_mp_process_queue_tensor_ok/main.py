# Hogwild-style: a shared-memory tensor and a torch.multiprocessing Queue crossing to the
# children, under every start method.
import torch
import torch.multiprocessing as mp


def train(rank, params, q):
    params += 1
    q.put(rank)


if __name__ == "__main__":
    params = torch.zeros(3).share_memory_()
    q = mp.Queue()
    procs = [mp.Process(target=train, args=(r, params, q)) for r in range(2)]
    for p in procs:
        p.start()
    ranks = sorted(q.get(timeout=20) for _ in procs)
    for p in procs:
        p.join()
    print(ranks, params.tolist())
