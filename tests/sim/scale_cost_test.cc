// Scale (100,000 generated devices) and the cost model's shape.
#include <gtest/gtest.h>

#include "model/generator.h"
#include "sim/sim_test_support.h"

namespace nbr::sim::testing {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr char kToken[] = "Token 0123456789abcdef0123456789abcdef01234567";

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

TEST(GeneratorTest, IsDeterministicAndMixesWhatTheFieldHas) {
  Inventory a, b;
  GenerateDevices(1000, a);
  GenerateDevices(1000, b);

  std::set<std::string> statuses, names;
  int unnamed = 0, repeated = 0, v4_only = 0, v6_only = 0;
  for (const auto& [id, d] : a.devices()) {
    EXPECT_EQ(d.name, b.FindDevice(id)->name);
    statuses.insert(d.status);
    unnamed += d.name ? 0 : 1;
    repeated += d.name && !names.insert(*d.name).second ? 1 : 0;
    v4_only += d.primary_ip4 && !d.primary_ip6 ? 1 : 0;
    v6_only += !d.primary_ip4 && d.primary_ip6 ? 1 : 0;
  }
  EXPECT_EQ(7u, statuses.size());
  EXPECT_EQ(20, unnamed);
  EXPECT_GT(repeated, 10);
  EXPECT_GT(v4_only, 100);
  EXPECT_GT(v6_only, 100);
}

TEST(ScaleTest, LoadsAndListsOneHundredThousandDevicesQuickly) {
  auto start = Clock::now();
  SimOptions o = OptionsFor("4.5", {});
  o.generate = 100000;
  InProcessSim sim(o);
  double load_ms = MsSince(start);
  auto client = sim.Client();

  start = Clock::now();
  int pages = 0;
  size_t rows = 0;
  std::string next = "/api/dcim/devices/?limit=1000";
  while (!next.empty()) {
    auto r = client->Get(next, {{"Authorization", kToken}});
    ASSERT_TRUE(r);
    // Count rows by their display_url (one per device) rather than parse
    // 2 MB per page: the test measures the server, not a JSON parser.
    const std::string marker = "\"display_url\":\"" + sim.base_url() + "/dcim/devices/";
    for (size_t pos = r->body.find(marker); pos != std::string::npos;
         pos = r->body.find(marker, pos + 1)) {
      ++rows;
    }
    ++pages;
    auto head = json::parse(r->body.substr(0, r->body.find(",\"results\":")) + "}");
    next = head["next"].is_string()
               ? head["next"].get<std::string>().substr(sim.base_url().size())
               : "";
  }
  double list_ms = MsSince(start);

  EXPECT_EQ(100000u, rows);
  EXPECT_EQ(100, pages);
  EXPECT_LT(load_ms, 10000);
  EXPECT_LT(list_ms, 30000);  // about 4 s here; see docs/netbox-sim.md
  std::cout << "load " << load_ms << " ms, full listing " << list_ms << " ms\n";
}

TEST(CostModelTest, NetBoxProfileChargesBaseAndPerObjectCosts) {
  SimOptions o =
      OptionsFor("3.1", {SourceDir() + "/testdata/netbox-data/workshop-netbox-3.4.json"});
  o.profile = "netbox-3.1-small";
  InProcessSim sim(o);
  sim.app().faults.Apply({{"clear", true}});
  auto client = sim.Client();

  auto start = Clock::now();
  client->Get("/api/dcim/devices/1/", {{"Authorization", kToken}});
  double get_ms = MsSince(start);
  start = Clock::now();
  client->Patch("/api/dcim/devices/", {{"Authorization", kToken}},
                R"([{"id": 1, "status": "active"}, {"id": 2, "status": "active"}])",
                "application/json");
  double bulk_ms = MsSince(start);

  EXPECT_GE(get_ms, 75);
  EXPECT_GE(bulk_ms, 75 + 2 * 45);
}

TEST(CostModelTest, TwoCoresBoundTheThroughputOfParallelRequests) {
  CostProfile p;
  p.base_ms = 40;
  p.cores = 2;
  p.workers = 8;
  CostModel model(p);

  auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&model] {
      CostModel::WorkerSlot slot(model);
      model.Spend({});
    });
  }
  for (auto& t : threads) {
    t.join();
  }

  EXPECT_GE(MsSince(start), 6 * 40 / 2 - 5);  // six requests on two cores
}

TEST(CostModelTest, LanProfileCostsTwoMillisecondsPerRequest) {
  CostProfile p;
  ASSERT_TRUE(CostProfile::Named("lan", p).ok());
  EXPECT_EQ(2, p.base_ms);
  EXPECT_FALSE(CostProfile::Named("bogus", p).ok());
}

}  // namespace
}  // namespace nbr::sim::testing
