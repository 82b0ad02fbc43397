#include "config/config.h"
#include "config/schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "support/temp_dir.h"

namespace nbr::config {
namespace {

using ::testing::HasSubstr;

class ConfigTest : public ::testing::Test {
 protected:
  ConfigTest() {
    dir_.Write("token", "0123456789abcdef0123456789abcdef01234567\n");
    dir_.Write("hook-secret", "s3cret-hook-value\n");
  }

  // A minimal valid file, with `extra` appended to the [netbox] table.
  std::string Minimal(const std::string& netbox_extra = "",
                      const std::string& tail = "") {
    return "[netbox]\nurl = \"https://netbox.example.net/\"\ntoken_file = \"token\"\n" +
           netbox_extra + "\n[webhook]\nsecret_files = [\"hook-secret\"]\n" +
           "\n[database]\npath = \"state.db\"\n" + tail;
  }

  Result<Config> Load(const std::string& text) {
    return LoadConfig(dir_.Write("netbox-reconciler.toml", text));
  }

  std::string ErrorOf(const std::string& text) {
    auto result = Load(text);
    EXPECT_FALSE(result.ok()) << "expected an error for:\n" << text;
    return result.ok() ? "" : result.error().message();
  }

  testing::TempDir dir_;
};

TEST_F(ConfigTest, LoadsMinimalFileWithDefaults) {
  auto config = Load(Minimal());
  ASSERT_TRUE(config.ok()) << config.error().message();

  EXPECT_EQ(config->netbox.url, "https://netbox.example.net");
  EXPECT_EQ(config->netbox.token.reveal(), "0123456789abcdef0123456789abcdef01234567");
  EXPECT_EQ(config->netbox.page_size, 1000);
  EXPECT_EQ(config->webhook.listen_address, "127.0.0.1");
  ASSERT_EQ(config->webhook.secrets.size(), 1u);
  EXPECT_EQ(config->webhook.secrets[0].reveal(), "s3cret-hook-value");
  EXPECT_EQ(config->database_path, dir_.path() / "state.db");
  EXPECT_EQ(config->drift.planned_without_subscription, Policy::kFix);
  EXPECT_EQ(config->drift.unmanaged_active_device, Policy::kReport);
  EXPECT_EQ(config->workflow.config_confirmation, Confirmation::kManual);
}

TEST_F(ConfigTest, LoadsTheShippedExampleFile) {
  auto config =
      LoadConfig(std::string(NBR_SOURCE_DIR) + "/config/netbox-reconciler.toml");
  ASSERT_TRUE(config.ok()) << config.error().message();
  EXPECT_EQ(config->poll_interval, std::chrono::seconds(300));
}

TEST_F(ConfigTest, ReadsEveryTable) {
  auto config = Load(Minimal("timeout_seconds = 2.5\npage_size = 250\n",
                             "[poll]\ninterval_seconds = 60\njitter_seconds = 0\n"
                             "[drift]\norphaned_subscription = \"report\"\n"
                             "stuck_process_after_seconds = 120\n"
                             "[workflow]\nconfig_confirmation = \"auto\"\n"
                             "allow_single_stack = true\n"
                             "[log]\nlevel = \"debug\"\n"));
  ASSERT_TRUE(config.ok()) << config.error().message();
  EXPECT_EQ(config->netbox.timeout, std::chrono::milliseconds(2500));
  EXPECT_EQ(config->netbox.page_size, 250);
  EXPECT_EQ(config->poll_interval, std::chrono::seconds(60));
  EXPECT_EQ(config->drift.orphaned_subscription, Policy::kReport);
  EXPECT_EQ(config->drift.stuck_process_after, std::chrono::seconds(120));
  EXPECT_EQ(config->workflow.config_confirmation, Confirmation::kAuto);
  EXPECT_TRUE(config->workflow.allow_single_stack);
  EXPECT_EQ(config->log_level, LogLevel::kDebug);
}

TEST_F(ConfigTest, BadValuesNameFileLineKeyValueAndExpectation) {
  std::string msg = ErrorOf(Minimal("page_size = -3\n"));
  EXPECT_THAT(msg, HasSubstr("netbox-reconciler.toml:4"));
  EXPECT_THAT(msg, HasSubstr("[netbox] page_size"));
  EXPECT_THAT(msg, HasSubstr("-3"));
  EXPECT_THAT(msg, HasSubstr("expected an integer from 1 to 100000"));

  EXPECT_THAT(ErrorOf(Minimal("verify_tls = \"yes\"\n")),
              HasSubstr("expected true or false"));
  EXPECT_THAT(ErrorOf(Minimal("timeout_seconds = 0\n")),
              HasSubstr("expected a number from 0.1 to 600"));
  EXPECT_THAT(
      ErrorOf(Minimal("", "[drift]\nchanged_device = \"mend\"\n")),
      HasSubstr("\"mend\" is invalid: expected one of \"fix\", \"report\", \"ignore\""));
  EXPECT_THAT(ErrorOf(Minimal("", "[workflow]\nconfig_confirmation = 1\n")),
              HasSubstr("expected a string"));
  EXPECT_THAT(ErrorOf(Minimal("", "[log]\nlevel = \"loud\"\n")),
              HasSubstr("[log] level"));
  EXPECT_THAT(ErrorOf(Minimal("", "[poll]\ninterval_seconds = 1\n")),
              HasSubstr("expected an integer from 5 to 604800"));
  EXPECT_THAT(ErrorOf(Minimal("",
                              "[workflow]\nretry_initial_seconds = 60\n"
                              "retry_max_seconds = 10\n")),
              HasSubstr("must not be less than retry_initial_seconds"));
}

TEST_F(ConfigTest, BadUrlsAreRefused) {
  auto with_url = [&](const std::string& url) {
    return "[netbox]\nurl = \"" + url +
           "\"\ntoken_file = \"token\"\n[webhook]\nsecret_files = [\"hook-secret\"]\n"
           "[database]\npath = \"x.db\"\n";
  };
  EXPECT_THAT(ErrorOf(with_url("netbox.example.net")),
              HasSubstr("expected an http:// or https://"));
  EXPECT_THAT(ErrorOf(with_url("ftp://netbox")), HasSubstr("[netbox] url"));
  EXPECT_THAT(ErrorOf(with_url("https://netbox.example.net/api/")),
              HasSubstr("without the trailing /api"));
  EXPECT_THAT(ErrorOf(with_url("https://")), HasSubstr("with a host"));
}

TEST_F(ConfigTest, UnknownKeysAreErrorsWithSuggestion) {
  std::string msg = ErrorOf(Minimal("page_sise = 10\n"));
  EXPECT_THAT(msg, HasSubstr("unknown key 'page_sise'"));
  EXPECT_THAT(msg, HasSubstr("did you mean 'page_size'?"));
  EXPECT_THAT(msg, HasSubstr(":4:"));

  EXPECT_THAT(ErrorOf(Minimal("", "[pol]\ninterval_seconds = 10\n")),
              HasSubstr("unknown table 'pol' (did you mean 'poll'?)"));
  EXPECT_THAT(ErrorOf(Minimal("completely_unrelated_key = 1\n")),
              Not(HasSubstr("did you mean")));
}

TEST_F(ConfigTest, SyntaxErrorsPointAtTheLine) {
  std::string msg = ErrorOf("[netbox]\nurl = \"http://x\"\npage_size = = 3\n");
  EXPECT_THAT(msg, HasSubstr("netbox-reconciler.toml:3:"));
  EXPECT_THAT(msg, HasSubstr("TOML syntax error"));
}

TEST_F(ConfigTest, MissingTablesAndKeysAreNamed) {
  EXPECT_THAT(ErrorOf("[netbox]\nurl = \"http://x\"\ntoken_file = \"token\"\n"),
              HasSubstr("missing required table [webhook]"));
  EXPECT_THAT(
      ErrorOf("[netbox]\ntoken_file = \"token\"\n[webhook]\nallow_unsigned = true\n"
              "[database]\npath = \"x.db\"\n"),
      HasSubstr("[netbox] url: missing"));
}

TEST_F(ConfigTest, SecretsInTheFileItselfAreRefusedWithoutQuotingThem) {
  std::string msg = ErrorOf(Minimal("token = \"abcdef-very-secret\"\n"));
  EXPECT_THAT(msg, HasSubstr("use token_file or token_env"));
  EXPECT_THAT(msg, Not(HasSubstr("abcdef-very-secret")));
}

TEST_F(ConfigTest, SecretFileProblemsAreNamed) {
  EXPECT_THAT(ErrorOf("[netbox]\nurl = \"http://x\"\ntoken_file = \"nope\"\n[webhook]\n"
                      "allow_unsigned = true\n[database]\npath = \"x.db\"\n"),
              HasSubstr("does not exist"));
  dir_.Write("empty", "\n");
  EXPECT_THAT(ErrorOf("[netbox]\nurl = \"http://x\"\ntoken_file = \"empty\"\n[webhook]\n"
                      "allow_unsigned = true\n[database]\npath = \"x.db\"\n"),
              HasSubstr("is empty"));
  EXPECT_THAT(ErrorOf("[netbox]\nurl = \"http://x\"\n[webhook]\nallow_unsigned = true\n"
                      "[database]\npath = \"x.db\"\n"),
              HasSubstr("set token_file"));
  EXPECT_THAT(ErrorOf(Minimal("token_env = \"X\"\n")), HasSubstr("not both"));
}

TEST_F(ConfigTest, TokenFromEnvironment) {
  ::setenv("NBR_TEST_TOKEN", "env-token-value-123", 1);
  auto config = Load(
      "[netbox]\nurl = \"http://x\"\ntoken_env = \"NBR_TEST_TOKEN\"\n"
      "[webhook]\nallow_unsigned = true\n[database]\npath = \"x.db\"\n");
  ASSERT_TRUE(config.ok()) << config.error().message();
  EXPECT_EQ(config->netbox.token.reveal(), "env-token-value-123");

  ::unsetenv("NBR_TEST_TOKEN_MISSING");
  EXPECT_THAT(
      ErrorOf("[netbox]\nurl = \"http://x\"\ntoken_env = \"NBR_TEST_TOKEN_MISSING\"\n"
              "[webhook]\nallow_unsigned = true\n[database]\npath = \"x.db\"\n"),
      HasSubstr("NBR_TEST_TOKEN_MISSING is not set"));
}

TEST_F(ConfigTest, WebhookSecretsAreRequiredUnlessUnsignedIsAllowed) {
  EXPECT_THAT(ErrorOf("[netbox]\nurl = \"http://x\"\ntoken_file = \"token\"\n[webhook]\n"
                      "[database]\npath = \"x.db\"\n"),
              HasSubstr("no webhook secret is configured"));
  dir_.Write("old-secret", "old-one\n");
  auto config = Load(
      "[netbox]\nurl = \"http://x\"\ntoken_file = \"token\"\n[webhook]\n"
      "secret_files = [\"hook-secret\", \"old-secret\"]\n"
      "[database]\npath = \"x.db\"\n");
  ASSERT_TRUE(config.ok()) << config.error().message();
  EXPECT_EQ(config->webhook.secrets.size(), 2u);
}

TEST_F(ConfigTest, SecretsNeverPrint) {
  auto config = Load(Minimal());
  ASSERT_TRUE(config.ok());
  std::ostringstream os;
  os << config->netbox.token << config->webhook.secrets[0];
  EXPECT_EQ(os.str(), "[redacted][redacted]");
}

TEST(ClosestMatchTest, SuggestsOnlyNearKeys) {
  EXPECT_EQ(ClosestMatch("lisen_port", {"listen_port", "path"}), "listen_port");
  EXPECT_EQ(ClosestMatch("zzz", {"listen_port", "path"}), "");
}

}  // namespace
}  // namespace nbr::config

namespace nbr::config {
namespace {

TEST_F(ConfigTest, SecretPathsExpandCredentialsDirectory) {
  ::setenv("NBR_TEST_CREDS", dir_.path().c_str(), 1);
  auto config = Load(
      "[netbox]\nurl = \"http://x\"\ntoken_file = "
      "\"${NBR_TEST_CREDS}/token\"\n[webhook]\n"
      "secret_files = [\"${NBR_TEST_CREDS}/hook-secret\"]\n[database]\npath = "
      "\"x.db\"\n");
  ASSERT_TRUE(config.ok()) << config.error().message();
  EXPECT_EQ(config->webhook.secrets[0].reveal(), "s3cret-hook-value");

  ::unsetenv("NBR_TEST_UNSET_DIR");
  EXPECT_THAT(
      ErrorOf("[netbox]\nurl = \"http://x\"\ntoken_file = \"${NBR_TEST_UNSET_DIR}/t\"\n"
              "[webhook]\nallow_unsigned = true\n[database]\npath = \"x.db\"\n"),
      ::testing::HasSubstr("${NBR_TEST_UNSET_DIR}, which is not set"));
}

}  // namespace
}  // namespace nbr::config
