"""A dataclass job that carries an open sqlite3 connection."""
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass


@dataclass
class ReportJob:
    name: str
    db: sqlite3.Connection


def run_report(job):
    return job.db.execute("select count(*) from t").fetchone()[0]


if __name__ == "__main__":
    db = sqlite3.connect(":memory:")
    db.execute("create table t (x)")
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(run_report, ReportJob("daily", db)).result())
