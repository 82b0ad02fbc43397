#include "log/logging.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <cstdlib>

#include "config/config.h"
#include "support/temp_dir.h"

namespace nbr::log {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

class LoggingTest : public ::testing::Test {
 protected:
  spdlog::logger MakeLogger(Format format) {
    return spdlog::logger("test", MakeSink(format, [this](std::string_view line) {
                            lines_.emplace_back(line);
                          }));
  }
  std::vector<std::string> lines_;
};

TEST_F(LoggingTest, JournalLinesCarryPriorityAndNoTimestamp) {
  auto logger = MakeLogger(Format::kJournal);

  logger.info("enrolled device {}", 7);
  logger.warn("slow");
  logger.error("failed");

  ASSERT_EQ(lines_.size(), 3u);
  EXPECT_EQ(lines_[0], "<6>enrolled device 7\n");
  EXPECT_EQ(lines_[1], "<4>slow\n");
  EXPECT_EQ(lines_[2], "<3>failed\n");
}

TEST_F(LoggingTest, PlainLinesCarryTimestampAndLevel) {
  auto logger = MakeLogger(Format::kPlain);
  logger.info("hello");
  ASSERT_EQ(lines_.size(), 1u);
  EXPECT_THAT(lines_[0],
              MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z info hello\n"));
}

TEST_F(LoggingTest, RegisteredSecretsNeverReachALine) {
  RegisterSecret(Secret("tok-0123456789abcdef-secret"));
  auto logger = MakeLogger(Format::kPlain);

  logger.error("request failed: Authorization: Token tok-0123456789abcdef-secret");
  logger.info("{}", std::string("x") + "tok-0123456789abcdef-secret" + "y");

  ASSERT_EQ(lines_.size(), 2u);
  for (const auto& line : lines_) {
    EXPECT_THAT(line, Not(HasSubstr("tok-0123456789abcdef-secret")));
    EXPECT_THAT(line, HasSubstr("[redacted]"));
  }
}

TEST_F(LoggingTest, LoadingAConfigRegistersItsSecrets) {
  testing::TempDir dir;
  dir.Write("token", "config-loaded-token-value\n");
  dir.Write("hook", "config-loaded-hook-secret\n");
  auto config = config::LoadConfig(
      dir.Write("c.toml",
                "[netbox]\nurl = \"http://x\"\ntoken_file = \"token\"\n[webhook]\n"
                "secret_files = [\"hook\"]\n[database]\npath = \"x.db\"\n"));
  ASSERT_TRUE(config.ok()) << config.error().message();
  auto logger = MakeLogger(Format::kJournal);

  logger.info("token={} hook={}", config->netbox.token.reveal(),
              config->webhook.secrets[0].reveal());

  ASSERT_EQ(lines_.size(), 1u);
  EXPECT_EQ(lines_[0], "<6>token=[redacted] hook=[redacted]\n");
}

TEST(DetectFormatTest, JournalOnlyWhenJournalStreamNamesStderr) {
  ::unsetenv("JOURNAL_STREAM");
  EXPECT_EQ(DetectFormat(), Format::kPlain);

  struct stat st {};
  ASSERT_EQ(fstat(2, &st), 0);
  std::string mine = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  ::setenv("JOURNAL_STREAM", mine.c_str(), 1);
  EXPECT_EQ(DetectFormat(), Format::kJournal);

  ::setenv("JOURNAL_STREAM", "1:2", 1);
  EXPECT_EQ(DetectFormat(), Format::kPlain);
  ::unsetenv("JOURNAL_STREAM");
}

}  // namespace
}  // namespace nbr::log
