"""Store a lambda in a Manager dict (the value is pickled to the manager process)."""
import multiprocessing as mp

if __name__ == "__main__":
    with mp.Manager() as m:
        registry = m.dict()
        registry["double"] = lambda x: 2 * x
        print(registry.keys())
