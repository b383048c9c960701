/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-none-design.h"

#include "ns3/mip6-security-factory.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(Mip6NoneDesign);

TypeId
Mip6NoneDesign::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6NoneDesign")
                            .SetParent<Mip6SecurityDesign>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6NoneDesign>();
    return tid;
}

std::string
Mip6NoneDesign::GetId() const
{
    return "none";
}

Ptr<Mip6MnSecurity>
Mip6NoneDesign::CreateMnSide()
{
    // The base classes implement the unprotected RFC 6275 behaviour.
    return CreateObject<Mip6MnSecurity>();
}

Ptr<Mip6HaSecurity>
Mip6NoneDesign::CreateHaSide()
{
    return CreateObject<Mip6HaSecurity>();
}

namespace
{
/// Registers `none` with the factory when the library loads.
struct NoneDesignRegistrar
{
    NoneDesignRegistrar()
    {
        Mip6SecurityDesignFactory::Register(
            {"none", "ns3::Mip6NoneDesign", "RFC 6275 with no protection (reference only)", {}});
    }
} g_noneDesignRegistrar;
} // namespace

} // namespace ns3
