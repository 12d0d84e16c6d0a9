"""Throttle downloads with a Semaphore passed as a task argument."""
import multiprocessing as mp


def download(url, sem):
    with sem:
        return len(url)


if __name__ == "__main__":
    sem = mp.Semaphore(2)
    with mp.Pool(2) as pool:
        jobs = [pool.apply_async(download, (u, sem)) for u in ["http://a", "http://bb"]]
        print([j.get(timeout=30) for j in jobs])
