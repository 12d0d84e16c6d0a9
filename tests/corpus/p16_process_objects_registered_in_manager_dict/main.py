"""Job runner that keeps a registry of running jobs in a `Manager().dict()`: every worker is a
`multiprocessing.Process` subclass, the parent stores the worker object itself in the shared
dict under its job id (so a status page could list them), and each worker deletes its own
entry from the registry when it finishes.

Storing a value in a manager dict pickles it to send it to the manager's server process.  A
Process object carries its authentication key, an AuthenticationString that refuses to be
pickled: "Pickling an AuthenticationString object is disallowed for security reasons", under
every start method, at the `registry[job_id] = worker` line.

(the shape of https://stackoverflow.com/questions/29007619/python-typeerror-pickling-an-authenticationstring-object-is-disallowed-for-sec)
"""

import hashlib
import time
from multiprocessing import Manager, Process


class HashJob(Process):
    def __init__(self, job_id, payload, registry, results):
        super().__init__(name=f"hash-{job_id}")
        self.job_id = job_id
        self.payload = payload
        self.registry = registry
        self.results = results

    def run(self):
        digest = self.payload
        for _ in range(2000):
            digest = hashlib.sha256(digest).digest()
        self.results[self.job_id] = digest.hex()[:16]
        # done: take ourselves off the board
        del self.registry[self.job_id]


def running_jobs(registry):
    return sorted(registry.keys())


if __name__ == "__main__":
    payloads = {f"job{i}": f"block-{i}".encode() * 64 for i in range(4)}

    with Manager() as manager:
        registry = manager.dict()
        results = manager.dict()

        workers = []
        for job_id, payload in payloads.items():
            worker = HashJob(job_id, payload, registry, results)
            registry[job_id] = worker
            worker.start()
            workers.append(worker)

        print("running:", running_jobs(registry))
        deadline = time.monotonic() + 10
        while registry and time.monotonic() < deadline:
            time.sleep(0.05)
        for worker in workers:
            worker.join()

        for job_id in sorted(results.keys()):
            print(job_id, results[job_id])
