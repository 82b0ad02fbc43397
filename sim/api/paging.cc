#include "api/paging.h"

#include <algorithm>

namespace nbr::sim {
namespace {

// DRF's _positive_int; nullopt for anything that is not a number >= 0.
std::optional<int> NonNegative(const std::optional<std::string>& text) {
  if (!text || text->empty() || text->size() > 9 ||
      text->find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoi(*text);
}

}  // namespace

bool ParsePage(const QueryParams& query, const PagingSettings& s, Page& page,
               std::string& error) {
  // First, the limit (NetBox's OptionalLimitOffsetPagination.get_limit).
  auto limit = NonNegative(First(query, "limit"));
  if (limit) {
    if (*limit == 0) {
      page.limit = s.max_page_size ? std::optional<int>(s.max_page_size) : std::nullopt;
    } else {
      page.limit = s.max_page_size ? std::min(*limit, s.max_page_size) : *limit;
    }
  } else if (s.page_size_quirk || s.max_page_size == 0) {
    page.limit = s.paginate_count;
  } else {
    page.limit = std::min(s.paginate_count, s.max_page_size);
  }

  // Then the offset, or the cursor.
  page.offset = NonNegative(First(query, "offset")).value_or(0);
  if (s.cursor_paging && query.count("start")) {
    if (query.count("offset") || query.count("ordering")) {
      error = "The start parameter cannot be used with offset or ordering.";
      return false;
    }
    page.start = NonNegative(First(query, "start")).value_or(0);
    page.offset = 0;
  }
  return true;
}

std::optional<std::string> NextUrl(const std::string& base_path, const QueryParams& query,
                                   const Page& page, int count) {
  if (!page.limit || page.offset + *page.limit >= count) {
    return std::nullopt;
  }
  QueryParams q = query;
  q.erase("limit");
  q.emplace("limit", std::to_string(*page.limit));
  return WithParam(base_path, q, "offset", std::to_string(page.offset + *page.limit));
}

std::optional<std::string> PreviousUrl(const std::string& base_path,
                                       const QueryParams& query, const Page& page) {
  if (!page.limit || page.offset <= 0) {
    return std::nullopt;
  }
  QueryParams q = query;
  q.erase("limit");
  q.emplace("limit", std::to_string(*page.limit));
  if (page.offset - *page.limit <= 0) {
    return WithParam(base_path, q, "offset", std::nullopt);
  }
  return WithParam(base_path, q, "offset", std::to_string(page.offset - *page.limit));
}

std::string NextCursorUrl(const std::string& base_path, const QueryParams& query,
                          int limit, int last_pk) {
  QueryParams q = query;
  q.erase("limit");
  q.emplace("limit", std::to_string(limit));
  return WithParam(base_path, q, "start", std::to_string(last_pk + 1));
}

}  // namespace nbr::sim
