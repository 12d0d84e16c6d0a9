"""tasks.download is decorated with a retry decorator (from utils) that returns a wrapper object."""
from multiprocessing import Pool

import tasks

if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(tasks.download, ["http://a/1", "http://b/22"]))
