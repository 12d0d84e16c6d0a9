"""api.GitHub inherits from base.Client, whose __init__ creates an RLock; a client goes to a PPE."""
from concurrent.futures import ProcessPoolExecutor

from api import GitHub


def url_for(client, name):
    return client.repo_url(name)


if __name__ == "__main__":
    gh = GitHub(token="t0k3n")
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(ex.submit(url_for, gh, "python/cpython").result())
