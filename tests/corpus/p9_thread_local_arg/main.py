"""A threading.local() holding per-thread state is passed to the pool."""
import threading
from multiprocessing import Pool

state = threading.local()


def tag(args):
    ctx, item = args
    return f"{getattr(ctx, 'user', 'anon')}:{item}"


if __name__ == "__main__":
    state.user = "ann"
    with Pool(2) as pool:
        print(pool.map(tag, [(state, "a"), (state, "b")]))
