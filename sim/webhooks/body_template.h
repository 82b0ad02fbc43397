// A small subset of Jinja2 for event rules' body templates: "{{ path }}"
// with dotted paths into the webhook context (event, timestamp, username,
// request_id, data, snapshots, ...) and an optional "| tojson" filter.
// Strings render as they are, everything else as JSON.
#pragma once

#include <string>

namespace nbr::sim {

// `default_body` is the default JSON body, i.e. the context.
std::string RenderBodyTemplate(const std::string& body_template,
                               const std::string& default_body);

}  // namespace nbr::sim
