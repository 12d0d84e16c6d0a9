"""Parallel check runner: each check runs in a ProcessPoolExecutor worker and
the worker sends back a report describing any failure.

Modelled on https://github.com/twitter-archive/unishark/issues/7 ("traceback not
picklable error in child process ... PicklingError: Can't pickle <class
'traceback'> ... BrokenProcessPool when get future.result()"), where failed
suites returned the raw exc_info/traceback objects.

Why this works (trap): the report carries a traceback.TracebackException, not a
traceback.  It is a plain snapshot -- exception type (pickled by reference),
message string, a StackSummary of FrameSummary records and the chained
__cause__ as another TracebackException -- with no frame or traceback objects,
so it pickles and the parent can still print the full chained traceback.
"""
from concurrent.futures import ProcessPoolExecutor, as_completed

import checks
from reporting import CheckReport


def run_check(name):
    func = getattr(checks, name)
    try:
        func()
    except Exception as exc:  # report every failure, keep going
        return CheckReport.failed(name, exc)
    return CheckReport(name, "passed")


def collect():
    return sorted(n for n in dir(checks) if n.startswith("check_"))


def main():
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(run_check, name) for name in collect()]
        reports = sorted((f.result() for f in as_completed(futures)), key=lambda r: r.name)
    for rep in reports:
        print(f"{rep.outcome.upper():7} {rep.name}")
    for rep in reports:
        if rep.error:
            print(f"\n____ {rep.name} ____")
            print(rep.longrepr(), end="")
    failed = sum(r.outcome == "failed" for r in reports)
    print(f"\n{failed} failed, {len(reports) - failed} passed")


if __name__ == "__main__":
    main()
