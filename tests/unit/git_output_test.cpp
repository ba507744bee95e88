// Parsing git's plumbing output for check.base, including the malformed output the
// git_output fuzzer produced (fuzz/corpus/git_output).
#include "check/git_output.h"

#include <gtest/gtest.h>

#include <string>

namespace runway {
namespace {

using namespace std::string_literals;

const std::vector<RepositoryFolder> kFolders = {{"db/migration", "/repo/db/migration"}};

std::vector<GitFile> sql_files(std::string_view listing) {
  return parse_ls_tree(listing, kFolders,
                       [](std::string_view name) { return name.ends_with(".sql"); });
}

TEST(GitOutput, ListsTheWantedBlobsOfTheLocations) {
  const std::string listing =
      "100644 blob aaa\tdb/migration/V1__a.sql\0"
      "100644 blob bbb\tdb/migration/sub/V2__b.sql\0"
      "100644 blob ccc\tdb/migration/.hidden/V3__c.sql\0"
      "100644 blob ddd\tdb/migration/README.md\0"
      "040000 tree eee\tdb/migration/sub\0"
      "100644 blob fff\tother/V4__d.sql\0"s;
  const std::vector<GitFile> files = sql_files(listing);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].relative_path, "V1__a.sql");
  EXPECT_EQ(files[0].object_id, "aaa");
  EXPECT_EQ(files[1].absolute_path, "/repo/db/migration/sub/V2__b.sql");
  EXPECT_EQ(files[1].file_name, "V2__b.sql");
}

TEST(GitOutput, SkipsEntriesTooShortToBeBlobs) {
  // Used to throw std::out_of_range from substr.
  EXPECT_TRUE(sql_files("1\tdb/migration/V1__a.sql\0"s).empty());
  EXPECT_TRUE(sql_files("100644 blob \tdb/migration/V1__a.sql\0"s).empty());
}

TEST(GitOutput, ReadsTheBlobsOfABatch) {
  auto blobs = parse_cat_file_batch("aaa blob 3\nab\n\nbbb blob 0\n\n", {"aaa", "bbb"});
  ASSERT_TRUE(blobs) << blobs.error().message;
  EXPECT_EQ(blobs->at("aaa"), "ab\n");
  EXPECT_EQ(blobs->at("bbb"), "");
}

TEST(GitOutput, RejectsABatchThatDoesNotAnswerEveryObject) {
  for (const char* response : {
           "aaa blob 2\nab\n",                        // bbb missing: check.cpp used to throw
           "aaa missing\n",                           // what git says for an unknown object
           "aaa blob 99999999999999999999999\nab\n",  // stoull used to throw
           "aaa blob 18446744073709551615\nab\n",     // pos used to wrap around
           "aaa blob 5\nab\n",                        // content cut short
       }) {
    auto blobs = parse_cat_file_batch(response, {"aaa", "bbb"});
    ASSERT_FALSE(blobs) << response;
    EXPECT_TRUE(blobs.error().message.starts_with("git cat-file could not read object "))
        << blobs.error().message;
  }
}

}  // namespace
}  // namespace runway
