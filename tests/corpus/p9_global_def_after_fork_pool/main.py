"""A fork pool is created first; the `global` worker is defined afterwards by a plugin loader."""
import multiprocessing as mp


def load_plugin():
    global handle

    def handle(item):
        return item.upper()


if __name__ == "__main__":
    ctx = mp.get_context("fork")
    with ctx.Pool(2) as pool:
        load_plugin()
        print(pool.map(handle, ["a", "b"]))
