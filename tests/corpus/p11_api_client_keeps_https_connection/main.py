"""An API client keeps an http.client.HTTPSConnection on self; its bound method is given to Pool.map (https://github.com/uqfoundation/dill/issues/308)."""
import http.client
import json
from multiprocessing import Pool


class InventoryClient:
    def __init__(self, host):
        self.host = host
        # reuse one connection for all requests
        self.conn = http.client.HTTPSConnection(host, timeout=5)

    def parse_item(self, raw):
        # stands in for the response handling done after self.conn.request(...)
        item = json.loads(raw)
        return item["sku"], item["qty"] * 2

    def close(self):
        self.conn.close()


if __name__ == "__main__":
    client = InventoryClient("inventory.example.com")
    payloads = ['{"sku": "A1", "qty": 3}', '{"sku": "B2", "qty": 5}']
    with Pool(2) as pool:
        print(pool.map(client.parse_item, payloads))
    client.close()
