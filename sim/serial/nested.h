// The nested ("brief") forms in which a device or an IP address shows the
// objects it points at. Each writes null when the id is 0 or unknown.
#pragma once

#include "json/json_writer.h"
#include "serial/render_context.h"

namespace nbr::sim {

void WriteNested(JsonWriter& w, const RenderContext& ctx, Kind kind, int id);
void WriteNestedIp(JsonWriter& w, const RenderContext& ctx, int ip_id);
void WriteNestedDevice(JsonWriter& w, const RenderContext& ctx, int device_id);
void WriteNestedInterface(JsonWriter& w, const RenderContext& ctx, int interface_id);
void WriteNestedTags(JsonWriter& w, const RenderContext& ctx,
                     const std::vector<int>& tags);
void WriteChoice(JsonWriter& w, const std::string& value, const std::string& label);

// A device's display text: its name, or "<manufacturer> <model> (<id>)".
std::string DeviceDisplay(const Inventory& inventory, const Device& device);
// NetBox's path for a kind's objects, e.g. "/api/dcim/sites/".
const char* ApiPath(Kind kind);

}  // namespace nbr::sim
