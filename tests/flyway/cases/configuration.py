"""Configuration: the four spellings of a setting, their precedence, files, locations, naming.

Most steps here pass connect=False and give url, user and locations themselves (on the command
line, in FLYWAY_* variables, in flyway.conf or flyway.toml), so the case shows where each tool
reads them from. On SQLite {user} is empty, which both tools accept.
"""

from difftest.case import Case, Delete, Sql, Write, cases, run, text

V1 = "CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(100));\n"
V2 = "INSERT INTO person (id, name) VALUES (1, 'Ada');\n"
V3 = "ALTER TABLE person ADD COLUMN email VARCHAR(200);\n"
R_VIEW = "DROP VIEW IF EXISTS person_names;\nCREATE VIEW person_names AS SELECT name FROM person;\n"

SHOP = {
    "sql/V1__create_person.sql": V1,
    "sql/V2__add_ada.sql": V2,
    "sql/R__person_names.sql": R_VIEW,
}

# Connection settings in each spelling.
CLI = ["-url={url}", "-user={user}", "-locations=filesystem:sql"]
ENV = {"FLYWAY_URL": "{url}", "FLYWAY_USER": "{user}", "FLYWAY_LOCATIONS": "filesystem:sql"}
CONF = "flyway.url={url}\nflyway.user={user}\nflyway.locations=filesystem:sql\n"
TOML = ('[environments.default]\nurl = "{url}"\nuser = "{user}"\n\n'
        '[flyway]\nlocations = ["filesystem:sql"]\n')

# A repeatable that records where its placeholder came from: each new value re-applies it.
# Bytes, so the harness does not read ${source} as one of its own {templates}.
R_SOURCE = (b"DROP TABLE IF EXISTS config_source;\n"
            b"CREATE TABLE config_source (source VARCHAR(50));\n"
            b"INSERT INTO config_source (source) VALUES ('${source}');\n")

CASES = cases(
    Case("config-cli-absolute-location", files=SHOP, steps=[
        run("migrate", "-url={url}", "-user={user}", "-locations=filesystem:{workdir}/sql",
            connect=False),
        run("info", "-url={url}", "-user={user}", "-locations=filesystem:{workdir}/sql",
            connect=False),
        text("info", "-url={url}", "-user={user}", "-locations=filesystem:{workdir}/sql",
             connect=False),
    ]),
    Case("config-env-variables", files=SHOP, steps=[
        run("info", env=ENV, connect=False),
        run("migrate", env=ENV, connect=False),
        run("info", env=ENV, connect=False),
        text("info", env=ENV, connect=False),
        # Settings that are not connection settings, as variables too.
        Write("sql/V3__add_email.sql", V3),
        run("migrate", env=dict(ENV, FLYWAY_TARGET="2"), connect=False),
        run("validate", env=dict(ENV, FLYWAY_IGNORE_MIGRATION_PATTERNS="*:pending"),
            connect=False),
        run("migrate", env=dict(ENV, FLYWAY_OUT_OF_ORDER="maybe"), connect=False),
        run("migrate", env=ENV, connect=False),
    ]),
    Case("config-env-table", files=SHOP, history_table="env_history", steps=[
        run("migrate", env={"FLYWAY_TABLE": "env_history"}),
        run("info", env={"FLYWAY_TABLE": "env_history"}),
        run("info"),
    ]),
    Case("config-env-url-loses-to-cli", files=SHOP, steps=[
        # -url (added by the harness) wins over FLYWAY_URL, which names another database.
        run("migrate", env={"FLYWAY_URL": "{url}_other"}),
        run("info", env={"FLYWAY_URL": "{url}_other"}),
        # Alone, FLYWAY_URL is used: another SQLite file, or a PostgreSQL database that is missing.
        run("info", env={"FLYWAY_URL": "{url}_other", "FLYWAY_USER": "{user}",
                         "FLYWAY_LOCATIONS": "filesystem:sql"}, connect=False),
    ]),
    Case("config-conf-in-workdir", files=dict(SHOP, **{"flyway.conf": CONF}), steps=[
        run("info", connect=False),
        run("migrate", connect=False),
        run("info", connect=False),
        text("info", connect=False),
        # A command-line setting beats the file.
        Write("sql/V3__add_email.sql", V3),
        run("migrate", "-target=2", connect=False),
        run("info", connect=False),
    ]),
    Case("config-conf-config-files", files=dict(SHOP, **{"deploy/app.conf": CONF}), steps=[
        run("info", connect=False),
        run("migrate", "-configFiles=deploy/app.conf", connect=False),
        run("info", env={"FLYWAY_CONFIG_FILES": "deploy/app.conf"}, connect=False),
        run("info", "-configFiles=deploy/missing.conf", connect=False),
    ]),
    Case("config-conf-two-files-later-wins", files=dict(SHOP, **{
        "deploy/base.conf": CONF + "flyway.table=base_history\n",
        "deploy/prod.conf": "flyway.table=prod_history\nflyway.target=1\n",
    }), history_table="prod_history", steps=[
        run("migrate", "-configFiles=deploy/base.conf,deploy/prod.conf", connect=False),
        run("info", "-configFiles=deploy/base.conf,deploy/prod.conf", connect=False),
    ]),
    Case("config-conf-env-reference", files=dict(SHOP, **{
        "flyway.conf": "flyway.url={url}\nflyway.user={user}\nflyway.locations=${{MIGRATION_DIR}}\n",
    }), steps=[
        run("migrate", env={"MIGRATION_DIR": "filesystem:sql"}, connect=False),
        run("info", env={"MIGRATION_DIR": "filesystem:sql"}, connect=False),
    ]),
    Case("config-toml-default-environment", files=dict(SHOP, **{"flyway.toml": TOML}), steps=[
        run("info", connect=False),
        run("migrate", connect=False),
        run("info", connect=False),
        text("info", connect=False),
    ]),
    Case("config-toml-named-environment", files=dict(SHOP, **{"flyway.toml": (
        '[flyway]\nenvironment = "staging"\nlocations = ["filesystem:sql"]\n\n'
        '[environments.staging]\nurl = "{url}"\nuser = "{user}"\n')}), steps=[
        run("migrate", connect=False),
        run("info", connect=False),
        run("info", "-environment=staging", connect=False),
        run("info", "-environment=production", connect=False),
    ]),
    Case("config-toml-environment-override", files=dict(SHOP, **{"flyway.toml": (
        '[flyway]\nlocations = ["filesystem:sql"]\ntable = "toml_history"\n\n'
        '[environments.default]\nurl = "{url}"\nuser = "{user}"\n\n'
        '[environments.ci]\nurl = "{url}"\nuser = "{user}"\n\n'
        '[environments.ci.flyway]\ntarget = "1"\n')}), history_table="toml_history", steps=[
        run("migrate", "-environment=ci", connect=False),
        run("info", "-environment=ci", connect=False),
        run("migrate", connect=False),
        run("info", connect=False),
    ]),
    Case("config-toml-config-files", files=dict(SHOP, **{"deploy/flyway.toml": TOML}), steps=[
        run("migrate", "-configFiles=deploy/flyway.toml", connect=False),
        run("info", "-configFiles=deploy/flyway.toml", connect=False),
    ]),
    Case("config-toml-and-conf-both", files=dict(SHOP, **{
        "flyway.toml": TOML.replace('["filesystem:sql"]', '["filesystem:sql"]\ntarget = "1"'),
        "flyway.conf": CONF + "flyway.target=2\n",
    }), steps=[
        run("migrate", connect=False),
        run("info", connect=False),
    ]),
    Case("config-toml-user-file", files=dict(SHOP, **{
        "flyway.toml": TOML,
        "flyway.user.toml": '[flyway]\ntarget = "1"\n',
    }), steps=[
        run("migrate", connect=False),
        run("info", connect=False),
    ]),
    Case("config-toml-env-reference", files=dict(SHOP, **{
        "flyway.toml": ('[environments.default]\nurl = "${{env.APP_DB_URL}}"\nuser = "{user}"\n\n'
                        '[flyway]\nlocations = ["filesystem:sql"]\n'),
    }), steps=[
        run("migrate", env={"APP_DB_URL": "{url}"}, connect=False),
        run("info", env={"APP_DB_URL": "{url}"}, connect=False),
    ]),
    Case("config-cli-environment-definition", files=SHOP, steps=[
        run("migrate", "-environment=ci", "-environments.ci.url={url}",
            "-environments.ci.user={user}", "-locations=filesystem:sql", connect=False),
        run("info", "-environment=ci", "-environments.ci.url={url}",
            "-environments.ci.user={user}", "-locations=filesystem:sql", connect=False),
    ]),
    Case("config-toml-invalid", files=dict(SHOP, **{
        "flyway.toml": '[flyway\nlocations = "filesystem:sql"\n',
    }), steps=[
        run("info"),
    ]),
    Case("config-precedence", files={
        "sql/V1__create_person.sql": V1,
        "sql/R__source.sql": R_SOURCE,
        "flyway.conf": CONF + "flyway.placeholders.source=conf\n",
    }, steps=[
        run("migrate", connect=False),
        run("migrate", env={"FLYWAY_PLACEHOLDERS_SOURCE": "env"}, connect=False),
        run("migrate", "-placeholders.source=cli", env={"FLYWAY_PLACEHOLDERS_SOURCE": "env"},
            connect=False),
        run("info", env={"FLYWAY_PLACEHOLDERS_SOURCE": "env"}, connect=False),
        run("migrate", connect=False),
        run("info", connect=False),
    ]),
    Case("config-working-directory", files={
        "proj/sql/V1__create_person.sql": V1,
        "proj/sql/V2__add_ada.sql": V2,
        "proj/flyway.conf": CONF,
    }, steps=[
        run("migrate", "-workingDirectory={workdir}/proj", connect=False),
        run("info", "-workingDirectory=proj", connect=False),
        run("info", "-workingDirectory=nowhere", connect=False),
        run("info", "-url={url}", "-user={user}", "-locations=filesystem:sql", connect=False),
    ]),
    Case("config-locations-several", locations="filesystem:sql,filesystem:more", files={
        "sql/V1__create_person.sql": V1,
        "more/V2__add_ada.sql": V2,
        "more/R__person_names.sql": R_VIEW,
    }, steps=[
        run("info"), run("migrate"), run("info"), text("info"),
        # A duplicate version: Flyway's message depends on the order it found the files in.
        Write("more/V1__create_person.sql", V1),
        text("validate"),
        text("migrate"),
    ]),
    Case("config-locations-without-prefix", locations="sql", files=SHOP, steps=[
        run("info"), run("migrate"), run("info"),
    ]),
    Case("config-locations-missing", locations="filesystem:sql,filesystem:nope", files=SHOP,
         steps=[
             run("migrate"), run("info"),
             run("info", "-failOnMissingLocations=true"),
             run("migrate", "-url={url}", "-user={user}", "-locations=filesystem:nope",
                 connect=False),
         ]),
    Case("config-unknown-keys", files=SHOP, steps=[
        run("info", "-colour=never"),
        run("info", "-url={url}", "-user={user}", "-flyway.locations=filesystem:sql",
            connect=False),
        run("info", env={"FLYWAY_NOT_A_SETTING": "1"}),
        Write("flyway.conf", "flyway.notASetting=1\n"),
        run("info"),
        Delete("flyway.conf"),
        Write("flyway.toml", '[flyway]\nnotASetting = "1"\n'),
        run("info"),
        Delete("flyway.toml"),
        run("migrate"),
    ]),
    Case("config-invalid-values", files=SHOP, steps=[
        run("migrate", "-outOfOrder=maybe"),
        run("migrate", "-connectRetries=soon"),
        run("migrate", "-validateMigrationNaming=yes"),
        run("migrate", "-baselineVersion=one"),
        run("migrate", "-target=v2"),
        text("migrate", "-outputType=yaml"),
        run("info", "-outOfOrder=TRUE"),
        run("migrate", "-group=False"),
        run("info"),
    ]),
    Case("config-table-custom", files=SHOP, history_table="app_history", steps=[
        run("migrate", "-table=app_history"),
        run("info", "-table=app_history"),
        text("info", "-table=app_history"),
        # Without -table the default table does not exist and the schema is not empty.
        run("info"),
        run("migrate"),
        run("validate", "-table=app_history"),
    ]),
    Case("config-schemas-postgres", engines=("postgres",), history_schema="app", files=SHOP,
         steps=[
             run("info", "-schemas=app,audit"), run("migrate", "-schemas=app,audit"),
             run("info", "-schemas=app,audit"), text("info", "-schemas=app,audit"),
             Sql("CREATE TABLE audit.trail (id INT);"),
             run("validate", "-schemas=app,audit"),
             # The history table is in app: with audit first, there is none.
             run("info", "-schemas=audit"),
             run("migrate", "-schemas=audit,app"),
         ]),
    Case("config-default-schema-postgres", engines=("postgres",), history_schema="audit",
         files=SHOP, args=["-schemas=app,audit", "-defaultSchema=audit"], steps=[
             run("migrate"), run("info"), text("info"),
         ]),
    Case("config-default-schema-only-postgres", engines=("postgres",), history_schema="app",
         files=SHOP, args=["-defaultSchema=app"], steps=[
             run("migrate"), run("info"),
         ]),
    Case("config-create-schemas-false-postgres", engines=("postgres",), history_schema="app",
         files=SHOP, steps=[
             run("migrate", "-schemas=app", "-createSchemas=false"),
             run("info", "-schemas=app", "-createSchemas=false"),
             Sql("CREATE SCHEMA app;"),
             run("migrate", "-schemas=app", "-createSchemas=false"),
             run("info", "-schemas=app"),
         ]),
    Case("config-encoding", files={
        "sql/V1__create_person.sql": V1,
        "sql/V2__latin1.sql": "INSERT INTO person (id, name) VALUES (1, 'Ren\u00e9e');\n".encode(
            "latin-1"),
    }, steps=[
        run("migrate", "-encoding=ISO-8859-1"),
        run("info", "-encoding=ISO-8859-1"),
        run("validate", "-encoding=ISO-8859-1"),
        run("validate"),
        run("info", "-encoding=NOT-A-CHARSET"),
    ]),
    Case("config-naming-prefixes", files={
        "sql/M1__create_person.sql": V1,
        "sql/M2__add_ada.sql": V2,
        "sql/RR__person_names.sql": R_VIEW,
        "sql/V3__not_mine.sql": V3,
    }, args=["-sqlMigrationPrefix=M", "-repeatableSqlMigrationPrefix=RR"], steps=[
        run("info"), run("migrate"), run("info"), text("info"),
    ]),
    Case("config-naming-separator", files={
        "sql/V1-create_person.sql": V1,
        "sql/V2-add_ada.sql": V2,
        "sql/R-person_names.sql": R_VIEW,
        "sql/V3__double_underscore.sql": V3,
    }, args=["-sqlMigrationSeparator=-"], steps=[
        run("info"), run("migrate"), run("info"),
    ]),
    Case("config-naming-suffixes", files={
        "sql/V1__create_person.pgsql": V1,
        "sql/V2__add_ada.sql": V2,
        "sql/V3__add_email.ddl": V3,
        "sql/R__person_names.pgsql": R_VIEW,
    }, steps=[
        run("info", "-sqlMigrationSuffixes=.pgsql,.ddl"),
        run("migrate", "-sqlMigrationSuffixes=.pgsql,.ddl"),
        run("info", "-sqlMigrationSuffixes=.pgsql,.ddl"),
        run("validate", "-sqlMigrationSuffixes=.pgsql,.ddl,.sql"),
        run("migrate", "-sqlMigrationSuffixes=.pgsql,.ddl,.sql", "-outOfOrder=true"),
        run("info"),
    ]),
    Case("config-validate-migration-naming", files=dict(SHOP, **{
        "sql/V3-bad_separator.sql": V3,
        "sql/Vx__no_version.sql": V3,
        "sql/notes.txt": "not a migration\n",
    }), steps=[
        run("info"),
        run("migrate", "-validateMigrationNaming=true"),
        run("info", "-validateMigrationNaming=true"),
        run("migrate"),
        run("validate", "-validateMigrationNaming=true"),
    ]),
)
