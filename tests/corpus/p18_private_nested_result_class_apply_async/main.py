"""Fleet dashboard: poll every host in a worker process and tabulate samples.

Modelled on https://github.com/python/cpython/issues/118538 ("Cannot pickle
private inner classes": a public nested class pickles by qualified name, a
name-mangled one does not).

What fails: poll_host() returns the samples built by MetricsCollector.collect(),
instances of the private nested class MetricsCollector.__Sample.  The class is
stored on MetricsCollector as _MetricsCollector__Sample, but its __qualname__ is
"MetricsCollector.__Sample", so pickling the worker's result fails with
PicklingError (attribute lookup MetricsCollector.__Sample failed) and
apply_async(...).get() raises MaybeEncodingError in the parent.
"""
import multiprocessing

from metrics import MetricsCollector

HOSTS = ["web-01", "web-02", "db-01", "cache-01"]


def poll_host(host):
    samples = MetricsCollector(host).collect()
    return {"host": host, "samples": samples}


def render(results):
    lines = []
    for res in sorted(results, key=lambda r: r["host"]):
        cells = ", ".join(f"{s.metric}={s.value}" for s in res["samples"])
        lines.append(f"{res['host']:10} {cells}")
    return "\n".join(lines)


def main():
    with multiprocessing.Pool(2) as pool:
        pending = [pool.apply_async(poll_host, (h,)) for h in HOSTS]
        results = [p.get(timeout=10) for p in pending]
    print(render(results))


if __name__ == "__main__":
    main()
