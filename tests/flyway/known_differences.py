"""Differences between runway and Flyway that the suite knows of, each with its reason.

* "documented": meant, and listed in docs/compatibility.md with the reason a Flyway user
  would accept.
* "flyway-defect": a bug of Flyway 12.0.2 that runway does not copy.
* "open": a difference runway must still remove (issue 10). Listed here so that CI stays
  green while it is worked on and every new difference still fails; the summary counts
  them apart, and an open entry that no longer shows fails as stale, so the list only shrinks.

Patterns are shell-style over case names and field paths (json.error.message, history[2], ...).
"""

from difftest.compare import Known

D, DEFECT, OPEN = "documented", "flyway-defect", "open"

KNOWN = [
    # --- documented (docs/compatibility.md) ---
    Known("info-checksum", "*", "json*migrations[[]*[]].checksum", flyway="<absent>",
          reason="info JSON adds each migration's checksum, so check -check.history can find "
                 "edited files in a production export"),
    Known("message-details", "*", "*#details",
          reason="lines under a message's first line: the database's own words (libpq/SQLite, "
                 "not pgJDBC/Xerial), the path relative to its folder, the failing statement"),
    Known("cause-driver-message", "*", "json*.error.cause.cause.message",
          reason="the innermost cause is the database's own message, as libpq or SQLite words it"),
    Known("cause-driver-message-history-table", "config-create-schemas-false-postgres",
          "json.error.cause.message", flyway='ERROR: schema "app" does not exist',
          runway='schema "app" does not exist',
          reason="the cause is the database's own message as libpq words it (pgJDBC adds the "
                 "severity)"),
    Known("undoable-with-undo-file", "naming-undo-files", "*undoable", flyway="No", runway="Yes",
          reason="runway implements undo (Flyway Teams' feature) and reports what it can undo"),
    Known("undo-row-in-info", "naming-undo-files", "*", kind=D,
          reason="info lists the U file as an Available undo entry, as Flyway Teams does"),
    Known("non-transactional-failed-row", "failures-non-transactional-default-lock", "*",
          engine="postgres",
          reason="a failed non-transactional migration keeps a success=false row: its earlier "
                 "statements stay committed, and a Pending state would lie"),
    Known("locations-without-prefix", "config-locations-without-prefix", "*",
          reason="a location without prefix is a folder: runway has no Java classpath"),
    Known("script-conf-placeholders", "placeholders-script-conf-placeholder", "*",
          reason="placeholders in a script's .conf file are replaced (docs/placeholders.md)"),
    Known("after-each-migrate-error-postgres", "callbacks-migrate-error", "*", engine="postgres",
          reason="afterEachMigrateError runs after the rollback, on a usable connection, so the "
                 "migration's own error is reported (docs/callbacks.md)"),
    Known("after-each-migrate-error-postgres-2", "callbacks-failing-before-each-migrate", "json*",
          engine="postgres",
          reason="afterEachMigrateError runs after the rollback, so the migration's own error "
                 "is reported; Flyway's callback fails on the aborted transaction and its error "
                 "replaces the migration's (docs/callbacks.md)"),
    Known("schema-creation-callbacks", "callbacks-schema-creation-events", "*",
          reason="createSchema callbacks fire once, when the schema is created (docs/callbacks.md)"),
    Known("unsupported-encoding-message", "config-encoding", "json.error.message",
          flyway="NOT-A-CHARSET", runway="Unsupported encoding: NOT-A-CHARSET",
          reason="an unknown encoding is named as such; Flyway prints the Java exception's "
                 "message, the name alone"),
    Known("malformed-input-cause", "config-encoding", "json.error.cause.message",
          flyway="Input length = 1",
          reason="the decoder's own words, with the byte offset, where Java says 'Input length'"),
    Known("missing-location-path", "config-locations-missing", "json.error.message",
          reason="a missing location is named by its absolute path, not as configured"),
    # --- Flyway defects ---
    Known("concurrently-hangs", "failures-defect-concurrently-default-lock-postgres", "*",
          kind=DEFECT, reason="CREATE INDEX CONCURRENTLY hangs under Flyway's default lock "
                              "(its own lock transaction blocks the build)"),
    Known("sqlite-busy-after-versioned", "callbacks-defect-after-versioned-sqlite", "*",
          kind=DEFECT, reason="a writing afterVersioned/beforeRepeatables callback fails Flyway "
                              "with SQLITE_BUSY on its own second connection"),
    # --- open: still to remove (issue 10): none ---
]
