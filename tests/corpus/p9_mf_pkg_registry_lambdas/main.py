"""A plugin package registers its transforms as lambdas; main maps the selected plugin."""
from multiprocessing import Pool

import settings
from plugins import REGISTRY

if __name__ == "__main__":
    fn = REGISTRY[settings.DEFAULT_PLUGIN]
    with Pool(2) as pool:
        print(pool.map(fn, ["abc", "xyz"]))
