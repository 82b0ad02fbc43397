// GET of the device list and of one device.
#include <algorithm>
#include <sstream>

#include "api/device_filter.h"
#include "api/devices_api.h"
#include "api/paging.h"
#include "serial/device_serializer.h"

namespace nbr::sim {
namespace {

std::set<std::string> CommaList(const std::string& text) {
  std::set<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) {
      out.insert(item);
    }
  }
  return out;
}

DeviceFieldSelection SelectionOf(const QueryParams& q, const NetBoxVersion& v) {
  DeviceFieldSelection s;
  auto brief = First(q, "brief");
  s.brief = brief && !brief->empty();
  for (const auto& exclude : Values(q, "exclude")) {
    s.config_context = s.config_context && exclude != "config_context";
  }
  if (v.HasFieldsParam()) {
    if (auto fields = First(q, "fields")) {
      s.only = CommaList(*fields);
    }
  }
  if (v.HasOmitParam()) {
    if (auto omit = First(q, "omit")) {
      s.omit = CommaList(*omit);
    }
  }
  return s;
}

PagingSettings PagingOf(const AppState& app) {
  const NetBoxVersion& v = app.settings.version;
  FaultSettings faults = app.faults.Settings();
  PagingSettings p;
  p.paginate_count = app.settings.paginate_count;
  p.max_page_size = app.settings.max_page_size;
  p.page_size_quirk = faults.page_size_quirk.value_or(v.PageSizeQuirk());
  p.duplicate_rows = faults.duplicate_rows.value_or(v.DuplicateRowsQuirk());
  p.cursor_paging = v.HasCursorPaging();
  return p;
}

// The rows of one page, and how many rows match in all.
struct Rows {
  std::vector<const Device*> page;
  std::optional<int> count;  // null with cursor paging
  bool more = false;         // cursor paging: rows after this page
};

Rows CollectByCursor(const Inventory& inv, const DeviceFilter& filter, const Page& page) {
  Rows rows;
  int limit = page.limit.value_or(INT32_MAX);
  for (auto it = inv.devices().lower_bound(*page.start); it != inv.devices().end();
       ++it) {
    if (!filter.Matches(it->second)) {
      continue;
    }
    if (static_cast<int>(rows.page.size()) == limit) {
      rows.more = true;
      break;
    }
    rows.page.push_back(&it->second);
  }
  return rows;
}

Rows CollectByOffset(const Inventory& inv, const DeviceFilter& filter, const Page& page,
                     bool duplicate_rows) {
  Rows rows;
  // 4.2.3: every page after the first repeats the previous page's last row.
  int first = duplicate_rows && page.offset > 0 ? page.offset - 1 : page.offset;
  int64_t end = page.limit ? static_cast<int64_t>(first) + *page.limit : INT64_MAX;
  const std::vector<const Device*>& ordered = inv.OrderedDevices();
  if (filter.empty()) {
    // Without filters, the page is a slice of the ordered snapshot.
    int64_t stop = std::min<int64_t>(end, static_cast<int64_t>(ordered.size()));
    for (int64_t i = first; i < stop; ++i) {
      rows.page.push_back(ordered[i]);
    }
    rows.count = static_cast<int>(ordered.size());
    return rows;
  }
  int index = 0;
  for (const Device* d : ordered) {
    if (!filter.Matches(*d)) {
      continue;
    }
    if (index >= first && index < end) {
      rows.page.push_back(d);
    }
    ++index;
  }
  rows.count = index;
  return rows;
}

void WriteUrl(JsonWriter& w, const std::optional<std::string>& url) {
  url ? w.String(*url) : w.Null();
}

}  // namespace

ApiResponse ListDevices(AppState& app, const httplib::Request& req,
                        const RequestInfo& info) {
  const NetBoxVersion& v = app.settings.version;
  QueryParams query(req.params.begin(), req.params.end());
  DeviceFieldSelection selection = SelectionOf(query, v);
  PagingSettings paging = PagingOf(app);

  // First, the page asked for.
  Page page;
  std::string page_error;
  if (!ParsePage(query, paging, page, page_error)) {
    return ApiResponse::Detail(400, page_error);
  }

  std::shared_lock lock(app.mu);
  const Inventory& inv = app.inventory;

  // Then the filters (unless a fault makes NetBox ignore them).
  DeviceFilter filter;
  nlohmann::ordered_json error;
  if (!app.faults.Settings().ignore_filters &&
      !DeviceFilter::Parse(query, inv, v, filter, error)) {
    return ApiResponse::Json(400, error);
  }

  // Then the rows and the links around them.
  Rows rows = page.start ? CollectByCursor(inv, filter, page)
                         : CollectByOffset(inv, filter, page, paging.duplicate_rows);
  std::string path = info.base + req.path;
  std::optional<std::string> next, previous;
  if (page.start) {
    if (rows.more) {
      next = NextCursorUrl(path, query, *page.limit, rows.page.back()->id);
    }
  } else {
    next = NextUrl(path, query, page, *rows.count);
    previous = PreviousUrl(path, query, page);
  }

  // Last, the body.
  ApiResponse r;
  r.body.reserve(rows.page.size() * (selection.brief ? 160 : 2200) + 128);
  JsonWriter w(JsonStyle::kCompact, &r.body);
  RenderContext ctx{inv, v, info.base};
  DeviceWriter writer(v, selection);
  w.BeginObject();
  w.Key("count");
  rows.count ? w.Int(*rows.count) : w.Null();
  w.Key("next");
  WriteUrl(w, next);
  w.Key("previous");
  WriteUrl(w, previous);
  w.Key("results");
  w.BeginArray();
  for (const Device* d : rows.page) {
    writer.Write(w, ctx, *d);
  }
  w.EndArray();
  w.EndObject();
  int n = static_cast<int>(rows.page.size());
  (selection.brief ? r.work.brief_objects : r.work.objects) = n;
  return r;
}

ApiResponse GetDevice(AppState& app, const httplib::Request& req, const RequestInfo& info,
                      int id) {
  const NetBoxVersion& v = app.settings.version;
  QueryParams query(req.params.begin(), req.params.end());
  DeviceFieldSelection selection = SelectionOf(query, v);

  std::shared_lock lock(app.mu);
  const Device* d = app.inventory.FindDevice(id);
  if (d == nullptr) {
    return ApiResponse::Detail(404, v.NotFoundText());
  }
  ApiResponse r;
  JsonWriter w(JsonStyle::kCompact, &r.body);
  WriteDevice(w, RenderContext{app.inventory, v, info.base}, *d, selection);
  if (v.HasEtags()) {
    r.headers.emplace_back("ETag", "W/\"" + d->last_updated.Python() + "\"");
  }
  r.work.objects = 1;
  return r;
}

}  // namespace nbr::sim
