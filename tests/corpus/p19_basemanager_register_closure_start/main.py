"""A cache service: build_manager() registers accessors that close over a local dict.

Modelled on https://github.com/lanjelot/patator/issues/5 and the docs' custom-manager
examples, with the registered callable written as a nested function so it can reach
the cache made in the function.
"""
from multiprocessing.managers import BaseManager, DictProxy


class CacheManager(BaseManager):
    pass


def build_manager():
    cache = {"warm": True}

    def get_cache():
        return cache

    CacheManager.register("get_cache", callable=get_cache, proxytype=DictProxy)
    return CacheManager()


if __name__ == "__main__":
    manager = build_manager()
    manager.start()
    try:
        shared = manager.get_cache()
        shared["hits"] = 3
        print(sorted(shared.keys()))
    finally:
        manager.shutdown()
