// Issue 11, secrets: every way of giving runway a password (kForms), through every command
// and every output (kSteps: text, JSON, -X, -outputFile, dry-run files, check and metrics
// files, the Flightpath run log and events). The secret must be in no byte runway prints or
// writes, and each step must show that it did its work, so the test cannot pass by having
// runway fail early. A form runway refuses (`user:password@` in the URL) must fail every
// connecting step, the same way, without the secret and without touching the database.
//
// A new form is one line in kForms; a new command or output is one entry in steps().
#include <gmock/gmock.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "cli/postgres_fixture.h"
#include "support/http_test_server.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A second secret, for the forms that carry one beside the role's password.
constexpr const char* kSslSecret = "ssl-k3y-s3cret";

// What a form hands runway: arguments, environment, and every secret among them.
struct Credentials {
  std::vector<std::string> args;
  std::map<std::string, std::string> environment;
  std::vector<std::string> extra_secrets;
};

// The role that must give a password, the database without credentials in its URL, and the
// folder for credential files (never scanned: it holds the secrets on purpose). Its helpers
// keep each form below to a line.
struct Role {
  std::string url, user, password;
  const TempDir& dir;

  // Writes inputs/<name> and returns its path.
  std::string input(const std::string& name, const std::string& content) const {
    std::string path = dir.write("inputs/" + name, content);
    chmod(path.c_str(), 0600);  // libpq ignores a .pgpass others can read
    return path;
  }
  // -url and -user, then `more`.
  Credentials options(std::vector<std::string> more = {},
                      std::map<std::string, std::string> environment = {}) const {
    more.insert(more.begin(), {"-url=" + url, "-user=" + user});
    return {more, std::move(environment), {}};
  }
  std::string url_with_password() const { return url + "?user=" + user + "&password=" + password; }
  // jdbc:postgresql://user:password@host:port/db, which pgjdbc does not accept.
  std::string url_with_userinfo() const {
    return std::string(url).insert(url.find("//") + 2, user + ":" + password + "@");
  }
  // `text` as a conf or TOML file given to -configFiles; `{url}`, `{user}` and `{password}`
  // stand for the role's values.
  Credentials config_file(const std::string& name, std::string text) const {
    for (const auto& [key, value] :
         {std::pair{"{url}", url}, {"{user}", user}, {"{password}", password}}) {
      for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key)) {
        text.replace(at, std::string_view(key).size(), value);
      }
    }
    return {{"-configFiles=" + input(name, text)}, {}, {}};
  }
};

struct SecretForm {
  const char* name;
  std::function<Credentials(const Role&)> give;
  bool refused = false;  // runway must refuse the form, with a masked error
};

void PrintTo(const SecretForm& form, std::ostream* out) {
  *out << form.name;
}

const std::string kConf = "flyway.url={url}\nflyway.user={user}\n";
const std::string kToml = "[environments.default]\nurl = \"{url}\"\nuser = \"{user}\"\n";

// clang-format off
const SecretForm kForms[] = {
  {"PasswordOption", [](const Role& r) { return r.options({"-password=" + r.password}); }},
  {"UrlParameter", [](const Role& r) { return Credentials{{"-url=" + r.url_with_password()}, {}, {}}; }},
  {"FlywayPasswordVariable", [](const Role& r) { return r.options({}, {{"FLYWAY_PASSWORD", r.password}}); }},
  {"FlywayUrlVariable", [](const Role& r) { return Credentials{{}, {{"FLYWAY_URL", r.url_with_password()}}, {}}; }},
  {"PgPassFile", [](const Role& r) { return r.options({}, {{"PGPASSFILE", r.input("pgpass", "*:*:*:*:" + r.password + "\n")}}); }},
  {"ConfFile", [](const Role& r) { return r.config_file("flyway.conf", kConf + "flyway.password={password}\n"); }},
  {"TomlFile", [](const Role& r) { return r.config_file("flyway.toml", kToml + "password = \"{password}\"\n"); }},
  {"JdbcPropertiesOption", [](const Role& r) { return r.options({"-jdbcProperties.password=" + r.password}); }},
  {"JdbcPropertiesVariable", [](const Role& r) { return r.options({}, {{"FLYWAY_JDBC_PROPERTIES_PASSWORD", r.password}}); }},
  {"JdbcPropertiesInConf", [](const Role& r) { return r.config_file("flyway.conf", kConf + "flyway.jdbcProperties.password={password}\n"); }},
  {"JdbcPropertiesInToml", [](const Role& r) { return r.config_file("flyway.toml", kToml + "[environments.default.jdbcProperties]\npassword = \"{password}\"\n"); }},
  {"SslPasswordInUrl", [](const Role& r) { return Credentials{{"-url=" + r.url + "?sslpassword=" + kSslSecret, "-user=" + r.user, "-password=" + r.password}, {}, {kSslSecret}}; }},
  {"SslPasswordProperty", [](const Role& r) { auto c = r.options({"-password=" + r.password, "-jdbcProperties.sslpassword=" + std::string(kSslSecret)}); c.extra_secrets = {kSslSecret}; return c; }},
  {"UrlParameterInToml", [](const Role& r) { return r.config_file("flyway.toml", "[environments.default]\nurl = \"{url}?user={user}&password={password}\"\n"); }},
  {"UserinfoInUrl", [](const Role& r) { return Credentials{{"-url=" + r.url_with_userinfo()}, {}, {}}; }, true},
  {"UserinfoInFlywayUrl", [](const Role& r) { return Credentials{{}, {{"FLYWAY_URL", r.url_with_userinfo()}}, {}}; }, true},
  {"UserinfoInConf", [](const Role& r) { return r.config_file("flyway.conf", "flyway.url=" + r.url_with_userinfo() + "\n"); }, true},
};
// clang-format on

class SecretsEverywhereTest : public PostgresCliTest,
                              public ::testing::WithParamInterface<SecretForm> {
 protected:
  // One command line and how to tell that it did its work. Steps run in order on one
  // database; `before` changes the migration folder.
  struct Step {
    std::string name;
    std::vector<std::string> args;
    std::function<void(const CommandOutput&)> did_its_work;
    bool connects = true;
    std::function<void()> before = [] {};
  };

  void SetUp() override {
    PostgresCliTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(db().execute("ALTER SCHEMA public OWNER TO " + server().password_user));
    migration("V1__t.sql", "CREATE TABLE t (x INT);\n");
    migration("V2__u.sql", "CREATE TABLE u (x INT);\n");
    migration("U2__u.sql", "DROP TABLE u;\n");
    migration("R__v.sql", "CREATE OR REPLACE VIEW v AS SELECT x FROM t;\n");
    std::filesystem::create_directories(dir_.path() / "out");  // for the output files
    Role role{database().url(false), server().password_user, server().password, dir_};
    credentials_ = GetParam().give(role);
    secrets_ = credentials_.extra_secrets;
    secrets_.push_back(server().password);
  }

  std::string history_rows() { return value("SELECT count(*) FROM flyway_schema_history"); }
  std::string last_type() {
    return value("SELECT type FROM flyway_schema_history ORDER BY installed_rank DESC LIMIT 1");
  }
  std::string file(const std::string& relative) {
    std::ifstream in(dir_.path() / relative, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  void expect_written(const std::string& relative, const std::string& text) {
    EXPECT_THAT(file(relative), HasSubstr(text)) << relative;
  }

  // A check that the command exited 0 and said `text`.
  static std::function<void(const CommandOutput&)> succeeded(std::string text) {
    return [text = std::move(text)](const CommandOutput& r) {
      EXPECT_EQ(r.exit_code, 0) << describe(r);
      EXPECT_THAT(r.out + r.err, HasSubstr(text)) << describe(r);
    };
  }

  std::vector<Step> steps() {
    const std::vector<std::string> recorded = {"-flightpath.enabled=true",
                                               "-flightpath.url=" + events_.url()};
    auto with_run_log = [&](std::vector<std::string> args) {
      args.insert(args.end(), recorded.begin(), recorded.end());
      return args;
    };
    return {
        {"migrate, -X, -outputFile", with_run_log({"migrate", "-X", "-outputFile=out/migrate.txt"}),
         [this](const CommandOutput& r) {
           succeeded("Successfully applied 3 migrations")(r);
           EXPECT_EQ(history_rows(), "3");
           // The role, which must give its password, did the work.
           EXPECT_EQ(value("SELECT DISTINCT installed_by FROM flyway_schema_history"),
                     server().password_user);
           expect_written("out/migrate.txt", "Successfully applied 3 migrations");
         }},
        {"info and validate as JSON to a file",
         {"info", "validate", "-outputType=json", "-outputFile=out/info.json"},
         [this](const CommandOutput& r) {
           succeeded("\"validationSuccessful\": true")(r);
           expect_written("out/info.json", "\"schemaVersion\": \"2\"");
         }},
        {"info as text, -X", {"info", "-X"}, succeeded("| Versioned  | 2       | u")},
        {"dry run to a file",
         {"migrate", "-dryRunOutput=out/dry-run.sql", "-X"},
         [this](const CommandOutput& r) {
           succeeded("Dry run")(r);
           expect_written("out/dry-run.sql", "V3__w.sql");
           EXPECT_EQ(history_rows(), "3");
         },
         true,
         [this] { migration("V3__w.sql", "CREATE TABLE w (x INT);\n"); }},
        {"failing migrate, -X", with_run_log({"migrate", "-X"}),
         [this](const CommandOutput& r) {
           EXPECT_EQ(r.exit_code, 1) << describe(r);
           EXPECT_THAT(r.err, HasSubstr("22P02"));
           EXPECT_EQ(history_rows(), "3");
         },
         true, [this] { migration("V3__w.sql", "INSERT INTO t VALUES ('not a number');\n"); }},
        {"failing migrate as JSON to a file",
         {"migrate", "-outputType=json", "-outputFile=out/failed.json"},
         [this](const CommandOutput& r) {
           EXPECT_EQ(r.exit_code, 1) << describe(r);
           expect_written("out/failed.json", "22P02");
         }},
        {"repair, -X", with_run_log({"repair", "-X"}), succeeded("Successfully repaired"), true,
         [this] { std::filesystem::remove(dir_.path() / "sql/V3__w.sql"); }},
        {"undo, -X", with_run_log({"undo", "-X"}),
         [this](const CommandOutput& r) {
           succeeded("Successfully undid 1 migration")(r);
           EXPECT_EQ(last_type(), "UNDO_SQL");
         }},
        {"check as text", {"check"}, succeeded("runway check passed"), false},
        {"check as JSON to a file",
         {"check", "-outputType=json", "-outputFile=out/check.json"},
         [this](const CommandOutput& r) {
           succeeded("\"scriptsChecked\"")(r);
           expect_written("out/check.json", "\"scriptsChecked\"");
         },
         false},
        {"check as SARIF", {"check", "-check.format=sarif", "-X"}, succeeded("sarif-2.1.0"), false},
        {"check for GitHub", {"check", "-check.format=github"}, succeeded("runway check"), false},
        {"metrics as JSON, -X",
         {"metrics", "-outputType=json", "-X"},
         succeeded("\"deployments\"")},
        {"metrics as HTML to a file",
         {"metrics", "-metrics.format=html", "-metrics.output=out/metrics.html"},
         [this](const CommandOutput& r) {
           EXPECT_EQ(r.exit_code, 0) << describe(r);
           expect_written("out/metrics.html", "<html");
         }},
        {"metrics for Prometheus to a file",
         {"metrics", "-metrics.format=prometheus", "-metrics.output=out/metrics.prom"},
         [this](const CommandOutput& r) {
           EXPECT_EQ(r.exit_code, 0) << describe(r);
           expect_written("out/metrics.prom", "runway_deployments");
         }},
        {"clean and baseline, -X",
         with_run_log({"clean", "baseline", "-cleanDisabled=false", "-X"}),
         [this](const CommandOutput& r) {
           succeeded("Successfully baselined schema")(r);
           EXPECT_EQ(history_rows(), "1");
           EXPECT_FALSE(relation_exists("public.t"));
         }},
    };
  }

  // The secrets are in none of `text`.
  void expect_hidden(const std::string& where, const std::string& text) {
    for (const std::string& secret : secrets_) {
      EXPECT_THAT(text, Not(HasSubstr(secret))) << where << " shows a secret";
    }
  }
  // ... nor in any file runway wrote (everything outside inputs/ and sql/).
  void expect_hidden_in_files(const std::string& step) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir_.path())) {
      std::string relative = std::filesystem::relative(entry.path(), dir_.path()).string();
      if (!entry.is_regular_file() || relative.starts_with("inputs/") ||
          relative.starts_with("sql/")) {
        continue;
      }
      expect_hidden(step + ": file " + relative, file(relative));
    }
  }
  // ... nor in the run log, the history, or the events runway posted.
  void expect_hidden_in_database_and_events() {
    for (const char* table : {"runway_flightpath_runs", "flyway_schema_history"}) {
      if (!relation_exists(std::string("public.") + table)) continue;
      for (const Row& row : rows(std::string("SELECT r::text FROM ") + table + " r")) {
        expect_hidden(std::string("table ") + table, row[0].value_or(""));
      }
    }
    for (const std::string& body : events_.bodies()) expect_hidden("a Flightpath event", body);
  }

  Credentials credentials_;
  std::vector<std::string> secrets_;
  HttpTestServer events_;
};

TEST_P(SecretsEverywhereTest, NoOutputShowsTheSecret) {
  for (Step& step : steps()) {
    SCOPED_TRACE(step.name);
    step.before();
    std::vector<std::string> args = credentials_.args;
    args.insert(args.end(), step.args.begin(), step.args.end());
    args.push_back("-locations=filesystem:sql");
    CommandOutput output = run_runway(args, dir_.str(), credentials_.environment);
    expect_hidden("stdout", output.out);
    expect_hidden("stderr", output.err);
    expect_hidden_in_files(step.name);
    expect_hidden_in_database_and_events();
    if (GetParam().refused && step.connects) {
      EXPECT_EQ(output.exit_code, 1) << describe(output);
      EXPECT_THAT(output.out + output.err, HasSubstr("-user and -password")) << describe(output);
      EXPECT_FALSE(relation_exists("public.flyway_schema_history"));
    } else {
      step.did_its_work(output);
    }
  }
  if (!GetParam().refused) {
    EXPECT_EQ(value("SELECT count(*) > 0 FROM runway_flightpath_runs"), "t");
    EXPECT_FALSE(events_.bodies().empty());
  }
}

INSTANTIATE_TEST_SUITE_P(EveryForm, SecretsEverywhereTest, ::testing::ValuesIn(kForms),
                         [](const auto& form) { return std::string(form.param.name); });

}  // namespace
}  // namespace runway::testing
