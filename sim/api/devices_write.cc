// POST, PATCH, PUT and DELETE of devices, alone and in bulk, and the
// webhooks they send.
#include <algorithm>
#include <mutex>

#include "api/device_writes.h"
#include "api/devices_api.h"
#include "serial/device_serializer.h"

namespace nbr::sim {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

ApiResponse ParseError(const json::parse_error& e) {
  return ApiResponse::Detail(400, std::string("JSON parse error - ") + e.what());
}

ChangeEvent EventOf(const std::string& kind, const httplib::Request& req,
                    const RequestInfo& info) {
  ChangeEvent e;
  e.event = kind;
  e.timestamp = Timestamp::Now();
  e.username = info.username;
  e.request_id = info.request_id;
  e.method = req.method;
  e.path = req.path;
  return e;
}

// Queues the webhooks of one change, with the quirks switched on. Called
// under the write lock, at the moment NetBox would render the body.
void Emit(AppState& app, const ChangeEvent& e, Notify notify) {
  if (notify == Notify::kSilent || !app.webhooks) {
    return;
  }
  FaultSettings faults = app.faults.Settings();
  if (e.event == "updated" && faults.stale_duplicate_updates && e.prechange) {
    ChangeEvent stale = e;  // case C3: a first body with the old state
    stale.postchange = e.prechange;
    app.webhooks->Enqueue(app.inventory, stale);
  }
  if (e.event == "deleted" && faults.update_before_delete) {
    ChangeEvent update = e;  // case C5: "updated" before "deleted"
    update.event = "updated";
    update.postchange = e.prechange;
    app.webhooks->Enqueue(app.inventory, update);
  }
  app.webhooks->Enqueue(app.inventory, e);
}

std::string RenderOne(AppState& app, const RequestInfo& info, const Device& d) {
  std::string out;
  JsonWriter w(JsonStyle::kCompact, &out);
  WriteDevice(w, RenderContext{app.inventory, app.settings.version, info.base}, d, {});
  return out;
}

std::string RenderList(AppState& app, const RequestInfo& info,
                       const std::vector<int>& ids) {
  std::string out = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    out += (i ? "," : "") + RenderOne(app, info, *app.inventory.FindDevice(ids[i]));
  }
  return out + "]";
}

// 4.6+: a PATCH or DELETE whose If-Match does not match the ETag is refused.
bool PreconditionFails(const AppState& app, const httplib::Request& req,
                       const Device& d) {
  if (!app.settings.version.HasEtags() || !req.has_header("If-Match")) {
    return false;
  }
  std::string want = req.get_header_value("If-Match");
  return want != "*" && want != "W/\"" + d.last_updated.Python() + "\"";
}

// Creates one device from `body`; on success returns its id, else fills
// `errors`. Webhooks are queued before the device is stored (as NetBox
// renders them).
int CreateOne(AppState& app, const json& body, const httplib::Request& req,
              const RequestInfo& info, Notify notify, ordered_json& errors) {
  Device d;
  d.id = 0;
  if (!body.is_object()) {
    errors = {{"non_field_errors",
               {"Invalid data. Expected a dictionary, but got " +
                std::string(body.type_name()) + "."}}};
    return 0;
  }
  if (!ApplyDeviceBody(body, app.inventory, app.settings.version, WriteMode::kCreate, d,
                       errors)) {
    return 0;
  }
  d.id = app.inventory.TakeNextDeviceId();
  d.created = d.last_updated = Timestamp::Now();
  ChangeEvent e = EventOf("created", req, info);
  e.postchange = d;
  Emit(app, e, notify);
  app.inventory.PutDevice(d);
  return d.id;
}

}  // namespace

ApiResponse CreateDevices(AppState& app, const httplib::Request& req,
                          const RequestInfo& info, Notify notify) {
  json body;
  try {
    body = json::parse(req.body);
  } catch (const json::parse_error& e) {
    return ParseError(e);
  }
  std::unique_lock lock(app.mu);

  // A single object: 201 with the device and its Location.
  ordered_json errors;
  if (!body.is_array()) {
    int id = CreateOne(app, body, req, info, notify, errors);
    if (id == 0) {
      return ApiResponse::Json(400, errors);
    }
    ApiResponse r;
    r.status = 201;
    r.body = RenderOne(app, info, *app.inventory.FindDevice(id));
    r.headers.emplace_back("Location",
                           info.base + "/api/dcim/devices/" + std::to_string(id) + "/");
    r.work = {1, 0, 1};
    return r;
  }

  // A list: all or nothing.
  Inventory before = app.inventory;
  std::vector<int> ids;
  for (const auto& item : body) {
    int id = CreateOne(app, item, req, info, Notify::kSilent, errors);
    if (id == 0) {
      app.inventory = std::move(before);
      return ApiResponse::Json(400, errors);
    }
    ids.push_back(id);
  }
  for (int id : ids) {
    ChangeEvent e = EventOf("created", req, info);
    e.postchange = *app.inventory.FindDevice(id);
    Emit(app, e, notify);
  }
  ApiResponse r;
  r.status = 201;
  r.body = RenderList(app, info, ids);
  r.work = {static_cast<int>(ids.size()), 0, static_cast<int>(ids.size())};
  return r;
}

ApiResponse UpdateDevice(AppState& app, const httplib::Request& req,
                         const RequestInfo& info, int id, Notify notify) {
  const NetBoxVersion& v = app.settings.version;
  json body;
  try {
    body = json::parse(req.body.empty() ? "{}" : req.body);
  } catch (const json::parse_error& e) {
    return ParseError(e);
  }
  std::unique_lock lock(app.mu);
  const Device* current = app.inventory.FindDevice(id);
  if (current == nullptr) {
    return ApiResponse::Detail(404, v.NotFoundText());
  }
  if (PreconditionFails(app, req, *current)) {
    return ApiResponse::Detail(412, "Precondition failed.");
  }

  // Apply to a copy; a PATCH that changes nothing still counts as a change.
  Device d = *current;
  ordered_json errors;
  if (!body.is_object() ||
      !ApplyDeviceBody(body, app.inventory, v, WriteMode::kUpdate, d, errors)) {
    return ApiResponse::Json(
        400, body.is_object() ? errors
                              : ordered_json{{"non_field_errors", {"Invalid data."}}});
  }
  d.last_updated = Timestamp::Now();
  ChangeEvent e = EventOf("updated", req, info);
  e.prechange = *current;
  e.postchange = d;
  app.inventory.PutDevice(d);
  Emit(app, e, notify);

  ApiResponse r;
  r.body = RenderOne(app, info, d);
  if (v.HasEtags()) {
    r.headers.emplace_back("ETag", "W/\"" + d.last_updated.Python() + "\"");
  }
  r.work = {1, 0, 1};
  return r;
}

ApiResponse BulkUpdateDevices(AppState& app, const httplib::Request& req,
                              const RequestInfo& info) {
  const NetBoxVersion& v = app.settings.version;
  json body;
  try {
    body = json::parse(req.body);
  } catch (const json::parse_error& e) {
    return ParseError(e);
  }

  // First, the shape: a list of objects, each with an id.
  if (!body.is_array()) {
    return ApiResponse::Json(
        400, {{"non_field_errors",
               {"Expected a list of items but got type \"" +
                std::string(body.is_object() ? "dict" : body.type_name()) + "\"."}}});
  }
  ordered_json id_errors = ordered_json::array();
  bool missing = false;
  std::set<int> wanted;
  for (const auto& item : body) {
    bool ok = item.is_object() && item.contains("id") && item["id"].is_number_integer();
    id_errors.push_back(ok ? ordered_json::object()
                           : ordered_json{{"id", {"This field is required."}}});
    missing = missing || !ok;
    if (ok) {
      wanted.insert(item["id"].get<int>());
    }
  }
  if (missing) {
    return ApiResponse::Json(400, id_errors);
  }

  // Then every device found, in NetBox's order; unknown ids are skipped.
  std::unique_lock lock(app.mu);
  std::vector<std::pair<Device, Device>> changes;  // (before, after)
  for (const auto& key : app.inventory.device_order()) {
    if (!wanted.count(key.id)) {
      continue;
    }
    const Device& current = *app.inventory.FindDevice(key.id);
    Device d = current;
    const json* item = nullptr;
    for (const auto& candidate : body) {
      item = candidate["id"].get<int>() == key.id ? &candidate : item;
    }
    ordered_json errors;
    if (!ApplyDeviceBody(*item, app.inventory, v, WriteMode::kUpdate, d, errors)) {
      return ApiResponse::Json(400, errors);  // all or nothing
    }
    changes.emplace_back(current, d);
  }

  // Last, commit them all and report each change.
  std::vector<int> ids;
  for (auto& [before, after] : changes) {
    after.last_updated = Timestamp::Now();
    app.inventory.PutDevice(after);
    ChangeEvent e = EventOf("updated", req, info);
    e.prechange = before;
    e.postchange = after;
    Emit(app, e, Notify::kWebhooks);
    ids.push_back(after.id);
  }
  ApiResponse r;
  r.body = RenderList(app, info, ids);
  r.work = {static_cast<int>(ids.size()), 0, static_cast<int>(ids.size())};
  return r;
}

ApiResponse DeleteDevice(AppState& app, const httplib::Request& req,
                         const RequestInfo& info, int id, Notify notify) {
  std::unique_lock lock(app.mu);
  const Device* current = app.inventory.FindDevice(id);
  if (current == nullptr) {
    return ApiResponse::Detail(404, app.settings.version.NotFoundText());
  }
  if (PreconditionFails(app, req, *current)) {
    return ApiResponse::Detail(412, "Precondition failed.");
  }
  ChangeEvent e = EventOf("deleted", req, info);
  e.prechange = *current;
  Emit(app, e, notify);
  app.inventory.RemoveDevice(id);
  ApiResponse r = ApiResponse::NoContent();
  r.work.writes = 1;
  return r;
}

ApiResponse BulkDeleteDevices(AppState& app, const httplib::Request& req,
                              const RequestInfo& info) {
  json body;
  try {
    body = json::parse(req.body);
  } catch (const json::parse_error& e) {
    return ParseError(e);
  }
  if (!body.is_array()) {
    return ApiResponse::Json(
        400, {{"non_field_errors", {"Expected a list of items but got type \"dict\"."}}});
  }
  std::unique_lock lock(app.mu);
  int deleted = 0;
  for (const auto& item : body) {
    int id = item.is_object() ? item.value("id", 0) : 0;
    const Device* current = app.inventory.FindDevice(id);
    if (current == nullptr) {
      continue;
    }
    ChangeEvent e = EventOf("deleted", req, info);
    e.prechange = *current;
    Emit(app, e, Notify::kWebhooks);
    app.inventory.RemoveDevice(id);
    ++deleted;
  }
  ApiResponse r = ApiResponse::NoContent();
  r.work.writes = deleted;
  return r;
}

}  // namespace nbr::sim
