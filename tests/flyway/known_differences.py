"""Differences between runway and Flyway that are meant, each with its reason.

A "documented" difference is listed in docs/compatibility.md with the reason a Flyway user
would accept; a "flyway-defect" is a bug of Flyway 12.0.2 that runway does not copy.
"""

from difftest.compare import Known

KNOWN = [
]
