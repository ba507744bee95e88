"""The vocabulary of a differential case: what to set up, what to run, in which order.

A case runs twice, once on each side: on side `runway` the tool under test is runway, on
side `flyway` it is the real Flyway. Each side has its own work directory and its own fresh
database. A step forced to one tool (`by="flyway"`) runs that tool on both sides, which is how
interoperation is tested: runway-then-Flyway on one database against Flyway-then-Flyway.

Strings in files, arguments and environment values are templates: {url}, {user}, {password},
{workdir}, {database}, {schema} are filled in per side (see sides.py).
"""

from dataclasses import dataclass, field

ENGINES = ("sqlite", "postgres")


@dataclass
class Run:
    """Runs the tool with `args` (commands and options)."""

    args: list
    json: bool = True  # adds -outputType=json
    env: dict = field(default_factory=dict)
    by: str = None  # None: the side's tool under test; "flyway" or "runway": that one
    connect: bool = True  # adds -url (and -user on PostgreSQL) and -locations
    compare_history: bool = True


@dataclass
class Write:
    """Writes (or replaces) a file in the work directory."""

    path: str
    text: str


@dataclass
class Delete:
    path: str


@dataclass
class Sql:
    """Runs SQL on the side's database directly, as a person or another tool would."""

    text: str
    engine: str = None  # only on this engine (None: every engine)


@dataclass
class Case:
    name: str
    steps: list
    files: dict = field(default_factory=dict)
    engines: tuple = ENGINES
    args: list = field(default_factory=list)  # options added to every Run of the case
    locations: str = "filesystem:sql"
    history_table: str = "flyway_schema_history"
    history_schema: str = None  # PostgreSQL schema of the history table (default: public)


def run(*args, **options):
    return Run(list(args), **options)


def text(*args, **options):
    return Run(list(args), json=False, **options)


def cases(*items):
    names = [c.name for c in items]
    duplicates = {n for n in names if names.count(n) > 1}
    assert not duplicates, f"duplicate case names: {sorted(duplicates)}"
    return list(items)
