// `runway check` streams a script as migrate does: a migration of tens of megabytes is checked
// in the memory a small one needs, with the same findings at the same lines.
#include <gmock/gmock.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support/run_command.h"
#include "support/temp_dir.h"

namespace runway::testing {
namespace {

constexpr std::size_t kMegabyte = 1024 * 1024;

// A migration like a data load: risky DDL at its start, in its middle and at its end, around
// multi-row INSERTs through a placeholder, and `runway:ignore` comments silencing some of it.
// Returns the lines of the DDL findings expected, as "rule@line".
std::vector<std::string> write_migration(const std::string& path, std::size_t size) {
  std::ofstream out(path, std::ios::binary);
  std::size_t written = 0;
  int line = 1;
  const auto put = [&](const std::string& text) {
    out << text;
    written += text.size();
    line += static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  };
  std::vector<std::string> expected;
  put("CREATE TABLE big (id bigint PRIMARY KEY, payload text NOT NULL);\n");
  put("-- runway:ignore PG007\nDROP TABLE old_a;\n");
  expected.push_back("PG010@" + std::to_string(line - 1));
  const std::string pad(90, 'x');
  long id = 0;
  bool middle_done = false;
  do {
    std::string insert = "INSERT INTO ${schema}.big (id, payload) VALUES\n";
    for (int row = 0; row < 100; ++row) {
      ++id;
      insert += (row ? ",\n(" : "(") + std::to_string(id) + ", 'row " + std::to_string(id) +
                "; -- " + pad + "')";
    }
    put(insert + ";\n");
    if (!middle_done && written > size / 2) {
      middle_done = true;
      expected.push_back("PG003@" + std::to_string(line));
      expected.push_back("PG010@" + std::to_string(line));
      put("ALTER TABLE users ADD COLUMN email text NOT NULL;\n");
    }
  } while (written < size);
  expected.push_back("PG007@" + std::to_string(line));
  put("DROP TABLE old_b; -- runway:ignore PG010\n");
  return expected;
}

// "rule@line" of each finding check printed about `file`.
std::vector<std::string> findings_about(const std::string& file, const std::string& output) {
  std::vector<std::string> found;
  const std::regex finding("^" + file + ":([0-9]+): \\w+ \\[(\\w+)\\]");
  std::istringstream lines(output);
  for (std::string text; std::getline(lines, text);) {
    std::smatch match;
    if (std::regex_search(text, match, finding)) found.push_back(match[2].str() + "@" + match[1].str());
  }
  return found;
}

// AddressSanitizer keeps freed memory in quarantine, which would count every byte ever
// allocated; without it, resident memory follows what the program holds.
std::map<std::string, std::string> without_quarantine() {
  const char* options = std::getenv("ASAN_OPTIONS");
  return {{"ASAN_OPTIONS",
           std::string(options ? options : "") + (options ? ":" : "") + "quarantine_size_mb=0"}};
}

// python3 runs runway and writes its peak resident memory (KB) to a file. A child forked from
// this test process would report the test's own pages: Linux carries the peak over a fork and
// an exec.
constexpr const char* kPeakMemory = R"(import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code))";

struct Checked {
  CommandOutput output;
  long peak_kb = 0;
};

Checked check(const TempDir& dir) {
  const std::string peak_file = dir.str() + "/peak-kb";
  Checked checked;
  checked.output = run_program({"/usr/bin/env", "python3", "-c", kPeakMemory, peak_file,
                                RUNWAY_BINARY, "check", "-locations=filesystem:sql",
                                "-placeholders.schema=public"},
                               dir.str(), without_quarantine());
  std::ifstream(peak_file) >> checked.peak_kb;
  return checked;
}

TEST(CheckLargeScript, MemoryStaysFlatAndFindingsStayPut) {
  TempDir small;
  const std::vector<std::string> small_expected =
      write_migration(small.write("sql/V1__load.sql", ""), 64 * 1024);
  TempDir large;
  const std::size_t size = 24 * kMegabyte;
  const std::vector<std::string> large_expected =
      write_migration(large.write("sql/V1__load.sql", ""), size);

  const Checked small_run = check(small);
  ASSERT_EQ(small_run.output.exit_code, 0) << small_run.output.out << small_run.output.err;
  EXPECT_EQ(findings_about("sql/V1__load.sql", small_run.output.out), small_expected);
  const Checked large_run = check(large);
  ASSERT_EQ(large_run.output.exit_code, 0) << large_run.output.out << large_run.output.err;
  EXPECT_EQ(findings_about("sql/V1__load.sql", large_run.output.out), large_expected);
  EXPECT_THAT(large_run.output.out,
              ::testing::HasSubstr("1 script, 0 errors, 4 warnings, 0 notes"));

  // Holding the script (let alone a copy with its placeholders replaced, or its tokens) would
  // grow resident memory by at least its size; streaming it grows nothing but noise.
  ASSERT_GT(small_run.peak_kb, 0);
  EXPECT_LT(large_run.peak_kb - small_run.peak_kb, static_cast<long>(size / 4 / 1024))
      << "peak RSS " << small_run.peak_kb << " KB for 64 KB, " << large_run.peak_kb << " KB for "
      << size / kMegabyte << " MB";
}

}  // namespace
}  // namespace runway::testing
