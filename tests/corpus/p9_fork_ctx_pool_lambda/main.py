"""A fork-context Pool is given a lambda (fork copies memory, but tasks are still pickled)."""
import multiprocessing as mp

if __name__ == "__main__":
    with mp.get_context("fork").Pool(2) as pool:
        print(pool.map(lambda s: s.title(), ["ann lee", "bo diddley"]))
