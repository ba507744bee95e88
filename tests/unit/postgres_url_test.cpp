#include "db/postgres/postgres_url.h"

#include <gtest/gtest.h>

namespace runway::postgres {
namespace {

ConnectionKeywords keywords_for(const ConnectionOptions& options) {
  auto keywords = connection_keywords(options);
  EXPECT_TRUE(keywords.has_value()) << (keywords ? "" : keywords.error().message);
  return keywords.value_or(ConnectionKeywords{});
}

ConnectionKeywords keywords_for(const std::string& url) {
  ConnectionOptions options;
  options.url = url;
  return keywords_for(options);
}

Error error_for(const std::string& url) {
  ConnectionOptions options;
  options.url = url;
  auto keywords = connection_keywords(options);
  EXPECT_FALSE(keywords.has_value()) << url;
  return keywords ? Error() : keywords.error();
}

TEST(PostgresUrl, HostPortAndDatabase) {
  EXPECT_EQ(keywords_for("jdbc:postgresql://db.example.com:6543/app"),
            (ConnectionKeywords{{"host", "db.example.com"},
                                {"port", "6543"},
                                {"dbname", "app"},
                                {"application_name", "runway"}}));
}

TEST(PostgresUrl, DefaultsToLocalhostAnd5432) {
  auto keywords = keywords_for("jdbc:postgresql://dbhost/app");
  EXPECT_EQ(keywords["host"], "dbhost");
  EXPECT_EQ(keywords["port"], "5432");
  keywords = keywords_for("jdbc:postgresql:app");
  EXPECT_EQ(keywords["host"], "localhost");
  EXPECT_EQ(keywords["port"], "5432");
  EXPECT_EQ(keywords["dbname"], "app");
}

// Without a database name the server's default (the user's name) applies, as in pgjdbc.
TEST(PostgresUrl, NoDatabaseLeavesDbnameToLibpq) {
  for (const char* url :
       {"jdbc:postgresql:/", "jdbc:postgresql://dbhost/", "jdbc:postgresql://dbhost"}) {
    auto keywords = keywords_for(url);
    EXPECT_FALSE(keywords.contains("dbname")) << url;
    EXPECT_TRUE(keywords.contains("host")) << url;
  }
}

TEST(PostgresUrl, SeveralHostsBecomeLibpqLists) {
  auto keywords = keywords_for("jdbc:postgresql://primary:5433,replica,[::1]:5435/app");
  EXPECT_EQ(keywords["host"], "primary,replica,::1");
  EXPECT_EQ(keywords["port"], "5433,5432,5435");
}

TEST(PostgresUrl, Ipv6HostInBrackets) {
  auto keywords = keywords_for("jdbc:postgresql://[::1]:5740/accounting");
  EXPECT_EQ(keywords["host"], "::1");
  EXPECT_EQ(keywords["port"], "5740");
  EXPECT_EQ(keywords_for("jdbc:postgresql://[fe80::1]/x")["port"], "5432");
}

TEST(PostgresUrl, QueryParametersMapOntoLibpqKeywords) {
  auto keywords = keywords_for(
      "jdbc:postgresql://h/db?user=app&password=pw&sslmode=verify-ca&sslrootcert=/ca.pem"
      "&sslcert=/c.pem&sslkey=/k.pem&ApplicationName=deploy&connectTimeout=7"
      "&targetServerType=primary&tcpKeepAlive=true");
  EXPECT_EQ(keywords["user"], "app");
  EXPECT_EQ(keywords["password"], "pw");
  EXPECT_EQ(keywords["sslmode"], "verify-ca");
  EXPECT_EQ(keywords["sslrootcert"], "/ca.pem");
  EXPECT_EQ(keywords["sslcert"], "/c.pem");
  EXPECT_EQ(keywords["sslkey"], "/k.pem");
  EXPECT_EQ(keywords["application_name"], "deploy");
  EXPECT_EQ(keywords["connect_timeout"], "7");
  EXPECT_EQ(keywords["target_session_attrs"], "read-write");
  EXPECT_EQ(keywords["keepalives"], "1");
}

TEST(PostgresUrl, ValuesArePercentDecodedLikePgjdbc) {
  auto keywords = keywords_for("jdbc:postgresql://h/my%20db?password=a%26b%3Dc+d&user=x%40y");
  EXPECT_EQ(keywords["dbname"], "my db");
  EXPECT_EQ(keywords["password"], "a&b=c d");
  EXPECT_EQ(keywords["user"], "x@y");
}

// pgjdbc: ssl=true (or a bare `ssl`) without sslmode means verify-full; ssl=false changes nothing.
TEST(PostgresUrl, SslTrueMeansVerifyFullUnlessSslmodeIsGiven) {
  EXPECT_EQ(keywords_for("jdbc:postgresql://h/db?ssl=true")["sslmode"], "verify-full");
  EXPECT_EQ(keywords_for("jdbc:postgresql://h/db?ssl")["sslmode"], "verify-full");
  EXPECT_EQ(keywords_for("jdbc:postgresql://h/db?ssl=true&sslmode=require")["sslmode"], "require");
  EXPECT_FALSE(keywords_for("jdbc:postgresql://h/db?ssl=false").contains("sslmode"));
}

TEST(PostgresUrl, CurrentSchemaSetsTheSearchPathThroughOptions) {
  EXPECT_EQ(keywords_for("jdbc:postgresql://h/db?currentSchema=app,public")["options"],
            "-c search_path=app,public");
  EXPECT_EQ(keywords_for("jdbc:postgresql://h/db?options=-c%20statement_timeout%3D5s"
                         "&currentSchema=my%20schema")["options"],
            "-c statement_timeout=5s -c search_path=my\\ schema");
}

TEST(PostgresUrl, TargetServerTypes) {
  EXPECT_EQ(keywords_for("jdbc:postgresql://h/db?targetServerType=any")["target_session_attrs"],
            "any");
  EXPECT_EQ(
      keywords_for("jdbc:postgresql://h/db?targetServerType=secondary")["target_session_attrs"],
      "read-only");
  EXPECT_EQ(keywords_for(
                "jdbc:postgresql://h/db?targetServerType=preferSecondary")["target_session_attrs"],
            "prefer-standby");
  EXPECT_EQ(error_for("jdbc:postgresql://h/db?targetServerType=preferPrimary").code,
            ErrorCode::Configuration);
}

TEST(PostgresUrl, PropertiesWithoutLibpqMeaningAreIgnored) {
  auto keywords =
      keywords_for("jdbc:postgresql://h/db?prepareThreshold=0&reWriteBatchedInserts=true");
  EXPECT_EQ(
      keywords,
      (ConnectionKeywords{
          {"host", "h"}, {"port", "5432"}, {"dbname", "db"}, {"application_name", "runway"}}));
}

TEST(PostgresUrl, UrlCredentialsWinOverSettings) {
  ConnectionOptions options;
  options.url = "jdbc:postgresql://h/db?user=from_url&password=url_pw";
  options.user = "from_settings";
  options.password = "settings_pw";
  auto keywords = keywords_for(options);
  EXPECT_EQ(keywords["user"], "from_url");
  EXPECT_EQ(keywords["password"], "url_pw");

  options.url = "jdbc:postgresql://h/db";
  keywords = keywords_for(options);
  EXPECT_EQ(keywords["user"], "from_settings");
  EXPECT_EQ(keywords["password"], "settings_pw");
}

// Empty values are not passed, so PGPASSWORD, ~/.pgpass, PGUSER, PGSSLMODE ... still apply.
TEST(PostgresUrl, NoPasswordMeansNoPasswordKeyword) {
  ConnectionOptions options;
  options.url = "jdbc:postgresql://h/db?password=&sslmode=";
  auto keywords = keywords_for(options);
  EXPECT_FALSE(keywords.contains("password"));
  EXPECT_FALSE(keywords.contains("user"));
  EXPECT_FALSE(keywords.contains("sslmode"));
}

TEST(PostgresUrl, JdbcPropertiesMapWhereLibpqHasAnEquivalent) {
  ConnectionOptions options;
  options.url = "jdbc:postgresql://h/db?ApplicationName=from_url";
  options.user = "settings_user";
  options.jdbc_properties = {{"ApplicationName", "from_properties"},
                              {"sslmode", "require"},
                              {"user", "property_user"},
                              {"socketTimeout", "30"}};
  auto keywords = keywords_for(options);
  EXPECT_EQ(keywords["application_name"], "from_url");
  EXPECT_EQ(keywords["sslmode"], "require");
  EXPECT_EQ(keywords["user"], "property_user");
  EXPECT_FALSE(keywords.contains("socketTimeout"));
}

TEST(PostgresUrl, P6spyPrefixIsAccepted) {
  EXPECT_EQ(keywords_for("jdbc:p6spy:postgresql://h:1/db")["host"], "h");
}

TEST(PostgresUrl, LibpqUrisAreParsedByLibpq) {
  ConnectionOptions options;
  options.url =
      "postgresql://alice:secret@db1:5433,db2/shop?sslmode=require&application_name=shopctl";
  options.user = "ignored";
  options.jdbc_properties = {{"connectTimeout", "3"}};
  auto keywords = keywords_for(options);
  EXPECT_EQ(keywords["user"], "alice");
  EXPECT_EQ(keywords["password"], "secret");
  EXPECT_EQ(keywords["host"], "db1,db2");
  EXPECT_EQ(keywords["port"], "5433,");
  EXPECT_EQ(keywords["dbname"], "shop");
  EXPECT_EQ(keywords["sslmode"], "require");
  EXPECT_EQ(keywords["application_name"], "shopctl");
  EXPECT_EQ(keywords["connect_timeout"], "3");

  auto short_form = keywords_for("postgres://localhost/app");
  EXPECT_EQ(short_form["dbname"], "app");
  EXPECT_EQ(short_form["application_name"], "runway");
  EXPECT_FALSE(short_form.contains("port"));  // libpq's default (or PGPORT) applies
}

TEST(PostgresUrl, MalformedUrlsFailWithoutShowingThePassword) {
  for (const char* url :
       {"jdbc:postgresql://h:notaport/db?password=hunter2",
        "jdbc:postgresql://[::1/db?password=hunter2", "jdbc:postgresql://h/db?password=%zzhunter2",
        "postgresql://u:hunter2@[::1/db", "jdbc:mysql://h/db"}) {
    Error error = error_for(url);
    EXPECT_EQ(error.code, ErrorCode::Configuration) << url;
    EXPECT_EQ(error.message.find("hunter2"), std::string::npos) << error.message;
  }
}

// pgjdbc has no `user:password@` in JDBC URLs: it takes them for part of the host name, and
// Flyway then prints that "host", password and all. runway refuses such a URL before
// connecting, and its message shows neither the password nor any part of it.
TEST(PostgresUrl, CredentialsBeforeTheHostAreRefusedWithoutShowingThePassword) {
  for (const char* url : {"jdbc:postgresql://app:LeakMe5@127.0.0.1:5432/appdb",
                          "jdbc:postgresql://app:Leak@Me5@db/appdb?ssl=true",
                          "jdbc:postgresql://app:Le/akMe5@db:5432/appdb"}) {
    Error error = error_for(url);
    EXPECT_EQ(error.code, ErrorCode::Configuration) << url;
    EXPECT_NE(error.message.find("-user and -password"), std::string::npos) << error.message;
    for (const char* part : {"LeakMe5", "Leak", "Me5"}) {
      EXPECT_EQ(error.message.find(part), std::string::npos) << error.message;
    }
  }
  EXPECT_EQ(error_for("jdbc:postgresql://app@db/appdb").code, ErrorCode::Configuration);
  // An '@' after the host, in a parameter, is a value like any other (Azure's user@server).
  EXPECT_EQ(keywords_for("jdbc:postgresql://db/appdb?user=app@server")["user"], "app@server");
}

}  // namespace
}  // namespace runway::postgres
