/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-mobile-node.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/ipv6-interface.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-list-routing.h"
#include "ns3/log.h"
#include "ns3/mip6-category-tag.h"
#include "ns3/mip6-extensions.h"
#include "ns3/mip6-processing-delay.h"
#include "ns3/ndisc-cache.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6MobileNode");

NS_OBJECT_ENSURE_REGISTERED(Mip6MobileNode);

namespace
{
/**
 * RFC 6275 §11.7.3 / §6.2.4: when to refresh a binding an accepted BA granted: the configured
 * fraction of the lifetime, or the Binding Refresh Advice interval when the BA carries one.
 * \param ba the accepted BA
 * \param fraction the RefreshFraction attribute
 * \return the delay
 */
Time
RefreshDelay(const Mip6BindingAckHeader& ba, double fraction)
{
    const Time granted = ba.GetLifetime();
    Time refreshIn = granted * fraction;
    if (const Mip6Option* bra = ba.FindOption(Mip6OptionType::BINDING_REFRESH_ADVICE))
    {
        if (auto units = bra->GetBindingRefreshAdvice(); units && *units > 0)
        {
            refreshIn = std::min(granted, Seconds(4.0 * *units));
        }
    }
    return refreshIn;
}
} // namespace

TypeId
Mip6MobileNode::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6MobileNode")
            .SetParent<Application>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6MobileNode>()
            .AddAttribute("HomeAddress",
                          "The MN's home address (lives on the tunnel interface while away).",
                          Ipv6AddressValue(),
                          MakeIpv6AddressAccessor(&Mip6MobileNode::m_hoa),
                          MakeIpv6AddressChecker())
            .AddAttribute("HomeAgentAddress",
                          "The home agent's address.",
                          Ipv6AddressValue(),
                          MakeIpv6AddressAccessor(&Mip6MobileNode::m_ha),
                          MakeIpv6AddressChecker())
            .AddAttribute("HomePrefix",
                          "The home prefix (an RA with it means the MN is home).",
                          Ipv6AddressValue(),
                          MakeIpv6AddressAccessor(&Mip6MobileNode::m_homePrefix),
                          MakeIpv6AddressChecker())
            .AddAttribute("HomePrefixLength",
                          "Length of the home prefix.",
                          UintegerValue(64),
                          MakeUintegerAccessor(&Mip6MobileNode::m_homePrefixLength),
                          MakeUintegerChecker<uint8_t>(1, 128))
            .AddAttribute("BindingLifetime",
                          "Lifetime requested in home BUs (sent in 4-s units, RFC 6275 §6.1.7).",
                          TimeValue(Seconds(420)),
                          MakeTimeAccessor(&Mip6MobileNode::m_lifetime),
                          MakeTimeChecker(Seconds(4), Seconds(262140)))
            .AddAttribute("InitialBindackTimeoutFirstReg",
                          "First BA timeout of a first registration (RFC 6275 §13: 1.5 s).",
                          TimeValue(Seconds(1.5)),
                          MakeTimeAccessor(&Mip6MobileNode::m_initialTimeoutFirstReg),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("InitialBindackTimeout",
                          "First BA timeout of a re-registration (RFC 6275 §12 "
                          "INITIAL_BINDACK_TIMEOUT: 1 s).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&Mip6MobileNode::m_initialTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute(
                "MaxBindackTimeout",
                "Largest BA timeout after doubling (RFC 6275 §12 MAX_BINDACK_TIMEOUT: 32 s).",
                TimeValue(Seconds(32)),
                MakeTimeAccessor(&Mip6MobileNode::m_maxTimeout),
                MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute(
                "RefreshFraction",
                "Refresh the binding when this fraction of the granted lifetime has passed "
                "(RFC 6275 §11.7.1 leaves the moment open; a Binding Refresh Advice "
                "overrides it).",
                DoubleValue(0.8),
                MakeDoubleAccessor(&Mip6MobileNode::m_refreshFraction),
                MakeDoubleChecker<double>(0.1, 0.99))
            .AddAttribute(
                "KeyManagementMobility",
                "Set the K flag in home BUs (RFC 6275 §6.1.7; the IKE SA follows the CoA).",
                BooleanValue(false),
                MakeBooleanAccessor(&Mip6MobileNode::m_kFlag),
                MakeBooleanChecker())
            .AddAttribute(
                "SecurityRetryTimeout",
                "Delay before the design's Bootstrap or PrepareHandover is run again after it "
                "failed; doubled after each failure up to MaxBindackTimeout (the same back-off "
                "as RFC 6275 §11.8 applies to BUs).",
                TimeValue(Seconds(1)),
                MakeTimeAccessor(&Mip6MobileNode::m_securityRetryTimeout),
                MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("InitialSequence",
                          "Sequence number of the first BU.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&Mip6MobileNode::m_initialSequence),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute(
                "AccessPreference",
                "Multihoming: access technologies in order of preference, comma-separated "
                "(\"wlan\", \"lte\", \"cell\"). The primary care-of address is that of the "
                "first technology with a usable CoA (offload to WLAN when it is there); "
                "technologies not listed come last, ties go to the first added access. Under "
                "MCoA it also gives each BID its BID-PRI (RFC 6089 §4.2: 1 = highest).",
                StringValue("wlan,cell,lte"),
                MakeStringAccessor(&Mip6MobileNode::m_accessPreference),
                MakeStringChecker())
            .AddAttribute(
                "MultipleCoa",
                "Register every usable care-of address under its own Binding ID (RFC 5648); "
                "false: a single binding, moved to the primary CoA.",
                BooleanValue(false),
                MakeBooleanAccessor(&Mip6MobileNode::m_multipleCoa),
                MakeBooleanChecker())
            .AddAttribute("BulkRegistration",
                          "With MultipleCoa: register the BIDs of several CoAs in one BU (RFC "
                          "5648 §5); false: one BU per BID.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Mip6MobileNode::m_bulkRegistration),
                          MakeBooleanChecker())
            .AddTraceSource(
                "SecurityStarted",
                "The design's Bootstrap (true) or PrepareHandover (false) started for a "
                "usable CoA.",
                MakeTraceSourceAccessor(&Mip6MobileNode::m_securityStartTrace),
                "ns3::Mip6MobileNode::SecurityTracedCallback")
            .AddTraceSource("SecurityDone",
                            "The design's hook finished (CoA, success); the BU follows at once.",
                            MakeTraceSourceAccessor(&Mip6MobileNode::m_securityDoneTrace),
                            "ns3::Mip6MobileNode::SecurityTracedCallback")
            .AddTraceSource("BindingUpdateSent",
                            "A home BU was sent (sequence, CoA, lifetime, retransmission).",
                            MakeTraceSourceAccessor(&Mip6MobileNode::m_buTxTrace),
                            "ns3::Mip6MobileNode::BuTracedCallback")
            .AddTraceSource("BindingAckReceived",
                            "A BA matching the outstanding BU was received (status, sequence, "
                            "granted lifetime).",
                            MakeTraceSourceAccessor(&Mip6MobileNode::m_baRxTrace),
                            "ns3::Mip6MobileNode::BaTracedCallback")
            .AddTraceSource("BindingErrorReceived",
                            "A Binding Error was received (home address, status).",
                            MakeTraceSourceAccessor(&Mip6MobileNode::m_beRxTrace),
                            "ns3::Mip6MobileNode::BeTracedCallback")
            .AddTraceSource("HomeAddressAssigned",
                            "The design assigned a home address other than the configured one "
                            "(old, new; RFC 4877 §9); the MN moved to it before its first BU.",
                            MakeTraceSourceAccessor(&Mip6MobileNode::m_hoaAssignedTrace),
                            "ns3::Mip6MobileNode::HomeAddressTracedCallback")
            .AddTraceSource("Drop",
                            "A signalling or tunnelled packet was dropped (packet, reason).",
                            MakeTraceSourceAccessor(&Mip6MobileNode::m_dropTrace),
                            "ns3::Mip6MobileNode::DropTracedCallback")
            .AddTraceSource("Handover",
                            "Multihoming: a handover decision (kind hard, soft, add-coa or "
                            "remove-coa; access left, access joined or kept, old CoA, new CoA, "
                            "BID).",
                            MakeTraceSourceAccessor(&Mip6MobileNode::m_handoverTrace),
                            "ns3::Mip6MobileNode::HandoverTracedCallback")
            .AddTraceSource("McoaBindingUpdateSent",
                            "MCoA: a BU was sent (sequence, lifetime, BIDs, source CoA).",
                            MakeTraceSourceAccessor(&Mip6MobileNode::m_mcoaBuTrace),
                            "ns3::Mip6MobileNode::McoaBuTracedCallback")
            .AddTraceSource("BidStatus",
                            "MCoA: the HA's answer for one BID (BID, status, sequence).",
                            MakeTraceSourceAccessor(&Mip6MobileNode::m_bidStatusTrace),
                            "ns3::Mip6MobileNode::BidStatusTracedCallback")
            .AddTraceSource("McoaFallback",
                            "MCoA: the HA answered without Binding Identifier options (no MCoA "
                            "support, RFC 5648 §5); the MN carries on with a single binding.",
                            MakeTraceSourceAccessor(&Mip6MobileNode::m_mcoaFallbackTrace),
                            "ns3::TracedCallback::Void");
    return tid;
}

Mip6MobileNode::Mip6MobileNode()
{
    m_detector = CreateObject<Mip6MovementDetector>();
    m_accesses.resize(1);
    m_accesses[0].monitor = m_detector;
    m_accesses[0].bid = 1;
}

Mip6MobileNode::~Mip6MobileNode() = default;

void
Mip6MobileNode::SetSecurity(Ptr<Mip6MnSecurity> security)
{
    m_security = security;
}

Ptr<Mip6MnSecurity>
Mip6MobileNode::GetSecurity() const
{
    return m_security;
}

void
Mip6MobileNode::SetAccessDevice(Ptr<WifiNetDevice> device)
{
    Ptr<Mip6MovementDetector> wlan = DynamicCast<Mip6MovementDetector>(m_detector);
    if (!wlan)
    {
        wlan = CreateObject<Mip6MovementDetector>();
        m_detector = wlan;
        m_accesses[0].monitor = wlan;
    }
    wlan->SetDevice(device);
    m_defaultDetector = !device;
}

void
Mip6MobileNode::SetAccessMonitor(Ptr<Mip6AccessMonitor> monitor)
{
    m_detector = monitor;
    m_accesses[0].monitor = monitor;
    m_defaultDetector = false;
}

void
Mip6MobileNode::AddAccess(Ptr<Mip6AccessMonitor> monitor)
{
    NS_ABORT_MSG_IF(!monitor, "Mip6MobileNode::AddAccess: no monitor");
    if (m_defaultDetector)
    {
        SetAccessMonitor(monitor);
        return;
    }
    Access a;
    a.monitor = monitor;
    a.bid = static_cast<uint16_t>(m_accesses.size() + 1);
    m_accesses.push_back(a);
}

std::vector<Ptr<Mip6AccessMonitor>>
Mip6MobileNode::GetAccessMonitors() const
{
    std::vector<Ptr<Mip6AccessMonitor>> v;
    for (const auto& a : m_accesses)
    {
        v.push_back(a.monitor);
    }
    return v;
}

int32_t
Mip6MobileNode::GetPrimaryAccess() const
{
    if (!IsMultiAccess())
    {
        return m_coa.IsAny() ? -1 : 0;
    }
    return m_primary;
}

Ipv6Address
Mip6MobileNode::GetCareOfAddress() const
{
    return m_coa;
}

bool
Mip6MobileNode::IsBidRegistered(uint16_t bid) const
{
    for (const auto& a : m_accesses)
    {
        if (a.bid == bid)
        {
            return a.bidRegistered;
        }
    }
    return false;
}

bool
Mip6MobileNode::IsMcoaActive() const
{
    return m_mcoaActive;
}

bool
Mip6MobileNode::IsMultiAccess() const
{
    return m_accesses.size() > 1 || m_multipleCoa;
}

Ptr<Mip6AccessMonitor>
Mip6MobileNode::PrimaryMonitor() const
{
    return m_primary >= 0 ? m_accesses[m_primary].monitor : m_detector;
}

Ptr<Mip6AccessMonitor>
Mip6MobileNode::HomeMonitor() const
{
    return m_homeAccess >= 0 ? m_accesses[m_homeAccess].monitor : m_detector;
}

Ptr<Mip6AccessMonitor>
Mip6MobileNode::GetMovementDetector() const
{
    return m_detector;
}

const Mip6BindingUpdateListEntry&
Mip6MobileNode::GetBindingUpdateListEntry() const
{
    return m_bul;
}

Ptr<Mip6Tunnel>
Mip6MobileNode::GetTunnel() const
{
    return m_tunnel;
}

bool
Mip6MobileNode::IsRegistered() const
{
    return m_bul.registered;
}

Ipv6Address
Mip6MobileNode::GetHomeAddress() const
{
    return m_hoa;
}

Ipv6Address
Mip6MobileNode::GetHomeAgentAddress() const
{
    return m_ha;
}

uint64_t
Mip6MobileNode::GetDropCount(const std::string& reason) const
{
    auto it = m_drops.find(reason);
    return it == m_drops.end() ? 0 : it->second;
}

void
Mip6MobileNode::Drop(Ptr<const Packet> p, const std::string& reason)
{
    NS_LOG_INFO("MN drop: " << reason);
    m_drops[reason]++;
    m_dropTrace(p, reason);
}

void
Mip6MobileNode::StartApplication()
{
    Ptr<Node> node = GetNode();
    NS_ABORT_MSG_IF(!m_security,
                    "Mip6MobileNode on node " << node->GetId() << ": no security design");
    NS_ABORT_MSG_IF(!m_detector->GetDevice(), "Mip6MobileNode: no access device");
    NS_ABORT_MSG_IF(m_ha == Ipv6Address(), "Mip6MobileNode: HomeAgentAddress must be set");
    // RFC 4877 §9: only a design that assigns the HoA in its bootstrap lets the MN start without.
    NS_ABORT_MSG_IF(m_hoa == Ipv6Address() && !m_security->AssignsHomeAddress(),
                    "Mip6MobileNode: HomeAddress must be set (its design does not assign one)");
    Ptr<Ipv6L3Protocol> ipv6 = node->GetObject<Ipv6L3Protocol>();
    m_l4 = Mip6L4Protocol::Install(node);
    m_l4->SetReceiveCallback(MakeCallback(&Mip6MobileNode::ReceiveMh, this));
    m_tunnel = Mip6Tunnel::Install(node, false);
    m_tunnel->SetSendHandler(MakeCallback(&Mip6MobileNode::TunnelSend, this));
    m_tunnel->SetAcceptFilter(MakeCallback(&Mip6MobileNode::TunnelAccept, this));
    // The HoA lives on the tunnel interface (strong end-system model, ns3-feasibility.md §2, §7).
    if (!m_hoa.IsAny())
    {
        ipv6->AddAddress(m_tunnel->GetInterface(),
                         Ipv6InterfaceAddress(m_hoa, Ipv6Prefix(128)),
                         false);
    }

    m_routing = CreateObject<Mip6MnRouting>();
    Ptr<Ipv6ListRouting> list = DynamicCast<Ipv6ListRouting>(ipv6->GetRoutingProtocol());
    NS_ABORT_MSG_IF(!list, "Mip6MobileNode: the node's IPv6 routing is not an Ipv6ListRouting");
    list->AddRoutingProtocol(m_routing, 10);

    m_security->Setup(node, m_hoa, m_ha);
    m_routing->SetControlEndpoints(m_security->GetControlEndpoints());

    m_bul.homeAgent = m_ha;
    m_bul.homeAddress = m_hoa;
    m_bul.sequence = static_cast<uint16_t>(m_initialSequence - 1);

    if (!IsMultiAccess())
    {
        const int32_t ifIndex = ipv6->GetInterfaceForDevice(m_detector->GetDevice());
        NS_ABORT_MSG_IF(ifIndex < 0, "Mip6MobileNode: the access device has no IPv6 interface");
        m_detector->TraceConnectWithoutContext("CoaUsable",
                                               MakeCallback(&Mip6MobileNode::CoaUsable, this));
        m_detector->TraceConnectWithoutContext("Home",
                                               MakeCallback(&Mip6MobileNode::ReturnedHome, this));
        m_detector->Start(node, ifIndex, m_homePrefix, m_homePrefixLength);
        return;
    }
    // Multihomed (or MCoA): each access reports with its index.
    m_mcoaActive = m_multipleCoa;
    for (uint32_t i = 0; i < m_accesses.size(); ++i)
    {
        Ptr<Mip6AccessMonitor> m = m_accesses[i].monitor;
        NS_ABORT_MSG_IF(!m->GetDevice(), "Mip6MobileNode: access " << i << " has no device");
        const int32_t ifIndex = ipv6->GetInterfaceForDevice(m->GetDevice());
        NS_ABORT_MSG_IF(ifIndex < 0,
                        "Mip6MobileNode: the device of access " << i << " has no IPv6 interface");
        const bool connected =
            m->TraceConnectWithoutContext(
                "CoaUsable",
                MakeCallback(&Mip6MobileNode::AccessCoaUsable, this, i)) &&
            m->TraceConnectWithoutContext("L2Lost",
                                          MakeCallback(&Mip6MobileNode::AccessL2Lost, this, i)) &&
            m->TraceConnectWithoutContext("CoaLost",
                                          MakeCallback(&Mip6MobileNode::AccessCoaLost, this, i)) &&
            m->TraceConnectWithoutContext("Home",
                                          MakeCallback(&Mip6MobileNode::AccessHome, this, i));
        NS_ABORT_MSG_UNLESS(connected,
                            "Mip6MobileNode: access " << i
                                                      << " does not have the Mip6AccessMonitor "
                                                         "trace sources (create it with "
                                                         "CreateObject)");
        m->Start(node, ifIndex, m_homePrefix, m_homePrefixLength);
    }
}

void
Mip6MobileNode::StopApplication()
{
    m_retransmit.Cancel();
    m_refresh.Cancel();
    m_securityRetry.Cancel();
    m_mcoaSend.Cancel();
    for (auto& [seq, bu] : m_mcoaBus)
    {
        bu.timer.Cancel();
    }
    for (auto& a : m_accesses)
    {
        a.retry.Cancel();
        if (IsMultiAccess() || a.monitor == m_detector)
        {
            a.monitor->Stop();
        }
    }
}

void
Mip6MobileNode::DoDispose()
{
    m_retransmit.Cancel();
    m_refresh.Cancel();
    m_securityRetry.Cancel();
    m_mcoaSend.Cancel();
    for (auto& [seq, bu] : m_mcoaBus)
    {
        bu.timer.Cancel();
    }
    m_mcoaBus.clear();
    for (auto& a : m_accesses)
    {
        a.retry.Cancel();
    }
    m_accesses.clear();
    m_detector = nullptr;
    m_l4 = nullptr;
    m_tunnel = nullptr;
    m_routing = nullptr;
    m_security = nullptr;
    Application::DoDispose();
}

Mip6SignalingContext
Mip6MobileNode::MakeContext() const
{
    Mip6SignalingContext ctx;
    ctx.node = GetNode();
    ctx.l4 = m_l4;
    ctx.mnId = GetNode()->GetId();
    ctx.hoa = m_hoa;
    ctx.ha = m_ha;
    ctx.coa = CurrentCareOfAddress();
    ctx.src = ctx.coa;
    ctx.dst = m_ha;
    ctx.away = !m_atHome;
    return ctx;
}

Ipv6Address
Mip6MobileNode::CurrentCareOfAddress() const
{
    return m_atHome ? m_hoa : m_coa;
}

void
Mip6MobileNode::CoaUsable(Ipv6Address coa)
{
    if (coa == m_coa)
    {
        return;
    }
    if (m_atHome)
    {
        // Leaving the home link: the next registration creates a new binding (§11.5.1).
        m_atHome = false;
        AttachHomeAddressToLink(false);
    }
    const Ipv6Address old = m_coa;
    m_coa = coa;
    m_pendingCoa = coa;
    m_bul.registered = false;
    m_bul.awaitingAck = false; // a late BA for the old CoA must not count for the new one
    m_deregistering = false;
    m_retransmit.Cancel();
    m_refresh.Cancel();
    m_securityRetry.Cancel();
    m_routing->SetAway(true, m_hoa, m_ha, m_tunnel->GetDevice());
    if (!m_bootstrapped)
    {
        if (m_bootstrapping)
        {
            return; // the running bootstrap registers from the newest CoA when it ends
        }
        StartBootstrap();
        return;
    }
    PrepareHandover(old, coa);
}

void
Mip6MobileNode::StartBootstrap()
{
    if (m_coa.IsAny() || m_bootstrapped || m_bootstrapping)
    {
        return;
    }
    m_bootstrapping = true;
    m_securityStartTrace(m_coa, true);
    // The design is ready when this node's CPU has finished its crypto (Mip6ProcessingDelay).
    Mip6CpuScope cpu(GetNode());
    const Ipv6Address coa = m_coa;
    m_security->Bootstrap(coa, Callback<void, bool>([this, coa](bool ok) {
                              Mip6ProcessingDelay::WhenIdle(GetNode(), [this, coa, ok]() {
                                  BootstrapDone(coa, ok);
                              });
                          }));
}

Time
Mip6MobileNode::NextSecurityRetryDelay()
{
    const Time delay =
        m_securityRetryDelay.IsStrictlyPositive() ? m_securityRetryDelay : m_securityRetryTimeout;
    m_securityRetryDelay = std::min(delay * 2, m_maxTimeout);
    return delay;
}

void
Mip6MobileNode::PrepareHandover(Ipv6Address oldCoa, Ipv6Address newCoa)
{
    Mip6CoaChange change;
    change.kind = m_atHome ? Mip6CoaChange::RETURN_HOME : Mip6CoaChange::NEW_COA;
    change.oldCoa = oldCoa;
    change.newCoa = newCoa;
    change.ifIndex = PrimaryMonitor()->GetInterface();
    m_securityStartTrace(newCoa, false);
    Mip6CpuScope cpu(GetNode());
    m_security->PrepareHandover(change, Callback<void, bool>([this, oldCoa, newCoa](bool ok) {
                                    Mip6ProcessingDelay::WhenIdle(
                                        GetNode(),
                                        [this, oldCoa, newCoa, ok]() {
                                            PrepareDone(oldCoa, newCoa, ok);
                                        });
                                }));
}

void
Mip6MobileNode::BootstrapDone(Ipv6Address coa, bool ok)
{
    m_bootstrapping = false;
    m_securityDoneTrace(coa, ok);
    if (!ok)
    {
        // The design reported the failure; run it again after a back-off, from the newest CoA.
        Drop(nullptr, "bootstrap-failed");
        m_securityRetry.Cancel();
        m_securityRetry =
            Simulator::Schedule(NextSecurityRetryDelay(), &Mip6MobileNode::StartBootstrap, this);
        return;
    }
    m_securityRetryDelay = Seconds(0);
    m_bootstrapped = true;
    if (auto assigned = m_security->GetAssignedHomeAddress(); assigned && *assigned != m_hoa)
    {
        MoveHomeAddress(*assigned); // RFC 4877 §9: the HoA the HA assigned, before the first BU
    }
    if (coa != m_coa)
    {
        // The CoA changed while the design bootstrapped from the old one: let it follow.
        m_mcoaPrimaryPending = m_mcoaActive;
        PrepareHandover(coa, m_coa);
        return;
    }
    if (m_mcoaActive)
    {
        McoaSchedule();
        return;
    }
    StartRegistration(false);
}

void
Mip6MobileNode::PrepareDone(Ipv6Address oldCoa, Ipv6Address coa, bool ok)
{
    m_securityDoneTrace(coa, ok);
    if (coa != m_coa)
    {
        return; // superseded by a newer CoA
    }
    if (!ok)
    {
        Drop(nullptr, "prepare-handover-failed");
        m_securityRetry.Cancel();
        m_securityRetry = Simulator::Schedule(NextSecurityRetryDelay(),
                                              &Mip6MobileNode::PrepareHandover,
                                              this,
                                              oldCoa,
                                              coa);
        return;
    }
    m_securityRetryDelay = Seconds(0);
    if (m_mcoaActive)
    {
        m_mcoaPrimaryPending = false;
        McoaSchedule();
        return;
    }
    if (m_atHome)
    {
        StartDeregistration();
        return;
    }
    StartRegistration(false);
}

void
Mip6MobileNode::StartRegistration(bool refresh)
{
    // RFC 6275 §11.8: the first registration waits InitialBindackTimeoutFirstReg, because the HA
    // runs DAD for the HoA before answering; later registrations INITIAL_BINDACK_TIMEOUT.
    m_bul.timeout = m_bul.firstRegistration ? m_initialTimeoutFirstReg : m_initialTimeout;
    m_bul.transmissions = 0;
    m_bul.careOfAddress = m_coa;
    m_bul.firstSentAt = Simulator::Now();
    SendBindingUpdate(m_lifetime, false);
}

void
Mip6MobileNode::SendBindingUpdate(Time lifetime, bool retransmission)
{
    // RFC 6275 §11.7.1: home registration; each BU (retransmissions too) takes a new sequence
    // number (§11.8).
    m_bul.sequence = static_cast<uint16_t>(m_bul.sequence + 1);
    Mip6BindingUpdateHeader bu;
    bu.SetSequence(m_bul.sequence);
    bu.SetFlag(Mip6BindingUpdateHeader::FLAG_A, true);
    bu.SetFlag(Mip6BindingUpdateHeader::FLAG_H, true);
    bu.SetFlag(Mip6BindingUpdateHeader::FLAG_K, m_kFlag);
    bu.SetLifetimeUnits(static_cast<uint16_t>(lifetime.GetSeconds() / 4));
    // §11.7.1: the Alternate CoA option in every home BU (ESP does not cover the IPv6 source).
    // At home the care-of address is the HoA itself (§11.5.4).
    const Ipv6Address coa = CurrentCareOfAddress();
    bu.AddOption(Mip6Option::AlternateCareOfAddress(coa));
    Mip6SignalingContext ctx = MakeContext();
    Mip6CpuScope cpu(GetNode()); // the design's crypto on this BU charges this node's CPU
    m_security->DecorateBindingUpdate(bu, ctx);
    // The pseudo-header source is the HoA carried in the HAO (§6.1.1).
    bu.CalculateChecksum(m_hoa, m_ha);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(bu);
    Mip6CategoryTag tag;
    tag.SetCategory(Mip6Category::MIP6);
    tag.SetMessage("BU");
    tag.SetMnId(GetNode()->GetId());
    p->ReplacePacketTag(tag);
    m_bul.lifetimeRequested = lifetime;
    m_bul.sentAt = Simulator::Now();
    m_bul.transmissions++;
    m_bul.awaitingAck = true;
    m_buTxTrace(m_bul.sequence, coa, lifetime, retransmission);
    m_security->SendSignaling(p, ctx);
    m_retransmit.Cancel();
    m_retransmit = Simulator::Schedule(m_bul.timeout, &Mip6MobileNode::RetransmitTimeout, this);
}

void
Mip6MobileNode::RetransmitTimeout()
{
    if (!m_bul.awaitingAck)
    {
        return;
    }
    // §11.8: double the timeout up to MAX_BINDACK_TIMEOUT, then keep retrying at that interval.
    m_bul.timeout = std::min(m_bul.timeout * 2, m_maxTimeout);
    SendBindingUpdate(m_bul.lifetimeRequested, true);
}

void
Mip6MobileNode::RejectionHandled(uint16_t sequence, bool corrected)
{
    if (sequence != m_bul.sequence || m_bul.awaitingAck || m_coa.IsAny())
    {
        return; // a newer registration started meanwhile
    }
    if (corrected)
    {
        // The design fixed the cause (e.g. a resynchronised clock): a new BU at once, with the
        // registration's initial timeout.
        m_bul.timeout = m_bul.firstRegistration ? m_initialTimeoutFirstReg : m_initialTimeout;
        SendBindingUpdate(m_bul.lifetimeRequested, true);
        return;
    }
    m_retransmit.Cancel();
    m_retransmit = Simulator::Schedule(m_bul.timeout, &Mip6MobileNode::RetryAfterRejection, this);
}

void
Mip6MobileNode::RetryAfterRejection()
{
    if (m_bul.awaitingAck || m_coa.IsAny())
    {
        return;
    }
    m_bul.timeout = std::min(m_bul.timeout * 2, m_maxTimeout);
    SendBindingUpdate(m_bul.lifetimeRequested, true);
}

void
Mip6MobileNode::Refresh()
{
    if (m_coa.IsAny())
    {
        return;
    }
    if (m_mcoaActive)
    {
        // RFC 5648 §5: the registered BIDs are refreshed together (or one BU each).
        std::vector<uint32_t> refresh;
        for (uint32_t i = 0; i < m_accesses.size(); ++i)
        {
            const Access& a = m_accesses[i];
            if (a.usable && a.bidRegistered && !a.bul.awaitingAck && !a.preparing)
            {
                refresh.push_back(i);
            }
        }
        const Time timeout = m_initialTimeout;
        if (m_bulkRegistration && !refresh.empty())
        {
            SendMcoaBu(refresh, m_lifetime, timeout, false);
            return;
        }
        for (uint32_t i : refresh)
        {
            SendMcoaBu({i}, m_lifetime, timeout, false);
        }
        return;
    }
    StartRegistration(true);
}

void
Mip6MobileNode::Deregister()
{
    if (m_coa.IsAny())
    {
        return;
    }
    // Under MCoA a lifetime-0 BU without a BID option ends every binding of the HoA (RFC 5648
    // §5), which is the single-binding de-registration.
    McoaForgetBindings();
    StartDeregistration();
}

void
Mip6MobileNode::StartDeregistration()
{
    m_refresh.Cancel();
    m_deregistering = true;
    m_bul.timeout = m_initialTimeout;
    m_bul.transmissions = 0;
    m_bul.careOfAddress = CurrentCareOfAddress();
    m_bul.firstSentAt = Simulator::Now();
    SendBindingUpdate(Seconds(0), false);
}

bool
Mip6MobileNode::IsAtHome() const
{
    return m_atHome;
}

void
Mip6MobileNode::ReturnedHome(Ipv6Address prefix)
{
    // RFC 6275 §11.5.4: back on the home link. The tunnel is no longer used; the HoA goes onto
    // the access interface; a registration (or an attempt at one) is ended by a lifetime-0 BU
    // from the HoA, with the HoA as care-of address.
    if (m_atHome)
    {
        return;
    }
    m_atHome = true;
    const Ipv6Address old = m_coa;
    m_coa = Ipv6Address::GetAny();
    m_pendingCoa = Ipv6Address::GetAny();
    m_bul.awaitingAck = false;
    m_retransmit.Cancel();
    m_refresh.Cancel();
    m_securityRetry.Cancel();
    m_routing->SetAway(false, m_hoa, m_ha, m_tunnel->GetDevice());
    AttachHomeAddressToLink(true);
    if (!m_bootstrapped)
    {
        return; // never registered: nothing to end
    }
    PrepareHandover(old, Ipv6Address::GetAny());
}

void
Mip6MobileNode::MoveHomeAddress(Ipv6Address hoa)
{
    Ptr<Ipv6L3Protocol> ipv6 = GetNode()->GetObject<Ipv6L3Protocol>();
    const uint32_t tunnelIf = m_tunnel->GetInterface();
    if (!m_hoa.IsAny())
    {
        ipv6->RemoveAddress(tunnelIf, m_hoa);
    }
    // No DAD on the tunnel: the HA defends the HoA on the home link (RFC 6275 §10.4.1).
    Ptr<Icmpv6L4Protocol> icmp = GetNode()->GetObject<Icmpv6L4Protocol>();
    BooleanValue dad(true);
    icmp->GetAttribute("DAD", dad);
    icmp->SetAttribute("DAD", BooleanValue(false));
    ipv6->AddAddress(tunnelIf, Ipv6InterfaceAddress(hoa, Ipv6Prefix(128)), false);
    icmp->SetAttribute("DAD", dad);
    const Ipv6Address old = m_hoa;
    m_hoa = hoa;
    m_bul.homeAddress = hoa;
    m_routing->SetAway(!m_atHome, m_hoa, m_ha, m_tunnel->GetDevice());
    NS_LOG_INFO("MN: home address " << old << " -> " << hoa << " (assigned by the design)");
    m_hoaAssignedTrace(old, hoa);
}

void
Mip6MobileNode::AttachHomeAddressToLink(bool attach)
{
    if (m_hoa.IsAny())
    {
        return; // no HoA assigned yet (RFC 4877 §9)
    }
    Ptr<Ipv6L3Protocol> ipv6 = GetNode()->GetObject<Ipv6L3Protocol>();
    const uint32_t ifIndex = HomeMonitor()->GetInterface();
    if (!attach)
    {
        ipv6->RemoveAddress(ifIndex, m_hoa);
        return;
    }
    // §11.5.4: no DAD for the HoA, which the HA defends until it has processed the
    // de-registration; no on-link route either (the home prefix's comes from the RA).
    Ptr<Icmpv6L4Protocol> icmp = GetNode()->GetObject<Icmpv6L4Protocol>();
    BooleanValue dad(true);
    icmp->GetAttribute("DAD", dad);
    icmp->SetAttribute("DAD", BooleanValue(false));
    ipv6->AddAddress(ifIndex, Ipv6InterfaceAddress(m_hoa, Ipv6Prefix(64)), false);
    icmp->SetAttribute("DAD", dad);
    // §11.5.4: the MN may not solicit the HA's link-layer address from its HoA while the HA
    // still defends it, and ns-3.37 cannot solicit from the unspecified address. The HA is the
    // home link's router, so its RA gave that address: use it.
    const Mac48Address haMac = HomeMonitor()->GetDefaultRouterMac();
    Ptr<NdiscCache> cache = ipv6->GetInterface(ifIndex)->GetNdiscCache();
    if (cache && haMac != Mac48Address())
    {
        NdiscCache::Entry* e = cache->Lookup(m_ha);
        if (!e)
        {
            e = cache->Add(m_ha);
        }
        e->SetMacAddress(haMac);
        e->MarkReachable();
        e->StartReachableTimer();
    }
}

void
Mip6MobileNode::ReceiveMh(Ptr<Packet> mh, const Mip6RxContext& ctx)
{
    Mip6Verdict verdict;
    {
        Mip6CpuScope cpu(GetNode());
        verdict = m_security->ReceiveSignaling(mh, ctx);
    }
    if (!verdict.accepted)
    {
        Drop(mh, verdict.reason);
        return;
    }
    // The message is processed once this node's CPU has verified it (Mip6ProcessingDelay; a
    // direct call when the CPU is idle).
    Mip6ProcessingDelay::WhenIdle(GetNode(), [this, mh, ctx]() { ProcessMh(mh, ctx); });
}

void
Mip6MobileNode::ProcessMh(Ptr<Packet> mh, const Mip6RxContext& ctx)
{
    if (ctx.mhType == Mip6Header::BA)
    {
        // RFC 6275 §11.7.3: a BA is only taken from the HA, for this HoA (Type 2 RH) while away.
        if (ctx.src != m_ha || (ctx.rh2 && *ctx.rh2 != m_hoa) || (!ctx.rh2 && !m_coa.IsAny()))
        {
            Drop(mh, "ba-not-from-ha");
            return;
        }
        Mip6BindingAckHeader ba;
        mh->PeekHeader(ba);
        ProcessBindingAck(ba);
    }
    else if (ctx.mhType == Mip6Header::BE)
    {
        Mip6BindingErrorHeader be;
        mh->PeekHeader(be);
        m_beRxTrace(be.GetHomeAddress(), be.GetStatus());
        // RFC 6275 §11.3.6: status 1 means the HA has no binding for our HAO: register again.
        if (be.GetStatus() == Mip6BindingErrorHeader::STATUS_UNKNOWN_BINDING_FOR_HAO &&
            !m_bul.awaitingAck && !m_coa.IsAny())
        {
            StartRegistration(false);
        }
    }
    else
    {
        Drop(mh, "unexpected-mh-type");
    }
}

void
Mip6MobileNode::DeregistrationDone()
{
    m_deregistering = false;
    m_bul.registered = false;
    m_bul.firstRegistration = true; // the next registration creates a new binding
    m_routing->SetAway(false, m_hoa, m_ha, m_tunnel->GetDevice());
    if (m_atHome)
    {
        // §11.5.4: an unsolicited NA (Override set) for the HoA to all nodes, so home-link
        // neighbours replace the HA's link-layer address they learnt from its proxy NAs.
        Mip6SendNeighborAdvertisement(GetNode(),
                                      HomeMonitor()->GetInterface(),
                                      m_hoa,
                                      m_hoa,
                                      Ipv6Address::GetAllNodesMulticast(),
                                      false);
    }
}

void
Mip6MobileNode::ProcessBindingAck(const Mip6BindingAckHeader& ba)
{
    if (m_mcoaActive && !m_deregistering)
    {
        ProcessMcoaAck(ba);
        return;
    }
    const uint8_t status = ba.GetStatus();
    // RFC 6275 §11.7.3: a BA whose sequence number is not that of the last BU is ignored, except
    // status 135, which carries the HA's last accepted sequence number.
    if (status == Mip6BaStatus::SEQUENCE_OUT_OF_WINDOW)
    {
        if (!m_bul.awaitingAck)
        {
            Drop(nullptr, "unexpected-ba");
            return;
        }
        m_baRxTrace(status, ba.GetSequence(), Seconds(0));
        m_bul.sequence = ba.GetSequence();
        SendBindingUpdate(m_bul.lifetimeRequested, true);
        return;
    }
    if (!m_bul.awaitingAck || ba.GetSequence() != m_bul.sequence)
    {
        Drop(nullptr, "ba-sequence-mismatch");
        return;
    }
    m_bul.awaitingAck = false;
    m_retransmit.Cancel();
    const Time granted = ba.GetLifetime();
    m_baRxTrace(status, ba.GetSequence(), granted);
    if (status == Mip6BaStatus::NOT_HOME_AGENT_FOR_THIS_MN && m_deregistering)
    {
        // The HA holds no binding to end (e.g. the registration never completed): done.
        DeregistrationDone();
        return;
    }
    if (status >= 128)
    {
        // §11.7.3: the MN may correct the cause and send a new BU, rate-limited as in §11.8.
        NS_LOG_WARN("home registration rejected with status " << unsigned(status));
        m_security->RecoverFromRejection(
            ba,
            MakeCallback(&Mip6MobileNode::RejectionHandled, this, ba.GetSequence()));
        return;
    }
    if (m_deregistering)
    {
        DeregistrationDone();
        return;
    }
    m_bul.registered = true;
    m_bul.firstRegistration = false;
    m_bul.lifetimeGranted = granted;
    m_refresh.Cancel();
    if (const Time refreshIn = RefreshDelay(ba, m_refreshFraction); refreshIn.IsStrictlyPositive())
    {
        m_refresh = Simulator::Schedule(refreshIn, &Mip6MobileNode::Refresh, this);
    }
}

void
Mip6MobileNode::TunnelSend(Ptr<Packet> inner)
{
    if (m_coa.IsAny())
    {
        Drop(inner, "no-coa");
        return;
    }
    Mip6CategoryTag tag;
    tag.SetCategory(Mip6Category::TUNNEL);
    tag.SetMessage("tunnel");
    tag.SetMnId(GetNode()->GetId());
    inner->ReplacePacketTag(tag);
    Mip6SignalingContext ctx = MakeContext();
    ctx.coa = DataCareOfAddress();
    ctx.src = ctx.coa;
    m_security->SendData(inner, ctx);
}

Ipv6Address
Mip6MobileNode::DataCareOfAddress() const
{
    // RFC 5648 §5: the HA accepts reverse-tunnelled packets only from a CoA it holds for the
    // HoA. A new primary CoA carries data once its BID is accepted; until then the best access
    // whose current CoA the HA already holds does, so adding a CoA loses no uplink packet.
    if (!m_mcoaActive || m_atHome || m_primary < 0)
    {
        return CurrentCareOfAddress();
    }
    auto held = [](const Access& a) {
        return a.usable && a.bidRegistered && !a.coa.IsAny() && a.registeredCoa == a.coa;
    };
    if (held(m_accesses[m_primary]))
    {
        return m_coa;
    }
    int32_t best = -1;
    uint32_t bestRank = 0;
    for (uint32_t i = 0; i < m_accesses.size(); ++i)
    {
        const uint32_t rank = PreferenceRank(m_accesses[i].monitor->GetTechnology());
        if (held(m_accesses[i]) && (best < 0 || rank < bestRank))
        {
            best = static_cast<int32_t>(i);
            bestRank = rank;
        }
    }
    return best >= 0 ? m_accesses[best].coa : m_coa;
}

bool
Mip6MobileNode::TunnelAccept(Ptr<const Packet> inner, const Ipv6Header& outer)
{
    if (outer.GetSource() != m_ha)
    {
        Drop(inner, "tunnel-source-mismatch");
        return false;
    }
    Mip6Verdict verdict = m_security->AcceptPlainTunnel(outer);
    if (!verdict.accepted)
    {
        Drop(inner, verdict.reason);
        return false;
    }
    return true;
}

namespace
{
/**
 * RFC 5648 §6.1: the Binding Identifier option of one BID (with RFC 6089 §4.2's BID-PRI), with
 * the CoA when the BID is registered and without it when it is de-registered.
 */
Mip6Option
BidOption(uint16_t bid, const std::optional<Ipv6Address>& coa, uint8_t priority)
{
    return Mip6Option::BindingIdentifier(bid, coa, priority);
}

/**
 * RFC 5648 §6.1: the per-BID statuses of a BA (a BID option's non-zero Status overrides the BA
 * status). \p malformed counts BID options that do not parse or carry BID 0.
 */
std::map<uint16_t, uint8_t>
BidStatuses(const Mip6BindingAckHeader& ba, uint32_t& malformed)
{
    std::map<uint16_t, uint8_t> out;
    malformed = 0;
    for (const Mip6Option& o : ba.GetOptions())
    {
        if (o.GetType() != Mip6OptionType::BINDING_ID)
        {
            continue;
        }
        if (auto b = o.GetBindingIdentifier(); b && b->bid != 0)
        {
            out[b->bid] = b->status != 0 ? b->status : ba.GetStatus();
        }
        else
        {
            malformed++;
        }
    }
    return out;
}
} // namespace

// ---------------------------------------------------------------------------------------------
// Multihoming (several accesses, one routing policy) and RFC 5648 MCoA at the MN
// ---------------------------------------------------------------------------------------------

uint32_t
Mip6MobileNode::PreferenceRank(const std::string& technology) const
{
    uint32_t rank = 0;
    std::size_t start = 0;
    while (start <= m_accessPreference.size())
    {
        std::size_t end = m_accessPreference.find(',', start);
        if (end == std::string::npos)
        {
            end = m_accessPreference.size();
        }
        std::string item = m_accessPreference.substr(start, end - start);
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (!item.empty())
        {
            if (item == technology)
            {
                return rank;
            }
            ++rank;
        }
        start = end + 1;
    }
    return rank; // not listed: after every listed technology
}

int32_t
Mip6MobileNode::ChoosePrimary() const
{
    int32_t best = -1;
    uint32_t bestRank = 0;
    for (uint32_t i = 0; i < m_accesses.size(); ++i)
    {
        const Access& a = m_accesses[i];
        if (!a.usable || a.coa.IsAny())
        {
            continue;
        }
        const uint32_t rank = PreferenceRank(a.monitor->GetTechnology());
        if (best < 0 || rank < bestRank)
        {
            best = static_cast<int32_t>(i);
            bestRank = rank;
        }
    }
    return best;
}

void
Mip6MobileNode::UpdateRoutingAccesses()
{
    std::map<Ipv6Address, Ptr<NetDevice>> coas;
    for (const auto& a : m_accesses)
    {
        if (a.usable && !a.coa.IsAny())
        {
            coas[a.coa] = a.monitor->GetDevice();
        }
    }
    m_routing->SetAccessInterfaces(coas,
                                   m_primary >= 0 ? m_accesses[m_primary].monitor->GetDevice()
                                                  : nullptr);
}

void
Mip6MobileNode::AccessCoaUsable(uint32_t i, Ipv6Address coa)
{
    Access& a = m_accesses[i];
    NS_LOG_INFO("t=" << Simulator::Now().As(Time::S) << " access " << i << " ("
                     << a.monitor->GetTechnology() << ") CoA " << coa << " usable");
    a.coa = coa;
    a.usable = true;
    UpdateRoutingAccesses();
    if (m_mcoaActive)
    {
        McoaUpdate();
        return;
    }
    SelectPrimary();
}

void
Mip6MobileNode::AccessL2Lost(uint32_t i, Time lastFrame)
{
    AccessUnusable(i);
}

void
Mip6MobileNode::AccessCoaLost(uint32_t i, Ipv6Address coa)
{
    AccessUnusable(i);
}

void
Mip6MobileNode::AccessHome(uint32_t i, Ipv6Address prefix)
{
    // The home link is reached through one access: it becomes the primary one, and the MN
    // de-registers as a single-access MN does (RFC 6275 §11.5.4).
    m_accesses[i].usable = false;
    m_homeAccess = static_cast<int32_t>(i);
    m_primary = static_cast<int32_t>(i);
    UpdateRoutingAccesses();
    ReturnedHome(prefix);
}

void
Mip6MobileNode::AccessUnusable(uint32_t i)
{
    Access& a = m_accesses[i];
    if (!a.usable)
    {
        return;
    }
    NS_LOG_INFO("t=" << Simulator::Now().As(Time::S) << " access " << i << " ("
                     << a.monitor->GetTechnology() << ") lost CoA " << a.coa);
    a.usable = false;
    UpdateRoutingAccesses();
    if (m_mcoaActive)
    {
        McoaUpdate();
        return;
    }
    if (static_cast<int32_t>(i) == m_primary)
    {
        SelectPrimary(); // nothing else usable: wait for a new CoA, as a single-access MN does
    }
}

void
Mip6MobileNode::SelectPrimary()
{
    const int32_t best = ChoosePrimary();
    if (best < 0)
    {
        return;
    }
    const Ipv6Address coa = m_accesses[best].coa;
    if (best == m_primary && coa == m_coa && !m_atHome)
    {
        return;
    }
    // DESIGN.md §4.1: make-before-break when the old access still works, else break-before-make
    // (the old access was lost; the new one was already up, so L2 attach, MD and DAD took 0 s).
    const int32_t old = m_primary;
    const bool soft = old >= 0 && old != best && m_accesses[old].usable;
    m_primary = best;
    UpdateRoutingAccesses();
    m_handoverTrace(soft ? "soft" : "hard", old, best, m_coa, coa, 0);
    CoaUsable(coa); // a new primary CoA is a handover like any other, through the same seam
}

int32_t
Mip6MobileNode::McoaSourceAccess() const
{
    return (m_primary >= 0 && m_accesses[m_primary].usable) ? m_primary : -1;
}

void
Mip6MobileNode::McoaUpdate()
{
    const int32_t best = ChoosePrimary();
    if (best >= 0 && (best != m_primary || m_accesses[best].coa != m_coa))
    {
        // The seam under MCoA: PrepareHandover(NEW_COA) runs when the primary CoA changes.
        const Ipv6Address oldCoa = m_coa;
        m_primary = best;
        m_coa = m_accesses[best].coa;
        m_pendingCoa = m_coa;
        m_atHome = false;
        m_routing->SetAway(true, m_hoa, m_ha, m_tunnel->GetDevice());
        UpdateRoutingAccesses();
        if (!m_bootstrapped)
        {
            StartBootstrap(); // registers every usable CoA when it ends
            return;
        }
        m_mcoaPrimaryPending = true;
        m_securityRetry.Cancel();
        PrepareHandover(oldCoa, m_coa);
        return;
    }
    if (!m_bootstrapped || m_mcoaPrimaryPending)
    {
        return;
    }
    McoaSchedule();
}

void
Mip6MobileNode::McoaSchedule()
{
    // The CoA events of one instant (e.g. two accesses up together) go into one bulk BU.
    if (!m_mcoaSend.IsRunning())
    {
        m_mcoaSend = Simulator::ScheduleNow(&Mip6MobileNode::McoaSendPending, this);
    }
}

void
Mip6MobileNode::McoaSendPending()
{
    const int32_t src = McoaSourceAccess();
    if (src < 0)
    {
        return; // no CoA to send from: the next usable one resumes
    }
    const bool wantsAll = m_security->WantsAllCoaChanges();
    std::vector<uint32_t> adds;
    for (uint32_t i = 0; i < m_accesses.size(); ++i)
    {
        Access& a = m_accesses[i];
        if (a.bul.awaitingAck || a.preparing || a.retry.IsRunning())
        {
            continue;
        }
        const bool needsAdd = a.usable && (!a.bidRegistered || a.bul.careOfAddress != a.coa);
        const bool needsRemove = !a.usable && a.bidRegistered;
        if (needsAdd)
        {
            if (!m_bul.firstRegistration)
            {
                m_handoverTrace("add-coa", -1, i, Ipv6Address::GetAny(), a.coa, a.bid);
            }
            if (wantsAll && static_cast<int32_t>(i) != m_primary)
            {
                McoaPrepare(i, true);
                continue;
            }
            adds.push_back(i);
        }
        else if (needsRemove)
        {
            // RFC 5648 §5: the BID of a lost CoA is de-registered (lifetime 0) from a
            // remaining CoA; traffic goes on over the others without registering them again.
            m_handoverTrace("remove-coa", i, src, a.bul.careOfAddress, m_coa, a.bid);
            if (wantsAll)
            {
                McoaPrepare(i, false);
                continue;
            }
            SendMcoaBu({i}, Seconds(0), m_initialTimeout, false);
        }
    }
    if (adds.empty())
    {
        return;
    }
    const Time timeout = m_bul.firstRegistration ? m_initialTimeoutFirstReg : m_initialTimeout;
    if (m_bulkRegistration)
    {
        SendMcoaBu(adds, m_lifetime, timeout, false);
        return;
    }
    for (uint32_t i : adds)
    {
        SendMcoaBu({i}, m_lifetime, timeout, false);
    }
}

void
Mip6MobileNode::McoaPrepare(uint32_t i, bool add)
{
    Access& a = m_accesses[i];
    a.preparing = true;
    Mip6CoaChange change;
    change.kind = add ? Mip6CoaChange::ADD_COA : Mip6CoaChange::REMOVE_COA;
    change.oldCoa = add ? Ipv6Address::GetAny() : a.bul.careOfAddress;
    change.newCoa = add ? a.coa : Ipv6Address::GetAny();
    change.ifIndex = a.monitor->GetInterface();
    change.bid = a.bid;
    m_securityStartTrace(add ? a.coa : a.bul.careOfAddress, false);
    m_security->PrepareHandover(change,
                                MakeCallback(&Mip6MobileNode::McoaPrepareDone, this, i, add));
}

void
Mip6MobileNode::McoaPrepareDone(uint32_t i, bool add, bool ok)
{
    Access& a = m_accesses[i];
    a.preparing = false;
    m_securityDoneTrace(add ? a.coa : a.bul.careOfAddress, ok);
    if (!m_mcoaActive)
    {
        return;
    }
    if (!ok)
    {
        Drop(nullptr, "prepare-handover-failed");
        a.backoff = a.backoff.IsStrictlyPositive() ? std::min(a.backoff * 2, m_maxTimeout)
                                                   : m_securityRetryTimeout;
        a.retry = Simulator::Schedule(a.backoff, &Mip6MobileNode::McoaRetry, this, i);
        return;
    }
    if (McoaSourceAccess() < 0 || (add && !a.usable) || (!add && (a.usable || !a.bidRegistered)))
    {
        McoaSendPending(); // the situation changed meanwhile
        return;
    }
    SendMcoaBu({i}, add ? m_lifetime : Seconds(0), m_initialTimeout, false);
}

void
Mip6MobileNode::SendMcoaBu(const std::vector<uint32_t>& accesses,
                           Time lifetime,
                           Time timeout,
                           bool retransmission)
{
    const int32_t src = McoaSourceAccess();
    if (src < 0 || accesses.empty())
    {
        return;
    }
    // RFC 5648 §5 / §6.1: a home BU (H, A, K as configured) with one Binding Identifier option
    // per BID; the CoA travels in the BID option (with BID-PRI from AccessPreference, RFC 6089
    // §4.2), so no Alternate CoA option (RFC 5648 §5; DESIGN.md §1). A de-registration (lifetime 0)
    // names the BID without a CoA (RFC 5648 §5).
    m_bul.sequence = static_cast<uint16_t>(m_bul.sequence + 1);
    const uint16_t seq = m_bul.sequence;
    Mip6BindingUpdateHeader bu;
    bu.SetSequence(seq);
    bu.SetFlag(Mip6BindingUpdateHeader::FLAG_A, true);
    bu.SetFlag(Mip6BindingUpdateHeader::FLAG_H, true);
    bu.SetFlag(Mip6BindingUpdateHeader::FLAG_K, m_kFlag);
    bu.SetLifetimeUnits(static_cast<uint16_t>(lifetime.GetSeconds() / 4));
    std::vector<uint16_t> bids;
    for (uint32_t i : accesses)
    {
        Access& a = m_accesses[i];
        const uint8_t priority = static_cast<uint8_t>(
            std::min<uint32_t>(PreferenceRank(a.monitor->GetTechnology()) + 1, 127));
        if (lifetime.IsStrictlyPositive())
        {
            bu.AddOption(BidOption(a.bid, a.coa, priority));
            a.bul.careOfAddress = a.coa;
            a.removing = false;
        }
        else
        {
            bu.AddOption(BidOption(a.bid, std::nullopt, priority));
            a.removing = true;
        }
        bids.push_back(a.bid);
        a.bul.homeAgent = m_ha;
        a.bul.homeAddress = m_hoa;
        a.bul.sequence = seq;
        a.bul.lifetimeRequested = lifetime;
        a.bul.sentAt = Simulator::Now();
        a.bul.awaitingAck = true;
        if (!retransmission)
        {
            a.bul.firstSentAt = Simulator::Now();
            a.bul.transmissions = 0;
        }
        a.bul.transmissions++;
        a.bul.timeout = timeout;
    }
    Mip6SignalingContext ctx = MakeContext();
    m_security->DecorateBindingUpdate(bu, ctx);
    bu.CalculateChecksum(m_hoa, m_ha);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(bu);
    Mip6CategoryTag tag;
    tag.SetCategory(Mip6Category::MIP6);
    tag.SetMessage("BU");
    tag.SetMnId(GetNode()->GetId());
    p->ReplacePacketTag(tag);
    McoaBu& out = m_mcoaBus[seq];
    out.accesses = accesses;
    out.lifetime = lifetime;
    out.timeout = timeout;
    out.timer = Simulator::Schedule(timeout, &Mip6MobileNode::McoaBuTimeout, this, seq);
    m_bul.sentAt = Simulator::Now();
    m_bul.lifetimeRequested = lifetime;
    m_buTxTrace(seq, m_coa, lifetime, retransmission);
    m_mcoaBuTrace(seq, lifetime, bids, m_coa);
    m_security->SendSignaling(p, ctx);
}

void
Mip6MobileNode::McoaBuTimeout(uint16_t seq)
{
    auto it = m_mcoaBus.find(seq);
    if (it == m_mcoaBus.end())
    {
        return;
    }
    McoaBu bu = it->second;
    m_mcoaBus.erase(it);
    // RFC 6275 §11.8: resend with a new sequence number and a doubled timeout, for the BIDs
    // still waiting on this BU.
    std::vector<uint32_t> again;
    for (uint32_t i : bu.accesses)
    {
        Access& a = m_accesses[i];
        if (a.bul.awaitingAck && a.bul.sequence == seq)
        {
            a.bul.awaitingAck = false;
            const bool stillWanted = bu.lifetime.IsStrictlyPositive() ? a.usable : !a.usable;
            if (stillWanted)
            {
                again.push_back(i);
            }
        }
    }
    if (!again.empty())
    {
        SendMcoaBu(again, bu.lifetime, std::min(bu.timeout * 2, m_maxTimeout), true);
    }
    McoaSendPending();
}

void
Mip6MobileNode::McoaRetry(uint32_t i)
{
    if (m_mcoaActive && !m_mcoaPrimaryPending && m_bootstrapped)
    {
        McoaSendPending();
    }
}

void
Mip6MobileNode::ProcessMcoaAck(const Mip6BindingAckHeader& ba)
{
    const uint8_t status = ba.GetStatus();
    if (status == Mip6BaStatus::SEQUENCE_OUT_OF_WINDOW)
    {
        // §11.7.3: resynchronise on the HA's sequence and resend the newest outstanding BU.
        if (m_mcoaBus.empty())
        {
            Drop(nullptr, "unexpected-ba");
            return;
        }
        m_baRxTrace(status, ba.GetSequence(), Seconds(0));
        McoaBu bu = m_mcoaBus.rbegin()->second;
        bu.timer.Cancel();
        m_mcoaBus.erase(std::prev(m_mcoaBus.end()));
        m_bul.sequence = ba.GetSequence();
        SendMcoaBu(bu.accesses, bu.lifetime, bu.timeout, true);
        return;
    }
    auto it = m_mcoaBus.find(ba.GetSequence());
    if (it == m_mcoaBus.end())
    {
        Drop(nullptr, "ba-sequence-mismatch");
        return;
    }
    const McoaBu bu = it->second;
    it->second.timer.Cancel();
    m_mcoaBus.erase(it);
    const Time granted = ba.GetLifetime();
    m_baRxTrace(status, ba.GetSequence(), granted);
    // RFC 5648 §5 (and §6.1): per-BID statuses; a BA without any BID option comes from an HA
    // that does not support MCoA.
    uint32_t malformed = 0;
    const std::map<uint16_t, uint8_t> bidStatus = BidStatuses(ba, malformed);
    for (uint32_t k = 0; k < malformed; ++k)
    {
        Drop(nullptr, "malformed-bid-option");
    }
    if (bidStatus.empty())
    {
        McoaFallback();
        return;
    }
    bool anyAccepted = false;
    for (uint32_t i : bu.accesses)
    {
        Access& a = m_accesses[i];
        if (a.bul.sequence != ba.GetSequence() || !a.bul.awaitingAck)
        {
            continue; // superseded by a newer BU for this BID
        }
        a.bul.awaitingAck = false;
        auto bs = bidStatus.find(a.bid);
        const uint8_t st = bs == bidStatus.end() ? status : bs->second;
        m_bidStatusTrace(a.bid, st, ba.GetSequence());
        if (st < 128)
        {
            a.backoff = Seconds(0);
            if (bu.lifetime.IsStrictlyPositive())
            {
                a.bidRegistered = true;
                a.registeredCoa = a.bul.careOfAddress;
                a.bul.registered = true;
                a.bul.firstRegistration = false;
                a.bul.lifetimeGranted = granted;
                anyAccepted = true;
            }
            else
            {
                a.bidRegistered = false;
                a.bul.registered = false;
            }
            a.removing = false;
            continue;
        }
        // A rejected BID (e.g. 166 PROHIBITED, 167 UNKNOWN COA): retried after a back-off
        // doubled up to MAX_BINDACK_TIMEOUT, as RFC 6275 §11.8 does for BUs.
        NS_LOG_WARN("BID " << a.bid << " rejected with status " << unsigned(st));
        a.backoff = a.backoff.IsStrictlyPositive() ? std::min(a.backoff * 2, m_maxTimeout)
                                                   : m_initialTimeout;
        a.retry.Cancel();
        a.retry = Simulator::Schedule(a.backoff, &Mip6MobileNode::McoaRetry, this, i);
    }
    if (anyAccepted)
    {
        m_bul.registered = true;
        m_bul.firstRegistration = false;
        m_bul.lifetimeGranted = granted;
        m_refresh.Cancel();
        if (const Time refreshIn = RefreshDelay(ba, m_refreshFraction);
            refreshIn.IsStrictlyPositive())
        {
            m_refresh = Simulator::Schedule(refreshIn, &Mip6MobileNode::Refresh, this);
        }
    }
    McoaSendPending();
}

void
Mip6MobileNode::McoaForgetBindings()
{
    for (auto& [seq, bu] : m_mcoaBus)
    {
        bu.timer.Cancel();
    }
    m_mcoaBus.clear();
    for (auto& a : m_accesses)
    {
        a.retry.Cancel();
        a.bidRegistered = false;
        a.registeredCoa = Ipv6Address::GetAny();
        a.removing = false;
        a.bul.awaitingAck = false;
    }
}

void
Mip6MobileNode::McoaFallback()
{
    // RFC 5648 §5: an HA that answers without a Binding Identifier option does not support
    // MCoA. The MN carries on with a single binding for its primary CoA (with the Alternate CoA
    // option again), counted and traced.
    NS_LOG_WARN("the HA does not support MCoA: single binding from now on");
    m_drops["mcoa-fallback"]++;
    m_mcoaFallbackTrace();
    m_mcoaActive = false;
    m_mcoaPrimaryPending = false;
    McoaForgetBindings();
    for (auto& a : m_accesses)
    {
        a.preparing = false; // a running ADD_COA/REMOVE_COA hook no longer matters
    }
    if (McoaSourceAccess() < 0)
    {
        return;
    }
    m_bul.registered = false;
    m_bul.awaitingAck = false;
    StartRegistration(false);
}

} // namespace ns3
