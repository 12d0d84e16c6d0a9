"""Speed up the upload test by patching the rate limiter, then use a Pool.

Modelled on https://github.com/python/cpython/issues/135583 ("unittest mocks
don't get applied to children with forkserver multiprocessing start method"):
`with mock.patch.object(World, "test", return_value=42): pool.map(...)`
prints 42 under fork but 1 under forkserver -- no error either way.

Why it works (trap): the patch replaces RateLimiter.wait inside the parent
only.  What is sent to the pool is the module-level function
uploader.upload_one (pickled by reference) and tuples of strings/bytes; the
MagicMock itself is never pickled.  Under fork the children inherit the
patched class, under spawn/forkserver they re-import uploader and use the real
(short) sleep, but nothing fails under any start method.
"""
from multiprocessing import Pool
from unittest import mock

import uploader

JOBS = [("reports-bucket", f"daily-{i:02d}.csv", b"x" * (100 + i)) for i in range(8)]


def run_uploads(jobs):
    with Pool(processes=2) as pool:
        return pool.map(uploader.upload_one, jobs)


def test_uploads_fast():
    with mock.patch.object(uploader.RateLimiter, "wait", return_value="mocked"):
        results = run_uploads(JOBS)
    assert [key for key, _, _ in results] == [f"reports-bucket/daily-{i:02d}.csv" for i in range(8)]
    assert all(size >= 100 for _, size, _ in results)
    waits = sorted({w for _, _, w in results})
    print(f"uploaded {len(results)} files; limiter in workers returned {waits}")


if __name__ == "__main__":
    test_uploads_fast()
