// Synthetic inventories for scale tests and benchmarks.
#pragma once

#include "model/inventory.h"

namespace nbr::sim {

// Adds `count` devices (ids after those already present) with everything
// they point at. Deterministic: the same count gives the same inventory.
// The mix: every status (about 40 % planned), up to 500 sites, three roles,
// every 50th device unnamed, every 25th repeating the previous device's
// name at another site, and loopbacks that are dual-stack, IPv4-only,
// IPv6-only or absent.
void GenerateDevices(int count, Inventory& inventory);

}  // namespace nbr::sim
