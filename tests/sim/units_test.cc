// Small parts: the JSON writer's two styles, timestamps, natural order,
// version predicates, token checks, faults from flags, signatures.
#include <gtest/gtest.h>

#include "api/auth.h"
#include "json/json_writer.h"
#include "model/inventory.h"
#include "model/timestamp.h"
#include "model/version.h"
#include "runtime/faults.h"
#include "webhooks/body_template.h"
#include "webhooks/signature.h"

namespace nbr::sim {
namespace {

TEST(JsonWriterTest, PythonStyleMatchesJsonDumps) {
  std::string out;
  JsonWriter w(JsonStyle::kPython, &out);

  w.Value(nlohmann::ordered_json::parse(
      R"({"b": [1, 2.5, null, true], "a": "Zürich 🚀 \"q\""})"));

  EXPECT_EQ(R"({"b": [1, 2.5, null, true], "a": "Z\u00fcrich \ud83d\ude80 \"q\""})", out);
}

TEST(JsonWriterTest, CompactStyleMatchesDrf) {
  std::string out;
  JsonWriter w(JsonStyle::kCompact, &out);

  w.Value(nlohmann::ordered_json::parse(R"({"a": "Zürich", "n": [1.0]})"));

  EXPECT_EQ("{\"a\":\"Zürich\",\"n\":[1.0]}", out);
}

TEST(TimestampTest, PrintsEachOfNetBoxsForms) {
  auto ts = Timestamp::Parse("2026-12-03T16:02:55.732197Z");
  ASSERT_TRUE(ts);

  EXPECT_EQ("2026-12-03", ts->Date());
  EXPECT_EQ("2026-12-03T16:02:55.732197Z", ts->Rest());
  EXPECT_EQ("2026-12-03T16:02:55.732Z", ts->Snapshot());
  EXPECT_EQ("2026-12-03 16:02:55.732197+00:00", ts->Python(true));
  EXPECT_EQ("2026-12-03T14:02:55Z",
            Timestamp::Parse("2026-12-03T16:02:55+02:00")->Rest());
  EXPECT_TRUE(Timestamp::Parse("2026-12-03")->date_only);
  EXPECT_FALSE(Timestamp::Parse("yesterday"));
}

TEST(NaturalOrderTest, NumbersCompareAsNumbersAndUnnamedGoLast) {
  DeviceOrderKey loc2{false, Naturalize("loc2-core"), 9};
  DeviceOrderKey loc10{false, Naturalize("loc10-core"), 1};
  DeviceOrderKey unnamed{true, "", 0};

  EXPECT_LT(loc2, loc10);
  EXPECT_LT(loc10, unnamed);
  EXPECT_EQ(Naturalize("LOC2"), Naturalize("loc2"));
}

TEST(VersionTest, ParsesAndComparesWithPatchLevels) {
  auto v = NetBoxVersion::Parse("3.6.5");
  ASSERT_TRUE(v);

  EXPECT_FALSE(v->WebhookTimestampHasT());
  EXPECT_TRUE(NetBoxVersion::Parse("3.6")->WebhookTimestampHasT());
  EXPECT_TRUE(NetBoxVersion::Parse("4.2.3")->DuplicateRowsQuirk());
  EXPECT_FALSE(NetBoxVersion::Parse("4.2")->DuplicateRowsQuirk());
  EXPECT_EQ("4.5", NetBoxVersion::Parse("4.5.10")->ApiVersion());
  EXPECT_FALSE(NetBoxVersion::Parse("four"));
}

TEST(TokenStoreTest, TellsV1FromV2ByThePrefix) {
  TokenStore tokens = TokenStore::Defaults();
  NetBoxVersion v45 = *NetBoxVersion::Parse("4.5");
  NetBoxVersion v31 = *NetBoxVersion::Parse("3.1");

  EXPECT_TRUE(tokens.Authenticate("bearer 0123456789abcdef0123456789abcdef01234567", v45)
                  .authenticated);
  EXPECT_EQ("Invalid v2 token", tokens.Authenticate("Bearer nbt_X.y", v45).detail);
  EXPECT_EQ("Invalid v1 token", tokens.Authenticate("Token wrong", v45).detail);
  EXPECT_EQ("Invalid token", tokens.Authenticate("Token wrong", v31).detail);
  EXPECT_TRUE(tokens.Authenticate("Bearer 0123", v31).anonymous);
  EXPECT_TRUE(tokens.Authenticate("", v45).anonymous);
}

TEST(FaultsTest, FlagsFromTheCommandLine) {
  Faults faults;

  ASSERT_TRUE(faults.ApplyFlag("error_rate=0.25").ok());
  ASSERT_TRUE(faults.ApplyFlag("ignore_filters").ok());
  EXPECT_FALSE(faults.ApplyFlag("no_such_fault=1").ok());

  EXPECT_EQ(0.25, faults.Settings().error_rate);
  EXPECT_TRUE(faults.Settings().ignore_filters);
}

TEST(SignatureTest, IsLowercaseHexHmacSha512) {
  // Python: hmac.new(b"key", b"body", hashlib.sha512).hexdigest()
  std::string sig = HookSignature("key", "body");

  EXPECT_EQ(
      "b71e82b42ece244182aae00f5c418d84b5b0ac844874765e658e91b26261b32df39e9fcbf44424d0e3"
      "b53bab19"
      "2e78a4936224ec940cf953164b70aacdd4c845",
      sig);
}

TEST(BodyTemplateTest, RendersPathsAndJson) {
  std::string body = R"({"event": "updated", "data": {"id": 7, "tags": []}})";

  EXPECT_EQ("updated 7 []",
            RenderBodyTemplate("{{ event }} {{ data.id }} {{data.tags|tojson}}", body));
}

}  // namespace
}  // namespace nbr::sim
