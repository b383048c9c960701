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

bool
Mip6BindingIsPreferred(const Mip6BindingCacheEntry& a, const Mip6BindingCacheEntry& b)
{
    // RFC 6089 §4.2: a lower BID-PRI is a higher priority; 0 is reserved, so it ranks last.
    const unsigned pa = a.priority == 0 ? 128u : a.priority;
    const unsigned pb = b.priority == 0 ? 128u : b.priority;
    if (pa != pb)
    {
        return pa < pb;
    }
    return a.bindingId < b.bindingId;
}

} // namespace ns3
