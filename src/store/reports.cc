// Store: reconciliation reports.
#include "store/store.h"

namespace nbr::store {
namespace {

Result<Report> ReadRow(const Statement& row) {
  Report report;
  report.id = row.Int(0);
  report.started_at = row.Time(1);
  report.finished_at = row.Time(2);
  report.trigger = row.Text(3);
  report.summary =
      nlohmann::json::parse(row.Text(4), nullptr, /*allow_exceptions=*/false);
  if (report.summary.is_discarded()) {
    return Internal("report " + std::to_string(report.id) + ": summary is not JSON");
  }
  report.report_json = row.Text(5);
  return report;
}

}  // namespace

Result<int64_t> Store::SaveReport(const Report& report) {
  std::lock_guard lock(mu_);
  NBR_ASSIGN_OR_RETURN(auto statement, connection_->Prepare(R"sql(
INSERT INTO reports (started_at, finished_at, trigger, summary, report)
VALUES (?1, ?2, ?3, ?4, ?5)
)sql"));
  statement.Bind(report.started_at, report.finished_at, report.trigger,
                 report.summary.dump(), report.report_json);
  NBR_RETURN_IF_ERROR(statement.Run());
  return connection_->LastInsertId();
}

Result<std::vector<Report>> Store::ListReports(int limit) {
  std::lock_guard lock(mu_);
  NBR_ASSIGN_OR_RETURN(auto statement, connection_->Prepare(R"sql(
SELECT id, started_at, finished_at, trigger, summary, '' FROM reports
ORDER BY id DESC LIMIT ?1
)sql"));
  statement.Bind(limit);
  std::vector<Report> reports;
  while (true) {
    NBR_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) {
      return reports;
    }
    NBR_ASSIGN_OR_RETURN(auto report, ReadRow(statement));
    reports.push_back(std::move(report));
  }
}

Result<Report> Store::GetReport(int64_t id) {
  std::lock_guard lock(mu_);
  NBR_ASSIGN_OR_RETURN(auto statement, connection_->Prepare(R"sql(
SELECT id, started_at, finished_at, trigger, summary, report FROM reports WHERE id = ?1
)sql"));
  statement.Bind(id);
  NBR_ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) {
    return NotFound("no report " + std::to_string(id));
  }
  return ReadRow(statement);
}

Result<std::optional<Report>> Store::LatestReport() {
  std::lock_guard lock(mu_);
  NBR_ASSIGN_OR_RETURN(auto statement, connection_->Prepare(R"sql(
SELECT id, started_at, finished_at, trigger, summary, report FROM reports
ORDER BY id DESC LIMIT 1
)sql"));
  NBR_ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) {
    return std::optional<Report>();
  }
  NBR_ASSIGN_OR_RETURN(auto report, ReadRow(statement));
  return std::optional<Report>(std::move(report));
}

}  // namespace nbr::store
