from utils import retry


@retry(times=2)
def download(url):
    return f"{url} ({len(url)} bytes)"
