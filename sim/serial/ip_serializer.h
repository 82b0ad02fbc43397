// The REST shapes of IP addresses and sites in the chosen NetBox version.
#pragma once

#include "json/json_writer.h"
#include "serial/render_context.h"

namespace nbr::sim {

void WriteIpAddress(JsonWriter& w, const RenderContext& ctx, const IpAddress& ip);
void WriteSite(JsonWriter& w, const RenderContext& ctx, const Related& site);

}  // namespace nbr::sim
