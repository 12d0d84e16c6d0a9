from decorators import retry


@retry
def fetch(url):
    return f"<html>{url}</html>"
