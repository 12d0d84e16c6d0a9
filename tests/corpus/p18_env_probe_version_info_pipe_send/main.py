"""`doctor` command: start a probe process (as the job runner would) and have it
report its interpreter and host facts back over a Pipe.

Modelled on https://github.com/pytest-dev/execnet/issues/19 ("sys.version_info
is not serializable": the "get information from remote" example sent
sys.version_info back through the channel and the serializer refused it).

What fails: probe.gather() puts sys.version_info itself into the report.  That
struct-sequence type cannot be re-created by name, so conn.send() in the child
raises PicklingError ("it's not the same object as sys.version_info"), the probe
exits with an error and the parent's recv() hits EOFError.
"""
import multiprocessing

import probe

MIN_VERSION = (3, 9)


def probe_main(conn):
    try:
        conn.send(probe.gather())
    finally:
        conn.close()


def run_probe():
    parent_conn, child_conn = multiprocessing.Pipe(duplex=False)
    proc = multiprocessing.Process(target=probe_main, args=(child_conn,), name="env-probe")
    proc.start()
    child_conn.close()
    try:
        return parent_conn.recv()
    finally:
        proc.join()


def main():
    report = run_probe()
    version = report["interpreter"]["version"]
    status = "OK" if tuple(version[:2]) >= MIN_VERSION else "TOO OLD"
    print(f"python {version[0]}.{version[1]} ({report['interpreter']['implementation']}) {status}")
    print(f"host: {report['host']['platform']}/{report['host']['machine']} cpus={report['host']['cpus']}")


if __name__ == "__main__":
    main()
