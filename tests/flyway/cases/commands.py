"""Every command on its ordinary paths: migrate, info, validate, baseline, repair, clean."""

from difftest.case import Case, Delete, Sql, Write, cases, run, text

V1 = "CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(100));\n"
V2 = "INSERT INTO person (id, name) VALUES (1, 'Ada');\nINSERT INTO person (id, name) VALUES (2, 'Alan');\n"
V3 = "ALTER TABLE person ADD COLUMN email VARCHAR(200);\n"
R_VIEW = "DROP VIEW IF EXISTS person_names;\nCREATE VIEW person_names AS SELECT name FROM person;\n"

SHOP = {
    "sql/V1__create_person.sql": V1,
    "sql/V2__add_people.sql": V2,
    "sql/V3__add_email.sql": V3,
    "sql/R__person_names.sql": R_VIEW,
}

CASES = cases(
    Case("info-empty-folder", steps=[run("info"), text("info")]),
    Case("migrate-empty-folder", steps=[run("migrate"), run("info")]),
    Case("migrate-then-info", files=SHOP, steps=[run("info"), run("migrate"), run("info"),
                                                text("info")]),
    Case("migrate-twice-is-noop", files=SHOP, steps=[run("migrate"), run("migrate"), run("info")]),
    Case("migrate-info-chain", files=SHOP, steps=[run("migrate", "info"), text("info")]),
    Case("migrate-text-mode", files=SHOP, steps=[text("migrate"), text("info")]),
    Case("validate-success", files=SHOP, steps=[run("migrate"), run("validate"),
                                                text("validate")]),
    Case("validate-pending", files=SHOP, steps=[run("validate"), text("validate")]),
    Case("validate-then-info-json", files=SHOP, steps=[run("validate", "info")]),
    Case("validate-checksum-mismatch", files=SHOP, steps=[
        run("migrate"),
        Write("sql/V2__add_people.sql", V2 + "-- edited after it was applied\n"),
        run("validate"), text("validate"), run("migrate"), run("info"),
        run("repair"), run("validate"), run("info"),
    ]),
    Case("validate-missing-file", files=SHOP, steps=[
        run("migrate"), Delete("sql/V2__add_people.sql"), run("validate"), run("info"),
        run("validate", "-ignoreMigrationPatterns=*:missing"), run("repair"), run("info"),
        run("validate"),
    ]),
    Case("validate-description-changed", files=SHOP, steps=[
        run("migrate"), Delete("sql/V3__add_email.sql"), Write("sql/V3__add_mail.sql", V3),
        run("validate"), run("repair"), run("info"), run("validate"),
    ]),
    Case("repeatable-changed-reapplies", files=SHOP, steps=[
        run("migrate"), Write("sql/R__person_names.sql", R_VIEW.replace("name FROM", "id, name FROM")),
        run("info"), run("validate"), run("migrate"), run("info"),
    ]),
    Case("target-version", files=SHOP, steps=[
        run("migrate", "-target=2"), run("info"), run("migrate", "-target=latest"), run("info"),
    ]),
    Case("target-unknown-version", files=SHOP, steps=[run("migrate", "-target=99"), run("info")]),
    Case("target-current", files=SHOP, steps=[run("migrate", "-target=current"), run("info")]),
    Case("out-of-order-ignored", files=SHOP, steps=[
        run("migrate"), Write("sql/V2_5__late.sql", "CREATE TABLE late (id INT);\n"),
        run("info"), run("validate"), run("migrate"), run("info"),
        run("migrate", "-outOfOrder=true"), run("info"),
    ]),
    Case("out-of-order-ignore-pattern", files=SHOP, steps=[
        run("migrate"), Write("sql/V2_5__late.sql", "CREATE TABLE late (id INT);\n"),
        run("migrate", "-ignoreMigrationPatterns=*:ignored"), run("info"),
    ]),
    Case("invalid-ignore-pattern", files=SHOP, steps=[
        run("validate", "-ignoreMigrationPatterns=*:sideways"),
        run("info", "-ignoreMigrationPatterns=versioned"),
        run("migrate", "-ignoreMigrationPatterns=*:future,repeatable:pending"),
    ]),
    Case("future-migration", files=SHOP, steps=[
        run("migrate"), Delete("sql/V3__add_email.sql"), run("info"), run("validate"),
        run("migrate"), run("validate", "-ignoreMigrationPatterns=*:future"),
    ]),
    Case("baseline-empty", files=SHOP, steps=[
        run("baseline"), run("info"), run("migrate"), run("info"),
    ]),
    Case("baseline-version", files=SHOP, steps=[
        run("baseline", "-baselineVersion=2", "-baselineDescription=Before runway"), run("info"),
        run("migrate"), run("info"), run("baseline"),
    ]),
    Case("baseline-on-migrate-non-empty", files=SHOP, steps=[
        Sql("CREATE TABLE legacy (id INT);"),
        run("migrate"), run("info"),
        run("migrate", "-baselineOnMigrate=true", "-baselineVersion=1"), run("info"),
    ]),
    Case("baseline-after-migrate-refused", files=SHOP, steps=[
        run("migrate"), run("baseline"), run("info"),
    ]),
    Case("clean-disabled", files=SHOP, steps=[run("migrate"), run("clean"), run("info")]),
    Case("clean-enabled", files=SHOP, args=["-cleanDisabled=false"], steps=[
        run("migrate"), run("clean"), run("info"), run("migrate"), text("clean"), run("info"),
    ]),
    Case("clean-migrate-chain", files=SHOP, args=["-cleanDisabled=false"], steps=[
        run("migrate"), run("clean", "migrate", "info"),
    ]),
    Case("repair-nothing-to-do", files=SHOP, steps=[run("migrate"), run("repair"), run("info")]),
)
