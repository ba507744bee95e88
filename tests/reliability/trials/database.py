"""The database a trial runs against: the differential suite's SQLite file or PostgreSQL
database (tests/flyway/difftest/databases.py), plus reading rows back for the invariants."""

import os
import shutil
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "flyway"))

from difftest import databases  # noqa: E402

HISTORY = "flyway_schema_history"


class Sqlite(databases.SqliteDatabase):
    def __init__(self, workdir, path=None):
        super().__init__(workdir)
        if path:  # elsewhere than the work directory, e.g. on a small file system
            self.path, self.url = path, "jdbc:sqlite:" + path

    def create(self):
        self.drop()

    def drop(self):
        for suffix in ("", "-journal", "-wal", "-shm", ".check", ".check-journal", ".check-wal"):
            if os.path.exists(self.path + suffix):
                os.remove(self.path + suffix)

    def rows(self, sql):
        """Reads a copy of the file and its journal. After a kill the journal is hot: only a
        writer may roll it back, and that should be the next migrate, not this check."""
        if not os.path.exists(self.path):
            return []
        copy = self.path + ".check"
        for suffix in ("", "-journal", "-wal"):
            if os.path.exists(copy + suffix):
                os.remove(copy + suffix)
            if os.path.exists(self.path + suffix):
                shutil.copyfile(self.path + suffix, copy + suffix)
        connection = sqlite3.connect(copy)
        try:
            return [tuple(str(v) for v in row) for row in connection.execute(sql).fetchall()]
        finally:
            connection.close()

    def tables(self):
        return {r[0] for r in self.rows("SELECT name FROM sqlite_master WHERE type = 'table'")}


class Postgres(databases.PostgresDatabase):
    def rows(self, sql):
        out = self._psql(sql, database=self.name).stdout
        return [tuple(line.split("|")) for line in out.splitlines() if line]

    def tables(self):
        return {r[0] for r in self.rows(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}

    def admin(self, sql):
        """SQL on the maintenance database, as the superuser (e.g. pg_terminate_backend)."""
        return self._psql(sql, check=False)


def open_database(engine, workdir, name, path=None):
    if engine == "sqlite":
        return Sqlite(workdir, path)
    return Postgres(os.environ["RUNWAY_PG_HOST"], os.environ["RUNWAY_PG_PORT"], name)
