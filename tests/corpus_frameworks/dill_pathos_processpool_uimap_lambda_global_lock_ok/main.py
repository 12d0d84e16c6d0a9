# A lambda reading a module-level lock, with uimap: dill sends the lambda by value and
# leaves its globals to the other side, where the module-level lock exists (re-created
# when the script is imported as __mp_main__, inherited when forked).
import threading

from pathos.pools import ProcessPool

stats_lock = threading.Lock()

if __name__ == "__main__":
    pool = ProcessPool(nodes=2)
    out = pool.uimap(lambda x: (stats_lock.locked(), x), range(4))
    print(sorted(out))
    pool.close()
    pool.join()
    pool.clear()
