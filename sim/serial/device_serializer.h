// The REST shape of a device in the chosen NetBox version: the full form of
// the list and detail endpoints (and of webhook `data`), and the brief form.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "json/json_writer.h"
#include "serial/render_context.h"

namespace nbr::sim {

// Which fields of a device to write.
struct DeviceFieldSelection {
  bool brief = false;          // id, url, display, name (+description)
  bool config_context = true;  // false: exclude=config_context, webhooks
  std::set<std::string> only;  // fields= (4.0+); empty: all
  std::set<std::string> omit;  // omit= (4.5.2+)
};

// The device's fields in the order NetBox's serializer writes them.
std::vector<std::string> DeviceFieldOrder(const NetBoxVersion& version);

// Writes one device as a JSON object.
void WriteDevice(JsonWriter& w, const RenderContext& ctx, const Device& device,
                 const DeviceFieldSelection& selection);

// The fields chosen by `selection`, in serializer order; computed once per
// request and reused for every device of a list.
std::vector<std::string> SelectDeviceFields(const NetBoxVersion& version,
                                            const DeviceFieldSelection& selection);
void WriteDeviceFields(JsonWriter& w, const RenderContext& ctx, const Device& device,
                       const std::vector<std::string>& fields);

using FieldWriter = std::function<void(JsonWriter&, const RenderContext&, const Device&)>;

// The fields of one selection resolved once, for writing many devices.
class DeviceWriter {
 public:
  DeviceWriter(const NetBoxVersion& version, const DeviceFieldSelection& selection);
  void Write(JsonWriter& w, const RenderContext& ctx, const Device& device) const;

 private:
  std::vector<std::pair<std::string, const FieldWriter*>> fields_;
};

}  // namespace nbr::sim
