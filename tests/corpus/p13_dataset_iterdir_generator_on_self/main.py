"""A segmentation dataset keeps `self.mask_list = self.mask_root.iterdir()` and a prefetch
Process reads the mask sizes through a bound method of it (the shape of
https://github.com/hustvl/YOLOP/issues/131)."""
import multiprocessing
import os
import tempfile
from pathlib import Path


class AutoDriveDataset:
    def __init__(self, root):
        self.mask_root = Path(root) / "masks"
        self.mask_list = self.mask_root.iterdir()

    def prefetch(self, out_queue):
        for mask in self.mask_list:
            out_queue.put((mask.name, mask.stat().st_size))
        out_queue.put(None)


def make_fake_dataset(root):
    masks = Path(root) / "masks"
    masks.mkdir()
    for i in range(3):
        (masks / f"frame_{i:03d}.png").write_bytes(b"\x89PNG" + bytes(i * 10))


if __name__ == "__main__":
    root = tempfile.mkdtemp(prefix="bdd-")
    make_fake_dataset(root)
    dataset = AutoDriveDataset(root)

    queue = multiprocessing.Queue()
    loader = multiprocessing.Process(target=dataset.prefetch, args=(queue,))
    loader.start()
    sizes = {}
    while (item := queue.get(timeout=10)) is not None:
        sizes[item[0]] = item[1]
    loader.join()
    print(sorted(sizes.items()), "from", os.path.basename(root))
