// The REST shape of a device interface in the chosen NetBox version. Only
// name, type, label, enabled, mtu, mgmt_only and description are modelled;
// every other field is written as NetBox writes an interface that has
// nothing (null, [], false).
#pragma once

#include "json/json_writer.h"
#include "serial/render_context.h"

namespace nbr::sim {

void WriteInterface(JsonWriter& w, const RenderContext& ctx, const Interface& iface);

// The label of an interface type ("virtual" -> "Virtual"); the value itself
// for types the table does not know.
std::string InterfaceTypeLabel(const std::string& type);

}  // namespace nbr::sim
