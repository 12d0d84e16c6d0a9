"""Process target is a closure over a config dict."""
import sys
from multiprocessing import Process


def launch(config):
    def run():
        print("exporting", config["table"])

    p = Process(target=run)
    p.start()
    p.join()
    return p.exitcode


if __name__ == "__main__":
    sys.exit(launch({"table": "orders"}))
