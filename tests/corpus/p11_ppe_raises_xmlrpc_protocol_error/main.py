"""A worker raises xmlrpc.client.ProtocolError (its __init__ takes four arguments) inside a ProcessPoolExecutor (https://github.com/python/cpython/issues/93542)."""
from concurrent.futures import ProcessPoolExecutor
from xmlrpc.client import ProtocolError


def push_metrics(host):
    # what the client raises when the server answers with an HTTP error
    raise ProtocolError(f"{host}/RPC2", 503, "Service Unavailable", {})


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as executor:
        future = executor.submit(push_metrics, "metrics.internal")
        print(future.result())
