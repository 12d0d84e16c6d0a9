# The same lambda collate_fn with multiprocessing_context="fork": the workers are forked
# with the loader in memory, and only indices and batches cross.
import torch
from torch.utils.data import DataLoader, TensorDataset


def train():
    dataset = TensorDataset(torch.arange(6.0))
    dataloader = DataLoader(
        dataset,
        batch_size=2,
        collate_fn=lambda batch: torch.stack([x[0] for x in batch]),
        num_workers=2,
        multiprocessing_context="fork",
    )
    for item in dataloader:
        print(item)


if __name__ == "__main__":
    train()
