"""What must hold in the database after every trial, read from the database itself.

1. The history's installed_rank runs 1..n without a gap, versions rise with the rank, and no
   version has two rows.
2. Every row names a migration file, with that file's description, type, script and checksum.
3. A row with success=true: the migration's every statement ran, once.
4. No row: a transactional migration left nothing; a non-transactional one may have left a
   prefix of its statements only where a trial allows one interruption, and then only the
   first migration without a row (migrations run in version order).
5. A row with success=false is allowed only where the trial allows it, for a non-transactional
   migration (it says "this failed part-way", which is true whatever ran).
6. `complete`: every migration has a success row.
"""

from .database import HISTORY
from .folders import PARTS


def read_state(db):
    tables = db.tables()
    history = []
    if HISTORY in tables:
        history = db.rows("SELECT installed_rank, version, description, type, script, checksum, "
                          f"success FROM {HISTORY} ORDER BY installed_rank")
    counts = {}
    if "applied" in tables:
        for version, part, count in db.rows(
                "SELECT version, part, COUNT(*) FROM applied GROUP BY version, part"):
            counts[(int(version), part)] = int(count)
    return history, counts, tables


def ran(migration, counts, tables):
    """How much of the migration the database shows: 'none', 'all' (each statement once),
    or a description of anything else."""
    if migration.version == 1:
        return "all" if "applied" in tables else "none"
    seen = [counts.get((migration.version, p), 0) for p in PARTS]
    has_table = migration.table in tables
    if seen == [0, 0, 0] and not has_table:
        return "none"
    if seen == [1, 1, 1] and has_table:
        return "all"
    return f"parts a,b,c ran {seen} times, table {'present' if has_table else 'absent'}"


def check(db, folder, complete=False, interruption=False, failed_rows=False):
    """The violated invariants, as sentences; empty when all hold."""
    history, counts, tables = read_state(db)
    problems = []
    rows = {}
    for expected_rank, row in enumerate(history, start=1):
        rank, version, description, kind, script, checksum, success = row
        if int(rank) != expected_rank:
            problems.append(f"installed_rank {rank} where {expected_rank} was due (a gap)")
        v = int(version) if version.isdigit() else None
        if v is None or not 1 <= v <= len(folder.migrations):
            problems.append(f"row {rank} names no migration file: version {version!r}")
            continue
        if v in rows:
            problems.append(f"version {v} has two rows ({rows[v][0]} and {rank})")
        if rows and v < max(rows):
            problems.append(f"row {rank} (version {v}) is below an earlier row's version")
        m = folder.by_version(v)
        wanted = (m.description, "SQL", m.script, str(m.checksum()))
        if (description, kind, script, checksum) != wanted:
            problems.append(f"row {rank} says {(description, kind, script, checksum)}, "
                            f"the file says {wanted}")
        rows[v] = (rank, success in ("1", "t"))

    first_without_row = next((m for m in folder.migrations if m.version not in rows), None)
    for m in folder.migrations:
        state = ran(m, counts, tables)
        row = rows.get(m.version)
        if row and row[1] and state != "all":
            problems.append(f"V{m.version} has a success row but the database shows {state}")
        elif row and not row[1] and not (failed_rows and not m.transactional):
            problems.append(f"V{m.version} has a success=false row")
        elif not row and state != "none":
            if m.transactional:
                problems.append(f"V{m.version} (transactional) has no row but {state}: "
                                "half-applied")
            elif not (interruption and m is first_without_row):
                problems.append(f"V{m.version} (non-transactional) has no row but {state}")
        if complete and not (row and row[1]):
            problems.append(f"V{m.version} was not applied")
    return problems
