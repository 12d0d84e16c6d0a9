"""A thumbnailer passes a settings dict to every Pool.map task; a later edit adds a lock
under settings["lock"] to serialise writes to the shared index, and every task fails to
pickle (under every start method: Pool.map pickles its tasks)."""
import multiprocessing
import threading


def thumbnail(task):
    settings, name = task
    with settings["lock"]:
        return f"{name} -> {settings['size']}px"


if __name__ == "__main__":
    settings = {"size": 128}
    settings["lock"] = threading.Lock()
    names = ["a.png", "b.png", "c.png"]
    with multiprocessing.Pool(2) as pool:
        for line in pool.map(thumbnail, [(settings, name) for name in names]):
            print(line)
