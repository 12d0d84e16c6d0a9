# Shape of https://github.com/facebookresearch/dinov2/issues/345 ("Can't pickle local object
# 'do_train.<locals>...'"): the function given to torch.multiprocessing.spawn is nested.
import torch.multiprocessing as mp


def do_train(world_size):
    def run(rank):
        print("rank", rank, "of", world_size)

    mp.spawn(run, nprocs=world_size, join=True)


if __name__ == "__main__":
    do_train(2)
