// Processes changing a large schema while runway reads it: SQLite re-prepares a statement
// whose schema changed only a few times in a row, and loading a schema of thousands of tables
// takes long enough for busy writers to win every round. The concurrency trials
// (docs/reliability.md) saw runway fail with "database schema has changed" this way, beside
// Flyway processes that take no lock on SQLite.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "db/drivers.h"
#include "runway/config.h"
#include "support/temp_dir.h"

namespace runway::testing {
namespace {

std::unique_ptr<Database> open_file(const std::string& file) {
  ConnectionOptions options;
  options.url = "jdbc:sqlite:" + file;
  auto db = open_sqlite(options);
  if (!db) ADD_FAILURE() << db.error().message;
  return db ? std::move(*db) : nullptr;
}

// Creates and drops a table of its own `changes` times, pausing as a migrating process does
// between statements, then exits.
[[noreturn]] void churn_schema(const std::string& file, int writer, int changes) {
  auto db = open_file(file);
  for (int i = 0; db && i < changes; ++i) {
    const std::string table = "churn_" + std::to_string(writer) + "_" + std::to_string(i);
    (void)db->execute("CREATE TABLE " + table + " (x INT)");
    (void)db->execute("DROP TABLE " + table);
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  _exit(0);
}

bool any_running(std::vector<pid_t>& pids) {
  std::erase_if(pids, [](pid_t pid) { return waitpid(pid, nullptr, WNOHANG) != 0; });
  return !pids.empty();
}

TEST(SqliteSchemaRace, ReadsSurviveOtherProcessesChangingALargeSchema) {
  TempDir dir;
  const std::string file = dir.str() + "/race.db";
  {
    auto db = open_file(file);
    ASSERT_TRUE(db);
    std::string ddl = "BEGIN; CREATE TABLE h (x INT);";
    for (int i = 0; i < 1000; ++i)
      ddl += "CREATE TABLE big_" + std::to_string(i) + " (a INT, b TEXT);";
    ASSERT_TRUE(db->execute(ddl + "COMMIT;"));
  }
  auto reader = open_file(file);
  ASSERT_TRUE(reader);
  std::vector<pid_t> writers;
  for (int w = 0; w < 3; ++w) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) churn_schema(file, w, 200);
    writers.push_back(pid);
  }

  // Every read starts while a writer is still changing the schema.
  int reads = 0;
  std::vector<std::string> failures;
  while (any_running(writers)) {
    // A new text each time, so every read is prepared against the schema of the moment.
    auto read = reader->query("SELECT count(*) FROM h WHERE x > " + std::to_string(reads++));
    if (!read) failures.push_back(read.error().message);
  }
  EXPECT_TRUE(failures.empty()) << failures.size() << " of " << reads
                                << " reads failed, first: " << failures[0];
}

}  // namespace
}  // namespace runway::testing
