"""Explicit spawn context with a module-level function (fine)."""
import multiprocessing as mp


def word_count(text):
    return len(text.split())


if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    with ctx.Pool(2) as pool:
        print(pool.map(word_count, ["a b c", "d e", "f"]))
