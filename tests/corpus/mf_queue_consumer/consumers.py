def consume(q, out):
    for item in iter(q.get, None):
        out.put(item["price"] * item["qty"])
