"""A process-based timeout decorator (no signals, so it works off the main thread)."""
import functools
import multiprocessing
import queue


class TimeoutError(AssertionError):
    pass


def _target(result_queue, function, args, kwargs):
    try:
        result_queue.put((True, function(*args, **kwargs)))
    except Exception as exc:
        result_queue.put((False, exc))


def timeout(seconds):
    def decorate(function):
        @functools.wraps(function)
        def new_function(*args, **kwargs):
            result_queue = multiprocessing.Queue(1)
            process = multiprocessing.Process(
                target=_target, args=(result_queue, function, args, kwargs), daemon=True
            )
            process.start()
            try:
                ok, value = result_queue.get(timeout=seconds)
            except queue.Empty:
                process.terminate()
                raise TimeoutError(f"{function.__name__} timed out after {seconds}s")
            finally:
                process.join(1)
            if not ok:
                raise value
            return value

        return new_function

    return decorate
