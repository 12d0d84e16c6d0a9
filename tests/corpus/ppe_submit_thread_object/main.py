"""Pass a background heartbeat Thread object to a worker."""
import threading
from concurrent.futures import ProcessPoolExecutor


def beat():
    pass


def status(job, heartbeat):
    return f"{job}: alive={heartbeat.is_alive()}"


if __name__ == "__main__":
    hb = threading.Thread(target=beat, name="heartbeat", daemon=True)
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(status, "import", hb).result())
