# worker_init_fn is a bound method of the dataset, and the dataset opens its file lazily in
# each worker; multiprocessing_context="spawn" is forced. At send time the handle is still
# None and the bound method pickles by reference to a module-level class, so this works.
import os
import tempfile

import torch
from torch.utils.data import DataLoader, Dataset, get_worker_info


class Records(Dataset):
    def __init__(self, path, n):
        self.path = path
        self.n = n
        self.fh = None

    def open_in_worker(self, worker_id):
        self.fh = open(self.path, "rb")

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        info = get_worker_info()
        ds = info.dataset if info is not None else self
        ds.fh.seek(i)
        return torch.tensor(ds.fh.read(1)[0])


if __name__ == "__main__":
    path = os.path.join(tempfile.mkdtemp(), "data.bin")
    with open(path, "wb") as f:
        f.write(bytes(range(8)))
    ds = Records(path, 8)
    loader = DataLoader(ds, batch_size=4, num_workers=2, worker_init_fn=ds.open_in_worker,
                        multiprocessing_context="spawn")
    print([b.tolist() for b in loader])
