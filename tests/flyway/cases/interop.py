"""Interoperation: one database that Flyway and runway take turns on.

A step with by="flyway" or by="runway" runs that tool on both sides; the other steps run the
side's tool under test. So on side runway the sequence mixes the tools, on side flyway it is
all Flyway, and every step is compared with what an all-Flyway team would have seen.
"""

from cases.commands import R_VIEW, SHOP, V1, V2, V3
from difftest.case import Case, Delete, Sql, Write, cases, run, text

NO_LOCK = "-postgresql.transactional.lock=false"

V4 = "CREATE TABLE pet (id INT PRIMARY KEY, owner INT);\n"
V2_FAILS = ("INSERT INTO person (id, name) VALUES (1, 'Ada');\n"
            "INSERT INTO nowhere (id) VALUES (1);\n"
            "INSERT INTO person (id, name) VALUES (2, 'Alan');\n")
V2_RETRY = ("INSERT INTO person (id, name) VALUES (2, 'Alan');\n")
R_VIEW2 = "DROP VIEW IF EXISTS person_names;\nCREATE VIEW person_names AS SELECT id, name FROM person;\n"


CASES = cases(
    Case("interop-flyway-then-runway", files=SHOP, steps=[
        run("migrate", "-target=2", by="flyway"),
        run("info"), text("info"), run("validate"),
        run("migrate"),
        Write("sql/V4__pets.sql", V4),
        run("info", by="flyway"), run("migrate"), run("info", by="flyway"),
        run("validate", by="flyway"), run("repair"), run("info", by="flyway"),
    ]),
    Case("interop-runway-then-flyway", files=SHOP, steps=[
        run("migrate", "-target=2", by="runway"),
        run("info"), text("info"), run("validate"),
        run("migrate"),
        Write("sql/V4__pets.sql", V4),
        run("info", by="runway"), run("migrate"), run("info", by="runway"),
        run("validate", by="runway"), run("repair", by="runway"), run("info"),
    ]),
    Case("interop-alternating-each-version", files=SHOP, steps=[
        run("migrate", "-target=1", by="runway"),
        run("migrate", "-target=2", by="flyway"),
        run("migrate", "-target=3", by="runway"),
        run("migrate", by="flyway"),
        run("info", by="runway"), text("info", by="runway"), run("info"),
    ]),
    Case("interop-baseline-by-flyway", files=SHOP, steps=[
        Sql("CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(100));"),
        run("baseline", "-baselineVersion=1", "-baselineDescription=Existing schema", by="flyway"),
        run("info"), run("migrate"), run("info", by="flyway"), run("validate", by="flyway"),
    ]),
    Case("interop-baseline-by-runway", files=SHOP, steps=[
        Sql("CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(100));"),
        run("baseline", "-baselineVersion=1", "-baselineDescription=Existing schema", by="runway"),
        run("info"), run("migrate"), run("info", by="runway"), run("validate", by="runway"),
    ]),
    Case("interop-baseline-on-migrate", files=SHOP, steps=[
        Sql("CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(100));"),
        run("migrate", "-baselineOnMigrate=true", "-baselineVersion=1", "-target=2", by="runway"),
        run("migrate", "-baselineOnMigrate=true", "-baselineVersion=1", by="flyway"),
        run("info"), run("baseline"),
    ]),
    Case("interop-repeatable-changes", files=SHOP, steps=[
        run("migrate", by="flyway"),
        Write("sql/R__person_names.sql", R_VIEW2),
        run("info"), run("migrate"),
        run("info", by="flyway"), run("migrate", by="flyway"),
        Write("sql/R__person_names.sql", R_VIEW),
        run("migrate", by="flyway"), run("info"), run("validate"),
    ]),
    Case("interop-repeatable-placeholders", files=dict(SHOP, **{
        "sql/R__person_names.sql": (b"DROP VIEW IF EXISTS person_names;\n"
                                    b"CREATE VIEW person_names AS SELECT name, '${team}' AS team "
                                    b"FROM person;\n"),
    }), steps=[
        run("migrate", "-placeholders.team=blue", by="flyway"),
        run("info", "-placeholders.team=blue"),
        run("validate", "-placeholders.team=blue"),
        run("migrate", "-placeholders.team=blue"),
        run("migrate", "-placeholders.team=red"),
        run("info", "-placeholders.team=red", by="flyway"),
        run("validate", "-placeholders.team=red", by="flyway"),
    ]),
    Case("interop-checksum-repair", files=SHOP, steps=[
        run("migrate", by="flyway"),
        Write("sql/V2__add_people.sql", V2 + "-- reformatted\n"),
        run("validate"), run("repair"),
        run("validate", by="flyway"), run("info", by="flyway"),
    ]),
    Case("interop-missing-file-repair", files=SHOP, steps=[
        run("migrate", by="runway"),
        Delete("sql/V3__add_email.sql"),
        run("validate", by="flyway"), run("repair", by="flyway"),
        run("info"), run("validate"),
    ]),
    Case("interop-failed-row-by-flyway", files=dict(SHOP, **{"sql/V2__add_people.sql": V2_FAILS}),
         args=["-executeInTransaction=false", NO_LOCK], steps=[
             run("migrate", by="flyway"),
             run("info"), run("validate"), run("migrate"),
             run("repair"),
             Write("sql/V2__add_people.sql", V2_RETRY),
             run("info", by="flyway"),
             run("migrate", by="flyway"), run("info"),
         ]),
    Case("interop-failed-row-by-runway", files=dict(SHOP, **{"sql/V2__add_people.sql": V2_FAILS}),
         args=["-executeInTransaction=false", NO_LOCK], steps=[
             run("migrate", by="runway"),
             run("info"), run("validate"), run("migrate"),
             run("repair"),
             Write("sql/V2__add_people.sql", V2_RETRY),
             run("info", by="runway"),
             run("migrate", by="runway"), run("info"),
         ]),
    Case("interop-transactional-failure", files=dict(SHOP, **{"sql/V2__add_people.sql": V2_FAILS}),
         steps=[
             run("migrate", by="runway"),
             run("info"),
             Write("sql/V2__add_people.sql", V2),
             run("migrate"), run("info", by="runway"),
         ]),
    Case("interop-out-of-order", files={
        "sql/V1__create_person.sql": V1, "sql/V3__add_email.sql": V3,
    }, steps=[
        run("migrate", by="runway"),
        Write("sql/V2__add_people.sql", V2),
        run("info"), run("migrate", "-outOfOrder=true"),
        run("info", by="runway"), run("validate", by="runway"),
    ]),
    Case("interop-custom-table", files=SHOP, history_table="deploy_log",
         args=["-table=deploy_log"], steps=[
             run("migrate", "-target=2", by="flyway"),
             run("info"), run("migrate"),
             run("info", by="flyway"), run("validate", by="flyway"),
         ]),
    Case("interop-schemas-postgres", engines=("postgres",), files=SHOP, history_schema="app",
         args=["-schemas=app,audit"], steps=[
             run("migrate", "-target=1", by="runway"),
             run("migrate", "-target=2", by="flyway"),
             run("info"), run("migrate"), run("info", by="flyway"),
             run("clean", "-cleanDisabled=false", by="flyway"),
             run("info"), run("migrate"), run("info", by="flyway"),
         ]),
    Case("interop-clean-by-other", files=SHOP, args=["-cleanDisabled=false"], steps=[
        run("migrate", by="runway"),
        run("clean", by="flyway"),
        run("info"), run("migrate"),
        run("clean"),
        run("info", by="flyway"), run("migrate", by="flyway"), run("info"),
    ]),
    Case("interop-installed-by", files=SHOP, steps=[
        run("migrate", "-target=1", "-installedBy=ci-flyway", by="flyway"),
        run("migrate", "-target=2", "-installedBy=ci-runway"),
        run("migrate"),
        run("info", by="flyway"),
    ]),
    Case("interop-baseline-migration", files=dict(SHOP, **{
        "sql/B2__baseline.sql": V1 + V2,
    }), steps=[
        run("migrate", "-target=2", by="flyway"),
        run("info"), run("migrate"), run("info", by="flyway"),
    ]),
    Case("interop-callbacks", files=dict(SHOP, **{
        "sql/afterMigrate.sql": ("CREATE TABLE IF NOT EXISTS cb_log (n INT, event VARCHAR(100));\n"
                                 "INSERT INTO cb_log (n, event) SELECT COALESCE(MAX(n), 0) + 1, "
                                 "'afterMigrate' FROM cb_log;\n"),
    }), steps=[
        run("migrate", "-target=1", by="flyway"),
        run("migrate", "-target=2"),
        run("migrate", by="flyway"),
        run("info"),
    ]),
)
