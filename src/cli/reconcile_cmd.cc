#include <algorithm>
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/context.h"
#include "reconcile/report.h"

namespace nbr::cli {
namespace {

void Print(const reconcile::PassReport& report, bool json) {
  if (json) {
    std::cout << reconcile::ToJson(report).dump(2) << "\n";
  } else {
    std::cout << reconcile::RenderText(report);
  }
}

// `plan`: exit 0 without drift, 2 with drift, 1 on error.
int RunPlan(const CommonOptions& common) {
  auto ctx = OpenContext(common.config_path, NeedNetBox::kYes);
  if (!ctx.ok()) {
    return ReportError(ctx.error());
  }
  auto report =
      (*ctx)->reconciler->RunPass(reconcile::Trigger::kOperator, reconcile::Mode::kPlan);
  if (!report.ok()) {
    return ReportError(report.error());
  }
  Print(*report, common.json);
  if (!report->listing_complete || !report->errors.empty()) {
    return 1;
  }
  return report->HasDrift() ? 2 : 0;
}

// `reconcile --once`: exit 0 when the pass ran and nothing failed, 1 otherwise.
int RunOnce(const CommonOptions& common) {
  auto ctx = OpenContext(common.config_path, NeedNetBox::kYes);
  if (!ctx.ok()) {
    return ReportError(ctx.error());
  }
  auto report =
      (*ctx)->reconciler->RunPass(reconcile::Trigger::kOperator, reconcile::Mode::kApply);
  if (!report.ok()) {
    return ReportError(report.error());
  }
  Print(*report, common.json);
  bool failed =
      std::any_of(report->findings.begin(), report->findings.end(),
                  [](const auto& f) { return f.outcome == reconcile::Outcome::kFailed; });
  return (failed || !report->errors.empty()) ? 1 : 0;
}

Result<reconcile::PassReport> LoadReport(store::Store& store, std::optional<int64_t> id) {
  store::Report row;
  if (id) {
    NBR_ASSIGN_OR_RETURN(row, store.GetReport(*id));
  } else {
    NBR_ASSIGN_OR_RETURN(auto latest, store.LatestReport());
    if (!latest) {
      return NotFound("no reconciliation report yet");
    }
    row = std::move(*latest);
  }
  nlohmann::json json = nlohmann::json::parse(row.report_json, nullptr, false);
  if (json.is_discarded()) {
    return Internal("report " + std::to_string(row.id) + " is not valid JSON");
  }
  NBR_ASSIGN_OR_RETURN(auto report, reconcile::ReportFromJson(json));
  report.id = row.id;
  return report;
}

int ShowReport(const CommonOptions& common, std::optional<int64_t> id) {
  auto ctx = OpenContext(common.config_path, NeedNetBox::kNo);
  if (!ctx.ok()) {
    return ReportError(ctx.error());
  }
  auto report = LoadReport(*(*ctx)->store, id);
  if (!report.ok()) {
    return ReportError(report.error());
  }
  Print(*report, common.json);
  return 0;
}

int ListReports(const CommonOptions& common, int limit) {
  auto ctx = OpenContext(common.config_path, NeedNetBox::kNo);
  if (!ctx.ok()) {
    return ReportError(ctx.error());
  }
  auto rows = (*ctx)->store->ListReports(limit);
  if (!rows.ok()) {
    return ReportError(rows.error());
  }
  if (common.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : *rows) {
      out.push_back({{"id", r.id},
                     {"started_at", FormatTimestamp(r.started_at)},
                     {"finished_at", FormatTimestamp(r.finished_at)},
                     {"trigger", r.trigger},
                     {"summary", r.summary}});
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::printf("%-6s %-27s %-9s %8s %8s %9s\n", "ID", "STARTED", "TRIGGER", "DEVICES",
              "FINDINGS", "REQUESTS");
  for (const auto& r : *rows) {
    std::printf("%-6lld %-27s %-9s %8lld %8lld %9lld\n", static_cast<long long>(r.id),
                FormatTimestamp(r.started_at).c_str(), r.trigger.c_str(),
                r.summary.value("devices", 0LL), r.summary.value("findings", 0LL),
                r.summary.value("requests", 0LL));
  }
  return 0;
}

}  // namespace

void AddReconcileCommands(CLI::App& app, CommonOptions& common) {
  auto* plan = app.add_subcommand(
      "plan",
      "Compute a reconcile pass and print what it would do; change nothing.\n"
      "Exit codes: 0 no drift, 2 drift found, 1 error (NetBox unreachable, listing "
      "failed).");
  plan->add_flag("--json", common.json, "Print the report as JSON");
  plan->callback([&common] { common.exit_code = RunPlan(common); });

  auto* reconcile = app.add_subcommand(
      "reconcile",
      "Run one reconcile pass and apply the configured policies.\n"
      "Exit codes: 0 done, 1 an error or a failed action (see the report).");
  auto once = std::make_shared<bool>(false);
  reconcile->add_flag("--once", *once, "Run one pass and exit (required)")->required();
  reconcile->add_flag("--json", common.json, "Print the report as JSON");
  reconcile->callback([&common] { common.exit_code = RunOnce(common); });

  auto* report = app.add_subcommand("report", "Read stored reconciliation reports");
  report->require_subcommand(1);
  auto* list = report->add_subcommand("list", "List reports, newest first");
  auto limit = std::make_shared<int>(20);
  list->add_option("--limit", *limit, "How many")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  list->add_flag("--json", common.json, "Print JSON");
  list->callback([&common, limit] { common.exit_code = ListReports(common, *limit); });

  auto* show = report->add_subcommand("show", "Show one report (default: the latest)");
  auto id = std::make_shared<int64_t>(0);
  show->add_option("ID", *id, "Report id")->check(CLI::PositiveNumber);
  show->add_flag("--json", common.json, "Print JSON");
  show->callback([&common, id] {
    common.exit_code =
        ShowReport(common, *id > 0 ? std::optional<int64_t>(*id) : std::nullopt);
  });
}

}  // namespace nbr::cli
