# Task definitions for the `prun` runner.  This file is not imported: the
# runner reads it and executes it, injecting the @task decorator.
import hashlib
import zlib


@task(inputs=["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"])
def fingerprint(name):
    return name, hashlib.sha256(name.encode()).hexdigest()[:12]


@task(inputs=["lorem ipsum dolor", "sit amet", "consectetur adipiscing elit"])
def packed_size(text):
    return text, len(zlib.compress(text.encode() * 50))
