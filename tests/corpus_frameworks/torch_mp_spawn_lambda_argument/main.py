# Shape of https://github.com/NVIDIA/DeepLearningExamples/issues/1120 ("the Python native
# pickle being used in torch.multiprocessing.spawn cannot pickle lambda and local
# functions"): a lambda in args. spawn always spawns, whatever the default start method.
import torch.multiprocessing as mp


def worker(rank, world_size, tokenizer):
    print(rank, world_size, tokenizer("a b"))


if __name__ == "__main__":
    mp.spawn(worker, args=(2, lambda s: s.split()), nprocs=2, join=True)
