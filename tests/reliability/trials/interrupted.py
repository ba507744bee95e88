"""A `runway migrate` cut short by a fault, then the checks and the recovery that follow.

Shared by the crash trials (the fault is SIGKILL) and the fault trials (a server restart, a
terminated backend, a full disk). After the fault:

1. the invariants (invariants.py), allowing a prefix of one non-transactional migration;
2. the next `migrate`, by runway or by Flyway. It must complete, unless a non-transactional
   migration was cut short: that one is run again and fails (its table exists), and the tool
   must say so and exit 1;
3. in that case a further `migrate` must refuse and name `repair`, the documented instruction
   (runway; Flyway's text is recorded); then, as an operator would, the half-completed
   changes are removed, `repair` runs, and `migrate` must complete.
"""

import time

from .invariants import check, ran, read_state
from .tools import finish


def wait_for_server_side(db):
    """A killed client's PostgreSQL backend may still finish a statement (and, outside a
    transaction, commit it) before it notices: wait until it has gone, then look."""
    if db.engine != "postgres":
        return
    for _ in range(300):
        if db.rows("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                   "AND pid <> pg_backend_pid()")[0][0] == "0":
            return
        time.sleep(0.1)
    raise RuntimeError("the killed runway's backend did not go away in 30 s")


def cut_short(db, folder):
    """The non-transactional migration a kill left part-way (no row, some effects), or None."""
    history, counts, tables = read_state(db)
    with_row = {int(row[1]) for row in history}
    first = next((m for m in folder.migrations if m.version not in with_row), None)
    return first if first and ran(first, counts, tables) != "none" else None


class Trial:
    def __init__(self, tools, db, folder, tally, recovering_tool):
        self.tools, self.db, self.folder, self.tally = tools, db, folder, tally
        self.recovering_tool = recovering_tool
        self.problems = []

    def migrate(self, tool, *args):
        return self.tools.run(tool, self.db, self.folder.location, *args, "migrate")

    def expect(self, condition, problem):
        if not condition:
            self.problems.append(problem)
        return condition

    def interrupt(self, delay, fault, *args, **spawn):
        """Runs `runway migrate`, calls fault(process) after `delay` seconds unless it has
        finished, and returns its outcome, or None when it had finished before."""
        process = self.tools.spawn("runway", self.db, self.folder.location, *args, "migrate",
                                   **spawn)
        time.sleep(delay)
        finished = process.poll() is not None
        if not finished:
            fault(process)
        outcome = finish(process)
        wait_for_server_side(self.db)
        if finished:
            self.tally.note("runway had finished before the fault")
            self.expect(outcome.exit == 0, f"uninterrupted migrate exited {outcome.exit}: "
                                           f"{outcome.error_line()}")
            return None
        return outcome

    def settle(self):
        """The checks of the module's steps 1-3, after the fault."""
        self.problems += check(self.db, self.folder, interruption=True)
        self.recover()

    def recover(self):
        tool = self.recovering_tool
        broken = cut_short(self.db, self.folder)
        outcome = self.migrate(tool)
        if broken is None:
            if self.expect(outcome.exit == 0, f"{tool} migrate after the kill exited "
                                              f"{outcome.exit}: {outcome.error_line()}"):
                self.problems += check(self.db, self.folder, complete=True)
            return
        # The migration cut short runs again and fails on its first statement.
        self.tally.note(f"a non-transactional migration was cut short; {tool} said: "
                        f"{outcome.error_line()[:150]}")
        self.expect(outcome.exit == 1, f"{tool} re-ran half-done V{broken.version} and exited "
                                       f"{outcome.exit}")
        # runway records the failure in a success=false row. Flyway on PostgreSQL rolls its
        # failed row back (docs/compatibility.md), so the migration stays cut short, no row.
        self.problems += check(self.db, self.folder, failed_rows=True,
                               interruption=tool == "flyway")
        recorded = self.db.rows("SELECT success FROM flyway_schema_history "
                                f"WHERE version = '{broken.version}'")
        if tool == "runway":
            self.expect(recorded and recorded[0][0] in ("0", "f"),
                        f"runway left no failed row for V{broken.version}")
        else:
            self.tally.note(f"Flyway left {'a failed row' if recorded else 'no row'} for the "
                            "migration it re-ran and that failed")
        again = self.migrate(tool)
        said = again.stdout + again.stderr
        self.tally.note(f"next {tool} migrate said: {again.error_line()[:150]}")
        if tool == "runway":
            self.expect(again.exit == 1 and "repair" in said,
                        f"runway migrate after a failed row exited {again.exit} without naming "
                        f"repair: {again.error_line()}")
        # The documented way out: remove the half-completed changes, repair, migrate.
        self.db.execute(broken.undo_sql())
        repaired = self.tools.run(tool, self.db, self.folder.location, "repair")
        self.expect(repaired.exit == 0, f"{tool} repair exited {repaired.exit}: "
                                        f"{repaired.error_line()}")
        final = self.migrate(tool)
        if self.expect(final.exit == 0, f"{tool} migrate after repair exited {final.exit}: "
                                        f"{final.error_line()}"):
            self.problems += check(self.db, self.folder, complete=True)
