"""File names: version forms and their order, duplicates, descriptions, ignored files, baseline
(B) and undo (U) migrations, and file contents that must not change a checksum (BOM, CRLF).
"""

from difftest.case import Case, Delete, Write, cases, run, text

V1 = "CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(100));\n"
V2 = "INSERT INTO person (id, name) VALUES (1, 'Ada');\n"
V3 = "ALTER TABLE person ADD COLUMN email VARCHAR(200);\n"


def mark(n):
    """A migration that leaves its number in the dump, so the order of application shows."""
    return f"INSERT INTO applied (n) VALUES ({n});\n"


APPLIED = "CREATE TABLE applied (n INT);\n"

# Flyway names the duplicate version and lists the offending files in the order it happened to
# find them, which depends on their full paths (so it differs between two work directories). The
# steps that end in a duplicate error are therefore run in text mode: exit code and info rows only.

CASES = cases(
    Case("naming-version-forms", files={
        "sql/V1__init.sql": APPLIED,
        "sql/V1_1__underscore.sql": mark(11),
        "sql/V1.2__dot.sql": mark(12),
        "sql/V1_2_1__three_parts.sql": mark(121),
        "sql/V3.9__nine.sql": mark(39),
        "sql/V3.10__ten.sql": mark(310),
        "sql/V2017_07_08_11_10__timestamp.sql": mark(2017),
        "sql/V20170709__date.sql": mark(20170709),
    }, steps=[
        run("info"), text("info"), run("migrate"), run("info"), text("info"),
        run("migrate", "-target=3.9"),
    ]),
    Case("naming-version-target-forms", files={
        "sql/V1__init.sql": APPLIED,
        "sql/V1_1__underscore.sql": mark(11),
        "sql/V1.2__dot.sql": mark(12),
        "sql/V2__two.sql": mark(2),
    }, steps=[
        run("migrate", "-target=1_1"), run("info"),
        run("migrate", "-target=1.2.0"), run("info"),
    ]),
    Case("naming-leading-zeros", files={
        "sql/V001__init.sql": APPLIED,
        "sql/V002__two.sql": mark(2),
        "sql/V010__ten.sql": mark(10),
        "sql/V9__nine.sql": mark(9),
    }, steps=[
        run("migrate"), run("info"), text("info"),
    ]),
    Case("naming-leading-zeros-duplicate", files={
        "sql/V001__init.sql": APPLIED,
        "sql/V1__also_one.sql": mark(1),
    }, steps=[
        text("info"), text("validate"), text("migrate"),
        Delete("sql/V1__also_one.sql"),
        run("migrate"), run("info"),
    ]),
    Case("naming-trailing-zero-duplicate", files={
        "sql/V1__init.sql": APPLIED,
        "sql/V1.0__also_one.sql": mark(1),
        "sql/V2__two.sql": mark(2),
    }, steps=[
        text("info"), text("migrate"),
    ]),
    Case("naming-trailing-zero-after-apply", files={
        "sql/V1__init.sql": APPLIED,
        "sql/V2__two.sql": mark(2),
    }, steps=[
        run("migrate"),
        Delete("sql/V2__two.sql"),
        Write("sql/V2.0__two.sql", mark(2)),
        run("info"), run("validate"), run("migrate"),
    ]),
    Case("naming-duplicate-in-subfolders", files={
        "sql/V1__init.sql": APPLIED,
        "sql/a/V2__two.sql": mark(2),
        "sql/b/V2__two.sql": mark(2),
    }, steps=[
        text("info"), text("migrate"),
    ]),
    Case("naming-repeatable-same-description", files={
        "sql/V1__init.sql": APPLIED,
        "sql/R__view.sql": "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT n FROM applied;\n",
        "sql/more/R__view.sql": "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT n FROM applied;\n",
    }, steps=[
        text("info"), text("migrate"),
        Delete("sql/more/R__view.sql"),
        run("migrate"), run("info"),
    ]),
    Case("naming-repeatable-order", files={
        "sql/V1__init.sql": APPLIED,
        "sql/R__b_second.sql": mark(2),
        "sql/R__a_first.sql": mark(1),
        "sql/R__B_upper.sql": mark(3),
        "sql/R__10_numbered.sql": mark(10),
        "sql/R__9_numbered.sql": mark(9),
    }, steps=[
        run("info"), run("migrate"), run("info"), text("info"),
    ]),
    Case("naming-descriptions", files={
        "sql/V1__with_underscores_here.sql": APPLIED,
        "sql/V2__With Spaces.sql": mark(2),
        "sql/V3__Mixed_Case and-dash.sql": mark(3),
        "sql/V4__double__separator.sql": mark(4),
        "sql/V5___leading_underscore.sql": mark(5),
        "sql/V6__trailing_underscore_.sql": mark(6),
        "sql/V7__dots.in.description.sql": mark(7),
    }, steps=[
        run("info"), run("migrate"), run("info"), text("info"),
    ]),
    Case("naming-empty-description", files={
        "sql/V1__.sql": APPLIED,
        "sql/V2.sql": mark(2),
        "sql/R__.sql": mark(0),
    }, steps=[
        run("info"), run("migrate"), run("info"),
        run("validate", "-validateMigrationNaming=true"),
    ]),
    Case("naming-subfolders", files={
        "sql/2024/V1__init.sql": APPLIED,
        "sql/2025/q1/V2__two.sql": mark(2),
        "sql/2025/q2/deep/V3__three.sql": mark(3),
        "sql/views/R__view.sql": "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT n FROM applied;\n",
    }, steps=[
        run("info"), run("migrate"), run("info"), text("info"),
    ]),
    Case("naming-ignored-files", files={
        "sql/V1__init.sql": APPLIED,
        "sql/V2__good.sql": mark(2),
        "sql/notes.txt": "SELECT 1;\n",
        "sql/v3__lower_case.sql": mark(3),
        "sql/V4_missing_separator.sql": mark(4),
        "sql/V5__backup.sql.bak": mark(5),
        "sql/r__lower_repeatable.sql": mark(6),
        "sql/R_single_underscore.sql": mark(7),
        "sql/README.md": "# migrations\n",
        "sql/Vx__not_a_version.sql": mark(8),
        "sql/V9__upper_suffix.SQL": mark(9),
    }, steps=[
        run("info"), run("migrate"), run("info"),
        run("validate", "-validateMigrationNaming=true"),
    ]),
    Case("naming-baseline-migration-fresh", files={
        "sql/V1__init.sql": APPLIED,
        "sql/V2__two.sql": mark(2),
        "sql/B2__base.sql": APPLIED + mark(1) + mark(2),
        "sql/V3__three.sql": mark(3),
    }, steps=[
        run("info"), text("info"), run("migrate"), run("info"), text("info"), run("validate"),
    ]),
    Case("naming-baseline-migration-existing", files={
        "sql/V1__init.sql": APPLIED,
        "sql/V2__two.sql": mark(2),
    }, steps=[
        run("migrate"),
        Write("sql/B2__base.sql", APPLIED + mark(1) + mark(2)),
        Write("sql/V3__three.sql", mark(3)),
        run("info"), run("migrate"), run("info"), run("validate"),
    ]),
    Case("naming-baseline-migration-target", files={
        "sql/V1__init.sql": APPLIED,
        "sql/B2__base.sql": APPLIED + mark(2),
        "sql/V3__three.sql": mark(3),
        "sql/B4__base.sql": APPLIED + mark(4),
    }, steps=[
        run("migrate", "-target=3"), run("info"),
        run("migrate"), run("info"),
    ]),
    Case("naming-undo-files", files={
        "sql/V1__init.sql": APPLIED,
        "sql/V2__two.sql": mark(2),
        "sql/U2__two.sql": "DELETE FROM applied WHERE n = 2;\n",
        "sql/U3__orphan.sql": "DELETE FROM applied WHERE n = 3;\n",
    }, steps=[
        run("info"), text("info"), run("migrate"), run("info"), text("info"), run("validate"),
    ]),
    Case("naming-long-description", files={
        "sql/V1__init.sql": APPLIED,
        "sql/V2__" + "_".join(["word"] * 38) + ".sql": mark(2),
    }, steps=[
        run("migrate"), run("info"),
        Write("sql/V3__" + "_".join(["longer"] * 35) + ".sql", mark(3)),
        run("info"), run("migrate"), run("info"),
    ]),
    Case("naming-unicode-description", files={
        "sql/V1__caf\u00e9_na\u00efve.sql": APPLIED,
        "sql/V2__\u65e5\u672c\u8a9e.sql": mark(2),
        "sql/R__\u00fcber_view.sql": "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT n FROM applied;\n",
    }, steps=[
        run("info"), run("migrate"), run("info"), text("info"),
    ]),
    Case("naming-unicode-content", files={
        "sql/V1__init.sql": "CREATE TABLE note (id INT, body VARCHAR(100));\n",
        "sql/V2__notes.sql": "INSERT INTO note (id, body) VALUES (1, 'caf\u00e9 \u65e5\u672c \U0001F600');\n",
    }, steps=[
        run("migrate"), run("info"),
    ]),
    Case("naming-bom", files={
        "sql/V1__init.sql": b"\xef\xbb\xbf" + APPLIED.encode(),
        "sql/V2__two.sql": mark(2),
    }, steps=[
        run("migrate"), run("info"),
        Write("sql/V1__init.sql", APPLIED),
        run("validate"),
        Write("sql/V2__two.sql", b"\xef\xbb\xbf" + mark(2).encode()),
        run("validate"), run("info"),
    ]),
    Case("naming-crlf", files={
        "sql/V1__init.sql": APPLIED.replace("\n", "\r\n"),
        "sql/V2__two.sql": (mark(2) + "\n" + mark(22)).replace("\n", "\r\n"),
        "sql/R__view.sql": "DROP VIEW IF EXISTS v;\r\nCREATE VIEW v AS SELECT n FROM applied;\r\n",
    }, steps=[
        run("migrate"), run("info"),
        Write("sql/V1__init.sql", APPLIED),
        Write("sql/V2__two.sql", mark(2) + "\n" + mark(22)),
        Write("sql/R__view.sql", "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT n FROM applied;\n"),
        run("validate"), run("info"), run("migrate"),
        Write("sql/V2__two.sql", mark(2) + mark(22) + "\n\n"),
        run("validate"),
    ]),
    Case("naming-whitespace-changes-checksum", files={
        "sql/V1__init.sql": APPLIED,
        "sql/V2__two.sql": mark(2),
    }, steps=[
        run("migrate"),
        Write("sql/V2__two.sql", mark(2).replace("VALUES", "VALUES ")),
        run("validate"),
        Write("sql/V2__two.sql", mark(2).rstrip("\n")),
        run("validate"),
        Write("sql/V2__two.sql", "  " + mark(2)),
        run("validate"),
    ]),
    Case("naming-huge-version", files={
        "sql/V1__init.sql": APPLIED,
        "sql/V99999999999999999999__huge.sql": mark(2),
        "sql/V1.99999999999999999999__huge_minor.sql": mark(1),
    }, steps=[
        run("info"), run("migrate"), run("info"), text("info"),
    ]),
    Case("naming-same-description-different-versions", files={
        "sql/V1__init.sql": APPLIED,
        "sql/V2__same.sql": mark(2),
        "sql/V3__same.sql": mark(3),
        "sql/R__same.sql": mark(4),
    }, steps=[
        run("migrate"), run("info"),
    ]),
)
