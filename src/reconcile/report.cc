#include "reconcile/report.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace nbr::reconcile {
namespace {

constexpr FindingKind kAllKinds[] = {
    FindingKind::kPlannedWithoutSubscription,
    FindingKind::kEnrolledButPlanned,
    FindingKind::kOrphanedSubscription,
    FindingKind::kUnmanagedActiveDevice,
    FindingKind::kChangedDevice,
    FindingKind::kDuplicateSubscriptions,
    FindingKind::kStuckProcess,
};

double Seconds(const PassReport& r) {
  return std::chrono::duration<double>(r.finished_at - r.started_at).count();
}

Result<Trigger> ParseTrigger(std::string_view text) {
  for (Trigger t :
       {Trigger::kStartup, Trigger::kSchedule, Trigger::kWebhook, Trigger::kOperator}) {
    if (TriggerName(t) == text) {
      return t;
    }
  }
  return InvalidArgument("unknown trigger '" + std::string(text) + "'");
}

std::string Cell(std::string text, size_t width) {
  if (text.size() > width) {
    text = text.substr(0, width - 1) + "~";
  }
  return text + std::string(width - text.size() + 2, ' ');
}

std::string Compact(const nlohmann::json& j) {
  if (j.is_null() || (j.is_object() && j.empty())) {
    return "";
  }
  std::string out;
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      out += (out.empty() ? "" : " ") + k + "=" +
             (v.is_string() ? v.get<std::string>() : v.dump());
    }
    return out;
  }
  return j.dump();
}

}  // namespace

std::string_view TriggerName(Trigger trigger) {
  switch (trigger) {
    case Trigger::kStartup:
      return "startup";
    case Trigger::kSchedule:
      return "schedule";
    case Trigger::kWebhook:
      return "webhook";
    case Trigger::kOperator:
      return "operator";
  }
  return "operator";
}

std::map<std::string, int> PassReport::CountsByKind() const {
  std::map<std::string, int> counts;
  for (FindingKind k : kAllKinds) {
    counts[std::string(FindingKindName(k))] = 0;
  }
  for (const auto& f : findings) {
    ++counts[std::string(FindingKindName(f.kind))];
  }
  return counts;
}

nlohmann::json PassReport::Summary() const {
  std::map<std::string, int> outcomes;
  for (const auto& f : findings) {
    ++outcomes[std::string(OutcomeName(f.outcome))];
  }
  return {{"devices", device_count},
          {"subscriptions", subscription_count},
          {"findings", findings.size()},
          {"by_kind", CountsByKind()},
          {"by_outcome", outcomes},
          {"requests", requests},
          {"listing_complete", listing_complete},
          {"errors", errors.size()}};
}

nlohmann::json ToJson(const PassReport& r) {
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& f : r.findings) {
    findings.push_back(ToJson(f));
  }
  return {
      {"format_version", kReportFormatVersion},
      {"id", r.id},
      {"started_at", FormatTimestamp(r.started_at)},
      {"finished_at", FormatTimestamp(r.finished_at)},
      {"duration_seconds", Seconds(r)},
      {"trigger", TriggerName(r.trigger)},
      {"mode", r.mode == Mode::kPlan ? "plan" : "apply"},
      {"scope_device_id",
       r.scope_device_id ? nlohmann::json(*r.scope_device_id) : nullptr},
      {"netbox_version", r.netbox_version},
      {"device_count", r.device_count},
      {"subscription_count", r.subscription_count},
      {"listing_complete", r.listing_complete},
      {"pages", r.pages},
      {"duplicates_dropped", r.duplicates_dropped},
      {"requests", r.requests},
      {"counts", r.CountsByKind()},
      {"findings", findings},
      {"errors", r.errors},
  };
}

Result<PassReport> ReportFromJson(const nlohmann::json& j) {
  try {
    int version = j.at("format_version").get<int>();
    if (version != kReportFormatVersion) {
      return InvalidArgument("report format_version " + std::to_string(version) +
                             " is not supported (expected " +
                             std::to_string(kReportFormatVersion) + ")");
    }
    PassReport r;
    r.id = j.value("id", int64_t{0});
    NBR_ASSIGN_OR_RETURN(r.started_at,
                         ParseTimestamp(j.at("started_at").get<std::string>()));
    NBR_ASSIGN_OR_RETURN(r.finished_at,
                         ParseTimestamp(j.at("finished_at").get<std::string>()));
    NBR_ASSIGN_OR_RETURN(r.trigger, ParseTrigger(j.at("trigger").get<std::string>()));
    r.mode = j.value("mode", "apply") == "plan" ? Mode::kPlan : Mode::kApply;
    if (j.contains("scope_device_id") && j["scope_device_id"].is_number_integer()) {
      r.scope_device_id = j["scope_device_id"].get<int64_t>();
    }
    r.netbox_version = j.value("netbox_version", "");
    r.device_count = j.value("device_count", int64_t{0});
    r.subscription_count = j.value("subscription_count", int64_t{0});
    r.listing_complete = j.value("listing_complete", true);
    r.pages = j.value("pages", 0);
    r.duplicates_dropped = j.value("duplicates_dropped", 0);
    r.requests = j.value("requests", uint64_t{0});
    for (const auto& fj : j.at("findings")) {
      NBR_ASSIGN_OR_RETURN(auto f, FindingFromJson(fj));
      r.findings.push_back(std::move(f));
    }
    r.errors = j.value("errors", std::vector<std::string>{});
    return r;
  } catch (const nlohmann::json::exception& e) {
    return InvalidArgument(std::string("not a reconciliation report: ") + e.what());
  }
}

std::string RenderText(const PassReport& r) {
  std::ostringstream out;

  // 1. Summary.
  out << "Reconciliation report" << (r.id ? " #" + std::to_string(r.id) : "")
      << (r.mode == Mode::kPlan ? " (plan: nothing was changed)" : "") << "\n";
  out << "  started   " << FormatTimestamp(r.started_at) << " by "
      << TriggerName(r.trigger);
  if (r.scope_device_id) {
    out << " (device " << *r.scope_device_id << " only)";
  }
  out << "\n  took      " << std::fixed << std::setprecision(2) << Seconds(r) << " s, "
      << r.requests << " NetBox requests\n";
  out << "  NetBox    " << (r.netbox_version.empty() ? "?" : r.netbox_version) << ", "
      << r.device_count << " devices"
      << (r.listing_complete ? "" : " (LISTING INCOMPLETE)") << "; "
      << r.subscription_count << " live subscriptions\n";
  for (const auto& [kind, count] : r.CountsByKind()) {
    if (count > 0) {
      out << "  " << std::setw(4) << count << "  " << kind << "\n";
    }
  }
  if (r.findings.empty()) {
    out << "  no drift\n";
  }
  for (const auto& e : r.errors) {
    out << "  error: " << e << "\n";
  }

  // 2. One row per finding.
  if (!r.findings.empty()) {
    out << "\n"
        << Cell("DEVICE", 7) << Cell("NAME", 16) << Cell("KIND", 28) << Cell("ACTION", 15)
        << Cell("OUTCOME", 8) << Cell("PROCESS", 7) << "DETAIL\n";
    for (const auto& f : r.findings) {
      std::string detail = Compact(f.before);
      std::string after = Compact(f.after);
      if (!after.empty()) {
        detail += (detail.empty() ? "-> " : " -> ") + after;
      }
      if (!f.detail.empty()) {
        detail += (detail.empty() ? "" : "; ") + f.detail;
      }
      out << Cell(std::to_string(f.device_id), 7)
          << Cell(f.device_name.empty() ? "(unnamed)" : f.device_name, 16)
          << Cell(std::string(FindingKindName(f.kind)), 28)
          << Cell(std::string(ActionName(f.action)), 15)
          << Cell(std::string(OutcomeName(f.outcome)), 8)
          << Cell(f.process_id ? std::to_string(*f.process_id) : "-", 7) << detail
          << "\n";
    }
  }
  return out.str();
}

}  // namespace nbr::reconcile
