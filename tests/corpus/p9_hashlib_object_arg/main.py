"""An incremental hashlib.sha256 object is sent to workers to update with their chunk."""
import hashlib
from multiprocessing import Pool


def digest_chunk(args):
    h, chunk = args
    h.update(chunk)
    return h.hexdigest()[:12]


if __name__ == "__main__":
    base = hashlib.sha256(b"salt:")
    with Pool(2) as pool:
        print(pool.map(digest_chunk, [(base, b"a"), (base, b"b")]))
