"""Worker defined under the main guard with the default start method."""
from concurrent.futures import ProcessPoolExecutor

if __name__ == "__main__":

    def slugify(title):
        return title.lower().replace(" ", "-")

    with ProcessPoolExecutor(max_workers=1) as ex:
        print(ex.submit(slugify, "Hello World").result())
