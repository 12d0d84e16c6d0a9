"""Worker defined under the main guard, executor forced to spawn."""
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor

if __name__ == "__main__":

    def checksum(blob):
        return sum(blob) % 256

    with ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn")) as ex:
        print(list(ex.map(checksum, [b"abc", b"xyz"])))
