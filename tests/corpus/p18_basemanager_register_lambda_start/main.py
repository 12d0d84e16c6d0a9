"""Credential-audit CLI: a manager process owns the shared job queue and the
result log; worker processes pull jobs through manager proxies.

Modelled on https://github.com/lanjelot/patator/issues/5 (patator's
manager.start(...) handed a lambda to the manager process and failed on Windows
with "PicklingError: Can't pickle <function <lambda>>" inside
multiprocessing/managers.py start -> process.start -> dump(process_obj)).

What fails: build_manager() registers the shared objects the way the docs do
for a remote manager, `register("get_jobs", callable=lambda: jobs)`.  Those
lambdas sit in JobManager._registry, and BaseManager.start() passes the registry
as an argument of the server Process.  With spawn/forkserver the Process is
pickled and the lambdas cannot be (PicklingError); with fork it works.
"""
import multiprocessing
import queue
from multiprocessing.managers import BaseManager

AUTHKEY = b"audit-run"


class JobManager(BaseManager):
    pass


def build_manager(jobs, results):
    JobManager.register("get_jobs", callable=lambda: jobs)
    JobManager.register("get_results", callable=lambda: results)
    return JobManager(authkey=AUTHKEY)


def weak(password):
    return len(password) < 8 or password.isdigit() or password.lower() == password


def audit_worker(job_proxy, result_proxy):
    while True:
        try:
            user, password = job_proxy.get(timeout=1)
        except queue.Empty:
            return
        result_proxy.append((user, "WEAK" if weak(password) else "ok"))


def main():
    accounts = [("alice", "correct-Horse-9"), ("bob", "123456"), ("carol", "Tr0ub4dor&3"), ("dave", "letmein")]
    jobs, results = queue.Queue(), []
    manager = build_manager(jobs, results)
    manager.start()
    try:
        job_proxy, result_proxy = manager.get_jobs(), manager.get_results()
        for account in accounts:
            job_proxy.put(account)
        workers = [multiprocessing.Process(target=audit_worker, args=(job_proxy, result_proxy)) for _ in range(2)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        for user, verdict in sorted(result_proxy._getvalue()):
            print(f"{user:8} {verdict}")
    finally:
        manager.shutdown()


if __name__ == "__main__":
    main()
