"""Explicit spawn context pool with a lambda task."""
import multiprocessing as mp

if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    with ctx.Pool(2) as pool:
        print(pool.map(lambda t: len(t.split()), ["a b c", "d e", "f"]))
