"""Compares what the two sides of a case observed, field by field."""

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase

ABSENT = "<absent>"

# Messages are compared in two parts. The headline (first line, without Redgate's links) says
# what went wrong and must be Flyway's. The details below it hold the database driver's own
# text (libpq and SQLite where Flyway has pgJDBC and Xerial), hints and the failing statement;
# they are compared too, and their known differences are listed like any other.
MESSAGE_KEYS = {"message", "errorMessage", "allErrorMessages", "exception"}
LINK = re.compile(r"\s*(See|Learn more:|Learn more about .*? at:?) https?://\S+( for (full|more) (details|information)\.?)?")


# A documented difference (docs/compatibility.md, "Parse errors"): where a script cannot be
# parsed, runway names the file by its absolute path and the line and column of the problem;
# Flyway names the path as configured and where the statement its read-ahead was on starts.
# The file name and everything else of the headline are still compared.
PARSE_POSITION = re.compile(r"Unable to parse statement in (?:\S*/)?(\S+) at line \d+ col \d+")


def split_message(text):
    headline, _, details = text.partition("\n")
    headline = PARSE_POSITION.sub(r"Unable to parse statement in \1 at line <L> col <C>", headline)
    return LINK.sub("", headline).strip(), details


@dataclass
class Difference:
    case: str
    engine: str
    step: int
    field: str
    flyway: object
    runway: object

    def describe(self, limit=300):
        return (f"{self.case} [{self.engine}] step {self.step} {self.field}: "
                f"flyway {short(self.flyway, limit)} / runway {short(self.runway, limit)}")


def short(value, limit):
    text = repr(value)
    return text if limit is None or len(text) <= limit else text[:limit] + "..."


class Tally:
    """Counts comparisons and keeps the differences."""

    def __init__(self, case, engine):
        self.case, self.engine = case, engine
        self.count = 0
        self.differences = []

    def compare(self, step, field, flyway, runway):
        self.count += 1
        if flyway != runway:
            self.differences.append(Difference(self.case, self.engine, step, field, flyway, runway))

    def compare_tree(self, step, path, flyway, runway):
        if isinstance(flyway, dict) and isinstance(runway, dict):
            for key in list(flyway) + [k for k in runway if k not in flyway]:
                self.compare_tree(step, f"{path}.{key}", flyway.get(key, ABSENT),
                                  runway.get(key, ABSENT))
        elif isinstance(flyway, list) and isinstance(runway, list):
            for i in range(max(len(flyway), len(runway))):
                self.compare_tree(step, f"{path}[{i}]", flyway[i] if i < len(flyway) else ABSENT,
                                  runway[i] if i < len(runway) else ABSENT)
        elif path.rsplit(".", 1)[-1] in MESSAGE_KEYS and isinstance(flyway, str) and isinstance(runway, str):
            flyway_headline, flyway_details = split_message(flyway)
            runway_headline, runway_details = split_message(runway)
            self.compare(step, path, flyway_headline, runway_headline)
            self.compare(step, path + "#details", flyway_details, runway_details)
        else:
            self.compare(step, path, flyway, runway)

    def compare_lines(self, step, field, flyway, runway):
        """One comparison per line; a difference names the lines only one side has."""
        for i in range(max(len(flyway), len(runway))):
            self.count += 1
        if flyway != runway:
            only_flyway = [line for line in flyway if line not in runway]
            only_runway = [line for line in runway if line not in flyway]
            self.differences.append(Difference(self.case, self.engine, step, field,
                                               only_flyway or flyway, only_runway or runway))


def compare_sides(case, engine, flyway_steps, runway_steps):
    tally = Tally(case.name, engine)
    for index, (f, r) in enumerate(zip(flyway_steps, runway_steps), start=1):
        if f is None:  # a set-up step: nothing observed
            continue
        tally.compare(index, "exit", f["exit"], r["exit"])
        if "json" in f:
            tally.compare_tree(index, "json", f["json"], r["json"])
        if "info" in f:
            tally.compare_tree(index, "info", f["info"], r["info"])
        if "history" in f:
            tally.compare_tree(index, "history", f["history"], r["history"])
            tally.compare_lines(index, "dump", f["dump"], r["dump"])
    return tally


@dataclass
class Known:
    """A difference that is meant: documented in docs/compatibility.md, or a Flyway defect.

    `case` and `field` are shell-style patterns; `flyway` and `runway`, when given, pin the
    values each side must show, so a known difference that changes is reported, not excused.
    """

    id: str
    case: str
    field: str
    reason: str
    kind: str = "documented"  # or "flyway-defect"
    engine: str = "*"
    flyway: object = None
    runway: object = None

    def covers(self, difference):
        if not (fnmatchcase(difference.case, self.case) and fnmatchcase(difference.engine, self.engine)
                and fnmatchcase(difference.field, self.field)):
            return False
        if self.flyway is not None and difference.flyway != self.flyway:
            return False
        return self.runway is None or difference.runway == self.runway

    def applies_to(self, case, engine):
        return fnmatchcase(case, self.case) and fnmatchcase(engine, self.engine)
