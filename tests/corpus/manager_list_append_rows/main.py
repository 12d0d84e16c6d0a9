"""Append rows to a Manager list from child processes (fine)."""
import sys
import multiprocessing as mp


def scrape(rows, page):
    rows.append({"page": page, "items": page * 10})


if __name__ == "__main__":
    with mp.Manager() as m:
        rows = m.list()
        procs = [mp.Process(target=scrape, args=(rows, i)) for i in range(2)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        print(sorted(r["page"] for r in rows))
    sys.exit(max(p.exitcode for p in procs))
