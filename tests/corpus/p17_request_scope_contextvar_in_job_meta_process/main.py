"""Export job started from a request handler in a child process.

Modelled on https://github.com/fal-ai/fal/pull/804
("fix: don't pickle _current_request_context ContextVar"), where an object
holding the framework's request ContextVar ended up in the arguments of a
spawned process.

What fails: build_job() copies the active RequestScope into job.meta for audit
logging.  The scope keeps a reference to the module's ContextVar (and the Token
from var.set()).  Under spawn/forkserver Process.start() pickles the Process
object with its args, walks ExportJob -> meta dict -> RequestScope -> _var and
raises "TypeError: cannot pickle '_contextvars.ContextVar' object".  With fork
the args are inherited, not pickled, so it runs.
"""
import multiprocessing as mp
from dataclasses import dataclass, field

from requestctx import RequestScope, current_scope


@dataclass
class ExportJob:
    name: str
    rows: list
    meta: dict = field(default_factory=dict)


def build_job(name, rows):
    job = ExportJob(name=name, rows=list(rows))
    scope = current_scope()
    if scope is not None:
        job.meta["request_id"] = scope.request_id
        job.meta["requested_by"] = scope.user
        job.meta["scope"] = scope  # kept so the worker can log against the request
    return job


def run_export(job, results):
    total = sum(row["amount"] for row in job.rows)
    results.put((job.name, job.meta.get("request_id"), len(job.rows), total))


def handle_export_request(user, rows):
    with RequestScope(user=user):
        job = build_job("daily-revenue", rows)
        results = mp.Queue()
        worker = mp.Process(target=run_export, args=(job, results), daemon=True)
        worker.start()
        outcome = results.get(timeout=10)
        worker.join(timeout=10)
    return outcome


if __name__ == "__main__":
    rows = [{"sku": f"SKU-{i}", "amount": i * 2.5} for i in range(1, 9)]
    name, request_id, count, total = handle_export_request("alice", rows)
    print(f"{name} ({request_id}): {count} rows, total {total:.2f}")
