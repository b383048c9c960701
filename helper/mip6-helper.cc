/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-helper.h"

#include "ns3/log.h"
#include "ns3/mip6-processing-delay.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6Helper");

Mip6Helper::Mip6Helper(Ptr<Mip6SecurityDesign> design)
    : m_design(design)
{
    m_mnFactory.SetTypeId(Mip6MobileNode::GetTypeId());
    m_haFactory.SetTypeId(Mip6HomeAgent::GetTypeId());
    m_probeFactory.SetTypeId(Mip6ProbeApplication::GetTypeId());
}

void
Mip6Helper::SetMobileNodeAttribute(const std::string& name, const AttributeValue& value)
{
    m_mnFactory.Set(name, value);
}

void
Mip6Helper::SetHomeAgentAttribute(const std::string& name, const AttributeValue& value)
{
    m_haFactory.Set(name, value);
}

void
Mip6Helper::SetProbeAttribute(const std::string& name, const AttributeValue& value)
{
    m_probeFactory.Set(name, value);
}

bool
Mip6Helper::SetProcessingProfile(const std::string& profile)
{
    std::string mn;
    std::string ha;
    if (!Mip6ProcessingDelay::SplitProfilePair(profile, mn, ha))
    {
        return false;
    }
    m_processing = profile;
    return true;
}

std::string
Mip6Helper::GetProcessingProfile() const
{
    return m_processing;
}

void
Mip6Helper::InstallProcessing(Ptr<Node> node, bool mobileNode) const
{
    std::string mn;
    std::string ha;
    Mip6ProcessingDelay::SplitProfilePair(m_processing, mn, ha);
    const std::string& profile = mobileNode ? mn : ha;
    if (profile != "none" && node)
    {
        Mip6ProcessingDelay::Install(node)->ApplyProfile(profile);
    }
}

Ptr<Mip6HomeAgent>
Mip6Helper::InstallHomeAgent(Ptr<Node> node,
                             Ipv6Address haAddress,
                             Ipv6Address homePrefix,
                             uint8_t prefixLength,
                             uint32_t homeInterface)
{
    Ptr<Mip6HomeAgent> ha = m_haFactory.Create<Mip6HomeAgent>();
    ha->SetAttribute("HomeAgentAddress", Ipv6AddressValue(haAddress));
    ha->SetAttribute("HomePrefix", Ipv6AddressValue(homePrefix));
    ha->SetAttribute("HomePrefixLength", UintegerValue(prefixLength));
    ha->SetAttribute("HomeInterface", UintegerValue(homeInterface));
    ha->SetSecurity(m_design->CreateHaSide());
    InstallProcessing(node, false);
    node->AddApplication(ha);
    return ha;
}

Ptr<Mip6MobileNode>
Mip6Helper::CreateMobileNode(Ptr<Node> node,
                             Ipv6Address hoa,
                             Ipv6Address ha,
                             Ipv6Address homePrefix,
                             uint8_t prefixLength)
{
    Ptr<Mip6MobileNode> mn = m_mnFactory.Create<Mip6MobileNode>();
    Ptr<Mip6MnSecurity> security = m_design->CreateMnSide();
    InstallProcessing(node, true);
    // RFC 4877 §9: an MN whose design assigns the HoA starts without one; the HA's provisioning
    // (InstallOnWlan: ProvisionHomeAddress) holds it.
    mn->SetAttribute(
        "HomeAddress",
        Ipv6AddressValue(security->AssignsHomeAddress() ? Ipv6Address::GetAny() : hoa));
    mn->SetAttribute("HomeAgentAddress", Ipv6AddressValue(ha));
    mn->SetAttribute("HomePrefix", Ipv6AddressValue(homePrefix));
    mn->SetAttribute("HomePrefixLength", UintegerValue(prefixLength));
    mn->SetSecurity(security);
    return mn;
}

Ptr<Mip6MobileNode>
Mip6Helper::InstallMobileNode(Ptr<Node> node,
                              Ptr<WifiNetDevice> access,
                              Ipv6Address hoa,
                              Ipv6Address ha,
                              Ipv6Address homePrefix,
                              uint8_t prefixLength)
{
    Ptr<Mip6MobileNode> mn = CreateMobileNode(node, hoa, ha, homePrefix, prefixLength);
    mn->SetAccessDevice(access);
    node->AddApplication(mn);
    return mn;
}

Ptr<Mip6MobileNode>
Mip6Helper::InstallMobileNode(Ptr<Node> node,
                              Ptr<Mip6AccessMonitor> access,
                              Ipv6Address hoa,
                              Ipv6Address ha,
                              Ipv6Address homePrefix,
                              uint8_t prefixLength)
{
    Ptr<Mip6MobileNode> mn = CreateMobileNode(node, hoa, ha, homePrefix, prefixLength);
    mn->SetAccessMonitor(access);
    node->AddApplication(mn);
    return mn;
}

Mip6Helper::ProbePair
Mip6Helper::InstallProbes(Ptr<Node> cn,
                          Ipv6Address cnAddress,
                          Ptr<Node> mn,
                          Ipv6Address hoa,
                          Time start,
                          Time stop)
{
    ProbePair probes;
    probes.cnProbe = m_probeFactory.Create<Mip6ProbeApplication>();
    probes.cnProbe->SetAttribute("Remote", Ipv6AddressValue(hoa));
    cn->AddApplication(probes.cnProbe);
    probes.mnProbe = m_probeFactory.Create<Mip6ProbeApplication>();
    probes.mnProbe->SetAttribute("Remote", Ipv6AddressValue(cnAddress));
    mn->AddApplication(probes.mnProbe);
    for (auto app : {probes.cnProbe, probes.mnProbe})
    {
        app->SetStartTime(start);
        app->SetStopTime(stop);
    }
    return probes;
}

Mip6Helper::Installation
Mip6Helper::InstallOnWlan(const Mip6WlanTopology& topo,
                          Time start,
                          Time stop,
                          const std::vector<Ptr<Mip6AccessMonitor>>& extraAccesses)
{
    Installation inst;
    InstallProcessing(topo.hac, false); // the HA-Controller is a server like the HA
    inst.homeAgent = InstallHomeAgent(topo.ha,
                                      topo.haHomeAddress,
                                      topo.homePrefix,
                                      topo.homePrefixLength,
                                      topo.haHomeInterface);
    inst.mobileNode = InstallMobileNode(topo.mn,
                                        topo.mnWifiDevice,
                                        topo.mnHomeAddress,
                                        topo.haHomeAddress,
                                        topo.homePrefix,
                                        topo.homePrefixLength);
    for (const auto& access : extraAccesses)
    {
        inst.mobileNode->AddAccess(access);
    }
    inst.homeAgent->SetMnId(topo.mnHomeAddress, topo.mn->GetId());
    inst.homeAgent->GetSecurity()->ProvisionHomeAddress(topo.mn->GetId(), topo.mnHomeAddress);
    inst.homeAgent->SetStartTime(Seconds(0));
    inst.homeAgent->SetStopTime(stop);
    inst.mobileNode->SetStartTime(Seconds(0));
    inst.mobileNode->SetStopTime(stop);

    const ProbePair probes =
        InstallProbes(topo.cn, topo.cnAddress, topo.mn, topo.mnHomeAddress, start, stop);
    inst.cnProbe = probes.cnProbe;
    inst.mnProbe = probes.mnProbe;

    inst.timeline = CreateObject<Mip6HandoverTimeline>();
    std::map<Mac48Address, std::string> names;
    for (const auto& ar : topo.accessRouters)
    {
        names[ar.bssid] = ar.accessName;
    }
    inst.timeline->SetAccessNames(names);
    inst.timeline->Attach(inst.mobileNode, inst.mnProbe);
    // The timeline's trace sinks must live as long as the MN: it is aggregated to the node.
    topo.mn->AggregateObject(inst.timeline);
    return inst;
}

Ptr<Mip6OverheadMeter>
Mip6Helper::InstallOverheadMeter(const Mip6WlanTopology& topo,
                                 const Installation& inst,
                                 const std::vector<uint32_t>& extraHaCoreInterfaces) const
{
    const uint32_t mn = topo.mn->GetId();
    Ptr<Mip6OverheadMeter> meter = CreateObject<Mip6OverheadMeter>();
    Ptr<Mip6HandoverTimeline> timeline = inst.timeline;
    meter->SetPhaseProvider([timeline](uint32_t, Time now) { return timeline->GetPhase(now); });
    meter->AttachWifiMn(mn, topo.mnWifiDevice);
    for (const auto& ar : topo.accessRouters)
    {
        meter->AttachWifiAp(ar.apDevice);
    }
    for (uint32_t ifIndex : topo.haCoreInterfaces)
    {
        // The link to a remote HAC carries the HAC→HA protocol; the MN's TLS to the HAC is
        // counted once, on the access side (DESIGN.md §4.3).
        const bool hacLink = topo.hac && ifIndex == topo.haHacInterface;
        meter->AttachHaCore(topo.ha,
                            ifIndex,
                            hacLink ? std::optional<Mip6Category>(Mip6Category::HAC_HA)
                                    : std::nullopt);
    }
    for (uint32_t ifIndex : extraHaCoreInterfaces)
    {
        meter->AttachHaCore(topo.ha, ifIndex, std::nullopt);
    }
    // A design's TCP flow to a controller (RFC 6618's HAC): its segments, SYN/ACK/FIN included,
    // are `tls` (DESIGN.md §4.3); the MN side announces the 5-tuple when it connects.
    inst.mobileNode->GetSecurity()->TraceConnectWithoutContext(
        "TlsFlow",
        MakeBoundCallback(
            +[](Ptr<Mip6OverheadMeter> m,
                uint32_t mnId,
                Ipv6Address a,
                uint16_t aPort,
                Ipv6Address b,
                uint16_t bPort) { m->RegisterTlsFlow(mnId, a, aPort, b, bPort); },
            meter));
    // In-node messages (the PF_KEY MIGRATE equivalent) at point `local`: signalling of the
    // mobility/IPsec interface, so category mip6 (DESIGN.md §4.3 names no other).
    m_design->TraceConnectWithoutContext(
        "LocalMessage",
        MakeBoundCallback(
            +[](Ptr<Mip6OverheadMeter> m,
                uint32_t mnId,
                const std::string& node,
                const std::string& message,
                uint32_t bytes) { m->RecordLocal(mnId, node, Mip6Category::MIP6, message, bytes); },
            meter));
    return meter;
}

} // namespace ns3
