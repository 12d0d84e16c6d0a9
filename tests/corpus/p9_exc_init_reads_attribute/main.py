"""The exception is built from an object and passes one of its attributes to super().__init__."""
from concurrent.futures import ProcessPoolExecutor


class Response:
    def __init__(self, status, body):
        self.status = status
        self.body = body


class BadResponse(Exception):
    def __init__(self, response):
        super().__init__(response.status)
        self.response = response


def check(status):
    resp = Response(status, b"")
    if status >= 400:
        raise BadResponse(resp)
    return status


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as ex:
        try:
            print(list(ex.map(check, [200, 500])))
        except BadResponse as exc:
            print("bad", exc.response.status)
