#include "api/device_filter.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace nbr::sim {
namespace {

using nlohmann::ordered_json;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::optional<int> ToInt(const std::string& s) {
  if (s.empty() || s.size() > 9 ||
      s.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoi(s);
}

std::string InvalidChoice(const std::string& value) {
  return "Select a valid choice. " + value + " is not one of the available choices.";
}

// Collects the tests and the errors of one Parse call.
struct Builder {
  const QueryParams& q;
  const Inventory& inv;
  const NetBoxVersion& version;
  std::vector<std::function<bool(const Device&)>>& tests;
  ordered_json& errors;

  void Fail(const std::string& key, const std::string& message) {
    errors[key] = ordered_json::array({message});
  }

  // Several values of one parameter are ORed.
  std::optional<std::set<int>> Ints(const std::string& key) {
    auto values = Values(q, key);
    if (values.empty()) {
      return std::nullopt;
    }
    std::set<int> out;
    for (const auto& v : values) {
      auto n = ToInt(v);
      if (!n) {
        Fail(key, "Enter a number.");
        return std::nullopt;
      }
      out.insert(*n);
    }
    return out;
  }

  void Status() {
    for (const char* key : {"status", "status__n"}) {
      auto values = Values(q, key);
      if (values.empty()) {
        continue;
      }
      for (const auto& v : values) {
        if (DeviceStatusLabel(v) == nullptr) {
          return Fail(key, InvalidChoice(v));
        }
      }
      std::set<std::string> set(values.begin(), values.end());
      bool negate = std::string(key) == "status__n";
      tests.push_back(
          [set, negate](const Device& d) { return set.count(d.status) != negate; });
    }
  }

  void Ids() {
    if (auto ids = Ints("id")) {
      tests.push_back([ids = *ids](const Device& d) { return ids.count(d.id) > 0; });
    }
    if (auto ids = Ints("id__n")) {
      tests.push_back([ids = *ids](const Device& d) { return ids.count(d.id) == 0; });
    }
    using Cmp = std::function<bool(int, int)>;
    const std::pair<const char*, Cmp> bounds[] = {
        {"id__gt", std::greater<int>()},
        {"id__gte", std::greater_equal<int>()},
        {"id__lt", std::less<int>()},
        {"id__lte", std::less_equal<int>()},
    };
    for (const auto& [key, cmp] : bounds) {
      if (auto ids = Ints(key)) {
        int bound = *ids->begin();
        tests.push_back([bound, cmp = cmp](const Device& d) { return cmp(d.id, bound); });
      }
    }
  }

  void Names() {
    bool ignore_case = version.NameFilterIgnoresCase();
    auto add = [&](const char* key,
                   std::function<bool(const std::string&, const std::string&)> f,
                   bool negate) {
      auto values = Values(q, key);
      if (values.empty()) {
        return;
      }
      tests.push_back([values, f, negate](const Device& d) {
        bool any = false;
        for (const auto& v : values) {
          any = any || (d.name && f(*d.name, v));
        }
        return any != negate;
      });
    };
    auto exact = [ignore_case](const std::string& n, const std::string& v) {
      return ignore_case ? Lower(n) == Lower(v) : n == v;
    };
    auto iexact = [](const std::string& n, const std::string& v) {
      return Lower(n) == Lower(v);
    };
    auto icontains = [](const std::string& n, const std::string& v) {
      return Lower(n).find(Lower(v)) != std::string::npos;
    };
    auto istarts = [](const std::string& n, const std::string& v) {
      return Lower(n).rfind(Lower(v), 0) == 0;
    };
    auto iends = [](const std::string& n, const std::string& v) {
      std::string ln = Lower(n), lv = Lower(v);
      return ln.size() >= lv.size() &&
             ln.compare(ln.size() - lv.size(), lv.size(), lv) == 0;
    };
    add("name", exact, false);
    add("name__n", exact, true);
    add("name__ie", iexact, false);
    add("name__nie", iexact, true);
    add("name__ic", icontains, false);
    add("name__nic", icontains, true);
    add("name__isw", istarts, false);
    add("name__nisw", istarts, true);
    add("name__iew", iends, false);
    add("name__niew", iends, true);
    add("q", icontains, false);
  }

  // A foreign key given by slug (`key`) or by id (`id_key`).
  void Related(Kind kind, const std::string& key, const std::string& id_key,
               int Device::*member) {
    std::set<int> ids;
    auto slugs = Values(q, key);
    for (const auto& slug : slugs) {
      bool found = false;
      for (const auto& [id, r] : inv.All(kind)) {
        if (r.slug == slug) {
          ids.insert(id);
          found = true;
        }
      }
      if (!found) {
        return Fail(key, InvalidChoice(slug));
      }
    }
    auto by_id = Values(q, id_key);
    for (const auto& v : by_id) {
      auto n = ToInt(v);
      if (!n || inv.Find(kind, *n) == nullptr) {
        return Fail(id_key, InvalidChoice(v));
      }
      ids.insert(*n);
    }
    if (!slugs.empty() || !by_id.empty()) {
      tests.push_back(
          [ids, member](const Device& d) { return ids.count(d.*member) > 0; });
    }
  }

  void Tags() {
    std::vector<int> all;
    for (const char* key : {"tag", "tag__n"}) {
      bool negate = std::string(key) == "tag__n";
      for (const auto& slug : Values(q, key)) {
        int tag = 0;
        for (const auto& [id, r] : inv.All(Kind::kTag)) {
          tag = r.slug == slug ? id : tag;
        }
        if (tag == 0) {
          return Fail(key, InvalidChoice(slug));
        }
        // Several tags are ANDed.
        tests.push_back([tag, negate](const Device& d) {
          bool has = std::find(d.tags.begin(), d.tags.end(), tag) != d.tags.end();
          return has != negate;
        });
      }
    }
  }

  void Times() {
    for (const char* field : {"last_updated", "created"}) {
      for (const char* op : {"__gte", "__gt", "__lte", "__lt", ""}) {
        std::string key = std::string(field) + op;
        auto value = First(q, key);
        if (!value) {
          continue;
        }
        auto ts = Timestamp::Parse(*value);
        if (!ts) {
          return Fail(key, "Enter a valid date/time.");
        }
        bool created = std::string(field) == "created";
        std::string o = op;
        int64_t bound = ts->micros;
        tests.push_back([created, o, bound](const Device& d) {
          int64_t t = created ? d.created.micros : d.last_updated.micros;
          return o == "__gte"   ? t >= bound
                 : o == "__gt"  ? t > bound
                 : o == "__lte" ? t <= bound
                 : o == "__lt"  ? t < bound
                                : t == bound;
        });
      }
    }
  }

  void Others() {
    const std::pair<const char*, int Device::*> fks[] = {
        {"tenant_id", &Device::tenant},
        {"platform_id", &Device::platform},
        {"location_id", &Device::location},
        {"rack_id", &Device::rack},
        {"device_type_id", &Device::device_type},
        {"virtual_chassis_id", &Device::virtual_chassis},
        {"cluster_id", &Device::cluster},
    };
    for (const auto& [key, member] : fks) {
      if (auto ids = Ints(key)) {
        tests.push_back([ids = *ids, member = member](const Device& d) {
          return ids.count(d.*member) > 0;
        });
      }
    }
    if (auto v = First(q, "has_primary_ip")) {
      bool want = Lower(*v) == "true" || *v == "1";
      tests.push_back([want](const Device& d) {
        return (d.primary_ip4 != 0 || d.primary_ip6 != 0) == want;
      });
    }
  }
};

}  // namespace

bool DeviceFilter::Parse(const QueryParams& query, const Inventory& inventory,
                         const NetBoxVersion& version, DeviceFilter& out,
                         nlohmann::ordered_json& error) {
  ordered_json errors = ordered_json::object();
  Builder b{query, inventory, version, out.tests_, errors};
  b.Ids();
  b.Names();
  b.Related(Kind::kSite, "site", "site_id", &Device::site);
  b.Related(Kind::kRole, "role", "role_id", &Device::role);
  b.Related(Kind::kRole, "device_role", "device_role_id", &Device::role);
  b.Status();
  b.Tags();
  b.Times();
  b.Others();
  if (!errors.empty()) {
    error = errors;
    return false;
  }
  return true;
}

bool DeviceFilter::Matches(const Device& device) const {
  for (const auto& test : tests_) {
    if (!test(device)) {
      return false;
    }
  }
  return true;
}

}  // namespace nbr::sim
