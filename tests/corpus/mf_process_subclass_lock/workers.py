import threading
from multiprocessing import Process


class Uploader(Process):
    def __init__(self, files):
        super().__init__()
        self.files = files
        self.progress_lock = threading.Lock()

    def run(self):
        with self.progress_lock:
            print("uploading", len(self.files))
