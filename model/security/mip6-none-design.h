/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_NONE_DESIGN_H
#define MIP6_NONE_DESIGN_H

#include "ns3/mip6-security-design.h"

namespace ns3
{

/**
 * \ingroup mip6
 * The `none` design: RFC 6275 signalling with no protection at all, the reference every other
 * design is compared with (DESIGN.md §1). BU = IPv6 + DestOpt(HAO) + MH(BU, AltCoA) = 96 bytes,
 * BA = IPv6 + RH2 + MH(BA) = 80 bytes; the tunnel is plain IPv6-in-IPv6.
 */
class Mip6NoneDesign : public Mip6SecurityDesign
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    std::string GetId() const override;
    Ptr<Mip6MnSecurity> CreateMnSide() override;
    Ptr<Mip6HaSecurity> CreateHaSide() override;
};

} // namespace ns3

#endif /* MIP6_NONE_DESIGN_H */
