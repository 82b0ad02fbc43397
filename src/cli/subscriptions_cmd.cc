// `netbox-reconciler subscriptions list|show`.
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/context.h"
#include "store/json.h"

namespace nbr::cli {
namespace {

std::string OrDash(const std::optional<std::string>& value) {
  return value.value_or("-");
}

void PrintTable(const std::vector<store::Subscription>& subscriptions) {
  std::printf("%-36s %-7s %-20s %-12s %-6s %-16s %s\n", "ID", "DEVICE", "NAME",
              "LIFECYCLE", "INSYNC", "IPV4", "IPV6");
  for (const auto& s : subscriptions) {
    std::printf("%-36s %-7s %-20s %-12s %-6s %-16s %s\n", s.id.c_str(),
                s.node_id ? std::to_string(*s.node_id).c_str() : "-",
                OrDash(s.node_name).c_str(),
                std::string(LifecycleName(s.lifecycle)).c_str(), s.insync ? "yes" : "no",
                OrDash(s.ipv4_loopback).c_str(), OrDash(s.ipv6_loopback).c_str());
  }
}

int List(const CommonOptions& common, const std::string& lifecycle,
         bool include_terminated) {
  auto ctx = OpenContext(common.config_path, NeedNetBox::kNo);
  if (!ctx.ok()) {
    return ReportError(ctx.error());
  }
  store::SubscriptionQuery query;
  if (!include_terminated) {
    query.live = store::SubscriptionQuery::Live::kLiveOnly;
  }
  if (!lifecycle.empty()) {
    auto parsed = store::ParseLifecycle(lifecycle);
    if (!parsed.ok()) {
      return ReportError(parsed.error());
    }
    query.lifecycles = {parsed.value()};
    query.live = store::SubscriptionQuery::Live::kAny;
  }
  auto found = (*ctx)->store->ListSubscriptions(query);
  if (!found.ok()) {
    return ReportError(found.error());
  }

  if (common.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : *found) {
      out.push_back(store::ToJson(s));
    }
    std::cout << out.dump(2) << "\n";
  } else {
    PrintTable(*found);
  }
  return 0;
}

int Show(const CommonOptions& common, const std::string& id) {
  auto ctx = OpenContext(common.config_path, NeedNetBox::kNo);
  if (!ctx.ok()) {
    return ReportError(ctx.error());
  }
  auto& store = *(*ctx)->store;
  auto subscription = store.GetSubscription(id);
  if (!subscription.ok()) {
    return ReportError(subscription.error());
  }
  auto processes = store.ProcessesOfSubscription(id);
  if (!processes.ok()) {
    return ReportError(processes.error());
  }

  nlohmann::json out = store::ToJson(*subscription);
  out["processes"] = nlohmann::json::array();
  for (const auto& p : *processes) {
    out["processes"].push_back(store::ToJson(p));
  }
  if (common.json) {
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  for (const auto& [key, value] : out.items()) {
    if (key != "processes") {
      std::printf(
          "%-14s %s\n", (key + ":").c_str(),
          value.is_string() ? value.get<std::string>().c_str() : value.dump().c_str());
    }
  }
  std::printf("\n%-6s %-15s %-10s %-27s %s\n", "PID", "WORKFLOW", "STATUS", "MODIFIED",
              "LAST STEP");
  for (const auto& p : *processes) {
    std::printf("%-6lld %-15s %-10s %-27s %s\n", static_cast<long long>(p.id),
                p.workflow.c_str(), std::string(ProcessStatusName(p.status)).c_str(),
                FormatTimestamp(p.modified_at).c_str(), p.last_step.c_str());
  }
  return 0;
}

}  // namespace

void AddSubscriptionCommands(CLI::App& app, CommonOptions& common) {
  auto* group = app.add_subcommand("subscriptions", "Read node subscriptions");
  group->require_subcommand(1);

  auto* list = group->add_subcommand("list",
                                     "List live subscriptions (with --all, terminated "
                                     "ones too).\nExit codes: 0, 1 error.");
  auto lifecycle = std::make_shared<std::string>();
  auto all = std::make_shared<bool>(false);
  list->add_option(
      "--lifecycle", *lifecycle,
      "Only this lifecycle (initial, provisioning, active, disabled, migrating, "
      "terminated)");
  list->add_flag("--all", *all, "Include terminated subscriptions");
  list->add_flag("--json", common.json, "Print JSON");
  list->callback(
      [&common, lifecycle, all] { common.exit_code = List(common, *lifecycle, *all); });

  auto* show = group->add_subcommand(
      "show",
      "Show one subscription and its processes.\nExit codes: 0, 1 error or not found.");
  auto id = std::make_shared<std::string>();
  show->add_option("ID", *id, "Subscription id")->required();
  show->add_flag("--json", common.json, "Print JSON");
  show->callback([&common, id] { common.exit_code = Show(common, *id); });
}

}  // namespace nbr::cli
