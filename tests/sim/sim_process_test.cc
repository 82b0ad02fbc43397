// The SimProcess helper: netbox-sim as a real process, its command line,
// its ready file and its control endpoint.
#include "support/sim_process.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <csignal>

#include "sim/sim_test_support.h"

namespace nbr::testing {
namespace {

std::vector<std::string> WorkshopArgs() {
  return {
      "--netbox-version",
      "4.5",
      "--data",
      nbr::sim::testing::SourceDir() + "/testdata/netbox-data/workshop-netbox-3.4.json",
      "--data",
      nbr::sim::testing::SourceDir() + "/testdata/netbox-data/netbox-demo-3.6.json"};
}

TEST(SimProcessTest, StartsListensAndCountsRoundTrips) {
  SimProcess sim(WorkshopArgs());
  ASSERT_TRUE(sim.ok()) << sim.error();

  httplib::Client client(sim.base_url());
  auto r =
      client.Get("/api/dcim/devices/?status=planned",
                 {{"Authorization", "Token 0123456789abcdef0123456789abcdef01234567"}});

  ASSERT_TRUE(r);
  EXPECT_EQ(200, r->status);
  auto body = nlohmann::json::parse(r->body);
  EXPECT_EQ(5, body["count"]);  // the workshop's five planned routers, ids 1..5 kept
  EXPECT_EQ(1, sim.Stats()["requests"]["GET /api/dcim/devices/"]["200"])
      << sim.Stats().dump();
  EXPECT_TRUE(sim.ResetStats());
  EXPECT_EQ(0, sim.Stats()["total"]);
}

TEST(SimProcessTest, FaultsSetThroughTheControlEndpointApply) {
  SimProcess sim(WorkshopArgs());
  ASSERT_TRUE(sim.ok()) << sim.error();
  ASSERT_TRUE(sim.SetFaults({{"error_rate", 1.0}}));

  httplib::Client client(sim.base_url());
  auto r =
      client.Get("/api/dcim/devices/1/",
                 {{"Authorization", "Token 0123456789abcdef0123456789abcdef01234567"}});

  ASSERT_TRUE(r);
  EXPECT_EQ(500, r->status);
  EXPECT_TRUE(nlohmann::json::parse(r->body).contains("netbox_version"));
  EXPECT_TRUE(sim.ClearFaults());
}

TEST(SimProcessTest, PrintsOneListeningLineAndStopsOnSigterm) {
  SimProcess sim(WorkshopArgs());
  ASSERT_TRUE(sim.ok()) << sim.error();

  sim.Stop();

  EXPECT_EQ("netbox-sim listening on " + sim.base_url() + "\n", sim.Log());
}

TEST(SimProcessTest, ReportsABadCommandLine) {
  SimProcess sim({"--netbox-version", "banana"}, std::chrono::seconds(5));

  EXPECT_FALSE(sim.ok());
  EXPECT_NE(std::string::npos, sim.error().find("invalid --netbox-version"));
}

}  // namespace
}  // namespace nbr::testing
