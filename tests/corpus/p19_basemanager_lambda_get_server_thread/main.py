"""The docs' remote-manager pattern kept in one script: the server runs in a thread.

Looks like the lambda-in-the-registry bug, but get_server() serves from this process:
nothing is pickled to start it, and a second manager connects to it as a client.
"""
import queue
import threading
from multiprocessing.managers import BaseManager

jobs = queue.Queue()


class JobManager(BaseManager):
    pass


JobManager.register("get_jobs", callable=lambda: jobs)


class JobClient(BaseManager):
    pass


JobClient.register("get_jobs")


if __name__ == "__main__":
    server_side = JobManager(address=("127.0.0.1", 0), authkey=b"jobs")
    server = server_side.get_server()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    client = JobClient(address=server.address, authkey=b"jobs")
    client.connect()
    proxy = client.get_jobs()
    proxy.put("resize cover.png")
    print(jobs.get(timeout=5))
