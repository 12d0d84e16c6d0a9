"""A Process with a lambda target is built, but in dry-run mode it is never started."""
import multiprocessing as mp
import os

DRY_RUN = os.environ.get("DEPLOY", "dry") == "dry"


def deploy(host):
    return f"deployed to {host}"


if __name__ == "__main__":
    p = mp.Process(target=lambda: print(deploy("web1")))
    if DRY_RUN:
        print("would run", p.name, deploy("web1 (dry)"))
    else:
        p.start()
        p.join()
