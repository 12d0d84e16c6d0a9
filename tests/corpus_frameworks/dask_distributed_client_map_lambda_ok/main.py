# Client.map with a lambda and a local closure: distributed falls back to cloudpickle.
from distributed import Client


def make_offset(k):
    return lambda x: x + k


if __name__ == "__main__":
    with Client(processes=True, n_workers=1, threads_per_worker=1,
                dashboard_address=None) as client:
        futures = client.map(make_offset(10), range(4))
        print(client.gather(futures))
