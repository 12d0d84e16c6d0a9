"""The caller uses a connection on the job, closes it and sets it to None before submitting."""
import sqlite3
from concurrent.futures import ProcessPoolExecutor


class ReportJob:
    def __init__(self, name):
        self.name = name
        self.rows = []


def render(job):
    return f"report {job.name}: {len(job.rows)} rows"


if __name__ == "__main__":
    job = ReportJob("daily")
    job.conn = sqlite3.connect(":memory:")
    job.rows = job.conn.execute("select 1 union select 2").fetchall()
    job.conn.close()
    job.conn = None
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(ex.submit(render, job).result())
