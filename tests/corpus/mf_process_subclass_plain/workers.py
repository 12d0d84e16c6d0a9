from multiprocessing import Process


class Uploader(Process):
    def __init__(self, files, done):
        super().__init__()
        self.files = files
        self.done = done

    def run(self):
        self.done.value = len(self.files)
