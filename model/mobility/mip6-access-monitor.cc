/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-access-monitor.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6AccessMonitor");

NS_OBJECT_ENSURE_REGISTERED(Mip6AccessMonitor);

TypeId
Mip6AccessMonitor::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6AccessMonitor")
            .SetParent<Object>()
            .SetGroupName("Mip6")
            .AddAttribute(
                "DadWait",
                "Wait between forming a CoA and using it: 0 s = optimistic DAD (RFC 4429), "
                "1 s = RFC 4862 (DupAddrDetectTransmits 1 x RetransTimer 1 s).",
                TimeValue(Seconds(0)),
                MakeTimeAccessor(&Mip6AccessMonitor::m_dadWait),
                MakeTimeChecker(Seconds(0)))
            .AddTraceSource("L2Lost",
                            "The MN declared the access lost (argument: time of the last frame "
                            "received from it).",
                            MakeTraceSourceAccessor(&Mip6AccessMonitor::m_l2LostTrace),
                            "ns3::Mip6AccessMonitor::TimeTracedCallback")
            .AddTraceSource("L2Up",
                            "L2 is up (argument: the BSSID, or GetCellAddress(cell id)).",
                            MakeTraceSourceAccessor(&Mip6AccessMonitor::m_l2UpTrace),
                            "ns3::Mip6AccessMonitor::BssidTracedCallback")
            .AddTraceSource("CoaFormed",
                            "A new care-of address was formed on this access.",
                            MakeTraceSourceAccessor(&Mip6AccessMonitor::m_coaFormedTrace),
                            "ns3::Mip6AccessMonitor::AddressTracedCallback")
            .AddTraceSource("CoaUsable",
                            "The new care-of address may be used (after the DAD wait).",
                            MakeTraceSourceAccessor(&Mip6AccessMonitor::m_coaUsableTrace),
                            "ns3::Mip6AccessMonitor::AddressTracedCallback")
            .AddTraceSource("Home",
                            "The access is on the home link (argument: the home prefix).",
                            MakeTraceSourceAccessor(&Mip6AccessMonitor::m_homeTrace),
                            "ns3::Mip6AccessMonitor::AddressTracedCallback")
            .AddTraceSource("CoaLost",
                            "The access's care-of address can no longer be used.",
                            MakeTraceSourceAccessor(&Mip6AccessMonitor::m_coaLostTrace),
                            "ns3::Mip6AccessMonitor::AddressTracedCallback");
    return tid;
}

Mip6AccessMonitor::Mip6AccessMonitor() = default;

Mip6AccessMonitor::~Mip6AccessMonitor() = default;

bool
Mip6AccessMonitor::IsHome() const
{
    return false;
}

Mac48Address
Mip6AccessMonitor::GetDefaultRouterMac() const
{
    return Mac48Address();
}

uint32_t
Mip6AccessMonitor::GetInterface() const
{
    return m_ifIndex;
}

Mac48Address
Mip6AccessMonitor::GetCellAddress(uint16_t cellId)
{
    uint8_t bytes[6] =
        {0x02, 0, 0, 0, static_cast<uint8_t>(cellId >> 8), static_cast<uint8_t>(cellId & 0xff)};
    Mac48Address a;
    a.CopyFrom(bytes);
    return a;
}

void
Mip6AccessMonitor::DoDispose()
{
    Object::DoDispose();
}

} // namespace ns3
