// Connecting to PostgreSQL: connection options -> libpq keywords -> a connection, retried as
// connectRetries asks, with initSql run on it, and the server versions runway supports. No
// password ever reaches a message.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

#include "db/drivers.h"
#include "db/postgres/libpq.h"
#include "db/postgres/postgres_database.h"
#include "db/postgres/postgres_url.h"
#include "db/postgres/postgres_version.h"
#include "runway/config.h"

namespace runway {
namespace postgres {
namespace {

// Every text about a failed connection goes through this: libpq's messages may echo parts
// of the connection info, and a password can even equal the user name.
std::string scrub(std::string text, const std::vector<std::string>& passwords) {
  for (const std::string& password : passwords) {
    if (password.empty()) continue;
    for (std::size_t pos = 0; (pos = text.find(password, pos)) != std::string::npos;) {
      text.replace(pos, password.size(), "********");
    }
  }
  return redact_url(text);  // also any `password=...` or `user:password@` text
}

// The passwords this attempt used: the given one, and one libpq found itself in
// PGPASSWORD or ~/.pgpass (PQpass knows both).
std::vector<std::string> passwords_of(const ConnectionKeywords& keywords, PGconn* connection) {
  std::vector<std::string> passwords;
  if (auto given = keywords.find("password"); given != keywords.end()) {
    passwords.push_back(given->second);
  }
  if (const char* used = connection ? libpq().PQpass(connection) : nullptr)
    passwords.push_back(used);
  return passwords;
}

// The server's own refusal in libpq's text ("connection to server at ... failed: FATAL:  database
// "x" does not exist"), worded as pgJDBC gives it to Flyway ("FATAL: database ..."); empty when
// the server said nothing (refused, unreachable).
std::string server_refusal(std::string_view reason) {
  constexpr std::string_view kLibpqFatal = "FATAL:  ";  // libpq pads the severity
  std::size_t fatal = reason.find(kLibpqFatal);
  if (fatal == std::string_view::npos) return "";
  std::string_view words = reason.substr(fatal + kLibpqFatal.size());
  words = words.substr(0, words.find('\n'));
  return "FATAL: " + std::string(words);
}

// libpq exposes no SQLSTATE for a failed connection. The server's refusals that name their
// cause get the server's code for it, the others 08001 ("client unable to establish
// connection"), as pgJDBC reports them.
std::string connection_sql_state(std::string_view refusal) {
  auto says = [&](std::string_view words) { return refusal.find(words) != std::string_view::npos; };
  if (says("FATAL: database \"") && says("\" does not exist")) return "3D000";
  if (says("password authentication failed")) return "28P01";
  if (says("FATAL: role \"") || says("no pg_hba.conf entry")) return "28000";
  return "08001";
}

Error connection_error(const ConnectionOptions& options, PGconn* connection,
                       std::string_view reason, const std::vector<std::string>& passwords) {
  const char* user = connection ? libpq().PQuser(connection) : nullptr;
  const std::string refusal = server_refusal(reason);
  const std::string message =
      scrub("Unable to obtain connection from database (" + options.url + ") for user '" +
                (user ? user : "") + "': " + (refusal.empty() ? std::string(reason) : refusal),
            passwords);
  Error error(ErrorCode::DbConnection, message);
  error.sql = SqlErrorInfo{connection_sql_state(refusal),
                           0,
                           scrub(std::string(reason), passwords),
                           {},
                           "CONNECTION_FAILURE"};
  if (!refusal.empty()) error.because(scrub(refusal, passwords));
  return error;
}

// Tries to connect connectRetries + 1 times, waiting 1 s, then twice as long each time, at
// most connectRetriesInterval seconds (Flyway's JdbcUtils.openConnection).
Result<ConnectionPtr> connect(const ConnectionKeywords& keywords,
                              const ConnectionOptions& options) {
  std::vector<const char*> names, values;
  for (const auto& [name, value] : keywords) {
    names.push_back(name.c_str());
    values.push_back(value.c_str());
  }
  names.push_back(nullptr);
  values.push_back(nullptr);

  int wait_seconds = 1;
  for (int retries = 0;; ++retries) {
    ConnectionPtr connection(libpq().PQconnectdbParams(names.data(), values.data(), 0));
    if (connection && libpq().PQstatus(connection.get()) == CONNECTION_OK) return connection;

    const std::vector<std::string> passwords = passwords_of(keywords, connection.get());
    const std::string reason =
        connection ? connection_message(connection.get()) : "libpq is out of memory";
    if (retries >= options.connect_retries) {
      return fail(connection_error(options, connection.get(), reason, passwords));
    }
    spdlog::warn("Connection error: {}", scrub(reason, passwords));
    spdlog::warn("Retrying in {} sec...", wait_seconds);
    std::this_thread::sleep_for(std::chrono::seconds(wait_seconds));
    wait_seconds = std::max(1, std::min(wait_seconds * 2, options.connect_retries_interval));
  }
}

// PostgreSQL cuts a name longer than 63 bytes with only a notice, so runway would create a
// table or schema and then never find it under the name it was given. The history table's
// name must leave two bytes over: its "<table>_pk" and "<table>_s_idx" indexes, cut to 63
// bytes, would clash with the table or with each other. Flyway fails on such names too, at
// the first CREATE; runway refuses them before connecting, so nothing is changed.
Result<void> check_name_lengths(const ConnectionOptions& options) {
  constexpr std::size_t kLongestName = 63;  // NAMEDATALEN - 1
  // In the words of config_binding's errors: the key, the rule, the value.
  auto check = [](std::string_view key, const std::string& name, std::size_t longest) {
    if (name.size() <= longest) return Result<void>();
    return Result<void>(
        fail(ErrorCode::Configuration,
             fmt::format("Invalid value for flyway.{} (at most {} bytes on PostgreSQL, not {}): {}",
                         key, longest, name.size(), name)));
  };
  RUNWAY_TRY(check("table", options.table, kLongestName - 2));
  RUNWAY_TRY(check("flightpath.table", options.flightpath_table, kLongestName));
  RUNWAY_TRY(check("defaultSchema", options.default_schema, kLongestName));
  for (const std::string& schema : options.schemas)
    RUNWAY_TRY(check("schemas", schema, kLongestName));
  return {};
}

}  // namespace

std::optional<std::string> unsupported_version(int major_version, std::string_view version) {
  constexpr int kOldestPostgres = 13;
  if (major_version >= kOldestPostgres) return std::nullopt;
  return "Unsupported database: PostgreSQL " + std::string(version) +
         ". runway supports PostgreSQL " + std::to_string(kOldestPostgres) +
         " and later; upgrade the server.";
}

Result<void> PostgresDatabase::check_supported() const {
  if (auto refused = unsupported_version(major_version(), product_version())) {
    return fail(ErrorCode::Configuration, *refused);
  }
  return {};
}

}  // namespace postgres

Result<std::unique_ptr<Database>> open_postgres(const ConnectionOptions& options) {
  RUNWAY_TRY(postgres::check_name_lengths(options));
  RUNWAY_TRY(load_libpq());
  RUNWAY_ASSIGN(keywords, postgres::connection_keywords(options));
  RUNWAY_ASSIGN(connection, postgres::connect(keywords, options));
  auto database = std::make_unique<postgres::PostgresDatabase>(std::move(connection));
  if (!options.init_sql.empty()) RUNWAY_TRY(database->execute(options.init_sql));
  return database;
}

}  // namespace runway
