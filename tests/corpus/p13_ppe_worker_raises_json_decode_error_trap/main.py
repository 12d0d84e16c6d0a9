"""Parses API response bodies on a ProcessPoolExecutor; an invalid body makes the worker raise
json.JSONDecodeError(msg, doc, pos), which the parent catches per future (the stdlib
exception of https://github.com/psf/requests/issues/6628)."""
import json
from concurrent.futures import ProcessPoolExecutor, as_completed


def parse_body(name, body):
    data = json.loads(body)
    return name, sorted(data)


if __name__ == "__main__":
    bodies = {
        "users": '{"id": 1, "name": "ada"}',
        "orders": '{"id": 7, "total": 12.5',
        "health": '{"status": "ok"}',
    }
    with ProcessPoolExecutor(max_workers=2) as executor:
        futures = {executor.submit(parse_body, n, b): n for n, b in bodies.items()}
        for future in as_completed(futures):
            try:
                print(future.result())
            except json.JSONDecodeError as exc:
                print(f"{futures[future]}: invalid JSON at line {exc.lineno} col {exc.colno}")
