#include "db/postgres/postgres_url.h"

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <optional>
#include <string_view>

#include "db/postgres/libpq.h"
#include "runway/config.h"
#include "runway/driver.h"

namespace runway::postgres {
namespace {

// pgjdbc property name -> value, from the URL's query, jdbcProperties and the connection.
using Properties = std::map<std::string, std::string>;

constexpr std::string_view kDefaultHost = "localhost";
constexpr std::string_view kDefaultPort = "5432";
constexpr std::string_view kApplicationName = "runway";

Error invalid_url(const ConnectionOptions& connection, std::string_view why) {
  return Error(ErrorCode::Configuration,
               "Invalid PostgreSQL URL " + redact_url(connection.url) + ": " + std::string(why));
}

// pgjdbc reads no `user:password@` in a JDBC URL: it takes them for part of the host name,
// which Flyway then prints, password and all. The message does not echo the URL: redact_url
// would miss a password holding a '/'.
Error credentials_before_host() {
  return Error(ErrorCode::Configuration,
               "Invalid PostgreSQL URL: it has credentials before the host (user:password@host), "
               "which pgjdbc reads as part of the host name. Give them with -user and -password, "
               "or as ?user=...&password=... in the URL (an '@' in a database name is written "
               "%40)");
}

std::optional<std::string_view> strip_prefix(std::string_view text,
                                             std::initializer_list<std::string_view> prefixes) {
  for (std::string_view prefix : prefixes) {
    if (text.starts_with(prefix)) return text.substr(prefix.size());
  }
  return std::nullopt;
}

// Decodes %XX escapes, and '+' as a space, the way pgjdbc decodes URL parts
// (java.net.URLDecoder), so a URL that works there means the same here.
std::optional<std::string> url_decode(std::string_view text) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      decoded += ' ';
    } else if (text[i] != '%') {
      decoded += text[i];
    } else {
      unsigned value = 0;
      if (i + 2 >= text.size()) return std::nullopt;
      auto [end, ec] = std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16);
      if (ec != std::errc() || end != text.data() + i + 3) return std::nullopt;
      decoded += static_cast<char>(value);
      i += 2;
    }
  }
  return decoded;
}

bool is_valid_port(std::string_view port) {
  int value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  return ec == std::errc() && end == port.data() + port.size() && value > 0 && value <= 65535;
}

// host[:port][,host2[:port2]...] with IPv6 hosts in brackets -> libpq's comma lists.
std::optional<std::pair<std::string, std::string>> parse_hosts(std::string_view authority) {
  std::string hosts, ports;
  std::size_t start = 0;
  while (true) {
    std::size_t comma = authority.find(',', start);
    std::string_view entry = authority.substr(start, comma - start);
    std::string_view host = entry, port;
    if (entry.starts_with('[')) {
      std::size_t close = entry.find(']');
      if (close == std::string_view::npos) return std::nullopt;
      host = entry.substr(1, close - 1);
      std::string_view rest = entry.substr(close + 1);
      if (!rest.empty() && !rest.starts_with(':')) return std::nullopt;
      if (!rest.empty()) port = rest.substr(1);
    } else if (std::size_t colon = entry.rfind(':'); colon != std::string_view::npos) {
      host = entry.substr(0, colon);
      port = entry.substr(colon + 1);
    }
    if (host.empty()) host = kDefaultHost;
    if (port.empty()) port = kDefaultPort;
    if (!is_valid_port(port)) return std::nullopt;
    hosts += (hosts.empty() ? "" : ",") + std::string(host);
    ports += (ports.empty() ? "" : ",") + std::string(port);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return std::pair{hosts, ports};
}

// pgjdbc properties whose libpq keyword takes the same values.
constexpr std::pair<std::string_view, std::string_view> kSameValueProperties[] = {
    {"user", "user"},
    {"password", "password"},
    {"sslmode", "sslmode"},
    {"sslrootcert", "sslrootcert"},
    {"sslcert", "sslcert"},
    {"sslkey", "sslkey"},
    {"sslpassword", "sslpassword"},
    {"ApplicationName", "application_name"},
    {"connectTimeout", "connect_timeout"},
    {"gssEncMode", "gssencmode"},
    {"kerberosServerName", "krbsrvname"},
    {"channelBinding", "channel_binding"},
};

// pgjdbc's targetServerType -> libpq's target_session_attrs. pgjdbc decides "primary" by
// transaction_read_only, which is what libpq calls read-write.
constexpr std::pair<std::string_view, std::string_view> kTargetServerTypes[] = {
    {"any", "any"},
    {"primary", "read-write"},
    {"master", "read-write"},
    {"secondary", "read-only"},
    {"slave", "read-only"},
    {"preferSecondary", "prefer-standby"},
    {"preferSlave", "prefer-standby"},
};

template <std::size_t N>
std::optional<std::string_view> lookup(
    const std::pair<std::string_view, std::string_view> (&table)[N], std::string_view key) {
  auto it = std::ranges::find(table, key, &std::pair<std::string_view, std::string_view>::first);
  if (it == std::end(table)) return std::nullopt;
  return it->second;
}

// libpq's options keyword wants spaces and backslashes inside a value escaped.
std::string escape_option_value(std::string_view value) {
  std::string escaped;
  for (char c : value) {
    if (c == ' ' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

bool is_special_property(std::string_view name) {
  return name == "ssl" || name == "targetServerType" || name == "tcpKeepAlive" ||
         name == "options" || name == "currentSchema";
}

std::string_view value_or_empty(const Properties& properties, const std::string& name) {
  auto it = properties.find(name);
  return it == properties.end() ? std::string_view() : std::string_view(it->second);
}

// Maps pgjdbc properties onto libpq keywords; ones libpq has no use for are skipped.
Result<ConnectionKeywords> translate(const Properties& properties,
                                     const ConnectionOptions& connection) {
  ConnectionKeywords keywords;
  for (const auto& [name, value] : properties) {
    if (auto keyword = lookup(kSameValueProperties, name)) {
      if (!value.empty()) keywords[std::string(*keyword)] = value;
    } else if (!is_special_property(name)) {
      spdlog::debug("Ignoring JDBC property '{}': libpq has no equivalent", name);
    }
  }

  // pgjdbc: `ssl` present and not "false" means sslmode=verify-full unless sslmode is given.
  if (auto ssl = properties.find("ssl");
      ssl != properties.end() && ssl->second != "false" && !keywords.contains("sslmode")) {
    keywords["sslmode"] = "verify-full";
  }
  if (std::string_view type = value_or_empty(properties, "targetServerType"); !type.empty()) {
    auto attrs = lookup(kTargetServerTypes, type);
    if (!attrs) {
      return fail(invalid_url(
          connection, "targetServerType '" + std::string(type) + "' has no libpq equivalent"));
    }
    keywords["target_session_attrs"] = *attrs;
  }
  if (std::string_view keepalive = value_or_empty(properties, "tcpKeepAlive"); !keepalive.empty()) {
    keywords["keepalives"] = keepalive == "true" ? "1" : "0";
  }

  std::string options(value_or_empty(properties, "options"));
  if (std::string_view schema = value_or_empty(properties, "currentSchema"); !schema.empty()) {
    options +=
        (options.empty() ? "" : " ") + std::string("-c search_path=") + escape_option_value(schema);
  }
  if (!options.empty()) keywords["options"] = options;
  return keywords;
}

// Adds "k=v&k2" query parameters to `properties`, replacing what is there.
bool add_query_parameters(std::string_view query, Properties& properties) {
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t amp = std::min(query.find('&', start), query.size());
    std::string_view pair = query.substr(start, amp - start);
    start = amp + 1;
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    auto name = url_decode(pair.substr(0, eq));
    auto value = url_decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
    if (!name || !value) return false;
    properties[*name] = *value;
  }
  return true;
}

// `rest` is what follows jdbc:postgresql:.
Result<ConnectionKeywords> from_jdbc_url(std::string_view rest, Properties properties,
                                         const ConnectionOptions& connection) {
  std::size_t question = rest.find('?');
  std::string_view query = question == std::string_view::npos ? "" : rest.substr(question + 1);
  rest = rest.substr(0, question);
  if (rest.find('@') != std::string_view::npos) return fail(credentials_before_host());

  std::string_view authority, database;
  if (rest.starts_with("//")) {
    rest.remove_prefix(2);
    std::size_t slash = rest.find('/');
    authority = rest.substr(0, slash);
    database = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
  } else {
    database = rest.starts_with('/') ? rest.substr(1) : rest;
  }

  auto hosts = parse_hosts(authority);
  if (!hosts) return fail(invalid_url(connection, "bad host or port"));
  auto dbname = url_decode(database);
  if (!dbname) return fail(invalid_url(connection, "bad database name"));
  if (!add_query_parameters(query, properties)) {
    return fail(invalid_url(connection, "bad query parameter"));
  }

  RUNWAY_ASSIGN(keywords, translate(properties, connection));
  keywords["host"] = hosts->first;
  keywords["port"] = hosts->second;
  if (!dbname->empty()) keywords["dbname"] = *dbname;
  return keywords;
}

// postgresql:// and postgres:// URIs are libpq's own format: libpq parses them.
Result<ConnectionKeywords> from_libpq_uri(const Properties& properties,
                                          const ConnectionOptions& connection) {
  RUNWAY_TRY(load_libpq());
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(libpq().PQconninfoFree)> options(
      libpq().PQconninfoParse(connection.url.c_str(), &error), libpq().PQconninfoFree);
  if (!options) {
    // libpq's reason may quote part of the URL, password included, so it is not shown.
    libpq().PQfreemem(error);
    return fail(invalid_url(connection, "libpq cannot parse it"));
  }
  RUNWAY_ASSIGN(keywords, translate(properties, connection));
  for (const PQconninfoOption* option = options.get(); option->keyword; ++option) {
    if (option->val && *option->val) keywords[option->keyword] = option->val;
  }
  return keywords;
}

}  // namespace

Result<ConnectionKeywords> connection_keywords(const ConnectionOptions& connection) {
  Properties properties;
  if (!connection.user.empty()) properties["user"] = connection.user;
  if (!connection.password.empty()) properties["password"] = connection.password;
  for (const auto& [name, value] : connection.jdbc_properties) properties[name] = value;

  Result<ConnectionKeywords> keywords;
  if (auto rest = strip_prefix(connection.url, {"jdbc:postgresql:", "jdbc:p6spy:postgresql:"})) {
    keywords = from_jdbc_url(*rest, std::move(properties), connection);
  } else if (strip_prefix(connection.url, {"postgresql://", "postgres://"})) {
    keywords = from_libpq_uri(properties, connection);
  } else {
    return fail(invalid_url(connection, "expected jdbc:postgresql: or postgresql://"));
  }
  if (keywords) keywords->try_emplace("application_name", kApplicationName);
  return keywords;
}

}  // namespace runway::postgres
