// A realistic project end to end (tests/data/postgres-shop): 50 migrations with types,
// domains, functions, triggers, DO blocks, views, a materialized view, COPY data,
// placeholders, CONCURRENTLY and VACUUM files and repeatables; then late arrivals with
// lower versions, applied with outOfOrder.
#include <gmock/gmock.h>

#include "cli/postgres_fixture.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kShop = std::string(RUNWAY_SOURCE_DIR) + "/tests/data/postgres-shop";

class PostgresShopTest : public PostgresCliTest {
 protected:
  CommandOutput shop(std::vector<std::string> args, const std::string& locations) {
    args.insert(args.begin(),
                {"-url=" + url(), "-locations=" + locations, "-schemas=shop",
                 "-placeholders.audit_schema=shop_audit", "-placeholders.currency=EUR"});
    return run_runway(args, dir_.str());
  }
};

TEST_F(PostgresShopTest, AppliesEndToEndThenTakesLateArrivalsOutOfOrder) {
  const std::string first = "filesystem:" + kShop + "/sql";
  const std::string both = first + ",filesystem:" + kShop + "/late";

  auto migrated = shop({"migrate"}, first);
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_THAT(migrated.err, HasSubstr("Creating schema \"shop\" ..."));
  EXPECT_THAT(
      migrated.err,
      HasSubstr("Successfully applied 50 migrations to schema \"shop\", now at version v44"));
  EXPECT_THAT(migrated.err, HasSubstr("to version \"32 - review index\" [non-transactional]"));
  EXPECT_THAT(migrated.err, HasSubstr("DB: stock checked: 6 products"));

  // What the migrations built, checked in the database itself.
  EXPECT_EQ(value("SELECT count(*) FROM shop.flyway_schema_history WHERE success"), "51")
      << "50 migrations and the schema marker";
  EXPECT_EQ(value("SELECT path FROM shop.category_path WHERE id = 5"),
            "Garden / Tools\tand things");
  EXPECT_EQ(value("SELECT name FROM shop.product WHERE sku = 'GD-003'"), "Seeds \"mixed\"");
  EXPECT_EQ(
      value("SELECT string_agg(customer || ':' || total_cents || ':' || status, ',' ORDER BY id)"
            " FROM shop.order_summary"),
      "Ada:1299:shipped,Grace:7000:shipped,Grace:2450:shipped");
  EXPECT_EQ(value("SELECT cents FROM shop.sales_by_category WHERE category = 'Tools\tand things'"),
            "7000");
  EXPECT_EQ(value("SELECT on_hand FROM shop.inventory WHERE product_id = 4"), "38");
  EXPECT_EQ(value("SELECT count(*) FROM shop.price_history"), "6");
  EXPECT_EQ(value("SELECT count(*) > 10 FROM shop_audit.change"), "t")
      << "the audit triggers fired";
  EXPECT_EQ(value("SELECT string_agg(key || '=' || value, ',' ORDER BY key) FROM shop.setting"),
            "currency=EUR,schema=shop");
  EXPECT_EQ(value("SELECT body FROM shop.review"), "Great read;\nwould buy again");
  EXPECT_EQ(value("SELECT obj_description('shop.product'::regclass)"),
            "What we sell; prices in EUR cents");
  EXPECT_EQ(
      value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'shop.review_product'::regclass"),
      "t");

  auto validated = shop({"validate"}, first);
  EXPECT_EQ(validated.exit_code, 0) << describe(validated);
  EXPECT_THAT(validated.err, HasSubstr("Successfully validated 51 migrations"))
      << "the schema marker counts";
  auto info = shop({"info"}, first);
  ASSERT_EQ(info.exit_code, 0) << describe(info);
  EXPECT_THAT(info.out, HasSubstr("Schema version: 44"));
  EXPECT_THAT(info.out, Not(HasSubstr("Pending")));

  // Four lower versions and one higher arrive. Without outOfOrder the lower ones are
  // Ignored and migrate refuses.
  auto refused = shop({"migrate"}, both);
  EXPECT_EQ(refused.exit_code, 1) << describe(refused);
  EXPECT_THAT(refused.err, HasSubstr("Detected resolved migration not applied to database: 12.1"));

  auto late = shop({"migrate", "-outOfOrder=true"}, both);
  ASSERT_EQ(late.exit_code, 0) << describe(late);
  EXPECT_THAT(late.err, HasSubstr("to version \"12.1 - coupon usage\" [out of order]"));
  EXPECT_THAT(late.err,
              HasSubstr("to version \"31.1 - wishlist index\" [out of order] [non-transactional]"));
  EXPECT_THAT(
      late.err,
      HasSubstr("Successfully applied 5 migrations to schema \"shop\", now at version v45"));
  EXPECT_EQ(value("SELECT points FROM shop.customer WHERE name = 'Grace'"), "94");

  auto info_after = shop({"info", "-outOfOrder=true"}, both);
  ASSERT_EQ(info_after.exit_code, 0) << describe(info_after);
  EXPECT_THAT(info_after.out, HasSubstr("| Out of Order |"));
  EXPECT_THAT(info_after.out, HasSubstr("Schema version: 45"));
  auto validated_after = shop({"validate", "-outOfOrder=true"}, both);
  EXPECT_EQ(validated_after.exit_code, 0) << describe(validated_after);
  auto nothing_left = shop({"migrate", "-outOfOrder=true"}, both);
  EXPECT_EQ(nothing_left.exit_code, 0);
  EXPECT_THAT(nothing_left.err, HasSubstr("is up to date. No migration necessary."));
}

}  // namespace
}  // namespace runway::testing
