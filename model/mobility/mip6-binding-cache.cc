/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-binding-cache.h"

namespace ns3
{

bool
Mip6SequenceIsNewer(uint16_t seq, uint16_t last)
{
    const uint16_t diff = static_cast<uint16_t>(seq - last);
    return diff != 0 && diff < 32768;
}

} // namespace ns3
