// NetBox's list pagination: limit/offset with PAGINATE_COUNT and
// MAX_PAGE_SIZE, absolute next/previous URLs, and (4.6+) cursor paging with
// ?start=<pk>.
#pragma once

#include <optional>
#include <string>

#include "api/query.h"

namespace nbr::sim {

struct PagingSettings {
  int paginate_count = 50;
  int max_page_size = 1000;      // 0: unlimited
  bool page_size_quirk = false;  // 4.1.7 and earlier: an absent limit is not capped
  bool duplicate_rows = false;   // 4.2.3-4.2.4: pages overlap by one row
  bool cursor_paging = false;    // 4.6+
};

struct Page {
  std::optional<int> limit;  // nullopt: every row
  int offset = 0;
  std::optional<int> start;  // cursor paging
};

// Reads limit, offset and start. Returns false with `error` (a 400 detail)
// when start is combined with offset or ordering.
bool ParsePage(const QueryParams& query, const PagingSettings& settings, Page& page,
               std::string& error);

// Absolute URLs of the neighbouring pages, or nullopt.
std::optional<std::string> NextUrl(const std::string& base_path, const QueryParams& query,
                                   const Page& page, int count);
std::optional<std::string> PreviousUrl(const std::string& base_path,
                                       const QueryParams& query, const Page& page);
// Cursor paging: the next page starts after the last pk returned.
std::string NextCursorUrl(const std::string& base_path, const QueryParams& query,
                          int limit, int last_pk);

}  // namespace nbr::sim
