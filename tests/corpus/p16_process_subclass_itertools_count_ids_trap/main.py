"""Producer/consumer pipeline where the producer is a `multiprocessing.Process` subclass that
numbers its batches with an `itertools.count()` kept on `self._ids`, and a `types.SimpleNamespace`
of options on `self.opts`; batches go to a consumer Process over a multiprocessing Queue.

This is a trap on Python 3.11: it works under every start method.  Under spawn and forkserver
the Process object is pickled, and itertools objects still pickle on 3.11 (deprecated in
3.12 and removed in 3.14, where the same program fails with "cannot pickle 'itertools.count'
object"); SimpleNamespace pickles like a plain object.

(the shape of https://github.com/angr/angr/issues/6175: an itertools.count counter inside an
object sent through multiprocessing)
"""

import itertools
import random
import types
from multiprocessing import Process, Queue

STOP = None


class BatchProducer(Process):
    def __init__(self, out_q, n_batches, first_id=1000, batch_size=5, seed=7):
        super().__init__(name="producer")
        self.out_q = out_q
        self.n_batches = n_batches
        self._ids = itertools.count(first_id)
        self.opts = types.SimpleNamespace(batch_size=batch_size, seed=seed, scale=100)

    def run(self):
        rng = random.Random(self.opts.seed)
        for _ in range(self.n_batches):
            values = [rng.randint(0, self.opts.scale) for _ in range(self.opts.batch_size)]
            self.out_q.put({"id": next(self._ids), "values": values})
        self.out_q.put(STOP)


def consume(in_q, result_q):
    totals = {}
    while True:
        batch = in_q.get()
        if batch is STOP:
            break
        totals[batch["id"]] = sum(batch["values"])
    result_q.put(totals)


if __name__ == "__main__":
    batches, results = Queue(), Queue()
    producer = BatchProducer(batches, n_batches=6)
    consumer = Process(target=consume, args=(batches, results), name="consumer")
    consumer.start()
    producer.start()

    totals = results.get(timeout=10)
    producer.join()
    consumer.join()

    for batch_id in sorted(totals):
        print(batch_id, totals[batch_id])
    print("exit codes:", producer.exitcode, consumer.exitcode)
