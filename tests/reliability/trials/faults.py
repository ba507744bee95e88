"""Issue 11.3: faults under a running migrate, and waiting for locks and connections.

Each fault must end runway with a clear error and exit 1, leave the invariants true (nothing
half-applied, no lying row) and let the next migrate complete (interrupted.py). A fault that
lands after runway finished is noted and the trial still checked.
"""

import os
import random
import resource
import signal
import sqlite3
import subprocess
import threading
import time

from . import server
from .database import open_database
from .folders import Folder
from .interrupted import Trial
from .invariants import check
from .report import Tally
from .tools import finish


class Context:
    def __init__(self, tools, engine, workdir, pg_dir, log):
        self.tools, self.engine, self.workdir, self.pg_dir, self.log = \
            tools, engine, workdir, pg_dir, log
        self.rng = random.Random(3)

    def database(self, name, path=None):
        directory = os.path.join(self.workdir, name)
        os.makedirs(directory, exist_ok=True)
        db = open_database(self.engine, directory, f"fault_{os.getpid()}_{name}", path)
        db.create()
        return db

    def folder(self, name, count, kind="transactional", **kwargs):
        return Folder(os.path.join(self.workdir, "sql-" + name), self.engine, count, kind,
                      **kwargs).write()


def expect_failure(trial, outcome, fault):
    """The interrupted runway must exit 1 and say what failed; its words are recorded."""
    if outcome is None:
        return
    trial.tally.note(f"{fault}: runway said: {outcome.error_line()[:160]}")
    trial.expect(outcome.exit == 1, f"runway exited {outcome.exit} after {fault}: "
                                    f"{outcome.error_line()}")


def interrupted_trials(ctx, tally, folder, fault, name, delay_range, trials, *args, **spawn):
    for number in range(trials):
        started = time.monotonic()
        db = ctx.database(f"{name}-{number}")
        trial = Trial(ctx.tools, db, folder, tally, "runway")
        try:
            outcome = trial.interrupt(ctx.rng.uniform(*delay_range), fault, *args, **spawn)
            expect_failure(trial, outcome, name)
            trial.settle()
        finally:
            db.drop()
        tally.trial(trial.problems, time.monotonic() - started)
        if trial.problems:
            ctx.log(f"  {name} trial {number}: {trial.problems[:3]}")


def server_restart(ctx, trials):
    tally = Tally("server restarted mid-migrate", ctx.engine)
    folder = ctx.folder("restart", 1000, "mixed")
    interrupted_trials(ctx, tally, folder, lambda p: server.restart(ctx.pg_dir), "restart",
                       (0.3, 3.0), trials)
    return tally


def terminate_backend(ctx, trials):
    tally = Tally("pg_terminate_backend mid-migrate", ctx.engine)
    folder = ctx.folder("terminate", 1000, "mixed")

    def terminate(process):
        admin = open_database("postgres", ctx.workdir, "postgres")
        admin.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname LIKE 'fault_%' AND pid <> pg_backend_pid()")
    interrupted_trials(ctx, tally, folder, terminate, "terminate", (0.3, 3.0), trials)
    return tally


def disk_full(ctx, trials):
    """SQLite on a 1 MiB tmpfs, where 1,000 migrations do not fit; afterwards the file system
    is enlarged (remount) and the next migrate must complete. Where mounting is refused, the
    same with RLIMIT_FSIZE on the runway process (writes past 1 MiB fail with EFBIG)."""
    tally = Tally("disk full (SQLite)", ctx.engine)
    folder = ctx.folder("disk-full", 1000)
    mount_point = os.path.join(ctx.workdir, "small-fs")
    os.makedirs(mount_point, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount_point],
                             capture_output=True).returncode == 0
    tally.note("a 1 MiB tmpfs" if mounted else "mount refused: RLIMIT_FSIZE of 1 MiB instead")

    def limit_file_size():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))

    try:
        for number in range(trials):
            started = time.monotonic()
            if mounted:
                subprocess.run(["mount", "-o", "remount,size=1m", mount_point], check=True)
            db = ctx.database(f"disk-full-{number}", os.path.join(mount_point, "db.sqlite"))
            trial = Trial(ctx.tools, db, folder, tally, "runway")
            spawn = {} if mounted else {"preexec_fn": limit_file_size}
            outcome = trial.interrupt(0, lambda p: None, **spawn)
            expect_failure(trial, outcome, "disk full")
            if mounted:
                subprocess.run(["mount", "-o", "remount,size=64m", mount_point], check=True)
            trial.settle()
            db.drop()
            tally.trial(trial.problems, time.monotonic() - started)
    finally:
        if mounted:
            subprocess.run(["umount", mount_point], check=False)
    return tally


def held_lock(ctx, trials):
    """Another session holds a lock the migration needs past the wait allowed: PostgreSQL's
    lock_timeout (a table locked by another session), SQLite's busy timeout (the file locked
    by another connection; runway waits lockRetryCount seconds). The migration must fail with
    a clear error, exit 1, roll back; once the lock is gone, migrate completes."""
    tally = Tally("table lock held past the timeout", ctx.engine)
    folder = ctx.folder("held-lock", 5)
    for number in range(trials):
        started = time.monotonic()
        db = ctx.database(f"held-lock-{number}")
        problems = []
        first = ctx.tools.run("runway", db, folder.location, "-target=2", "migrate")
        problems += [] if first.exit == 0 else [f"setup migrate failed: {first.error_line()}"]
        holder, release = hold_lock(db)
        try:
            if db.engine == "postgres":
                args = ("-initSql=SET lock_timeout = '2s'",)
            else:
                args = ("-lockRetryCount=2",)
            blocked = ctx.tools.run("runway", db, folder.location, *args, "migrate", timeout=60)
        finally:
            release()
        tally.note(f"runway said: {blocked.error_line()[:160]} ({blocked.seconds:.1f} s)")
        if blocked.exit != 1:
            problems.append(f"runway exited {blocked.exit} against a held lock")
        problems += check(db, folder)
        if len(db.rows("SELECT version FROM flyway_schema_history")) != 2:
            problems.append("the history changed although the lock was held")
        after = ctx.tools.run("runway", db, folder.location, "migrate")
        problems += [] if after.exit == 0 else [f"migrate after release: {after.error_line()}"]
        problems += check(db, folder, complete=True)
        db.drop()
        tally.trial(problems, time.monotonic() - started)
    return tally


def hold_lock(db):
    """Takes a lock the next migration needs, from another session; returns (holder, release)."""
    if db.engine == "sqlite":
        connection = sqlite3.connect(db.path, isolation_level=None)
        connection.execute("BEGIN EXCLUSIVE")
        return connection, connection.close
    process = subprocess.Popen(
        ["psql", "-X", "-q", "-h", db.host, "-p", str(db.port), "-U", "postgres", "-d", db.name],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    process.stdin.write("BEGIN; LOCK TABLE applied IN ACCESS EXCLUSIVE MODE;\n")
    process.stdin.flush()
    for _ in range(100):  # until the lock is granted
        if db.rows("SELECT COUNT(*) FROM pg_locks WHERE relation = 'applied'::regclass "
                   "AND granted")[0][0] != "0":
            break
        time.sleep(0.05)

    def release():
        process.stdin.close()
        process.wait()
    return process, release


def flyway_holds_lock(ctx, trials):
    """Flyway migrates a folder whose V2 sleeps 6 s, holding its advisory lock; runway starts
    while it does. With the default lockRetryCount runway waits and then finds V2 applied
    and applies the rest; with -lockRetryCount=2 it gives up after about 2 s, exit 1, having
    changed nothing, and Flyway completes undisturbed."""
    tally = Tally("Flyway holds the lock", ctx.engine)
    folder = ctx.folder("flyway-lock", 4, pause={2: 6})
    for number in range(trials):
        for retries, must_wait in ((None, True), (2, False)):
            started = time.monotonic()
            db = ctx.database(f"flyway-lock-{number}-{retries}")
            problems = []
            flyway = ctx.tools.spawn("flyway", db, folder.location, "migrate")
            wait_for_flyway_in_v2(db)
            args = (f"-lockRetryCount={retries}",) if retries is not None else ()
            runway = ctx.tools.run("runway", db, folder.location, *args, "migrate")
            flyway_outcome = finish(flyway)
            label = "default lockRetryCount" if retries is None else f"lockRetryCount={retries}"
            tally.note(f"{label}: runway exit {runway.exit} after {runway.seconds:.1f} s: "
                       f"{runway.error_line()[:140]}")
            if flyway_outcome.exit != 0:
                problems.append(f"Flyway failed: {flyway_outcome.error_line()}")
            if must_wait and runway.exit != 0:
                problems.append(f"runway did not wait for the lock: {runway.error_line()}")
            if not must_wait and (runway.exit != 1 or not 1.5 < runway.seconds < 6):
                problems.append(f"runway with {label} exited {runway.exit} after "
                                f"{runway.seconds:.1f} s")
            problems += check(db, folder, complete=True)
            db.drop()
            tally.trial(problems, time.monotonic() - started)
    return tally


def wait_for_flyway_in_v2(db):
    """Until Flyway runs V2's pg_sleep, under its lock. Flyway also takes the lock for a moment
    to create the history table; a runway started then would get in first."""
    for _ in range(600):
        if db.rows("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                   "AND query LIKE 'SELECT pg_sleep%'")[0][0] != "0":
            return
        time.sleep(0.05)
    raise RuntimeError("Flyway never reached V2")


def connect_retries(ctx, trials):
    """Flyway's docs: connectRetries is the number of retries, waiting 1 s after the first
    failed attempt and doubling the wait each time, capped by connectRetriesInterval. With
    nothing listening, -connectRetries=3 must fail after 1+2+4 = 7 s and
    -connectRetries=4 -connectRetriesInterval=2 after 1+2+2+2 = 7 s, both tools alike; with
    the server coming up during the retries, migrate must complete."""
    tally = Tally("connectRetries", ctx.engine)
    folder = ctx.folder("connect", 3)
    for number in range(trials):
        for args, expected in ((("-connectRetries=3",), 7), (("-connectRetries=4",
                                                               "-connectRetriesInterval=2"), 7)):
            started = time.monotonic()
            db = ctx.database(f"connect-{number}")
            server.stop(ctx.pg_dir)
            try:
                outcomes = {t: ctx.tools.run(t, db, folder.location, *args, "migrate")
                            for t in ("runway", "flyway")}
            finally:
                server.start(ctx.pg_dir)
            problems = []
            for tool, outcome in outcomes.items():
                tally.note(f"{' '.join(args)}: {tool} exit {outcome.exit} after "
                           f"{outcome.seconds:.1f} s: {outcome.error_line()[:120]}")
                if outcome.exit != 1:
                    problems.append(f"{tool} exited {outcome.exit} without a server")
            if not expected - 1 < outcomes["runway"].seconds < expected + 3:
                problems.append(f"runway {' '.join(args)} gave up after "
                                f"{outcomes['runway'].seconds:.1f} s, not {expected} s")
            problems += check(db, folder)
            db.drop()
            tally.trial(problems, time.monotonic() - started)
        tally.trial(*server_comes_up(ctx, folder, number))
    return tally


def server_comes_up(ctx, folder, number):
    started = time.monotonic()
    db = ctx.database(f"connect-up-{number}")
    server.stop(ctx.pg_dir)
    threading.Timer(2.5, server.start, (ctx.pg_dir,)).start()
    outcome = ctx.tools.run("runway", db, folder.location, "-connectRetries=5", "migrate")
    time.sleep(0.1)
    problems = [] if outcome.exit == 0 else [
        f"runway -connectRetries=5 did not wait for the server: {outcome.error_line()}"]
    problems += check(db, folder, complete=True)
    db.drop()
    return problems, time.monotonic() - started


def run(tools, engine, workdir, trials, pg_dir, log=print):
    ctx = Context(tools, engine, workdir, pg_dir, log)
    if engine == "sqlite":
        scenarios = [lambda: disk_full(ctx, trials), lambda: held_lock(ctx, trials)]
    else:
        scenarios = [lambda: server_restart(ctx, trials), lambda: terminate_backend(ctx, trials),
                     lambda: held_lock(ctx, trials), lambda: flyway_holds_lock(ctx, trials),
                     lambda: connect_retries(ctx, max(1, trials // 4))]
    tallies = []
    for scenario in scenarios:
        tally = scenario()
        log(tally.line())
        tallies.append(tally)
    return tallies
