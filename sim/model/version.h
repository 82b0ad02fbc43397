// The NetBox version being emulated and the behaviour that depends on it.
#pragma once

#include <optional>
#include <string>

namespace nbr::sim {

// A NetBox release, e.g. 4.5 or 3.6.5. Comparisons use (major, minor, patch);
// a version given without a patch level stands for the latest patch of that
// minor release.
struct NetBoxVersion {
  int major = 4;
  int minor = 5;
  int patch = -1;  // -1: not given, the latest of the minor release

  // Parses "4.5" or "3.6.5". Returns nullopt on anything else.
  static std::optional<NetBoxVersion> Parse(const std::string& text);

  // At least major.minor[.patch] (an unset patch counts as the latest).
  bool AtLeast(int maj, int min, int pat = 0) const;

  // "4.5": what the API-Version header says.
  std::string ApiVersion() const;
  // "4.5.10": what /api/status/ reports as netbox-version.
  std::string FullVersion() const;

  // --- Behaviour that changed between releases. ---
  bool HasDisplayUrl() const { return AtLeast(4, 1); }
  bool HasRoleKey() const { return AtLeast(3, 6); }
  bool HasDeviceRoleKey() const { return !AtLeast(4, 0); }
  bool HasDescription() const { return AtLeast(3, 2); }
  bool HasConfigTemplate() const { return AtLeast(3, 5); }
  bool HasLatLong() const { return AtLeast(3, 6); }
  bool HasOobIp() const { return AtLeast(4, 1); }
  bool HasComponentCounts() const { return AtLeast(4, 0); }
  bool HasOwner() const { return AtLeast(4, 5); }
  bool NestedHasDescription() const { return AtLeast(4, 0); }
  bool NestedIpFamilyIsObject() const { return AtLeast(3, 2); }
  bool CreatedIsDateTime() const { return AtLeast(3, 2); }
  bool ApiVersionOnEveryResponse() const { return AtLeast(4, 0); }
  bool HasRequestIdHeader() const { return AtLeast(4, 0); }
  bool NameFilterIgnoresCase() const { return AtLeast(4, 0); }
  bool NameRequiredOnCreate() const { return !AtLeast(4, 0); }
  bool HasFieldsParam() const { return AtLeast(4, 0); }
  bool HasOmitParam() const { return AtLeast(4, 5, 2); }
  bool HasV2Tokens() const { return AtLeast(4, 5); }
  bool HasEtags() const { return AtLeast(4, 6); }
  bool HasCursorPaging() const { return AtLeast(4, 6); }
  bool PageSizeQuirk() const { return !AtLeast(4, 2); }
  bool DuplicateRowsQuirk() const {
    return major == 4 && minor == 2 && patch >= 3 && patch <= 4;
  }
  bool WebhookTimestampHasT() const { return AtLeast(3, 6, 6); }
  std::string NotFoundText() const {
    return AtLeast(4, 0) ? "No Device matches the given query." : "Not found.";
  }
};

}  // namespace nbr::sim
