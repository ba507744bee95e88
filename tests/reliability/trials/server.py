"""The throwaway PostgreSQL server of the trials (scripts/pg-test-server), stopped, started
and restarted under a running migrate with pg_ctl, as the postgres user the server runs as."""

import glob
import os
import subprocess


def pg_ctl(pg_dir, *args):
    binary = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))[-1]
    argv = [binary, "-D", os.path.join(pg_dir, "data"), "-l", os.path.join(pg_dir, "server.log"),
            "-w", "-t", "60", *args]
    if os.getuid() == 0:
        argv = ["runuser", "-u", "postgres", "--"] + argv
    return subprocess.run(argv, capture_output=True, text=True, check=True)


def restart(pg_dir):
    """pg_ctl restart -m fast: every session is ended, the server comes back on its port with
    the options it was started with (postmaster.opts)."""
    pg_ctl(pg_dir, "-m", "fast", "restart")


def stop(pg_dir):
    pg_ctl(pg_dir, "-m", "fast", "stop")


def start(pg_dir):
    # restart also starts a stopped server, with the options of its last start.
    pg_ctl(pg_dir, "restart")
