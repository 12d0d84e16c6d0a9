"""plugins.handler is defined inside _install() under `global`; _install() runs when plugins is imported."""
from multiprocessing import Pool

import plugins

if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(plugins.handler, [1, 2, 3]))
