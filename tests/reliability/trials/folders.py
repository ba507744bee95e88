"""Migration folders the trials run, and what each migration must leave in the database.

Every migration after V1 records each of its statements in the table `applied` (one row per
statement, `part` a, b, c) and creates a table of its own between them, so the database itself
says how much of a migration ran: all of it, none of it, or (only possible outside a
transaction) a prefix. The history rows are compared with the files: version, description,
type, script and Flyway's checksum, computed here independently of runway.
"""

import os
import shutil
import zlib
from dataclasses import dataclass

PARTS = ("a", "b", "c")


@dataclass(frozen=True)
class Migration:
    version: int
    transactional: bool
    pause: int = 0  # seconds of pg_sleep before its statements (PostgreSQL only)

    @property
    def description(self):
        return f"step {self.version}"

    @property
    def script(self):
        return f"V{self.version}__step_{self.version}.sql"

    @property
    def table(self):
        return f"t{self.version}"

    def sql(self):
        if self.version == 1:
            return "CREATE TABLE applied (version INT NOT NULL, part VARCHAR(1) NOT NULL);\n"
        n = self.version
        pause = f"SELECT pg_sleep({self.pause});\n" if self.pause else ""
        # Several statements, so that a kill or a fault can land between them. The table
        # comes first: a non-transactional migration cut short and run again then fails at
        # once (the table exists) instead of repeating a statement that already ran.
        return pause + (f"CREATE TABLE {self.table} (id INT PRIMARY KEY, note VARCHAR(20));\n"
                f"INSERT INTO applied (version, part) VALUES ({n}, 'a');\n"
                f"INSERT INTO {self.table} (id, note) VALUES ({n}, 'v{n}');\n"
                f"INSERT INTO applied (version, part) VALUES ({n}, 'b');\n"
                f"INSERT INTO applied (version, part) VALUES ({n}, 'c');\n")

    def undo_sql(self):
        """What an operator runs to remove a half-completed run of this migration."""
        return (f"DELETE FROM applied WHERE version = {self.version};\n"
                f"DROP TABLE IF EXISTS {self.table};\n")

    def checksum(self):
        return flyway_checksum(self.sql())


def flyway_checksum(text):
    """Flyway's checksum: CRC-32 of the file's lines without their line ends, as a signed int."""
    crc = 0
    for line in text.splitlines():
        crc = zlib.crc32(line.encode("utf-8"), crc)
    return crc - (1 << 32) if crc >= 1 << 31 else crc


class Folder:
    """`count` migrations; `kind` says which run outside a transaction (a script .conf file):
    transactional (none), non-transactional (all but V1), mixed (every other one)."""

    KINDS = ("transactional", "non-transactional", "mixed")

    def __init__(self, path, engine, count, kind="transactional", pause=None):
        assert kind in self.KINDS
        self.path, self.engine, self.kind = path, engine, kind
        self.migrations = [Migration(v, self._transactional(v), (pause or {}).get(v, 0))
                           for v in range(1, count + 1)]

    def _transactional(self, version):
        if version == 1 or self.kind == "transactional":
            return True
        return self.kind == "mixed" and version % 2 == 0

    def write(self):
        shutil.rmtree(self.path, ignore_errors=True)  # no file of an earlier, larger folder
        os.makedirs(self.path)
        for m in self.migrations:
            with open(os.path.join(self.path, m.script), "w") as f:
                f.write(m.sql())
            if not m.transactional:
                with open(os.path.join(self.path, m.script + ".conf"), "w") as f:
                    f.write("executeInTransaction=false\n")
        return self

    @property
    def location(self):
        return "filesystem:" + self.path

    def by_version(self, version):
        return self.migrations[version - 1]
