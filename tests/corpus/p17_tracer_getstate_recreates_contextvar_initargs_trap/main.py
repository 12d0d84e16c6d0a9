"""Hand a configured tracer to every pool worker through initargs.

Modelled on https://github.com/DataDog/dd-trace-py/pull/16643
("fix(integrations): avoid pickling contextvars": drop the ContextVar in
__getstate__ and create a new one in __setstate__ so the object pickles).

Why it works (trap): Tracer keeps its active span in a ContextVar, which on its
own cannot be pickled.  Its __getstate__ removes that attribute and
__setstate__ recreates it, so the tracer passed as initargs pickles under
spawn/forkserver (and is simply inherited under fork).  The workers return
plain tuples of span names and timings.
"""
from multiprocessing import Pool

from tracing import Tracer

TRACER = None


def init_worker(tracer):
    global TRACER
    TRACER = tracer


def resize_batch(batch_id, sizes):
    with TRACER.span(f"batch-{batch_id}"):
        with TRACER.span("decode"):
            pixels = [w * h for w, h in sizes]
        with TRACER.span("resize"):
            resized = [p // 4 for p in pixels]
    return batch_id, sum(resized), [name for name, _ in TRACER.drain()]


if __name__ == "__main__":
    tracer = Tracer("thumbnailer", sample_rate=0.5)
    with tracer.span("startup"):
        batches = [(i, [(640 + i, 480), (1024, 768 - i)]) for i in range(4)]
    print("parent spans:", [name for name, _ in tracer.drain()])
    with Pool(processes=2, initializer=init_worker, initargs=(tracer,)) as pool:
        for batch_id, total, spans in pool.starmap(resize_batch, batches):
            print(f"batch {batch_id}: {total} px  spans={spans}")
