"""Failures: what a failing migration keeps, the history rows and the JSON error it leaves, and
how a team recovers (fix the file, repair, migrate again).

PostgreSQL: Flyway's default lock (postgresql.transactional.lock=true) holds an open transaction
on a second connection, so `CREATE INDEX CONCURRENTLY` waits for it forever. Cases that build
indexes concurrently pass -postgresql.transactional.lock=false; the hanging variant is the one
case named failures-defect-*.
"""

from difftest.case import Case, Sql, Write, cases, run, text

NO_LOCK = "-postgresql.transactional.lock=false"

V1 = "CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(100));\n"
V2_FAILS = ("CREATE TABLE pet (id INT PRIMARY KEY, owner INT);\n"
            "INSERT INTO pet (id, owner) VALUES (1, 1);\n"
            "INSERT INTO nowhere (id) VALUES (1);\n"
            "INSERT INTO pet (id, owner) VALUES (2, 1);\n")
V2_FIXED = ("CREATE TABLE pet (id INT PRIMARY KEY, owner INT);\n"
            "INSERT INTO pet (id, owner) VALUES (1, 1);\n"
            "INSERT INTO pet (id, owner) VALUES (2, 1);\n")
V3 = "ALTER TABLE person ADD COLUMN email VARCHAR(200);\n"
R_VIEW = "DROP VIEW IF EXISTS person_names;\nCREATE VIEW person_names AS SELECT name FROM person;\n"
R_FAILS = ("DROP VIEW IF EXISTS person_names;\nCREATE VIEW person_names AS SELECT name FROM person;\n"
           "INSERT INTO nowhere (id) VALUES (1);\n")

FAILING = {
    "sql/V1__create_person.sql": V1,
    "sql/V2__pets.sql": V2_FAILS,
    "sql/V3__add_email.sql": V3,
    "sql/R__person_names.sql": R_VIEW,
}

SYNTAX = ("-- people and their pets\n"
          "CREATE TABLE pet (id INT PRIMARY KEY, owner INT);\n"
          "\n"
          "INSERT INTO pet (id, owner) VALUES (1, 1);\n"
          "INSERT INTO pet (id, owner)\n"
          "  VALUES (2, 1),\n"
          "  (3 1);\n"
          "INSERT INTO pet (id, owner) VALUES (4, 1);\n")

CONCURRENT_INDEX = "CREATE INDEX CONCURRENTLY person_name_idx ON person (name);\n"

CASES = cases(
    Case("failures-middle-versioned", files=FAILING, steps=[
        run("migrate"), run("info"), text("info"), text("migrate"), run("validate"),
        Write("sql/V2__pets.sql", V2_FIXED),
        run("migrate"), run("info"),
    ]),
    Case("failures-first-migration", files={
        "sql/V1__broken.sql": "CREATE TABLE person (id INT PRIMARY KEY);\nSELEC 1;\n",
        "sql/V2__later.sql": V3,
    }, steps=[
        run("migrate"), run("info"), run("baseline"),
    ]),
    Case("failures-repeatable", files=dict(FAILING, **{
        "sql/V2__pets.sql": V2_FIXED, "sql/R__person_names.sql": R_FAILS,
    }), steps=[
        run("migrate"), run("info"), text("info"), run("validate"),
        Write("sql/R__person_names.sql", R_VIEW),
        run("migrate"), run("info"),
        Write("sql/R__person_names.sql", R_FAILS),
        run("migrate"), run("info"),
    ]),
    Case("failures-syntax-error-line", files={
        "sql/V1__create_person.sql": V1, "sql/V2__pets.sql": SYNTAX,
    }, steps=[
        run("migrate"), run("info"),
    ]),
    Case("failures-constraint-violation", files={
        "sql/V1__create_person.sql": V1,
        "sql/V2__people.sql": ("INSERT INTO person (id, name) VALUES (1, 'Ada');\n"
                               "\n"
                               "INSERT INTO person (id, name) VALUES (2, 'Alan');\n"
                               "INSERT INTO person (id, name) VALUES (1, 'Again');\n"),
    }, steps=[
        run("migrate"), run("info"),
    ]),
    Case("failures-group", files=FAILING, args=["-group=true"], steps=[
        run("migrate"), run("info"),
        Write("sql/V2__pets.sql", V2_FIXED),
        Write("sql/R__person_names.sql", R_FAILS),
        run("migrate"), run("info"),
        Write("sql/R__person_names.sql", R_VIEW),
        run("migrate"), run("info"),
    ]),
    Case("failures-group-target", files=FAILING, steps=[
        run("migrate", "-group=true", "-target=1"), run("info"),
        run("migrate", "-group=true"), run("info"),
    ]),
    Case("failures-mixed-postgres", engines=("postgres",), files={
        "sql/V1__create_person.sql": V1,
        "sql/V2__mixed.sql": "CREATE TABLE pet (id INT);\n" + CONCURRENT_INDEX,
    }, args=[NO_LOCK], steps=[
        run("migrate"), run("info"),
        run("migrate", "-mixed=true"), run("info"),
    ]),
    Case("failures-mixed-false-default-lock-postgres", engines=("postgres",), files={
        "sql/V1__create_person.sql": V1,
        "sql/V2__mixed.sql": "CREATE TABLE pet (id INT);\n" + CONCURRENT_INDEX,
    }, steps=[
        # Refused before anything runs, so Flyway's default lock does not hang here.
        run("migrate"), run("info"), run("migrate", "-mixed=false"),
    ]),
    Case("failures-concurrently-no-lock-postgres", engines=("postgres",), files={
        "sql/V1__create_person.sql": V1,
        "sql/V2__index.sql": CONCURRENT_INDEX,
        "sql/V3__bad_index.sql": "CREATE INDEX CONCURRENTLY person_nick_idx ON person (nickname);\n",
    }, args=[NO_LOCK], steps=[
        run("migrate"), run("info"), run("migrate"),
        run("repair"), run("info"),
        Write("sql/V3__bad_index.sql", "CREATE INDEX CONCURRENTLY person_id_idx ON person (id);\n"),
        run("migrate"), run("info"),
    ]),
    Case("failures-defect-concurrently-default-lock-postgres", engines=("postgres",), files={
        "sql/V1__create_person.sql": V1,
        "sql/V2__index.sql": CONCURRENT_INDEX,
    }, steps=[
        # Flyway 12.0.2 waits here forever (its lock transaction blocks the index build).
        run("migrate"),
    ]),
    Case("failures-execute-in-transaction-false", files=FAILING,
         args=["-executeInTransaction=false", NO_LOCK], steps=[
             run("migrate"), run("info"), text("info"), run("migrate"), run("validate"),
             Write("sql/V2__pets.sql", V2_FIXED),
             run("migrate"),
             run("repair"), run("info"),
             run("migrate"), run("info"),
         ]),
    Case("failures-non-transactional-default-lock", files=FAILING,
         args=["-executeInTransaction=false"], steps=[
             run("migrate"), run("info"),
         ]),
    Case("failures-script-conf-no-transaction", files=dict(FAILING, **{
        "sql/V2__pets.sql.conf": "executeInTransaction=false\n",
    }), args=[NO_LOCK], steps=[
        run("migrate"), run("info"),
        Write("sql/V2__pets.sql", V2_FIXED.replace("CREATE TABLE pet", "CREATE TABLE IF NOT EXISTS pet")
              .replace("VALUES (1, 1)", "VALUES (5, 1)")),
        run("repair"), run("migrate"), run("info"),
    ]),
    Case("failures-vacuum-in-transaction", files={
        "sql/V1__create_person.sql": V1, "sql/V2__vacuum.sql": "VACUUM;\n", "sql/V3__after.sql": V3,
    }, steps=[
        run("migrate"), run("info"),
    ]),
    Case("failures-validate-on-migrate-false", files=dict(FAILING, **{"sql/V2__pets.sql": V2_FIXED}),
         steps=[
             run("migrate", "-target=2"),
             Write("sql/V1__create_person.sql", V1 + "-- edited after it was applied\n"),
             run("migrate"),
             run("migrate", "-validateOnMigrate=false"),
             run("info"), run("validate"),
             run("repair"), run("validate"),
         ]),
    Case("failures-out-of-order", files={
        "sql/V1__create_person.sql": V1, "sql/V3__add_email.sql": V3,
    }, steps=[
        run("migrate"),
        Write("sql/V2__pets.sql", V2_FAILS),
        run("migrate", "-outOfOrder=true"), run("info"),
        text("info", "-outOfOrder=true"),
        Write("sql/V2__pets.sql", V2_FIXED),
        run("migrate"), run("validate"),
        run("migrate", "-outOfOrder=true"), run("info"),
    ]),
    Case("failures-migrate-info-chain", files=FAILING, steps=[
        run("migrate", "info"), text("migrate", "info"), run("info", "migrate"),
        run("validate", "migrate", "info"),
    ]),
    Case("failures-failed-row-blocks-migrate", files=FAILING, args=[NO_LOCK], steps=[
        run("migrate", "-executeInTransaction=false"),
        run("info"), run("validate"), run("migrate"),
        run("migrate", "-ignoreMigrationPatterns=*:failed"),
        run("repair"), run("info"),
        Sql("DROP TABLE pet;"),
        Write("sql/V2__pets.sql", V2_FIXED),
        run("migrate"), run("info"),
    ]),
    Case("failures-clean-on-validation-error", files=dict(FAILING, **{"sql/V2__pets.sql": V2_FIXED}),
         steps=[
             run("migrate"),
             Write("sql/V1__create_person.sql", V1 + "-- edited\n"),
             run("migrate", "-cleanOnValidationError=true"),
             run("migrate", "-cleanOnValidationError=true", "-cleanDisabled=false"),
             run("info"),
         ]),
)
