"""SQL callbacks: which events fire, in which order, in which transaction, and what a failing
callback leaves behind. Each callback appends a numbered row to cb_log, so the dump shows the
order in which the scripts ran and whether their work was kept.
"""

from difftest.case import Case, Delete, Sql, Write, cases, run, text

V1 = "CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(100));\n"
V2 = "INSERT INTO person (id, name) VALUES (1, 'Ada');\n"
V3 = "ALTER TABLE person ADD COLUMN email VARCHAR(200);\n"
V2_FAILS = "INSERT INTO person (id, name) VALUES (1, 'Ada');\nINSERT INTO nowhere VALUES (1);\n"
R_VIEW = "DROP VIEW IF EXISTS person_names;\nCREATE VIEW person_names AS SELECT name FROM person;\n"

SHOP = {
    "sql/V1__create_person.sql": V1,
    "sql/V2__add_ada.sql": V2,
    "sql/V3__add_email.sql": V3,
    "sql/R__person_names.sql": R_VIEW,
}


def log(event):
    return ("CREATE TABLE IF NOT EXISTS cb_log (n INT, event VARCHAR(100));\n"
            "INSERT INTO cb_log (n, event) SELECT COALESCE(MAX(n), 0) + 1, "
            f"'{event}' FROM cb_log;\n")


def callbacks(*events, folder="sql"):
    return {f"{folder}/{event}.sql": log(event) for event in events}


FAILING = "INSERT INTO no_such_table VALUES (1);\n"

CASES = cases(
    Case("callbacks-before-after-migrate",
         files=dict(SHOP, **callbacks("beforeMigrate", "afterMigrate")), steps=[
             run("migrate"), run("info"), run("migrate"), text("info"),
         ]),
    Case("callbacks-each-migrate",
         files=dict(SHOP, **callbacks("beforeEachMigrate", "afterEachMigrate")), steps=[
             run("migrate", "-target=1"), run("migrate"), run("info"),
         ]),
    Case("callbacks-migrate-error", files=dict(SHOP, **{"sql/V2__add_ada.sql": V2_FAILS},
                                               **callbacks("beforeMigrate", "afterMigrate",
                                                           "afterMigrateError",
                                                           "beforeEachMigrate",
                                                           "afterEachMigrate",
                                                           "afterEachMigrateError")), steps=[
        run("migrate"), run("info"),
        Write("sql/V2__add_ada.sql", V2),
        run("migrate"), run("info"),
    ]),
    Case("callbacks-info-and-validate",
         files=dict(SHOP, **callbacks("beforeInfo", "afterInfo", "beforeValidate",
                                      "afterValidate", "afterValidateError")), steps=[
             # beforeValidate makes the schema non-empty before migrate looks at it.
             run("migrate"),
             run("migrate", "-baselineOnMigrate=true", "-baselineVersion=0"),
             run("info"), run("validate"), text("info"),
             Write("sql/V2__add_ada.sql", V2 + "-- changed\n"),
             run("validate"), run("migrate"),
         ]),
    Case("callbacks-before-info-on-empty-schema",
         files=dict(SHOP, **callbacks("beforeInfo")), steps=[
             run("info"), run("migrate"), run("info"),
         ]),
    Case("callbacks-clean", args=["-cleanDisabled=false"],
         files=dict(SHOP, **callbacks("beforeClean", "afterClean")), steps=[
             run("migrate"), run("clean"), run("info"),
             # afterClean left cb_log behind: the schema is no longer empty.
             run("migrate"),
             run("migrate", "-baselineOnMigrate=true", "-baselineVersion=0"), run("info"),
         ]),
    Case("callbacks-clean-disabled", files=dict(SHOP, **callbacks("beforeClean", "afterClean")),
         steps=[run("migrate"), run("clean"), run("info")]),
    Case("callbacks-baseline", files=dict(SHOP, **callbacks("beforeBaseline", "afterBaseline",
                                                            "afterBaselineError")), steps=[
        Sql("CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(100));"),
        run("baseline", "-baselineVersion=1"), run("info"), run("migrate"), run("baseline"),
        run("info"),
    ]),
    Case("callbacks-repair", files=dict(SHOP, **callbacks("beforeRepair", "afterRepair")), steps=[
        run("migrate"), Write("sql/V3__add_email.sql", V3 + "-- changed\n"),
        run("repair"), run("info"), run("validate"),
    ]),
    Case("callbacks-descriptions-order", files=dict(SHOP, **{
        "sql/afterMigrate.sql": log("afterMigrate"),
        "sql/afterMigrate__notify.sql": log("afterMigrate notify"),
        "sql/afterMigrate__b_second.sql": log("afterMigrate b second"),
        "sql/afterMigrate__a_first.sql": log("afterMigrate a first"),
        "sql/sub/afterMigrate__0_in_subfolder.sql": log("afterMigrate in subfolder"),
    }), steps=[
        run("migrate"), run("info"), run("migrate"),
        run("info", "-validateMigrationNaming=true"),
    ]),
    Case("callbacks-failing-before-migrate", files=dict(SHOP, **{
        "sql/beforeMigrate.sql": log("beforeMigrate") + FAILING,
    }, **callbacks("afterMigrateError")), steps=[
        run("migrate"), run("info"), text("info"),
        Write("sql/beforeMigrate.sql", log("beforeMigrate")),
        run("migrate"), run("info"),
    ]),
    Case("callbacks-failing-after-migrate", files=dict(SHOP, **{
        "sql/afterMigrate.sql": log("afterMigrate") + FAILING,
    }, **callbacks("afterMigrateError")), steps=[
        run("migrate"), run("info"), run("migrate"), run("validate"),
    ]),
    Case("callbacks-failing-before-each-migrate", files=dict(SHOP, **{
        "sql/beforeEachMigrate.sql": "INSERT INTO person (id, name) VALUES (99, 'callback');\n",
    }, **callbacks("afterMigrateError", "afterEachMigrateError")), steps=[
        run("migrate"), run("info"),
        Sql("CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(100));"),
        run("migrate", "-baselineOnMigrate=true", "-baselineVersion=1"), run("info"),
    ]),
    Case("callbacks-failing-before-info", files=dict(SHOP, **{
        "sql/beforeInfo.sql": FAILING,
    }), steps=[
        run("info"), text("info"), run("migrate"), run("info"),
    ]),
    Case("callbacks-callback-locations", files=dict(SHOP, **{
        "sql/afterMigrate.sql": log("afterMigrate from sql"),
        "callbacks/afterMigrate__extra.sql": log("afterMigrate from callbacks"),
        "callbacks/beforeMigrate.sql": log("beforeMigrate from callbacks"),
        "callbacks/V9__not_a_migration.sql": "CREATE TABLE not_a_migration (id INT);\n",
    }), steps=[
        run("migrate", "-callbackLocations=filesystem:callbacks"),
        run("info", "-callbackLocations=filesystem:callbacks"),
        run("migrate"),
        run("info", "-callbackLocations=filesystem:missing"),
    ]),
    Case("callbacks-skip-default", files=dict(SHOP, **callbacks("beforeMigrate", "afterMigrate")),
         steps=[
             run("migrate", "-skipDefaultCallbacks=true"), run("info"),
             run("migrate"),
             run("migrate", "-skipDefaultCallbacks=true",
                 "-callbackLocations=filesystem:sql"),
         ]),
    Case("callbacks-placeholders", files=dict(SHOP, **{
        "sql/afterMigrate.sql": (
            b"CREATE TABLE IF NOT EXISTS cb_log (n INT, event VARCHAR(100));\n"
            b"INSERT INTO cb_log (n, event) SELECT COALESCE(MAX(n), 0) + 1, "
            b"'${who} ran ${flyway:filename} on ${flyway:table}' FROM cb_log;\n"),
    }), steps=[
        run("migrate"),
        run("migrate", "-placeholders.who=ci"),
        run("info", "-placeholders.who=ci"),
    ]),
    Case("callbacks-conf-no-transaction", files=dict(SHOP, **{
        "sql/afterMigrate.sql": log("afterMigrate") + "VACUUM;\n",
        "sql/afterMigrate.sql.conf": "executeInTransaction=false\n",
    }), steps=[
        run("migrate"), run("info"),
        Delete("sql/afterMigrate.sql.conf"),
        run("migrate"),
    ]),
    Case("callbacks-rare-events", files=dict(SHOP, **callbacks(
        "afterMigrateApplied", "afterMigrateOperationFinish", "beforeEachMigrateStatement",
        "afterEachMigrateStatement", "afterInfoOperationFinish")),
         steps=[
             run("migrate", "-target=2"), run("migrate"), run("migrate"), run("info"),
         ]),
    Case("callbacks-after-versioned-postgres", engines=("postgres",), files=dict(SHOP, **callbacks(
        "afterVersioned", "beforeRepeatables")), steps=[
        run("migrate", "-target=2"), run("migrate"), run("migrate"), run("info"),
        Write("sql/R__person_names.sql", "-- changed\n" + SHOP["sql/R__person_names.sql"]),
        run("migrate"),
    ]),
    # Flyway 12.0.2 on SQLite: an afterVersioned or beforeRepeatables script that writes fails
    # with DB_CONNECTION "[SQLITE_BUSY] The database file is locked" (it runs on a second
    # connection while the first still holds the write lock), every time.
    Case("callbacks-defect-after-versioned-sqlite", engines=("sqlite",), files=dict(SHOP, **callbacks(
        "afterVersioned", "beforeRepeatables")), steps=[
        run("migrate", "-target=2"), run("migrate"), run("info"),
    ]),
    Case("callbacks-schema-creation-events", files=dict(SHOP, **callbacks(
        "createSchema", "beforeCreateSchema", "afterConnect")),
         steps=[
             # afterConnect writes into the schema before migrate checks that it is empty.
             run("migrate"),
             run("baseline", "-baselineVersion=0"),
             run("migrate"), run("info"),
         ]),
    Case("callbacks-create-schema-postgres", engines=("postgres",), history_schema="app",
         files=dict(SHOP, **{
             "sql/beforeCreateSchema.sql": "CREATE TABLE public.cb_seen (event VARCHAR(50));\n"
                                           "INSERT INTO public.cb_seen VALUES ('beforeCreateSchema');\n",
             "sql/createSchema.sql": "INSERT INTO public.cb_seen VALUES ('createSchema');\n",
         }), args=["-schemas=app"], steps=[
             run("migrate"), run("info"), run("migrate"),
         ]),
    Case("callbacks-not-callbacks", files=dict(SHOP, **{
        "sql/aftermigrate.sql": log("lower case"),
        "sql/afterMigrat.sql": log("misspelt"),
        "sql/afterMigrate.txt": log("wrong suffix"),
        "sql/afterMigrate-notify.sql": log("wrong separator"),
    }), steps=[
        run("info"), run("migrate"), run("info"),
        run("validate", "-validateMigrationNaming=true"),
    ]),
)
