"""Placeholders: user values from every source, built-ins, syntax settings, script .conf files.

Files holding ${...} are given as bytes so that the harness does not read them as its own
{templates}; text files are written as they are.
"""

from difftest.case import Case, Delete, Write, cases, run, text


def b(text):
    return text.encode("utf-8")


V1_TABLE = b("CREATE TABLE ${table} (id INT PRIMARY KEY, label VARCHAR(100));\n")
V2_LABEL = b("INSERT INTO ${table} (id, label) VALUES (1, '${label}');\n")
R_COUNT = b("DROP VIEW IF EXISTS item_view;\n"
            "CREATE VIEW item_view AS SELECT id, label, '${flavour}' AS flavour FROM item;\n")

ITEMS = {
    "sql/V1__create_item.sql": V1_TABLE,
    "sql/V2__first_item.sql": V2_LABEL,
}
VALUES = ["-placeholders.table=item", "-placeholders.label=first"]

CREATE_SEEN = "CREATE TABLE seen (n INT, what VARCHAR(200));\n"


def seen(n, value):
    return f"INSERT INTO seen (n, what) VALUES ({n}, '{value}');\n"


CASES = cases(
    Case("placeholders-basic", files=ITEMS, steps=[
        run("info", *VALUES),
        run("migrate", *VALUES),
        run("info", *VALUES),
        # A versioned migration's checksum is that of its raw text: new values change nothing.
        run("validate", "-placeholders.table=item", "-placeholders.label=second"),
        run("migrate", "-placeholders.table=item", "-placeholders.label=second"),
        run("info", "-placeholders.table=item", "-placeholders.label=second"),
    ]),
    Case("placeholders-sources", files=dict(ITEMS, **{
        "sql/R__item_view.sql": R_COUNT,
        "flyway.conf": "flyway.placeholders.table=item\n",
    }), steps=[
        run("migrate", env={"FLYWAY_PLACEHOLDERS_LABEL": "from env",
                            "FLYWAY_PLACEHOLDERS_FLAVOUR": "vanilla"}),
        run("info", env={"FLYWAY_PLACEHOLDERS_LABEL": "from env",
                         "FLYWAY_PLACEHOLDERS_FLAVOUR": "vanilla"}),
        Delete("flyway.conf"),
        Write("flyway.toml", b('[flyway.placeholders]\ntable = "item"\nlabel = "from toml"\n'
                               'flavour = "chocolate"\n')),
        run("info"),
        run("migrate"),
        run("info", "-placeholders.flavour=vanilla"),
    ]),
    Case("placeholders-case-insensitive", files={
        "sql/V1__create_item.sql": b("CREATE TABLE ${TABLE} (id INT, label VARCHAR(100));\n"),
        "sql/V2__first_item.sql": b("INSERT INTO ${Table} (id, label) VALUES (1, '${LaBeL}');\n"),
    }, steps=[
        run("migrate", "-placeholders.table=item", "-placeholders.LABEL=mixed"),
        run("info", "-placeholders.table=item"),
    ]),
    Case("placeholders-undefined-versioned", files=ITEMS, steps=[
        run("info", "-placeholders.table=item"),
        run("validate", "-placeholders.table=item"),
        run("migrate", "-placeholders.table=item"),
        run("info", "-placeholders.table=item"),
        text("info", "-placeholders.table=item"),
        run("migrate", "-placeholders.table=item", "-placeholders.label=late"),
    ]),
    Case("placeholders-undefined-repeatable", files=dict(ITEMS, **{
        "sql/R__item_view.sql": R_COUNT,
    }), args=VALUES, steps=[
        run("info"),
        text("info"),
        run("validate"),
        run("migrate"),
        run("migrate", "-placeholders.flavour=plain"),
        run("info"),
    ]),
    Case("placeholders-in-comment-and-string", files={
        "sql/V1__create_seen.sql": CREATE_SEEN,
        "sql/V2__comment.sql": b("-- written by ${author}\n" + seen(1, "${author} wrote this")),
    }, steps=[
        run("migrate"),
        run("info"),
        run("migrate", "-placeholders.author=ada"),
        run("info"),
    ]),
    Case("placeholders-replacement-off", files={
        "sql/V1__create_seen.sql": CREATE_SEEN,
        "sql/V2__literal.sql": b(seen(1, "${kept}")),
        "sql/R__literal_view.sql": b("DROP VIEW IF EXISTS literal_view;\n"
                                     "CREATE VIEW literal_view AS SELECT '${kept}' AS k;\n"),
    }, steps=[
        run("info", "-placeholderReplacement=false"),
        run("migrate", "-placeholderReplacement=false"),
        run("info", "-placeholderReplacement=false"),
        # With replacement on again, the repeatable's checksum is that of the replaced text.
        run("info", "-placeholders.kept=value"),
        run("migrate", "-placeholders.kept=value"),
        run("info", "-placeholders.kept=value"),
        run("info", "-placeholderReplacement=false"),
    ]),
    Case("placeholders-custom-prefix-suffix", files={
        "sql/V1__create_item.sql": b("CREATE TABLE #[table] (id INT, label VARCHAR(100));\n"),
        "sql/V2__first_item.sql": b("INSERT INTO #[table] (id, label) VALUES (1, '${label}');\n"
                                    "INSERT INTO #[table] (id, label) VALUES (2, '#[label]');\n"),
    }, args=["-placeholderPrefix=#[", "-placeholderSuffix=]", "-placeholders.table=item",
             "-placeholders.label=hash"], steps=[
        run("migrate"), run("info"),
    ]),
    Case("placeholders-custom-prefix-unterminated", files={
        "sql/V1__create_seen.sql": CREATE_SEEN,
        "sql/V2__open.sql": b(seen(1, "@@name")),
    }, args=["-placeholderPrefix=@@", "-placeholderSuffix=@@", "-placeholders.name=x"], steps=[
        run("migrate"), run("info"),
    ]),
    Case("placeholders-builtins", files={
        "sql/V1__create_seen.sql": CREATE_SEEN,
        "sql/V2__builtins.sql": b(seen(1, "${flyway:defaultSchema}") + seen(2, "${flyway:user}")
                                  + seen(3, "${flyway:filename}") + seen(4, "${flyway:table}")),
    }, steps=[
        run("migrate"), run("info"),
    ]),
    Case("placeholders-builtin-table-custom", files={
        "sql/V1__create_seen.sql": CREATE_SEEN,
        "sql/V2__table.sql": b(seen(1, "${flyway:table}")),
    }, history_table="deploys", args=["-table=deploys"], steps=[
        run("migrate"), run("info"),
    ]),
    Case("placeholders-builtin-database", files={
        "sql/V1__create_seen.sql": CREATE_SEEN,
        "sql/V2__database.sql": b(seen(1, "${flyway:database}")),
    }, steps=[
        run("migrate"), run("info"),
    ]),
    Case("placeholders-builtin-environment", files={
        "sql/V1__create_seen.sql": CREATE_SEEN,
        "sql/V2__environment.sql": b(seen(1, "${flyway:environment}")),
    }, steps=[
        run("migrate"), run("info"),
    ]),
    Case("placeholders-builtin-working-directory", files={
        "sql/V1__create_seen.sql": CREATE_SEEN,
        "sql/V2__workdir.sql": b(seen(1, "${flyway:workingDirectory}")),
    }, steps=[
        run("migrate", "-workingDirectory={workdir}"), run("info"),
    ]),
    Case("placeholders-builtin-default-schema-postgres", engines=("postgres",),
         history_schema="app", files={
             "sql/V1__create_seen.sql": CREATE_SEEN,
             "sql/V2__schema.sql": b(seen(1, "${flyway:defaultSchema}")
                                     + "CREATE TABLE ${flyway:defaultSchema}.qualified (id INT);\n"),
         }, args=["-schemas=app,other"], steps=[
             run("migrate"), run("info"),
         ]),
    Case("placeholders-builtin-unknown", files={
        "sql/V1__create_seen.sql": CREATE_SEEN,
        "sql/V2__unknown.sql": b(seen(1, "${flyway:nothing}")),
    }, steps=[
        run("migrate"), run("info"),
    ]),
    Case("placeholders-separator", files={
        "sql/V1__create_seen.sql": CREATE_SEEN,
        "sql/V2__separator.sql": b(seen(1, "${flyway::table}") + seen(2, "${flyway:table}")),
    }, steps=[
        run("migrate", "-placeholderSeparator=::"),
        run("info", "-placeholderSeparator=::"),
    ]),
    Case("placeholders-reserved-name", files={
        "sql/V1__create_seen.sql": CREATE_SEEN,
    }, steps=[
        run("migrate", "-placeholders.flyway:user=me"),
        run("info"),
    ]),
    Case("placeholders-odd-values", files={
        "sql/V1__create_seen.sql": CREATE_SEEN,
        "sql/V2__odd.sql": b(seen(1, "${empty}") + seen(2, "${equation}") + seen(3, "${nested}")
                             + seen(4, "${spaced}")),
    }, steps=[
        run("migrate", "-placeholders.empty=", "-placeholders.equation=a=b,c",
            "-placeholders.nested=${{equation}}", "-placeholders.spaced=two words"),
        run("info"),
    ]),
    Case("placeholders-repeatable-checksum", files={
        "sql/V1__create_seen.sql": CREATE_SEEN,
        "sql/R__mark.sql": b("DELETE FROM seen;\n" + seen(1, "${mark}")),
    }, steps=[
        run("migrate", "-placeholders.mark=one"),
        run("info", "-placeholders.mark=one"),
        run("info", "-placeholders.mark=two"),
        text("info", "-placeholders.mark=two"),
        run("validate", "-placeholders.mark=two"),
        run("migrate", "-placeholders.mark=two"),
        run("migrate", "-placeholders.mark=two"),
        run("info", "-placeholders.mark=one"),
        run("migrate", "-placeholders.mark=one"),
        run("info", "-placeholders.mark=one"),
    ]),
    Case("placeholders-script-conf-no-transaction", files={
        "sql/V1__create_seen.sql": CREATE_SEEN,
        "sql/V2__vacuum.sql": "VACUUM;\n",
        "sql/V2__vacuum.sql.conf": "executeInTransaction=false\n",
        "sql/V3__after.sql": seen(3, "after vacuum"),
    }, steps=[
        run("info"), run("migrate"), run("info"), text("info"),
    ]),
    Case("placeholders-script-conf-keys", files={
        "sql/V1__create_seen.sql": CREATE_SEEN,
        "sql/V2__latin1.sql": seen(2, "Ren\u00e9e").encode("latin-1"),
        "sql/V2__latin1.sql.conf": "encoding=ISO-8859-1\n",
        "sql/V3__raw.sql": b(seen(3, "${not_replaced}")),
        "sql/V3__raw.sql.conf": "placeholderReplacement=false\n",
        "sql/R__raw_view.sql": b("DROP VIEW IF EXISTS raw_view;\n"
                                 "CREATE VIEW raw_view AS SELECT '${raw}' AS r;\n"),
        "sql/R__raw_view.sql.conf": "placeholderReplacement=false\n",
    }, steps=[
        run("info"), run("migrate"), run("info"),
        run("validate", "-placeholders.raw=something"),
    ]),
    Case("placeholders-script-conf-unknown-key", files={
        "sql/V1__create_seen.sql": CREATE_SEEN,
        "sql/V2__odd.sql": seen(2, "odd"),
        "sql/V2__odd.sql.conf": "executeInTransaction=false\nretries=3\n",
    }, steps=[
        run("info"), run("migrate"), run("info"),
        Write("sql/V2__odd.sql.conf", "executeInTransaction=perhaps\n"),
        run("migrate"),
        Delete("sql/V2__odd.sql.conf"),
        run("migrate"),
    ]),
    Case("placeholders-script-conf-placeholder", files={
        "sql/V1__create_seen.sql": CREATE_SEEN,
        "sql/V2__odd.sql": seen(2, "conf with placeholder"),
        "sql/V2__odd.sql.conf": b("executeInTransaction=${in_tx}\n"),
    }, steps=[
        run("migrate"),
        run("migrate", "-placeholders.in_tx=false"),
        run("info"),
    ]),
)
