// Replays every captured request of a real NetBox (3.1.11 and 4.5.10), in
// order, against netbox-sim loaded with the same inventory, and compares
// status, the headers that matter, the JSON bodies (structure, key order,
// values; timestamps, request ids and host aside) and the webhooks. Also
// replays the captured set-up from the first device on (devices,
// interfaces, IP addresses, primary IPs) against the inventory without
// them.
#include <gtest/gtest.h>

#include "json/json_writer.h"
#include "sim/sim_test_support.h"
#include "support/temp_dir.h"
#include "webhooks/signature.h"

namespace nbr::sim::testing {
namespace {

using nlohmann::ordered_json;

constexpr char kGoldenSecret[] = "golden-secret-123";
constexpr char kCaptureHost[] = "127.0.0.1:58000";

std::string ReplaceAll(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos;
       pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

// Re-renders parsed JSON the way Python's json.dumps would write it.
std::string AsPythonDumps(const ordered_json& value) {
  std::string out;
  JsonWriter w(JsonStyle::kPython, &out);
  w.Value(value);
  return out;
}

httplib::Request ToRequest(const HttpMessage& captured) {
  httplib::Request req;
  std::istringstream line(captured.start_line);
  std::string target;
  line >> req.method >> target;
  auto scheme = target.find("://");
  if (scheme != std::string::npos) {
    target = target.substr(target.find('/', scheme + 3));
  }
  req.path = target;
  for (const auto& [name, value] : captured.headers) {
    if (name != "Host" && name != "Content-Length") {
      req.headers.emplace(name, value);
    }
  }
  req.body = captured.body;
  return req;
}

// Sends the captured request `name` of `dir` to `sim` and compares the
// answer with the captured response.
void CompareCapturedCase(InProcessSim& sim, const std::string& dir,
                         const std::string& name) {
  SCOPED_TRACE(dir + " " + name);
  HttpMessage request = ReadHttpFile(dir + "/" + name + ".request.http");
  HttpMessage expected = ReadHttpFile(dir + "/" + name + ".response.http");

  // Act: send the captured request as it was.
  auto client = sim.Client();
  httplib::Request req = ToRequest(request);
  httplib::Response res;
  httplib::Error error;
  ASSERT_TRUE(client->send(req, res, error)) << httplib::to_string(error);

  // Assert: status, headers that matter, body.
  EXPECT_EQ(expected.start_line.substr(9, 3), std::to_string(res.status));
  for (const char* header : {"API-Version", "Content-Type", "Allow", "Location"}) {
    EXPECT_EQ(expected.HasHeader(header), res.has_header(header)) << header;
    std::string want = ReplaceAll(expected.Header(header), kCaptureHost, sim.host());
    EXPECT_EQ(want, res.get_header_value(header)) << header;
  }
  EXPECT_EQ(expected.HasHeader("X-Request-ID"), res.has_header("X-Request-ID"));
  if (expected.body.empty()) {
    EXPECT_EQ("", res.body);
    return;
  }
  auto want = ordered_json::parse(ReplaceAll(expected.body, kCaptureHost, sim.host()));
  auto got = ordered_json::parse(res.body, nullptr, false);
  ASSERT_FALSE(got.is_discarded()) << res.body;
  EXPECT_EQ(Normalize(want), Normalize(got))
      << "want: " << Normalize(want).dump() << "\n got: " << Normalize(got).dump();
}

class GoldenReplay : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = GoldenDir(GetParam());
    auto rules = temp_.Write(
        "rules.json",
        ordered_json::array({{{"url", receiver_.url()}, {"secret", kGoldenSecret}}})
            .dump());
    SimOptions options = OptionsFor(GetParam(), {dir_ + "/inventory.json"});
    options.event_rules = rules.string();
    sim_ = std::make_unique<InProcessSim>(options);
  }

  void CompareCase(const std::string& name) { CompareCapturedCase(*sim_, dir_, name); }

  std::vector<std::string> HookFiles() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir_ + "/webhooks")) {
      if (entry.path().extension() == ".http") {
        files.push_back(entry.path().string());
      }
    }
    std::sort(files.begin(), files.end());
    return files;
  }

  nbr::testing::TempDir temp_;
  WebhookReceiver receiver_;
  std::string dir_;
  std::unique_ptr<InProcessSim> sim_;
};

TEST_P(GoldenReplay, AnswersEveryCapturedRequestLikeTheRealNetBox) {
  auto log = nlohmann::json::parse(ReadFile(dir_ + "/requests_log.json"));
  for (const auto& entry : log) {
    CompareCase(entry["file"].get<std::string>());
  }
}

TEST_P(GoldenReplay, SendsWebhooksOfTheSameShapeWithValidSignatures) {
  // Arrange and act: the whole replay, then wait for the deliveries.
  auto log = nlohmann::json::parse(ReadFile(dir_ + "/requests_log.json"));
  for (const auto& entry : log) {
    CompareCase(entry["file"].get<std::string>());
  }
  ASSERT_TRUE(sim_->app().webhooks->WaitIdle(10000));

  // Assert: one delivery per captured webhook, in order, same shape.
  auto files = HookFiles();
  auto received = receiver_.received();
  ASSERT_EQ(files.size(), received.size());
  for (size_t i = 0; i < files.size(); ++i) {
    SCOPED_TRACE(files[i]);
    HttpMessage expected = ReadHttpFile(files[i]);
    const auto& got = received[i];
    auto want_json = ordered_json::parse(expected.body);
    auto got_json = ordered_json::parse(got.body);
    EXPECT_EQ(Normalize(want_json), Normalize(got_json))
        << "want: " << Normalize(want_json).dump()
        << "\n got: " << Normalize(got_json).dump();
    EXPECT_EQ(AsPythonDumps(got_json), got.body) << "not json.dumps formatting";
    EXPECT_EQ(AsPythonDumps(want_json), expected.body);
    auto signature = got.headers.find("X-Hook-Signature");
    ASSERT_NE(signature, got.headers.end());
    EXPECT_EQ(HookSignature(kGoldenSecret, got.body), signature->second);
    EXPECT_EQ(HookSignature(kGoldenSecret, expected.body),
              expected.Header("X-Hook-Signature"));
    EXPECT_EQ("application/json", got.headers.find("Content-Type")->second);
  }
}

// The set-up as an operator ran it: from setup/09 (the first device) to the
// last device, on the captured inventory without its devices, interfaces
// and IP addresses (sites, types and roles cannot be created here).
TEST_P(GoldenReplay, BuildsTheInventoryLikeTheCapturedSetUp) {
  // Arrange: the inventory as it stood after setup/08.
  auto rows = nlohmann::json::parse(ReadFile(dir_ + "/inventory.json"));
  nlohmann::json kept = nlohmann::json::array();
  for (const auto& row : rows) {
    std::string model = row["model"];
    if (model != "dcim.device" && model != "dcim.interface" &&
        model != "ipam.ipaddress") {
      kept.push_back(row);
    }
  }
  auto before_devices = temp_.Write("before-devices.json", kept.dump());
  InProcessSim sim(OptionsFor(GetParam(), {before_devices.string()}));
  std::vector<std::string> cases;
  for (const auto& entry : std::filesystem::directory_iterator(dir_ + "/setup")) {
    std::string name = entry.path().filename().string();
    auto end = name.find(".request.http");
    if (end != std::string::npos && name.substr(0, 2) >= "09" &&
        name.substr(0, 2) < "40") {
      cases.push_back(name.substr(0, end));
    }
  }
  std::sort(cases.begin(), cases.end());
  ASSERT_GE(cases.size(), 29u);

  // Act and assert: every step answers as it did.
  for (const auto& name : cases) {
    CompareCapturedCase(sim, dir_ + "/setup", name);
  }
}

INSTANTIATE_TEST_SUITE_P(NetBox, GoldenReplay, ::testing::Values("3.1", "4.5"),
                         [](const auto& param_info) {
                           return "v" + ReplaceAll(param_info.param, ".", "_");
                         });

}  // namespace
}  // namespace nbr::sim::testing
