"""A ProcessPoolExecutor task decodes a third-party API response and raises the client's own
JSONDecodeError (an IOError and a json.JSONDecodeError, like requests') on an invalid body
(the shape of https://github.com/psf/requests/issues/6628)."""
import json
from concurrent.futures import ProcessPoolExecutor

from errors import JSONDecodeError


def decode_response(url, text):
    try:
        return url, json.loads(text)
    except json.JSONDecodeError as exc:
        raise JSONDecodeError(exc.msg, exc.doc, exc.pos, request={"url": url})


if __name__ == "__main__":
    responses = [
        ("https://partner.example/api/v1/items", '{"items": [1, 2, 3]}'),
        ("https://partner.example/api/v1/error", "<html>502 Bad Gateway</html>"),
    ]
    with ProcessPoolExecutor(max_workers=2) as executor:
        futures = [executor.submit(decode_response, url, text) for url, text in responses]
        for future in futures:
            try:
                print(future.result())
            except JSONDecodeError as exc:
                print("bad payload from", exc.request["url"], "at", exc.pos)
