"""Runs one case on one side and records what each step showed, in a form both sides share."""

import json
import os
import shutil
import subprocess

from .case import Delete, Run, Sql, Write
from .databases import open_database

# Values that differ between any two runs, whoever makes them.
VOLATILE_KEYS = {"timestamp", "executionTime", "totalMigrationTime", "stackTrace"}
STEP_TIMEOUT = 120


class Tools:
    def __init__(self, runway, flyway):
        self.binaries = {"runway": runway, "flyway": flyway}


class Side:
    """One side of a case: `tool` is the tool under test here, runway or flyway."""

    def __init__(self, case, engine, tool, tools, root, database_name):
        self.case, self.engine, self.tool, self.tools = case, engine, tool, tools
        self.workdir = os.path.join(root, f"{case.name}.{engine}.{tool}")
        shutil.rmtree(self.workdir, ignore_errors=True)
        os.makedirs(self.workdir)
        self.db = open_database(engine, self.workdir, database_name)
        self.schema = case.history_schema or ("public" if engine == "postgres" else "main")

    def fill(self, template):
        return template.format(url=self.db.url, user=self.db.user, workdir=self.workdir,
                               database=self.db.name, schema=self.schema,
                               password=os.environ.get("RUNWAY_PG_PASSWORD", ""),
                               password_user=os.environ.get("RUNWAY_PG_PASSWORD_USER", ""),
                               port=os.environ.get("RUNWAY_PG_PORT", ""))

    def normalise(self, text):
        """What differs between the sides only because each has its own folder and database."""
        text = text.replace(os.path.realpath(self.workdir), "<W>").replace(self.workdir, "<W>")
        if self.db.name:
            text = text.replace(self.db.name, "<DB>")
        port = os.environ.get("RUNWAY_PG_PORT")
        return text.replace(port, "<PORT>") if port else text

    def write(self, path, content):
        full = os.path.join(self.workdir, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        data = self.fill(content) if isinstance(content, str) else content
        with open(full, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)

    def play(self):
        """Runs every step; returns one observation (a dict of named values) per step."""
        self.db.create()
        try:
            for path, content in self.case.files.items():
                self.write(path, content)
            return [self.step(step) for step in self.case.steps]
        finally:
            self.db.drop()

    def step(self, step):
        if isinstance(step, Write):
            self.write(step.path, step.text)
            return None
        if isinstance(step, Delete):
            os.remove(os.path.join(self.workdir, step.path))
            return None
        if isinstance(step, Sql):
            if step.engine in (None, self.engine):
                self.db.execute(self.fill(step.text))
            return None
        assert isinstance(step, Run)
        return self.run(step)

    def arguments(self, step):
        args = []
        if step.connect:
            args.append("-url=" + self.db.url)
            if self.engine == "postgres":
                args.append("-user=" + self.db.user)
            if self.case.locations:
                args.append("-locations=" + self.case.locations)
        args += [self.fill(a) for a in self.case.args + step.args]
        if step.json:
            args.append("-outputType=json")
        return args

    def run(self, step):
        tool = step.by or self.tool
        env = {k: v for k, v in os.environ.items() if not k.startswith("FLYWAY_")}
        env.update({k: self.fill(v) for k, v in step.env.items()})
        try:
            done = subprocess.run([self.tools.binaries[tool]] + self.arguments(step),
                                  cwd=self.workdir, env=env, capture_output=True, text=True,
                                  timeout=STEP_TIMEOUT, stdin=subprocess.DEVNULL)
            exit_code, stdout, stderr = done.returncode, done.stdout, done.stderr
        except subprocess.TimeoutExpired:
            exit_code, stdout, stderr = "timeout", "", ""
        observed = {"exit": exit_code, "tool": tool, "stderr": self.normalise(stderr)}
        if step.json:
            observed["json"] = parse_json(self.normalise(stdout))
        else:
            observed["info"] = info_rows(self.normalise(stdout))
        if step.compare_history:
            observed["history"] = self.db.history(self.schema, self.case.history_table)
            observed["dump"] = [self.normalise(line) for line in
                                self.db.dump(self.case.history_table)]
        return observed


def parse_json(stdout):
    try:
        document = json.loads(stdout)
    except ValueError:
        return {"(not JSON)": stdout.strip()[:300]}
    return scrub(document)


def scrub(node):
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in VOLATILE_KEYS:
                continue
            if key == "installedOnUTC" and value:
                value = "<instant>"
            elif key == "flywayVersion":
                value = "<version>"
            out[key] = scrub(value)
        return out
    if isinstance(node, list):
        return [scrub(v) for v in node]
    return node


def info_rows(stdout):
    """The rows of the info table in text mode, without the Installed On column."""
    rows = []
    header = None
    for line in stdout.splitlines():
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
            continue
        rows.append(" | ".join(c for h, c in zip(header, cells) if h != "Installed On"))
    return rows
