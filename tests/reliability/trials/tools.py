"""Running runway and the real Flyway the way a user does: command line, exit code, output."""

import os
import subprocess
import time
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_RUNWAY = os.path.join(HERE, "..", "..", "..", "build", "runway")
DEFAULT_FLYWAY = os.path.join(HERE, "..", "..", "..", "..", "shared", "flyway", "flyway")


@dataclass
class Outcome:
    tool: str
    exit: object  # an int, or "timeout"
    stdout: str
    stderr: str
    seconds: float

    def error_line(self):
        """What went wrong in one line, for a summary table: the first ERROR line, with the
        database's message when the tool printed one below it (Flyway's `Message    :`)."""
        lines = [l.strip() for l in (self.stderr + "\n" + self.stdout).splitlines() if l.strip()]
        error = next((l for l in lines if l.startswith("ERROR")), None)
        message = next((l for l in lines if l.startswith("Message")), None)
        if error:
            return error + (" / " + message if message else "")
        return lines[-1] if lines else f"exit {self.exit}, no output"


class Tools:
    def __init__(self, runway=None, flyway=None):
        self.paths = {
            "runway": os.path.abspath(runway or os.environ.get("RUNWAY_BINARY", DEFAULT_RUNWAY)),
            "flyway": os.path.abspath(flyway or os.environ.get("RUNWAY_FLYWAY", DEFAULT_FLYWAY)),
        }

    def argv(self, tool, db, location, *args):
        argv = [self.paths[tool], "-url=" + db.url, "-locations=" + location]
        if db.engine == "postgres":
            argv.append("-user=" + db.user)
        return argv + list(args)

    @staticmethod
    def environment():
        # A FLYWAY_* variable of the caller's would change what both tools do.
        return {k: v for k, v in os.environ.items() if not k.startswith("FLYWAY_")}

    def spawn(self, tool, db, location, *args, cwd=None, preexec_fn=None):
        process = subprocess.Popen(self.argv(tool, db, location, *args), cwd=cwd,
                                   env=self.environment(), stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   preexec_fn=preexec_fn)
        process.tool, process.started = tool, time.monotonic()
        return process

    def run(self, tool, db, location, *args, timeout=300, **kwargs):
        return finish(self.spawn(tool, db, location, *args, **kwargs), timeout)


def finish(process, timeout=300):
    """Waits for a spawned process; kills it after `timeout` seconds."""
    try:
        stdout, stderr = process.communicate(timeout=timeout)
        code = process.returncode
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
        code = "timeout"
    return Outcome(process.tool, code, stdout, stderr, time.monotonic() - process.started)
