"""The caller attaches a sqlite3 connection to a job object before submitting it."""
import sqlite3
from concurrent.futures import ProcessPoolExecutor


class ReportJob:
    def __init__(self, name):
        self.name = name


def render(job):
    return f"report {job.name}"


if __name__ == "__main__":
    job = ReportJob("weekly")
    job.conn = sqlite3.connect(":memory:")
    job.conn.execute("create table t (x)")
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(ex.submit(render, job).result())
