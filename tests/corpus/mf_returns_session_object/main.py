"""Worker from clients.py returns a Session holding a lock."""
from concurrent.futures import ProcessPoolExecutor

from clients import open_session

if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        sessions = list(ex.map(open_session, ["db1", "db2"]))
    print([s.host for s in sessions])
