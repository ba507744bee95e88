"""Issue 11.1: many runway and Flyway processes migrating one database at the same moment.

Each trial starts `processes` processes at once on a fresh database, alternately runway and
Flyway, all with the same folder. Every process must exit 0 (one that finds nothing left to
do also exits 0) and the database must then hold every migration exactly once.
"""

import os
import random
import time

from .database import HISTORY, open_database
from .folders import Folder
from .invariants import check
from .report import Tally
from .tools import finish


def applied_count(outcome):
    """How many migrations this process applied, from its log: each "Migrating schema" line
    is one, except the last of a process that failed (it was rolled back)."""
    text = outcome.stdout + outcome.stderr
    started = text.count("Migrating schema ")
    return started - 1 if outcome.exit != 0 and started else started


def failure(engine, outcome):
    """(problem, note) for a process that did not exit 0. Flyway takes no lock on SQLite
    (docs/compatibility.md), so a Flyway process there may lose a race for SQLite's write
    lock and fail: that is Flyway's behaviour, noted, not a violated invariant. The
    database must still be intact, which check() sees."""
    reason = f"{outcome.tool} exited {outcome.exit}: {outcome.error_line()}"
    if engine == "sqlite" and outcome.tool == "flyway" and "SQLITE_BUSY" in reason:
        return None, "Flyway (no lock on SQLite) failed: SQLITE_BUSY"
    return reason, None


def history_rows(db):
    try:
        return int(db.rows(f"SELECT COUNT(*) FROM {HISTORY}")[0][0])
    except Exception:  # not created yet, or (SQLite) busy for a moment: not started
        return 0


def start_staggered(tools, db, folder, names, args, seed):
    """Flyway processes start at once; each runway process once the history holds a number
    of rows drawn at random from 0 to half the folder. A JVM takes seconds to start and
    runway applies 1,000 migrations in about as long, so launching all at once would let
    runway finish before Flyway began; this way runway joins while Flyway is migrating."""
    rng = random.Random(seed)
    half = len(folder.migrations) // 2
    waiting = sorted((rng.randint(0, half), i) for i, n in enumerate(names) if n == "runway")
    spawned = {i: tools.spawn(n, db, folder.location, *args, "migrate")
               for i, n in enumerate(names) if n != "runway"}
    deadline = time.monotonic() + 60
    while waiting:
        rows = history_rows(db) if waiting[0][0] else 0
        while waiting and (waiting[0][0] <= rows or time.monotonic() > deadline):
            spawned[waiting.pop(0)[1]] = tools.spawn("runway", db, folder.location, *args,
                                                     "migrate")
        time.sleep(0.05)
    return [spawned[i] for i in range(len(names))]


def trial(tools, engine, folder, workdir, number, processes, extra_args):
    db = open_database(engine, workdir, f"concurrency_{os.getpid()}_{number}")
    db.create()
    try:
        names = ["runway" if i % 2 == 0 else "flyway" for i in range(processes)]
        started = time.monotonic()
        spawned = start_staggered(tools, db, folder, names, extra_args, seed=number)
        outcomes = [finish(p, timeout=600) for p in spawned]
        seconds = time.monotonic() - started
        failures = [failure(engine, o) for o in outcomes if o.exit != 0]
        problems = [p for p, _ in failures if p] + check(db, folder, complete=True)
        notes = [n for _, n in failures if n]
        share = {name: sum(applied_count(o) for o in outcomes if o.tool == name)
                 for name in ("runway", "flyway")}
        return problems, notes, seconds, share
    finally:
        db.drop()


def run(tools, engine, workdir, trials, processes=16, migrations=1000, log=print):
    folder = Folder(os.path.join(workdir, "concurrency-sql"), engine, migrations).write()
    tally = Tally(f"concurrency {processes}x{migrations}", engine)
    # Sixteen processes queue for one lock that each takes once per migration. Both tools poll
    # it once a second, which is not fair: a process can lose hundreds of rounds in a row, and
    # with the default lockRetryCount (50) Flyway processes gave up ("Number of retries
    # exceeded", docs/reliability.md). Waiting is what this many processes are configured for.
    extra = ["-lockRetryCount=900"]
    for number in range(trials):
        problems, notes, seconds, share = trial(tools, engine, folder, workdir, number,
                                                processes, extra)
        tally.trial(problems, seconds)
        for n in notes:
            tally.note(n)
        tally.note(f"applied by runway {share['runway']}, by Flyway {share['flyway']}")
        log(f"  trial {number + 1}/{trials}: {seconds:.1f} s, {'ok' if not problems else problems[:3]}"
            f", applied by runway {share['runway']} / Flyway {share['flyway']}")
    return [tally]
