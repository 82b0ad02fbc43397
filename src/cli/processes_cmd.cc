// `netbox-reconciler processes list|show|resume|abort|confirm` and
// `netbox-reconciler enroll DEVICE_ID`.
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "cli/context.h"
#include "store/json.h"

namespace nbr::cli {
namespace {

// Exit codes of the commands that run a process.
constexpr int kExitDone = 0;
constexpr int kExitError = 1;
constexpr int kExitPending = 2;  // suspended or waiting

std::string Operator() {
  const char* user = std::getenv("USER");
  return std::string("operator:") + (user && *user ? user : "unknown");
}

void PrintProcessRow(const store::Process& p) {
  std::printf("%-6lld %-15s %-10s %-7s %-29s %-27s %s\n", static_cast<long long>(p.id),
              p.workflow.c_str(), std::string(ProcessStatusName(p.status)).c_str(),
              p.device_id ? std::to_string(*p.device_id).c_str() : "-",
              p.last_step.c_str(), FormatTimestamp(p.modified_at).c_str(),
              p.started_by.c_str());
}

void PrintProcessHeader() {
  std::printf("%-6s %-15s %-10s %-7s %-29s %-27s %s\n", "ID", "WORKFLOW", "STATUS",
              "DEVICE", "LAST STEP", "MODIFIED", "STARTED BY");
}

// Prints where a process stands after a run, and returns the exit code.
int ReportOutcome(const CommonOptions& common, const store::Process& p) {
  if (common.json) {
    std::cout << store::ToJson(p).dump(2) << "\n";
  } else {
    std::printf("process %lld %s: %s", static_cast<long long>(p.id), p.workflow.c_str(),
                std::string(ProcessStatusName(p.status)).c_str());
    if (p.status == store::ProcessStatus::kSuspended) {
      std::printf(" at %s (see `processes show %lld`, then `processes confirm %lld`)",
                  p.last_step.c_str(), static_cast<long long>(p.id),
                  static_cast<long long>(p.id));
    } else if (!p.failure_reason.empty()) {
      std::printf(" (%s)", p.failure_reason.c_str());
    }
    std::printf("\n");
  }
  switch (p.status) {
    case store::ProcessStatus::kCompleted:
      return kExitDone;
    case store::ProcessStatus::kSuspended:
    case store::ProcessStatus::kWaiting:
    case store::ProcessStatus::kCreated:
    case store::ProcessStatus::kRunning:
      return kExitPending;
    default:
      return kExitError;
  }
}

int List(const CommonOptions& common, const std::vector<std::string>& statuses,
         int limit) {
  auto ctx = OpenContext(common.config_path, NeedNetBox::kNo);
  if (!ctx.ok()) {
    return ReportError(ctx.error());
  }
  store::ProcessQuery query;
  query.limit = limit;
  for (const auto& text : statuses) {
    auto status = store::ParseProcessStatus(text);
    if (!status.ok()) {
      return ReportError(status.error());
    }
    query.statuses.push_back(status.value());
  }
  auto found = (*ctx)->store->ListProcesses(query);
  if (!found.ok()) {
    return ReportError(found.error());
  }

  if (common.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : *found) {
      out.push_back(store::ToJson(p));
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  PrintProcessHeader();
  for (const auto& p : *found) {
    PrintProcessRow(p);
  }
  return 0;
}

int Show(const CommonOptions& common, store::ProcessId id) {
  auto ctx = OpenContext(common.config_path, NeedNetBox::kNo);
  if (!ctx.ok()) {
    return ReportError(ctx.error());
  }
  auto& store = *(*ctx)->store;
  auto process = store.GetProcess(id);
  if (!process.ok()) {
    return ReportError(process.error());
  }
  auto log = store.StepLog(id);
  if (!log.ok()) {
    return ReportError(log.error());
  }

  const auto& state = process->state;
  std::string config = state.value("router_config", "");
  if (common.json) {
    nlohmann::json out = store::ToJson(*process);
    out["state"] = state;
    out["steps"] = nlohmann::json::array();
    for (const auto& entry : *log) {
      out["steps"].push_back(store::ToJson(entry));
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }

  // 1. The process.
  const nlohmann::json fields = store::ToJson(*process);
  for (const auto& [key, value] : fields.items()) {
    std::printf(
        "%-16s %s\n", (key + ":").c_str(),
        value.is_string() ? value.get<std::string>().c_str() : value.dump().c_str());
  }

  // 2. Its step log.
  std::printf("\n%-4s %-30s %-9s %-27s %-7s %s\n", "#", "STEP", "STATUS", "COMPLETED",
              "RETRIES", "ERROR");
  for (const auto& e : *log) {
    std::printf("%-4d %-30s %-9s %-27s %-7d %s\n", e.step_index, e.name.c_str(),
                std::string(StepStatusName(e.status)).c_str(),
                FormatTimestamp(e.completed_at).c_str(), e.retries, e.error.c_str());
  }

  // 3. The configuration for the router, when rendered.
  if (!config.empty()) {
    std::printf("\nRouter configuration:\n%s", config.c_str());
  }
  return 0;
}

// Runs `action` on an engine with a NetBox client, reporting the outcome.
template <typename Action>
int WithEngine(const CommonOptions& common, Action action) {
  auto ctx = OpenContext(common.config_path, NeedNetBox::kYes);
  if (!ctx.ok()) {
    return ReportError(ctx.error());
  }
  Result<store::Process> process = action(*(*ctx)->engine);
  if (!process.ok()) {
    return ReportError(process.error());
  }
  return ReportOutcome(common, *process);
}

int Abort(const CommonOptions& common, store::ProcessId id, const std::string& reason) {
  auto ctx = OpenContext(common.config_path, NeedNetBox::kNo);
  if (!ctx.ok()) {
    return ReportError(ctx.error());
  }
  auto aborted = (*ctx)->store->AbortProcess(id, reason);
  if (!aborted.ok()) {
    return ReportError(aborted.error());
  }
  std::printf("process %lld aborted\n", static_cast<long long>(id));
  return 0;
}

constexpr const char* kRunExitCodes =
    "\nExit codes: 0 completed, 2 suspended or waiting (see `processes show`), 1 failed "
    "or "
    "error.";

}  // namespace

void AddProcessCommands(CLI::App& app, CommonOptions& common) {
  auto* group = app.add_subcommand("processes", "Inspect and steer workflow processes");
  group->require_subcommand(1);

  auto* list = group->add_subcommand(
      "list", "List processes, newest first.\nExit codes: 0, 1 error.");
  auto statuses = std::make_shared<std::vector<std::string>>();
  auto limit = std::make_shared<int>(50);
  list->add_option("--status", *statuses,
                   "Only these statuses (created, running, suspended, waiting, failed, "
                   "aborted, completed); repeatable");
  list->add_option("--limit", *limit, "How many")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  list->add_flag("--json", common.json, "Print JSON");
  list->callback(
      [&common, statuses, limit] { common.exit_code = List(common, *statuses, *limit); });

  auto* show = group->add_subcommand(
      "show",
      "Show a process, its step log and the rendered router configuration.\n"
      "Exit codes: 0, 1 error or not found.");
  auto show_id = std::make_shared<int64_t>(0);
  show->add_option("ID", *show_id, "Process id")->required()->check(CLI::PositiveNumber);
  show->add_flag("--json", common.json, "Print JSON");
  show->callback([&common, show_id] { common.exit_code = Show(common, *show_id); });

  auto* resume = group->add_subcommand(
      "resume",
      std::string(
          "Run a created, waiting or failed process on from the step that did not "
          "complete.") +
          kRunExitCodes);
  auto resume_id = std::make_shared<int64_t>(0);
  resume->add_option("ID", *resume_id, "Process id")
      ->required()
      ->check(CLI::PositiveNumber);
  resume->add_flag("--json", common.json, "Print JSON");
  resume->callback([&common, resume_id] {
    common.exit_code = WithEngine(
        common, [&](engine::Engine& engine) { return engine.Resume(*resume_id); });
  });

  auto* confirm = group->add_subcommand(
      "confirm",
      std::string("Confirm that the configuration shown by `processes show` is on "
                  "the router, and run the process on.") +
          kRunExitCodes);
  auto confirm_id = std::make_shared<int64_t>(0);
  auto by = std::make_shared<std::string>(Operator());
  confirm->add_option("ID", *confirm_id, "Process id")
      ->required()
      ->check(CLI::PositiveNumber);
  confirm->add_option("--by", *by, "Who confirms")->capture_default_str();
  confirm->add_flag("--json", common.json, "Print JSON");
  confirm->callback([&common, confirm_id, by] {
    nlohmann::json input = {{"config_put_on_router", true}, {"by", *by}};
    common.exit_code = WithEngine(common, [&](engine::Engine& engine) {
      return engine.Confirm(*confirm_id, input);
    });
  });

  auto* abort = group->add_subcommand(
      "abort",
      "Abort a process that is not running; its subscription stays as it is.\n"
      "Exit codes: 0 aborted, 1 error (not found, running or finished).");
  auto abort_id = std::make_shared<int64_t>(0);
  auto reason = std::make_shared<std::string>("aborted by " + Operator());
  abort->add_option("ID", *abort_id, "Process id")
      ->required()
      ->check(CLI::PositiveNumber);
  abort->add_option("--reason", *reason, "Why")->capture_default_str();
  abort->callback([&common, abort_id, reason] {
    common.exit_code = Abort(common, *abort_id, *reason);
  });
}

void AddEnrollCommand(CLI::App& app, CommonOptions& common) {
  auto* enroll = app.add_subcommand(
      "enroll", std::string("Enroll a planned NetBox device as a node subscription (runs "
                            "create_node now).") +
                    kRunExitCodes);
  auto device_id = std::make_shared<int64_t>(0);
  enroll->add_option("DEVICE_ID", *device_id, "NetBox device id")
      ->required()
      ->check(CLI::PositiveNumber);
  enroll->add_flag("--json", common.json, "Print JSON");
  enroll->callback([&common, device_id] {
    common.exit_code =
        WithEngine(common, [&](engine::Engine& engine) -> Result<store::Process> {
          NBR_ASSIGN_OR_RETURN(auto id, engine.StartCreateNode(*device_id, Operator()));
          return engine.RunProcess(id);
        });
  });
}

}  // namespace nbr::cli
