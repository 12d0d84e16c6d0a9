"""Functions defined under the main guard, but the pool explicitly uses fork (fine)."""
import multiprocessing as mp

if __name__ == "__main__":

    def checksum(blob):
        return sum(blob) % 256

    ctx = mp.get_context("fork")
    with ctx.Pool(2) as pool:
        print(pool.map(checksum, [b"abc", b"hello", b"xyz"]))
