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
#include "ns3/ndisc-cache.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6MobileNode");

NS_OBJECT_ENSURE_REGISTERED(Mip6MobileNode);

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
                            "ns3::Mip6MobileNode::DropTracedCallback");
    return tid;
}

Mip6MobileNode::Mip6MobileNode()
{
    m_detector = CreateObject<Mip6MovementDetector>();
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
    }
    wlan->SetDevice(device);
}

void
Mip6MobileNode::SetAccessMonitor(Ptr<Mip6AccessMonitor> monitor)
{
    m_detector = monitor;
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

    const int32_t ifIndex = ipv6->GetInterfaceForDevice(m_detector->GetDevice());
    NS_ABORT_MSG_IF(ifIndex < 0, "Mip6MobileNode: the access device has no IPv6 interface");
    m_detector->TraceConnectWithoutContext("CoaUsable",
                                           MakeCallback(&Mip6MobileNode::CoaUsable, this));
    m_detector->TraceConnectWithoutContext("Home",
                                           MakeCallback(&Mip6MobileNode::ReturnedHome, this));
    m_detector->Start(node, ifIndex, m_homePrefix, m_homePrefixLength);
}

void
Mip6MobileNode::StopApplication()
{
    m_retransmit.Cancel();
    m_refresh.Cancel();
    m_securityRetry.Cancel();
    m_detector->Stop();
}

void
Mip6MobileNode::DoDispose()
{
    m_retransmit.Cancel();
    m_refresh.Cancel();
    m_securityRetry.Cancel();
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
    m_security->Bootstrap(m_coa, MakeCallback(&Mip6MobileNode::BootstrapDone, this, m_coa));
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
    change.ifIndex = m_detector->GetInterface();
    m_securityStartTrace(newCoa, false);
    m_security->PrepareHandover(change,
                                MakeCallback(&Mip6MobileNode::PrepareDone, this, oldCoa, newCoa));
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
        PrepareHandover(coa, m_coa);
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
    StartRegistration(true);
}

void
Mip6MobileNode::Deregister()
{
    if (m_coa.IsAny())
    {
        return;
    }
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
    const uint32_t ifIndex = m_detector->GetInterface();
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
    const Mac48Address haMac = m_detector->GetDefaultRouterMac();
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
    Mip6Verdict verdict = m_security->ReceiveSignaling(mh, ctx);
    if (!verdict.accepted)
    {
        Drop(mh, verdict.reason);
        return;
    }
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
                                      m_detector->GetInterface(),
                                      m_hoa,
                                      m_hoa,
                                      Ipv6Address::GetAllNodesMulticast(),
                                      false);
    }
}

void
Mip6MobileNode::ProcessBindingAck(const Mip6BindingAckHeader& ba)
{
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
    // §11.7.3 / §6.2.4: a Binding Refresh Advice sets the refresh interval.
    Time refreshIn = granted * m_refreshFraction;
    if (const Mip6Option* bra = ba.FindOption(Mip6OptionType::BINDING_REFRESH_ADVICE))
    {
        if (auto units = bra->GetBindingRefreshAdvice(); units && *units > 0)
        {
            refreshIn = std::min(granted, Seconds(4.0 * *units));
        }
    }
    m_refresh.Cancel();
    if (refreshIn.IsStrictlyPositive())
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
    m_security->SendData(inner, MakeContext());
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

} // namespace ns3
