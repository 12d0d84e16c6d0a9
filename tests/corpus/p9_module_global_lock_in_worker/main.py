"""Workers use a module-level threading.Lock directly; nothing but strings is sent."""
import threading
from concurrent.futures import ProcessPoolExecutor

_print_lock = threading.Lock()


def shout(word):
    with _print_lock:
        return word.upper() + "!"


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(shout, ["hi", "yo"])))
