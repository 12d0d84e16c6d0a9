"""tasks.thumbnail is decorated with a functools.wraps decorator defined in utils."""
from concurrent.futures import ProcessPoolExecutor

from tasks import thumbnail

if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(thumbnail, [(800, 600), (1024, 768)])))
