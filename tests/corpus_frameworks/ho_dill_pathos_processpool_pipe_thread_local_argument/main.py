# Shape of https://github.com/sgrvinod/a-PyTorch-Tutorial-to-Image-Captioning/issues/143
# ("can't pickle _thread._local objects"): a per-thread context object is passed along with
# the job. pathos ProcessPool.pipe sends its arguments with dill, which cannot pickle it.
import threading

from pathos.pools import ProcessPool

_ctx = threading.local()
_ctx.request_id = 42


def handle(job, ctx):
    return job * 2


if __name__ == "__main__":
    pool = ProcessPool(nodes=2)
    try:
        print(pool.pipe(handle, 21, _ctx))
    finally:
        pool.close()
        pool.join()
        pool.clear()
