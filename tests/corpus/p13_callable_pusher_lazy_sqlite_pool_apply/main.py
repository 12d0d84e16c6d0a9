"""A web-push notifier opens its subscription database lazily (a decorator sets self._db on
first use) and hands itself, a callable instance, to pool.apply for each subscriber (the
shape of https://github.com/sergioburdisso/solidwebpush/issues/3)."""
import functools
import json
import multiprocessing
import os
import sqlite3
import tempfile


def _init_database(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if self._db is None:
            self._db = sqlite3.connect(self.db_path)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS subscriptions (session TEXT, endpoint TEXT)"
            )
        return method(self, *args, **kwargs)

    return wrapper


class Pusher:
    def __init__(self, db_path, ttl=60):
        self.db_path = db_path
        self.ttl = ttl
        self._db = None

    def __call__(self, subscription, data):
        payload = json.dumps({"endpoint": subscription, "ttl": self.ttl, "data": data})
        return subscription, len(payload)

    @_init_database
    def add_subscription(self, session, endpoint):
        self._db.execute("INSERT INTO subscriptions VALUES (?, ?)", (session, endpoint))
        self._db.commit()

    @_init_database
    def notify(self, session, data):
        rows = self._db.execute(
            "SELECT endpoint FROM subscriptions WHERE session = ?", (session,)
        ).fetchall()
        with multiprocessing.Pool(processes=1) as pool:
            return [pool.apply(self, args=(endpoint, data)) for (endpoint,) in rows]


if __name__ == "__main__":
    pusher = Pusher(os.path.join(tempfile.mkdtemp(prefix="push-"), "subs.db"))
    pusher.add_subscription("u42", "https://push.example.org/a1")
    pusher.add_subscription("u42", "https://push.example.org/b2")
    print(pusher.notify("u42", {"title": "Testing", "body": "Testing notification"}))
