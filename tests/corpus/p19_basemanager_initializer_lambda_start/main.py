"""Start a manager whose server ignores Ctrl-C, so the parent can shut it down cleanly.

Modelled on https://github.com/lanjelot/patator/issues/5, where
`manager.start(lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))` failed on Windows
inside managers.py start -> process.start -> dump(process_obj).
"""
import signal
from multiprocessing.managers import SyncManager


def main():
    manager = SyncManager()
    manager.start(lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        totals = manager.dict()
        for word in "the cat saw the other cat".split():
            totals[word] = totals.get(word, 0) + 1
        print(sorted(totals.items()))
    finally:
        manager.shutdown()


if __name__ == "__main__":
    main()
