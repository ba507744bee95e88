"""The databases the two sides run against, and what the suite reads back from them.

SQLite: a file in the side's work directory. PostgreSQL: a database of its own on the server
that scripts/test started (RUNWAY_PG_HOST / RUNWAY_PG_PORT). What is read back never includes
the columns that differ between any two runs (installed_on, execution_time).
"""

import os
import sqlite3
import subprocess

HISTORY_COLUMNS = "installed_rank, version, description, type, script, checksum, installed_by, success"


class SqliteDatabase:
    engine = "sqlite"

    def __init__(self, workdir):
        self.path = os.path.join(workdir, "db.sqlite")
        self.url = "jdbc:sqlite:" + self.path
        self.name = ""
        self.user = ""

    def create(self):
        pass

    def drop(self):
        pass

    def execute(self, sql):
        with sqlite3.connect(self.path) as connection:
            connection.executescript(sql)

    def _query(self, sql):
        if not os.path.exists(self.path):
            return None
        connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            return connection.execute(sql).fetchall()
        finally:
            connection.close()

    def history(self, schema, table):
        if not os.path.exists(self.path):
            return ["(no database file)"]
        try:
            rows = self._query(f'SELECT {HISTORY_COLUMNS} FROM "{table}" ORDER BY installed_rank')
        except sqlite3.OperationalError as e:
            return [f"(no history: {e})"]
        return ["|".join("NULL" if v is None else str(v) for v in row) for row in rows]

    def dump(self, history_table):
        """Schema objects, then every user table's rows; the history table's rows excluded."""
        if not os.path.exists(self.path):
            return ["(no database file)"]
        lines = []
        objects = self._query(
            "SELECT type, name, tbl_name, sql FROM sqlite_master "
            "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        for kind, name, table, sql in objects:
            lines.append(f"{kind} {name} on {table}: {' '.join((sql or '').split())}")
        for kind, name, _, _ in objects:
            if kind != "table" or name == history_table:
                continue
            for row in self._query(f'SELECT * FROM "{name}" ORDER BY 1'):
                lines.append(f"row {name}: {row!r}")
        return lines


class PostgresDatabase:
    engine = "postgres"

    def __init__(self, host, port, name, user="postgres"):
        self.host, self.port, self.name, self.user = host, port, name, user
        self.url = f"jdbc:postgresql://{host}:{port}/{name}"

    def _psql(self, sql, database="postgres", check=True):
        result = subprocess.run(
            ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", self.host, "-p",
             str(self.port), "-U", "postgres", "-d", database, "-c", sql],
            capture_output=True, text=True)
        if check and result.returncode != 0:
            raise RuntimeError(f"psql failed: {result.stderr.strip()}")
        return result

    def create(self):
        self._psql(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        self._psql(f'CREATE DATABASE "{self.name}"')

    def drop(self):
        self._psql(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)', check=False)

    def execute(self, sql):
        self._psql(sql, database=self.name)

    def history(self, schema, table):
        result = self._psql(
            f'SELECT {HISTORY_COLUMNS} FROM "{schema}"."{table}" ORDER BY installed_rank',
            database=self.name, check=False)
        if result.returncode != 0:
            return [f"(no history: {result.stderr.strip().splitlines()[0]})"]
        return [line for line in result.stdout.splitlines() if line]

    def dump(self, history_table):
        result = subprocess.run(
            ["pg_dump", "-h", self.host, "-p", str(self.port), "-U", "postgres", "--no-owner",
             "--no-privileges", f"--exclude-table-data=*.{history_table}", self.name],
            capture_output=True, text=True)
        if result.returncode != 0:
            return [f"(pg_dump failed: {result.stderr.strip()})"]
        noise = ("--", "SET ", "SELECT pg_catalog.set_config", "\\restrict", "\\unrestrict")
        return [line for line in result.stdout.splitlines()
                if line.strip() and not line.startswith(noise)]


def open_database(engine, workdir, name):
    if engine == "sqlite":
        return SqliteDatabase(workdir)
    return PostgresDatabase(os.environ["RUNWAY_PG_HOST"], os.environ["RUNWAY_PG_PORT"], name)
