"""The worker's exception takes a keyword-only `code` that super().__init__ does not get."""
from concurrent.futures import ProcessPoolExecutor


class ApiError(Exception):
    def __init__(self, message, *, code):
        super().__init__(message)
        self.code = code


def call(endpoint):
    if endpoint == "/admin":
        raise ApiError("forbidden", code=403)
    return "ok"


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as ex:
        try:
            print(list(ex.map(call, ["/home", "/admin"])))
        except ApiError as exc:
            print("api error", exc.code)
