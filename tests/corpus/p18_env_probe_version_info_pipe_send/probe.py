"""Collects facts about the interpreter a job will run under."""
import os
import platform
import sys


def interpreter_facts():
    return {
        "executable": sys.executable,
        "version": sys.version_info,
        "implementation": platform.python_implementation(),
        "maxsize_bits": sys.maxsize.bit_length() + 1,
    }


def host_facts():
    return {
        "platform": sys.platform,
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "cwd": os.getcwd(),
    }


def gather():
    return {"interpreter": interpreter_facts(), "host": host_facts(), "pid": os.getpid()}
