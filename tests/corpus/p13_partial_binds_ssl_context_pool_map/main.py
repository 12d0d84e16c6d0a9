"""Builds a TLS ClientHello per host in memory, with one shared SSLContext bound into the
worker through functools.partial and handed to Pool.map (the shape of
https://github.com/EvolvingLMMs-Lab/lmms-eval/issues/818)."""
import functools
import multiprocessing
import ssl


def client_hello_size(host, context):
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = context.wrap_bio(incoming, outgoing, server_hostname=host)
    try:
        tls.do_handshake()
    except ssl.SSLWantReadError:
        pass
    return host, len(outgoing.read())


def make_context():
    context = ssl.create_default_context()
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.set_alpn_protocols(["h2", "http/1.1"])
    return context


if __name__ == "__main__":
    hosts = ["api.example.org", "cdn.example.org", "auth.example.org"]
    worker = functools.partial(client_hello_size, context=make_context())
    with multiprocessing.Pool(2) as pool:
        for host, size in pool.map(worker, hosts):
            print(f"{host}: ClientHello {size} bytes")
