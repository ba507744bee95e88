"""Issue 11.2: `kill -9` of runway at a random moment of `migrate`, then recovery.

A trial: a fresh database, `runway migrate` of a folder (transactional, non-transactional or
mixed, in turn), SIGKILL after a delay drawn uniformly from 0 to the time a whole migrate
takes here (measured first), then the checks and recovery of interrupted.py, the next
`migrate` being Flyway's every `flyway_every`-th trial and runway's otherwise.
"""

import os
import random
import signal
import time

from .database import open_database
from .folders import Folder
from .interrupted import Trial
from .report import Tally


def kill(process):
    os.kill(process.pid, signal.SIGKILL)


def full_run_seconds(tools, engine, folder, workdir):
    """How long an uninterrupted migrate of `folder` takes here: the range of kill delays."""
    db = open_database(engine, os.path.join(workdir, "calibrate"), f"crash_{os.getpid()}_cal")
    os.makedirs(os.path.join(workdir, "calibrate"), exist_ok=True)
    db.create()
    try:
        outcome = tools.run("runway", db, folder.location, "migrate")
        if outcome.exit != 0:
            raise RuntimeError(f"calibration migrate failed: {outcome.error_line()}")
        return outcome.seconds
    finally:
        db.drop()


def run(tools, engine, workdir, trials, migrations=200, flyway_every=4, log=print):
    tallies = []
    rng = random.Random(11)
    per_kind = max(1, trials // len(Folder.KINDS))
    for kind in Folder.KINDS:
        folder = Folder(os.path.join(workdir, f"crash-{kind}"), engine, migrations, kind).write()
        longest = full_run_seconds(tools, engine, folder, workdir)
        tally = Tally(f"crash kill -9, {kind}", engine)
        tally.note(f"kill delays drawn from 0 to {longest:.2f} s (one full migrate)")
        for number in range(per_kind):
            trial_dir = os.path.join(workdir, f"crash-{kind}-{number}")
            os.makedirs(trial_dir, exist_ok=True)
            db = open_database(engine, trial_dir, f"crash_{os.getpid()}_{number}")
            db.create()
            started = time.monotonic()
            tool = "flyway" if number % flyway_every == flyway_every - 1 else "runway"
            trial = Trial(tools, db, folder, tally, tool)
            try:
                trial.interrupt(rng.uniform(0, longest), kill)
                trial.settle()
            finally:
                db.drop()
            tally.trial(trial.problems, time.monotonic() - started)
            if trial.problems:
                log(f"  {kind} trial {number}: {trial.problems[:3]}")
        log(tally.line())
        tallies.append(tally)
    return tallies
