"""A unittest case starts a Process whose target is one of its own methods, to check that a
log line written from a child process lands in the shared log file (the shape of
https://github.com/Preston-Landers/concurrent-log-handler/issues/27)."""
import logging
import multiprocessing
import os
import tempfile
import unittest


class LoggerTestCase(unittest.TestCase):

    def setUp(self):
        self.log_dir = tempfile.mkdtemp(prefix="logtest-")
        self.log_path = os.path.join(self.log_dir, "common.log")

    def process_log(self, log_path):
        logger = logging.getLogger("common.child")
        handler = logging.FileHandler(log_path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("[%(processName)s] %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.info("A process log")
        handler.close()

    def test_process_logger(self):
        process = multiprocessing.Process(target=self.process_log, args=(self.log_path,))
        process.start()
        process.join(10)
        self.assertEqual(process.exitcode, 0)
        with open(self.log_path, encoding="utf-8") as fh:
            self.assertIn("A process log", fh.read())


if __name__ == "__main__":
    unittest.main()
