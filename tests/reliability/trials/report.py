"""A tally per scenario, and the summary table the entry script prints."""

import time
from collections import Counter


class Tally:
    def __init__(self, scenario, engine):
        self.scenario, self.engine = scenario, engine
        self.trials = self.passes = 0
        self.failures = Counter()  # reason -> trials
        self.notes = Counter()     # what was seen that is not a failure, e.g. Flyway's behaviour
        self.seconds = []

    def trial(self, problems, seconds):
        """Records one trial; `problems` are the violated invariants (empty: it passed)."""
        self.trials += 1
        self.seconds.append(seconds)
        if problems:
            for p in sorted(set(problems))[:5]:
                self.failures[p] += 1
        else:
            self.passes += 1

    def note(self, text):
        self.notes[text] += 1

    @property
    def failed(self):
        return self.trials - self.passes

    def line(self):
        s = sorted(self.seconds) or [0]
        return (f"{self.scenario:<34} {self.engine:<8} {self.trials:>6} {self.passes:>6} "
                f"{self.failed:>6}  median {s[len(s) // 2]:6.2f} s  max {s[-1]:6.2f} s  "
                f"total {sum(s):7.1f} s")


def print_summary(tallies, started):
    print()
    print(f"{'scenario':<34} {'engine':<8} {'trials':>6} {'passes':>6} {'fails':>6}  durations")
    for t in tallies:
        print(t.line())
        for reason, n in t.failures.most_common(10):
            print(f"    FAIL x{n}: {reason}")
        for text, n in t.notes.most_common(10):
            print(f"    seen x{n}: {text}")
    print(f"wall time {time.monotonic() - started:.0f} s")
    return 1 if any(t.failed for t in tallies) else 0
