#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/run_command.h"
#include "support/temp_dir.h"

namespace nbr {
namespace {

using ::testing::HasSubstr;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ConfigCheckCommandTest, AcceptsTheShippedExample) {
  auto result = testing::RunCommand(testing::ReconcilerBinary() + " config check " +
                                    NBR_SOURCE_DIR + "/config/netbox-reconciler.toml");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_THAT(result.output, HasSubstr(": OK"));
}

TEST(ConfigCheckCommandTest, BrokenCopyFailsPointingAtTheLine) {
  testing::TempDir dir;
  std::filesystem::path source = std::string(NBR_SOURCE_DIR) + "/config";
  std::filesystem::copy(source / "secrets", dir.path() / "secrets");
  std::string text = ReadFile(source / "netbox-reconciler.toml");
  auto pos = text.find("page_size = 1000");
  ASSERT_NE(pos, std::string::npos);
  text.replace(pos, 16, "page_size = \"lots\"");
  auto path = dir.Write("netbox-reconciler.toml", text);
  int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + pos, '\n'));

  auto result =
      testing::RunCommand(testing::ReconcilerBinary() + " config check " + path.string());

  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.output,
              HasSubstr("netbox-reconciler.toml:" + std::to_string(line) +
                        ": [netbox] page_size: value \"lots\" is invalid"));
}

TEST(ConfigCheckCommandTest, MissingFileIsNamed) {
  auto result = testing::RunCommand(testing::ReconcilerBinary() +
                                    " config check /nonexistent/nbr.toml");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.output, HasSubstr("/nonexistent/nbr.toml: cannot read"));
}

}  // namespace
}  // namespace nbr
