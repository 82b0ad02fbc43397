#include "webhook/payload.h"

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "netbox/golden.h"

namespace nbr::webhook {
namespace {

using nlohmann::json;

DeviceEvent MustParse(std::string_view body) {
  auto event = ParsePayload(body);
  EXPECT_TRUE(event.ok()) << event.error().ToString();
  return event.ok() ? *event : DeviceEvent{};
}

std::string GoldenHook(const std::string& version, const std::string& file) {
  return testing::ReadCapture("webhook/testdata/" + version + "/" + file).body;
}

// The body shape of a device event in NetBox 4.5 (data abbreviated).
json DeviceBody(int64_t id, std::string_view event = "updated") {
  return {
      {"event", event},
      {"timestamp", "2026-12-03T16:03:26.671001+00:00"},
      {"object_type", "dcim.device"},
      {"username", "admin"},
      {"request_id", "3e872789-b8c1-454d-9750-e80c562278dd"},
      {"data",
       {{"id", id},
        {"name", "loc1-core"},
        {"status", {{"value", "planned"}, {"label", "Planned"}}},
        {"last_updated", "2026-12-03T16:03:26.586506Z"}}},
      {"snapshots", {{"prechange", nullptr}, {"postchange", {{"status", "planned"}}}}}};
}

struct GoldenCase {
  std::string version;
  std::string file;
  EventKind kind;
  int64_t device;
  std::string status;
};

class GoldenPayloads : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenPayloads, ParsesTheRealBody) {
  const GoldenCase& c = GetParam();

  DeviceEvent event = MustParse(GoldenHook(c.version, c.file));

  EXPECT_EQ(event.type, PayloadType::kDeviceEvent);
  EXPECT_EQ(event.kind, c.kind);
  EXPECT_EQ(event.object_type, "dcim.device");
  EXPECT_EQ(event.device_id, c.device);
  EXPECT_EQ(event.status, c.status);
  EXPECT_EQ(event.username, "admin");
  EXPECT_EQ(event.request_id.size(), 36u);
  EXPECT_TRUE(event.timestamp.has_value()) << event.timestamp_text;
  EXPECT_FALSE(event.last_updated.empty());
}

INSTANTIATE_TEST_SUITE_P(
    NetBox, GoldenPayloads,
    ::testing::Values(GoldenCase{"v3.1", "hook_0001_updated_device1.http",
                                 EventKind::kUpdated, 1, "active"},
                      GoldenCase{"v3.1", "hook_0004_updated_device3.http",
                                 EventKind::kUpdated, 3, "active"},
                      GoldenCase{"v3.1", "hook_0005_created_device10.http",
                                 EventKind::kCreated, 10, "planned"},
                      GoldenCase{"v3.1", "hook_0006_deleted_device10.http",
                                 EventKind::kDeleted, 10, "planned"},
                      GoldenCase{"v4.5", "hook_0001_updated_device1.http",
                                 EventKind::kUpdated, 1, "active"},
                      GoldenCase{"v4.5", "hook_0005_created_device10.http",
                                 EventKind::kCreated, 10, "planned"},
                      GoldenCase{"v4.5", "hook_0006_deleted_device10.http",
                                 EventKind::kDeleted, 10, "planned"},
                      GoldenCase{"v4.5", "hook_0007_updated_device1.http",
                                 EventKind::kUpdated, 1, "active"}));

TEST(PayloadTest, GoldenTimestampsOfBothVersions) {
  DeviceEvent v31 = MustParse(GoldenHook("v3.1", "hook_0001_updated_device1.http"));
  DeviceEvent v45 = MustParse(GoldenHook("v4.5", "hook_0001_updated_device1.http"));

  EXPECT_EQ(v31.timestamp_text, "2026-12-03 15:32:09.572529+00:00");
  EXPECT_EQ(FormatTimestamp(*v31.timestamp), "2026-12-03T15:32:09.572529Z");
  EXPECT_EQ(FormatTimestamp(*v45.timestamp), "2026-12-03T16:03:26.671001Z");
}

// Case C1: NetBox up to 3.6.5 wrote the timestamp with a space.
TEST(PayloadTest, C1_TimestampWithASpace) {
  std::string body =
      R"({"event": "updated", "timestamp": "2023-11-17 22:03:54.864187+00:00",
    "model": "device", "username": "admin",
    "request_id": "6b1e7a3c-0f4e-4c55-9a34-2f2d1d0c9b11",
    "data": {"id": 7, "name": "loc1-core", "status": {"value": "planned", "label": "Planned"}},
    "snapshots": {"prechange": {"status": "offline"}, "postchange": {"status": "planned"}}})";

  DeviceEvent event = MustParse(body);

  EXPECT_EQ(event.type, PayloadType::kDeviceEvent);
  EXPECT_EQ(event.device_id, 7);
  ASSERT_TRUE(event.timestamp.has_value());
  EXPECT_EQ(FormatTimestamp(*event.timestamp), "2023-11-17T22:03:54.864187Z");
  EXPECT_EQ(event.request_id, "6b1e7a3c-0f4e-4c55-9a34-2f2d1d0c9b11");
}

// Case C2: `model` only (4.3), both (4.4), `object_type` only (4.5+).
TEST(PayloadTest, C2_ModelAndObjectTypeShapesAreAllDeviceEvents) {
  json v43 = DeviceBody(7);
  v43.erase("object_type");
  v43["model"] = "device";
  json v44 = DeviceBody(7);
  v44["model"] = "device";
  json v45 = DeviceBody(7);

  for (const json& body : {v43, v44, v45}) {
    DeviceEvent event = MustParse(body.dump());
    EXPECT_EQ(event.type, PayloadType::kDeviceEvent) << body.dump();
    EXPECT_EQ(event.object_type, "dcim.device");
    EXPECT_EQ(event.device_id, 7);
  }
}

TEST(PayloadTest, C2_IpAddressEventIsAnotherObjectThatNamesItsDevice) {
  json body = {
      {"event", "updated"},
      {"timestamp", "2026-12-03T16:03:26.671001+00:00"},
      {"object_type", "ipam.ipaddress"},
      {"username", "admin"},
      {"request_id", "r1"},
      {"data",
       {{"id", 31},
        {"address", "10.0.0.7/32"},
        {"assigned_object_type", "dcim.interface"},
        {"assigned_object",
         {{"id", 4}, {"name", "loopback0"}, {"device", {{"id", 7}, {"name", "x"}}}}}}},
      {"snapshots", {{"prechange", nullptr}, {"postchange", nullptr}}}};
  json old_shape = body;
  old_shape.erase("object_type");
  old_shape["model"] = "ipaddress";
  json unassigned = body;
  unassigned["data"]["assigned_object"] = nullptr;

  DeviceEvent event = MustParse(body.dump());
  DeviceEvent old_event = MustParse(old_shape.dump());
  DeviceEvent loose = MustParse(unassigned.dump());

  EXPECT_EQ(event.type, PayloadType::kOtherObject);
  EXPECT_EQ(event.object_type, "ipam.ipaddress");
  EXPECT_EQ(event.object_id, 31);
  EXPECT_EQ(event.device_id, 7);
  EXPECT_EQ(old_event.object_type, "ipam.ipaddress");
  EXPECT_EQ(old_event.device_id, 7);
  EXPECT_EQ(loose.type, PayloadType::kOtherObject);
  EXPECT_FALSE(loose.device_id.has_value());
}

TEST(PayloadTest, OtherObjectTypesAreAcknowledgedWithoutADevice) {
  json body = DeviceBody(3);
  body["object_type"] = "dcim.site";

  DeviceEvent event = MustParse(body.dump());

  EXPECT_EQ(event.type, PayloadType::kOtherObject);
  EXPECT_EQ(event.object_id, 3);
  EXPECT_FALSE(event.device_id.has_value());
}

// Case C3: two bodies for one request; the parser reports each as it is, with
// the shared request id, and takes nothing from them but the device id.
TEST(PayloadTest, C3_TwoBodiesOfOneRequestShareTheRequestId) {
  json stale = DeviceBody(7);
  stale["data"]["tags"] = json::array();
  json fresh = DeviceBody(7);
  fresh["data"]["status"] = {{"value", "active"}, {"label", "Active"}};
  fresh["data"]["tags"] = json::array({{{"id", 1}, {"name", "core"}}});

  DeviceEvent first = MustParse(stale.dump());
  DeviceEvent second = MustParse(fresh.dump());

  EXPECT_EQ(first.request_id, second.request_id);
  EXPECT_EQ(first.device_id, 7);
  EXPECT_EQ(second.device_id, 7);
  EXPECT_EQ(first.kind, EventKind::kUpdated);
  EXPECT_EQ(second.kind, EventKind::kUpdated);
  EXPECT_EQ(first.status, "planned");
  EXPECT_EQ(second.status, "active");
}

// Case C4: a null prechange does not make an update a create.
TEST(PayloadTest, C4_NullPrechangeIsStillAnUpdate) {
  std::string body = R"({"event": "updated", "model": "device", "data": {"id": 9},
    "snapshots": {"prechange": null, "postchange": {"status": "planned", "site": 3}}})";

  DeviceEvent event = MustParse(body);

  EXPECT_EQ(event.type, PayloadType::kDeviceEvent);
  EXPECT_EQ(event.kind, EventKind::kUpdated);
  EXPECT_EQ(event.device_id, 9);
  EXPECT_FALSE(event.timestamp.has_value());
}

// Case C5: deleting sends `updated` then `deleted`.
TEST(PayloadTest, C5_UpdatedThenDeleted) {
  json updated = DeviceBody(8, "updated");
  json deleted = DeviceBody(8, "deleted");
  deleted["snapshots"]["postchange"] = nullptr;

  EXPECT_EQ(MustParse(updated.dump()).kind, EventKind::kUpdated);
  DeviceEvent gone = MustParse(deleted.dump());
  EXPECT_EQ(gone.kind, EventKind::kDeleted);
  EXPECT_EQ(gone.device_id, 8);
}

// NetBox 4.6: `request` added; `username` and `request_id` still there.
TEST(PayloadTest, NetBox46ShapeWithRequestObject) {
  json body = DeviceBody(7);
  body["request"] = {{"id", "3e872789-b8c1-454d-9750-e80c562278dd"},
                     {"method", "PATCH"},
                     {"path", "/api/dcim/devices/7/"},
                     {"user", "reconciler"}};
  body["username"] = "reconciler";

  DeviceEvent event = MustParse(body.dump());

  EXPECT_EQ(event.username, "reconciler");
  EXPECT_EQ(event.request_id, "3e872789-b8c1-454d-9750-e80c562278dd");
}

// NetBox 4.7: no `username`, no `request_id`; only `request`.
TEST(PayloadTest, NetBox47ShapeTakesUserAndIdFromRequest) {
  json body = {
      {"event", "updated"},
      {"timestamp", "2027-04-01T10:00:00.000001+00:00"},
      {"object_type", "dcim.device"},
      {"data", {{"id", 7}, {"status", {{"value", "active"}, {"label", "Active"}}}}},
      {"request",
       {{"id", "0b5c6f3e-8a9d-4f1b-9c2e-111111111111"},
        {"path", "/api/dcim/devices/7/"},
        {"path_info", "/api/dcim/devices/7/"},
        {"method", "PATCH"},
        {"GET", json::object()},
        {"user", {{"id", 4}, {"username", "reconciler"}}}}},
      {"snapshots", {{"prechange", {{"status", "planned"}}}, {"postchange", nullptr}}}};
  json string_user = body;
  string_user["request"]["user"] = "reconciler";

  DeviceEvent event = MustParse(body.dump());
  DeviceEvent other = MustParse(string_user.dump());

  EXPECT_EQ(event.type, PayloadType::kDeviceEvent);
  EXPECT_EQ(event.device_id, 7);
  EXPECT_EQ(event.username, "reconciler");
  EXPECT_EQ(event.request_id, "0b5c6f3e-8a9d-4f1b-9c2e-111111111111");
  EXPECT_EQ(other.username, "reconciler");
}

TEST(PayloadTest, JobEventsHaveKindOther) {
  json body = DeviceBody(7, "job_started");

  DeviceEvent event = MustParse(body.dump());

  EXPECT_EQ(event.kind, EventKind::kOther);
  EXPECT_EQ(event.event, "job_started");
}

TEST(PayloadTest, ValidJsonThatIsNotAnEventIsUnknown) {
  for (std::string body :
       {std::string(R"([1, 2])"), std::string(R"("hello")"),
        std::string(R"({"text": "x"})"),
        std::string(R"({"event": "updated", "data": {"id": 7}})"),
        std::string(R"({"event": "updated", "object_type": "dcim.device"})"),
        std::string(
            R"({"event": "updated", "object_type": "dcim.device", "data": {"id": "7"}})"),
        std::string(R"({"object_type": "dcim.device", "data": {"id": 7}})")}) {
    DeviceEvent event = MustParse(body);
    EXPECT_EQ(event.type, PayloadType::kUnknown) << body;
    EXPECT_FALSE(event.unknown_reason.empty()) << body;
    EXPECT_FALSE(event.device_id.has_value()) << body;
  }
}

TEST(PayloadTest, MalformedJsonIsInvalidArgument) {
  for (std::string body :
       {std::string(""), std::string("{"), std::string(R"({"event": "updated",})"),
        std::string("\xff\xfe")}) {
    auto event = ParsePayload(body);
    ASSERT_FALSE(event.ok()) << body;
    EXPECT_EQ(event.error().kind(), ErrorKind::kInvalidArgument);
    EXPECT_NE(event.error().message().find("not valid JSON"), std::string::npos);
  }
}

TEST(PayloadTest, UnreadableTimestampIsKeptAsTextOnly) {
  json body = DeviceBody(7);
  body["timestamp"] = "yesterday";

  DeviceEvent event = MustParse(body.dump());

  EXPECT_EQ(event.type, PayloadType::kDeviceEvent);
  EXPECT_FALSE(event.timestamp.has_value());
  EXPECT_EQ(event.timestamp_text, "yesterday");
}

}  // namespace
}  // namespace nbr::webhook
