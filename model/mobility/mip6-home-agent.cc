/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-home-agent.h"

#include "ns3/boolean.h"
#include "ns3/icmpv6-header.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-raw-socket-factory.h"
#include "ns3/ipv6-routing-protocol.h"
#include "ns3/ipv6-routing-table-entry.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/log.h"
#include "ns3/mip6-category-tag.h"
#include "ns3/mip6-extensions.h"
#include "ns3/mip6-processing-delay.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6HomeAgent");

NS_OBJECT_ENSURE_REGISTERED(Mip6HomeAgent);

TypeId
Mip6HomeAgent::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6HomeAgent")
            .SetParent<Application>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6HomeAgent>()
            .AddAttribute("HomeAgentAddress",
                          "The HA's global address on the home link (the BU destination).",
                          Ipv6AddressValue(),
                          MakeIpv6AddressAccessor(&Mip6HomeAgent::m_haAddress),
                          MakeIpv6AddressChecker())
            .AddAttribute("HomePrefix",
                          "The home subnet prefix (RFC 6275 §10.3.1: a HoA outside it gets 132).",
                          Ipv6AddressValue(),
                          MakeIpv6AddressAccessor(&Mip6HomeAgent::m_homePrefix),
                          MakeIpv6AddressChecker())
            .AddAttribute("HomePrefixLength",
                          "Length of the home prefix.",
                          UintegerValue(64),
                          MakeUintegerAccessor(&Mip6HomeAgent::m_homePrefixLength),
                          MakeUintegerChecker<uint8_t>(1, 128))
            .AddAttribute("HomeInterface",
                          "IPv6 interface index of the home link (proxy ND and DAD run there).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&Mip6HomeAgent::m_homeInterface),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("DadDelay",
                          "Duplicate Address Detection wait for a home address before the BA of a "
                          "new binding (RFC 6275 §10.3.1; RFC 4862 RetransTimer 1 s x "
                          "DupAddrDetectTransmits 1).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&Mip6HomeAgent::m_dadDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute(
                "DadOnEveryBu",
                "Run DAD on every home BU, not only for a new binding (what xMIPv6 and the "
                "2017 ns-3 model do; needed to reproduce their tables). RFC 6275 requires "
                "it only for a new binding.",
                BooleanValue(false),
                MakeBooleanAccessor(&Mip6HomeAgent::m_dadOnEveryBu),
                MakeBooleanChecker())
            .AddAttribute("MaxBindingLifetime",
                          "Longest lifetime granted to a binding (RFC 6275 §10.3.1 lets the HA "
                          "reduce the requested lifetime).",
                          TimeValue(Seconds(420)),
                          MakeTimeAccessor(&Mip6HomeAgent::m_maxLifetime),
                          MakeTimeChecker(Seconds(4)))
            .AddAttribute("BindingRefreshAdvice",
                          "Interval put in a Binding Refresh Advice option of each accepted BA "
                          "(RFC 6275 §6.2.4); 0 sends none.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Mip6HomeAgent::m_refreshAdvice),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("HomeRegistrationSupported",
                          "When false, home BUs get status 131 (RFC 6275 §9.5.1).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Mip6HomeAgent::m_homeRegistration),
                          MakeBooleanChecker())
            .AddAttribute("ProxyNd",
                          "Answer Neighbor Solicitations for bound home addresses on the home link "
                          "(RFC 6275 §10.4.1).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Mip6HomeAgent::m_proxyNd),
                          MakeBooleanChecker())
            .AddAttribute("MultipleCoaSupport",
                          "RFC 5648 multiple care-of addresses: register one binding per Binding "
                          "Identifier option of a home BU. When false the HA ignores BID options "
                          "and answers as RFC 6275 (a BA without BIDs: the MN falls back to one "
                          "binding).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Mip6HomeAgent::m_multipleCoa),
                          MakeBooleanChecker())
            .AddAttribute("BulkRegistrationSupported",
                          "Accept several Binding Identifier options in one BU (RFC 5648 §5.6); "
                          "when false such a BU gets status 168.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Mip6HomeAgent::m_bulkRegistration),
                          MakeBooleanChecker())
            .AddAttribute("SimultaneousHomeAndForeign",
                          "Accept a Binding Identifier option with the H flag (one interface at "
                          "home, RFC 5648 §5.6); when false that BID gets status 169.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Mip6HomeAgent::m_simultaneousHomeForeign),
                          MakeBooleanChecker())
            .AddTraceSource("BindingUpdateReceived",
                            "A BU passed the security check (home address, CoA, sequence).",
                            MakeTraceSourceAccessor(&Mip6HomeAgent::m_buRxTrace),
                            "ns3::Mip6HomeAgent::BuTracedCallback")
            .AddTraceSource("BindingAckSent",
                            "A BA was sent (home address, CoA, status, sequence).",
                            MakeTraceSourceAccessor(&Mip6HomeAgent::m_baTxTrace),
                            "ns3::Mip6HomeAgent::BaTracedCallback")
            .AddTraceSource("BindingRemoved",
                            "A binding expired or was de-registered (home address).",
                            MakeTraceSourceAccessor(&Mip6HomeAgent::m_expiredTrace),
                            "ns3::Ipv6Address::TracedCallback")
            .AddTraceSource("BindingIdRemoved",
                            "One (home address, Binding ID) binding expired or was de-registered.",
                            MakeTraceSourceAccessor(&Mip6HomeAgent::m_bidRemovedTrace),
                            "ns3::Mip6HomeAgent::BindingIdTracedCallback")
            .AddTraceSource("Drop",
                            "A signalling or tunnelled packet was dropped (packet, reason).",
                            MakeTraceSourceAccessor(&Mip6HomeAgent::m_dropTrace),
                            "ns3::Mip6HomeAgent::DropTracedCallback");
    return tid;
}

Mip6HomeAgent::Mip6HomeAgent() = default;

Mip6HomeAgent::~Mip6HomeAgent() = default;

void
Mip6HomeAgent::SetSecurity(Ptr<Mip6HaSecurity> security)
{
    m_security = security;
}

Ptr<Mip6HaSecurity>
Mip6HomeAgent::GetSecurity() const
{
    return m_security;
}

void
Mip6HomeAgent::AddServedHomeAddress(Ipv6Address hoa)
{
    m_served.insert(hoa);
}

const Mip6BindingCacheEntry&
Mip6HomeAgent::Primary(const HomeBindings& hb)
{
    NS_ASSERT(!hb.byBid.empty());
    auto best = hb.byBid.begin();
    for (auto it = hb.byBid.begin(); it != hb.byBid.end(); ++it)
    {
        if (Mip6BindingIsPreferred(it->second, best->second))
        {
            best = it;
        }
    }
    return best->second;
}

const Mip6BindingCacheEntry*
Mip6HomeAgent::GetBinding(Ipv6Address hoa) const
{
    auto it = m_cache.find(hoa);
    return it == m_cache.end() || it->second.byBid.empty() ? nullptr : &Primary(it->second);
}

std::vector<Mip6BindingCacheEntry>
Mip6HomeAgent::GetBindings(Ipv6Address hoa) const
{
    std::vector<Mip6BindingCacheEntry> out;
    auto it = m_cache.find(hoa);
    if (it != m_cache.end())
    {
        for (const auto& [bid, e] : it->second.byBid)
        {
            out.push_back(e);
        }
    }
    std::stable_sort(out.begin(), out.end(), Mip6BindingIsPreferred);
    return out;
}

std::vector<Mip6FlowBinding>
Mip6HomeAgent::GetFlowBindings(Ipv6Address hoa) const
{
    std::vector<Mip6FlowBinding> out;
    auto it = m_cache.find(hoa);
    if (it != m_cache.end())
    {
        for (const auto& [fid, f] : it->second.flows)
        {
            out.push_back(f);
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.priority != b.priority ? a.priority < b.priority : a.fid < b.fid;
    });
    return out;
}

uint32_t
Mip6HomeAgent::GetNBindings() const
{
    uint32_t n = 0;
    for (const auto& [hoa, hb] : m_cache)
    {
        n += static_cast<uint32_t>(hb.byBid.size());
    }
    return n;
}

std::vector<Ipv6Address>
Mip6HomeAgent::GetBoundHomeAddresses() const
{
    std::vector<Ipv6Address> out;
    for (const auto& [hoa, e] : m_cache)
    {
        out.push_back(hoa);
    }
    return out;
}

uint64_t
Mip6HomeAgent::GetDropCount(const std::string& reason) const
{
    auto it = m_drops.find(reason);
    return it == m_drops.end() ? 0 : it->second;
}

void
Mip6HomeAgent::StartApplication()
{
    Ptr<Node> node = GetNode();
    NS_ABORT_MSG_IF(!m_security,
                    "Mip6HomeAgent on node " << node->GetId() << ": no security design");
    NS_ABORT_MSG_IF(m_haAddress == Ipv6Address(), "Mip6HomeAgent: HomeAgentAddress not set");
    m_l4 = Mip6L4Protocol::Install(node);
    m_l4->SetReceiveCallback(MakeCallback(&Mip6HomeAgent::ReceiveMh, this));
    m_l4->SetUnknownTypeCallback(MakeCallback(&Mip6HomeAgent::ReceiveUnknownMh, this));
    m_tunnel = Mip6Tunnel::Install(node, true);
    m_tunnel->SetSendHandler(MakeCallback(&Mip6HomeAgent::TunnelSend, this));
    m_tunnel->SetAcceptFilter(MakeCallback(&Mip6HomeAgent::TunnelAccept, this));
    m_security->Setup(node, m_haAddress);

    Ptr<Ipv6L3Protocol> ipv6 = node->GetObject<Ipv6L3Protocol>();
    m_icmpSocket = Socket::CreateSocket(node, Ipv6RawSocketFactory::GetTypeId());
    m_icmpSocket->SetAttribute("Protocol", UintegerValue(Icmpv6L4Protocol::PROT_NUMBER));
    m_icmpSocket->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), 0));
    m_icmpSocket->BindToNetDevice(ipv6->GetNetDevice(m_homeInterface));
    m_icmpSocket->SetRecvCallback(MakeCallback(&Mip6HomeAgent::HandleHomeIcmp, this));
}

void
Mip6HomeAgent::StopApplication()
{
    for (auto& [hoa, hb] : m_cache)
    {
        for (auto& [bid, e] : hb.byBid)
        {
            e.expiry.Cancel();
        }
    }
    for (auto& [hoa, p] : m_pendingDad)
    {
        p.done.Cancel();
    }
    if (m_icmpSocket)
    {
        m_icmpSocket->Close();
    }
}

void
Mip6HomeAgent::DoDispose()
{
    m_l4 = nullptr;
    m_tunnel = nullptr;
    m_security = nullptr;
    m_icmpSocket = nullptr;
    m_cache.clear();
    m_pendingDad.clear();
    Application::DoDispose();
}

void
Mip6HomeAgent::Drop(Ptr<const Packet> p, const std::string& reason)
{
    NS_LOG_INFO("HA drop: " << reason);
    m_drops[reason]++;
    m_dropTrace(p, reason);
}

Mip6SignalingContext
Mip6HomeAgent::MakeContext(Ipv6Address hoa, Ipv6Address coa) const
{
    Mip6SignalingContext ctx;
    ctx.node = GetNode();
    ctx.l4 = m_l4;
    ctx.hoa = hoa;
    ctx.ha = m_haAddress;
    ctx.coa = coa;
    ctx.src = m_haAddress;
    ctx.dst = coa;
    ctx.away = coa != hoa;
    return ctx;
}

void
Mip6HomeAgent::ReceiveUnknownMh(Ptr<Packet> mh, const Mip6RxContext& ctx)
{
    // RFC 6275 §9.2: an unrecognised MH type is answered with a BE, status 2.
    Drop(mh, "unknown-mh-type");
    SendBindingError(ctx.src,
                     ctx.hao.value_or(ctx.src),
                     Mip6BindingErrorHeader::STATUS_UNRECOGNIZED_MH_TYPE);
}

void
Mip6HomeAgent::ReceiveMh(Ptr<Packet> mh, const Mip6RxContext& ctx)
{
    if (ctx.mhType != Mip6Header::BU)
    {
        // RFC 6275 §9.3.1: a HAO with no binding for it is answered with BE status 1.
        if (ctx.hao && m_cache.find(*ctx.hao) == m_cache.end())
        {
            Drop(mh, "hao-without-binding");
            SendBindingError(ctx.src,
                             *ctx.hao,
                             Mip6BindingErrorHeader::STATUS_UNKNOWN_BINDING_FOR_HAO);
            return;
        }
        Drop(mh, "unexpected-mh-type");
        return;
    }
    Mip6Verdict verdict;
    {
        Mip6CpuScope cpu(GetNode()); // the design's checks charge this node's CPU
        verdict = m_security->ReceiveSignaling(mh, ctx);
    }
    Mip6BindingUpdateHeader bu;
    mh->PeekHeader(bu);
    const Ipv6Address hoa = ctx.hao.value_or(ctx.src);
    if (!verdict.accepted)
    {
        Drop(mh, verdict.reason);
        if (verdict.baStatus != 0)
        {
            const Mip6Option* alt = bu.FindOption(Mip6OptionType::ALTERNATE_COA);
            const Ipv6Address coa = alt && alt->GetAlternateCareOfAddress()
                                        ? *alt->GetAlternateCareOfAddress()
                                        : ctx.src;
            SendBindingAck(hoa, coa, verdict.baStatus, bu.GetSequence(), Seconds(0), 0);
        }
        return;
    }
    // Processed once the CPU has verified it (Mip6ProcessingDelay; a direct call when idle).
    Mip6ProcessingDelay::WhenIdle(GetNode(), [this, bu, ctx]() { ProcessBindingUpdate(bu, ctx); });
}

void
Mip6HomeAgent::ProcessBindingUpdate(const Mip6BindingUpdateHeader& bu, const Mip6RxContext& ctx)
{
    // RFC 6275 §9.5.1 / §10.3.1. The HoA is the HAO's (the packet's source when at home); the CoA
    // is the Alternate CoA option's when present, otherwise the packet's source.
    const Ipv6Address hoa = ctx.hao.value_or(ctx.src);
    // RFC 5648 §5.3: with Binding Identifier options the CoAs are in them (the AltCoA option is
    // neither required nor used, §9: it must not be sent under ESP).
    const bool mcoa = m_multipleCoa && bu.FindOption(Mip6OptionType::BINDING_ID) != nullptr;
    Ipv6Address coa = ctx.src;
    if (const Mip6Option* alt = bu.FindOption(Mip6OptionType::ALTERNATE_COA); alt && !mcoa)
    {
        if (auto a = alt->GetAlternateCareOfAddress())
        {
            coa = *a;
        }
    }
    const uint16_t seq = bu.GetSequence();
    m_buRxTrace(hoa, coa, seq);

    if (!bu.HasFlag(Mip6BindingUpdateHeader::FLAG_H) || !m_homeRegistration)
    {
        // This node registers home bindings only: correspondent registration (route
        // optimisation) is out of scope (DESIGN.md §1).
        SendBindingAck(hoa, coa, Mip6BaStatus::HOME_REGISTRATION_NOT_SUPPORTED, seq, Seconds(0), 0);
        return;
    }
    if (!Ipv6Prefix(m_homePrefixLength).IsMatch(hoa, m_homePrefix))
    {
        SendBindingAck(hoa, coa, Mip6BaStatus::NOT_HOME_SUBNET, seq, Seconds(0), 0);
        return;
    }
    if (!m_served.empty() && m_served.find(hoa) == m_served.end())
    {
        SendBindingAck(hoa, coa, Mip6BaStatus::NOT_HOME_AGENT_FOR_THIS_MN, seq, Seconds(0), 0);
        return;
    }
    if (mcoa)
    {
        ProcessMcoaBindingUpdate(bu, hoa, ctx.src);
        return;
    }
    auto it = m_cache.find(hoa);
    if (it != m_cache.end() && !Mip6SequenceIsNewer(seq, it->second.lastSequence))
    {
        // The BA carries the last accepted sequence number so the MN can resynchronise.
        SendBindingAck(hoa,
                       coa,
                       Mip6BaStatus::SEQUENCE_OUT_OF_WINDOW,
                       it->second.lastSequence,
                       Seconds(0),
                       0);
        return;
    }
    const Time requested = bu.GetLifetime();
    if (requested.IsZero() || coa == hoa)
    {
        // §10.3.2: de-registration. A registration still waiting for DAD is abandoned; with no
        // home registration at all the BU is rejected with 133.
        auto pendingIt = m_pendingDad.find(hoa);
        if (pendingIt != m_pendingDad.end())
        {
            pendingIt->second.done.Cancel();
            m_pendingDad.erase(pendingIt);
        }
        if (it == m_cache.end())
        {
            SendBindingAck(hoa, coa, Mip6BaStatus::NOT_HOME_AGENT_FOR_THIS_MN, seq, Seconds(0), 0);
            return;
        }
        RemoveBinding(hoa);
        SendBindingAck(hoa, coa, Mip6BaStatus::ACCEPTED, seq, Seconds(0), 0);
        return;
    }
    const Time granted = std::min(requested, m_maxLifetime);
    auto pending = m_pendingDad.find(hoa);
    if (pending != m_pendingDad.end())
    {
        // A retransmission while DAD runs: answer the newest BU when DAD ends.
        pending->second.coa = coa;
        pending->second.seq = seq;
        pending->second.flags = bu.GetFlags();
        pending->second.lifetime = granted;
        pending->second.mcoa.clear(); // the newest BU has no BID: RFC 6275 binding
        return;
    }
    if (it == m_cache.end() || m_dadOnEveryBu)
    {
        PendingDad p;
        p.coa = coa;
        p.seq = seq;
        p.flags = bu.GetFlags();
        p.lifetime = granted;
        if (!StartDad(hoa, p))
        {
            // The HA cannot run the DAD the RFC requires before accepting: reason unspecified.
            SendBindingAck(hoa, coa, Mip6BaStatus::REASON_UNSPECIFIED, seq, Seconds(0), 0);
        }
        return;
    }
    AcceptBinding(hoa, coa, seq, bu.GetFlags(), granted);
}

bool
Mip6HomeAgent::StartDad(Ipv6Address hoa, PendingDad pending)
{
    // §10.3.1: DAD for the home address before the BA of a new binding. A Neighbor Solicitation
    // for the HoA goes out on the home link; a node that owns the address answers with an NA,
    // which HandleHomeIcmp records as a conflict (status 134).
    Ptr<Ipv6L3Protocol> ipv6 = GetNode()->GetObject<Ipv6L3Protocol>();
    Ptr<Icmpv6L4Protocol> icmp = GetNode()->GetObject<Icmpv6L4Protocol>();
    Ptr<NetDevice> homeDev =
        m_homeInterface < ipv6->GetNInterfaces() ? ipv6->GetNetDevice(m_homeInterface) : nullptr;
    Ipv6Address linkLocal;
    for (uint32_t i = 0; homeDev && i < ipv6->GetNAddresses(m_homeInterface); ++i)
    {
        Ipv6InterfaceAddress a = ipv6->GetAddress(m_homeInterface, i);
        if (a.GetScope() == Ipv6InterfaceAddress::LINKLOCAL)
        {
            linkLocal = a.GetAddress();
        }
    }
    if (!icmp || !homeDev || linkLocal.IsAny())
    {
        Drop(nullptr, "dad-impossible");
        return false;
    }
    pending.done = Simulator::Schedule(m_dadDelay, &Mip6HomeAgent::DadDone, this, hoa);
    m_pendingDad[hoa] = pending;
    icmp->SendNS(linkLocal, Ipv6Address::MakeSolicitedAddress(hoa), hoa, homeDev->GetAddress());
    return true;
}

void
Mip6HomeAgent::DadDone(Ipv6Address hoa)
{
    auto it = m_pendingDad.find(hoa);
    if (it == m_pendingDad.end())
    {
        return;
    }
    PendingDad p = it->second;
    m_pendingDad.erase(it);
    if (!p.mcoa.empty())
    {
        for (McoaPlan plan : p.mcoa)
        {
            if (!p.conflict)
            {
                CommitMcoa(hoa, plan);
                continue;
            }
            // Every BID that would have been registered fails with the HoA's DAD.
            for (auto& item : plan.items)
            {
                if (item.status < 128)
                {
                    item.status = Mip6BaStatus::DAD_FAILED;
                }
            }
            SendMcoaAck(hoa, plan, Mip6BaStatus::DAD_FAILED);
        }
        return;
    }
    if (p.conflict)
    {
        SendBindingAck(hoa, p.coa, Mip6BaStatus::DAD_FAILED, p.seq, Seconds(0), 0);
        return;
    }
    AcceptBinding(hoa, p.coa, p.seq, p.flags, p.lifetime);
}

void
Mip6HomeAgent::InstallHomeAddress(Ipv6Address hoa)
{
    // §10.4.5: packets for the HoA go into the tunnel (the /128 beats the on-link /64).
    Ptr<Ipv6L3Protocol> ipv6 = GetNode()->GetObject<Ipv6L3Protocol>();
    Ipv6StaticRoutingHelper helper;
    Ptr<Ipv6StaticRouting> routing = helper.GetStaticRouting(ipv6);
    routing->AddHostRouteTo(hoa, m_tunnel->GetInterface());
    if (m_proxyNd)
    {
        // §10.4.1: an unsolicited NA to all nodes, so home-link neighbours update their caches.
        SendProxyNa(hoa, Ipv6Address::GetAllNodesMulticast(), false);
    }
}

uint8_t
Mip6HomeAgent::BaFlagsFor(uint16_t flags) const
{
    uint8_t baFlags = 0;
    if ((flags & Mip6BindingUpdateHeader::FLAG_K) && m_security->SupportsKeyManagementMobility())
    {
        baFlags |= Mip6BindingAckHeader::FLAG_K;
    }
    return baFlags;
}

void
Mip6HomeAgent::AcceptBinding(Ipv6Address hoa,
                             Ipv6Address coa,
                             uint16_t seq,
                             uint16_t flags,
                             Time lifetime)
{
    // RFC 6275 single binding (BID 0). RFC 5648 §5.7: a BU without BID replaces every binding
    // (and flow binding) the HoA had under MCoA.
    const bool isNew = m_cache.find(hoa) == m_cache.end();
    HomeBindings& hb = m_cache[hoa];
    const Ipv6Address oldCoa = isNew ? Ipv6Address::GetAny() : hb.notifiedCoa;
    for (auto it = hb.byBid.begin(); it != hb.byBid.end();)
    {
        if (it->first != 0)
        {
            it->second.expiry.Cancel();
            m_bidRemovedTrace(hoa, it->first);
            it = hb.byBid.erase(it);
        }
        else
        {
            ++it;
        }
    }
    hb.flows.clear();
    Mip6BindingCacheEntry& e = hb.byBid[0];
    e.homeAddress = hoa;
    e.careOfAddress = coa;
    e.lastSequence = seq;
    e.flags = flags;
    e.registered = Simulator::Now();
    e.lifetime = lifetime;
    e.active = true;
    e.bindingId = 0;
    e.priority = 0;
    e.expiry.Cancel();
    e.expiry = Simulator::Schedule(lifetime, &Mip6HomeAgent::ExpireBinding, this, hoa, uint16_t{0});
    hb.lastSequence = seq;
    hb.notifiedCoa = coa;
    if (isNew)
    {
        InstallHomeAddress(hoa);
    }
    // The single-binding meaning of the seam: every accepted BU, with the previous CoA.
    m_security->NotifyBindingUpdated(hoa, oldCoa, coa);
    SendBindingAck(hoa, coa, Mip6BaStatus::ACCEPTED, seq, lifetime, BaFlagsFor(flags));
}

void
Mip6HomeAgent::ProcessMcoaBindingUpdate(const Mip6BindingUpdateHeader& bu,
                                        Ipv6Address hoa,
                                        Ipv6Address src)
{
    // RFC 5648 §5.3, §6.2 (and §5.6 for the H flag, §5.7 for O).
    McoaPlan plan;
    plan.seq = bu.GetSequence();
    plan.flags = bu.GetFlags();
    plan.lifetime = std::min(bu.GetLifetime(), m_maxLifetime);
    plan.overwrite = bu.IsOverwrite();
    plan.replyTo = src;
    std::set<uint16_t> seen;
    bool malformed = false;
    for (const auto& o : bu.GetOptions())
    {
        if (o.GetType() == Mip6OptionType::FLOW_ID)
        {
            plan.flowOptions.push_back(o);
            continue;
        }
        if (o.GetType() != Mip6OptionType::BINDING_ID)
        {
            continue;
        }
        // A wrong length, BID 0 or a BID twice in one BU: MCOA_MALFORMED for the whole BU.
        const auto b = o.GetBindingIdentifier();
        if (!b || b->bid == 0 || !seen.insert(b->bid).second)
        {
            malformed = true;
            continue;
        }
        McoaItem item;
        item.bid = b->bid;
        item.priority = b->priority;
        item.h = b->h;
        if (b->coa)
        {
            item.coa = *b->coa;
        }
        else if (b->coa4)
        {
            // An IPv4 CoA needs DSMIPv6 (RFC 5555), which this HA does not implement.
            item.status = Mip6BaStatus::MCOA_UNKNOWN_COA;
        }
        plan.items.push_back(item);
    }
    if (malformed)
    {
        plan.items.clear();
        SendBindingAck(hoa, src, Mip6BaStatus::MCOA_MALFORMED, plan.seq, Seconds(0), 0);
        return;
    }
    auto refuseAll = [&](uint8_t status) {
        for (auto& item : plan.items)
        {
            item.status = status;
        }
        SendMcoaAck(hoa, plan, status);
    };
    if (!m_bulkRegistration && plan.items.size() > 1)
    {
        refuseAll(Mip6BaStatus::MCOA_BULK_REGISTRATION_PROHIBITED);
        return;
    }
    auto it = m_cache.find(hoa);
    if (it != m_cache.end() && it->second.byBid.count(0) && !plan.overwrite)
    {
        // §5.7: a non-MCoA binding exists; the MN must resend with O to replace it.
        refuseAll(Mip6BaStatus::MCOA_NON_MCOA_BINDING_EXISTS);
        return;
    }
    const bool deregistration = plan.lifetime.IsZero();
    if (deregistration && it == m_cache.end())
    {
        // As RFC 6275 §10.3.2: nothing registered for this HoA.
        refuseAll(Mip6BaStatus::NOT_HOME_AGENT_FOR_THIS_MN);
        return;
    }
    for (auto& item : plan.items)
    {
        if (item.status != 0)
        {
            continue;
        }
        if (item.h && !m_simultaneousHomeForeign)
        {
            item.status = Mip6BaStatus::MCOA_SIMULTANEOUS_HOME_AND_FOREIGN_PROHIBITED;
            continue;
        }
        const Mip6BindingCacheEntry* existing = nullptr;
        if (it != m_cache.end() && !plan.overwrite)
        {
            auto e = it->second.byBid.find(item.bid);
            existing = e == it->second.byBid.end() ? nullptr : &e->second;
        }
        // The sequence number is checked per (HoA, BID), so that an MN may number each
        // interface's BUs on its own.
        if (existing && !Mip6SequenceIsNewer(plan.seq, existing->lastSequence))
        {
            item.status = Mip6BaStatus::SEQUENCE_OUT_OF_WINDOW;
            continue;
        }
        if (deregistration)
        {
            item.remove = true;
            continue;
        }
        if (item.coa.IsAny())
        {
            // §6.1: the CoA may be left out only when refreshing a registered BID.
            if (!existing)
            {
                item.status = Mip6BaStatus::MCOA_UNKNOWN_COA;
                continue;
            }
            item.coa = existing->careOfAddress;
        }
        // §5.5: a BID whose CoA is the HoA returned home on that interface.
        item.remove = item.coa == hoa;
    }
    bool anyAccepted = false;
    bool anyRegistered = false;
    for (const auto& item : plan.items)
    {
        anyAccepted |= item.status < 128;
        anyRegistered |= item.status < 128 && !item.remove;
    }
    if (!anyAccepted)
    {
        // Every BID failed: the BA carries the first failure as its status.
        SendMcoaAck(hoa, plan, plan.items.front().status);
        return;
    }
    auto pending = m_pendingDad.find(hoa);
    if (pending != m_pendingDad.end())
    {
        // A retransmission while DAD runs (the same BIDs) replaces the waiting BU; a BU for other
        // BIDs (per-BID registration) waits beside it. Each is answered when DAD ends.
        auto bids = [](const McoaPlan& m) {
            std::vector<uint16_t> v;
            for (const auto& item : m.items)
            {
                v.push_back(item.bid);
            }
            std::sort(v.begin(), v.end());
            return v;
        };
        auto& waiting = pending->second.mcoa;
        auto same = std::find_if(waiting.begin(), waiting.end(), [&](const McoaPlan& m) {
            return bids(m) == bids(plan);
        });
        if (same != waiting.end())
        {
            *same = plan;
        }
        else
        {
            waiting.push_back(plan);
        }
        return;
    }
    if (anyRegistered && (it == m_cache.end() || m_dadOnEveryBu))
    {
        PendingDad p;
        p.coa = src;
        p.seq = plan.seq;
        p.mcoa = {plan};
        if (!StartDad(hoa, p))
        {
            refuseAll(Mip6BaStatus::REASON_UNSPECIFIED);
        }
        return;
    }
    CommitMcoa(hoa, plan);
}

void
Mip6HomeAgent::CommitMcoa(Ipv6Address hoa, const McoaPlan& plan)
{
    const bool isNew = m_cache.find(hoa) == m_cache.end();
    HomeBindings& hb = m_cache[hoa];
    if (plan.overwrite)
    {
        // §5.7 O flag: every earlier binding and flow binding of the HoA is replaced.
        for (auto& [bid, e] : hb.byBid)
        {
            e.expiry.Cancel();
            m_bidRemovedTrace(hoa, bid);
        }
        hb.byBid.clear();
        hb.flows.clear();
    }
    bool anyFailed = false;
    for (const auto& item : plan.items)
    {
        if (item.status >= 128)
        {
            anyFailed = true;
            continue;
        }
        if (item.remove)
        {
            auto e = hb.byBid.find(item.bid);
            if (e != hb.byBid.end())
            {
                e->second.expiry.Cancel();
                hb.byBid.erase(e);
                m_bidRemovedTrace(hoa, item.bid);
            }
            continue;
        }
        Mip6BindingCacheEntry& e = hb.byBid[item.bid];
        e.homeAddress = hoa;
        e.careOfAddress = item.coa;
        e.lastSequence = plan.seq;
        e.flags = plan.flags;
        e.registered = Simulator::Now();
        e.lifetime = plan.lifetime;
        e.active = true;
        e.bindingId = item.bid;
        e.priority = item.priority;
        e.expiry.Cancel();
        e.expiry =
            Simulator::Schedule(plan.lifetime, &Mip6HomeAgent::ExpireBinding, this, hoa, item.bid);
    }
    hb.lastSequence = plan.seq;
    std::vector<Mip6Option> fidEcho;
    if (hb.byBid.empty())
    {
        // The last BID went: the HoA is no longer bound.
        if (isNew)
        {
            m_cache.erase(hoa);
        }
        else
        {
            RemoveBinding(hoa);
        }
    }
    else
    {
        fidEcho = ProcessFlowOptions(hoa, plan);
        if (isNew)
        {
            InstallHomeAddress(hoa);
        }
        NotifyPrimary(hoa);
    }
    const uint8_t status = anyFailed ? Mip6BaStatus::MCOA_NOTCOMPLETE : Mip6BaStatus::ACCEPTED;
    SendMcoaAck(hoa, plan, status, fidEcho);
}

std::vector<Mip6Option>
Mip6HomeAgent::ProcessFlowOptions(Ipv6Address hoa, const McoaPlan& plan)
{
    // RFC 6089 §5 at the HA, as mip6 models it: a FID with Binding Reference and an IPv6 Traffic
    // Selector adds or replaces a flow; with a Binding Reference only it moves an existing flow;
    // with no sub-option it removes the flow. Each FID option is echoed with its status.
    HomeBindings& hb = m_cache[hoa];
    std::vector<Mip6Option> echo;
    for (const auto& o : plan.flowOptions)
    {
        Mip6FlowIdentification answer;
        const auto f = o.GetFlowIdentification();
        if (!f)
        {
            const auto& d = o.GetData();
            answer.fid = d.size() >= 2 ? static_cast<uint16_t>((d[0] << 8) | d[1]) : 0;
            answer.status = Mip6FlowIdentification::FLOW_IDENTIFICATION_MOBILITY_OPTION_MALFORMED;
            echo.push_back(Mip6Option::FlowIdentification(answer));
            continue;
        }
        answer.fid = f->fid;
        answer.priority = f->priority;
        auto existing = hb.flows.find(f->fid);
        bool refsKnown = true;
        for (uint16_t bid : f->bindingRefs)
        {
            refsKnown &= hb.byBid.count(bid) > 0;
        }
        if (f->fid == 0 || f->priority == 0)
        {
            // RFC 6089 §4.2: FID = 0 and FID-PRI = 0 are reserved and MUST NOT be used; an
            // option that carries one is malformed: nothing is stored, the option is echoed
            // with status 130, and the refusal is counted and traced.
            answer.status = Mip6FlowIdentification::FLOW_IDENTIFICATION_MOBILITY_OPTION_MALFORMED;
            Drop(nullptr, "flow-id-reserved");
        }
        else if (f->tsFormat != 0 && f->tsFormat != Mip6FlowIdentification::TS_IPV6_BINARY)
        {
            answer.status = Mip6FlowIdentification::TRAFFIC_SELECTOR_FORMAT_NOT_SUPPORTED;
        }
        else if (!refsKnown)
        {
            answer.status = Mip6FlowIdentification::BID_NOT_FOUND;
        }
        else if (!f->bindingRefs.empty() && f->ts)
        {
            hb.flows[f->fid] = Mip6FlowBinding{f->fid, f->priority, f->bindingRefs, *f->ts};
        }
        else if (!f->bindingRefs.empty() && existing != hb.flows.end())
        {
            existing->second.bindingIds = f->bindingRefs;
            existing->second.priority = f->priority;
        }
        else if (f->bindingRefs.empty() && !f->ts && existing != hb.flows.end())
        {
            hb.flows.erase(existing);
        }
        else if (f->ts)
        {
            // A selector without a Binding Reference names no binding to use.
            answer.status = Mip6FlowIdentification::FLOW_IDENTIFICATION_MOBILITY_OPTION_MALFORMED;
        }
        else
        {
            answer.status = Mip6FlowIdentification::FID_NOT_FOUND;
        }
        echo.push_back(Mip6Option::FlowIdentification(answer));
    }
    return echo;
}

void
Mip6HomeAgent::SendMcoaAck(Ipv6Address hoa,
                           const McoaPlan& plan,
                           uint8_t status,
                           const std::vector<Mip6Option>& extra)
{
    // RFC 5648 §5.3, §6.1: the BA echoes every BID (without CoA) with its own status; a non-zero
    // per-BID status overrides the BA status for that BID.
    std::vector<Mip6Option> options;
    for (const auto& item : plan.items)
    {
        options.push_back(Mip6Option::BindingIdentifier(item.bid,
                                                        std::nullopt,
                                                        item.priority,
                                                        item.status,
                                                        item.h));
    }
    options.insert(options.end(), extra.begin(), extra.end());
    const bool accepted = status < 128;
    const Time lifetime = accepted ? plan.lifetime : Seconds(0);
    const uint16_t seq = plan.seq;
    SendBindingAck(hoa,
                   plan.replyTo,
                   status,
                   seq,
                   lifetime,
                   accepted ? BaFlagsFor(plan.flags) : 0,
                   options);
}

void
Mip6HomeAgent::NotifyPrimary(Ipv6Address hoa)
{
    // Under MCoA the design hears of the primary CoA only (doc/mip6.rst).
    HomeBindings& hb = m_cache[hoa];
    const Ipv6Address primary = Primary(hb).careOfAddress;
    if (primary != hb.notifiedCoa)
    {
        const Ipv6Address old = hb.notifiedCoa;
        hb.notifiedCoa = primary;
        m_security->NotifyBindingUpdated(hoa, old, primary);
    }
}

void
Mip6HomeAgent::RemoveBinding(Ipv6Address hoa)
{
    auto it = m_cache.find(hoa);
    if (it == m_cache.end())
    {
        return;
    }
    for (auto& [bid, e] : it->second.byBid)
    {
        e.expiry.Cancel();
        m_bidRemovedTrace(hoa, bid);
    }
    m_cache.erase(it);
    Ptr<Ipv6L3Protocol> ipv6 = GetNode()->GetObject<Ipv6L3Protocol>();
    Ipv6StaticRoutingHelper helper;
    Ptr<Ipv6StaticRouting> routing = helper.GetStaticRouting(ipv6);
    // (RemoveRoute would match on the route's "prefix to use", which ns-3.37 sets to the
    // destination itself for a host route: remove by destination and interface instead.)
    for (uint32_t i = routing->GetNRoutes(); i-- > 0;)
    {
        const Ipv6RoutingTableEntry r = routing->GetRoute(i);
        if (r.IsHost() && r.GetDest() == hoa && r.GetInterface() == m_tunnel->GetInterface())
        {
            routing->RemoveRoute(i);
        }
    }
    m_security->NotifyBindingRemoved(hoa);
    m_expiredTrace(hoa);
}

void
Mip6HomeAgent::RemoveBindingId(Ipv6Address hoa, uint16_t bid)
{
    auto it = m_cache.find(hoa);
    if (it == m_cache.end())
    {
        return;
    }
    auto e = it->second.byBid.find(bid);
    if (e == it->second.byBid.end())
    {
        return;
    }
    if (it->second.byBid.size() == 1)
    {
        RemoveBinding(hoa);
        return;
    }
    e->second.expiry.Cancel();
    it->second.byBid.erase(e);
    m_bidRemovedTrace(hoa, bid);
    NotifyPrimary(hoa);
}

void
Mip6HomeAgent::ExpireBinding(Ipv6Address hoa, uint16_t bid)
{
    NS_LOG_INFO("binding for " << hoa << " BID " << bid << " expired");
    RemoveBindingId(hoa, bid);
}

void
Mip6HomeAgent::SendBindingAck(Ipv6Address hoa,
                              Ipv6Address coa,
                              uint8_t status,
                              uint16_t seq,
                              Time lifetime,
                              uint8_t flags,
                              const std::vector<Mip6Option>& extra)
{
    // RFC 6275 §6.1.8, §9.5.4 (BA to the CoA with a Type 2 RH holding the HoA).
    Mip6BindingAckHeader ba;
    ba.SetStatus(status);
    ba.SetSequence(seq);
    ba.SetFlags(flags);
    ba.SetLifetimeUnits(
        static_cast<uint16_t>(std::min<int64_t>(lifetime.GetSeconds() / 4, 0xffff)));
    for (const auto& o : extra)
    {
        ba.AddOption(o);
    }
    if (status < 128 && !m_refreshAdvice.IsZero() && m_refreshAdvice < lifetime)
    {
        ba.AddOption(Mip6Option::BindingRefreshAdvice(
            static_cast<uint16_t>(m_refreshAdvice.GetSeconds() / 4)));
    }
    Mip6SignalingContext ctx = MakeContext(hoa, coa);
    Mip6CpuScope cpu(GetNode()); // the design's crypto on this BA charges this node's CPU
    m_security->DecorateBindingAck(ba, ctx);
    // The checksum's pseudo-header destination is the final destination, the HoA (§6.1.1).
    ba.CalculateChecksum(m_haAddress, ctx.away ? hoa : coa);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(ba);
    TagSignaling(p, "BA", hoa);
    m_baTxTrace(hoa, coa, status, seq);
    m_security->SendSignaling(p, ctx);
}

void
Mip6HomeAgent::SendBindingError(Ipv6Address to, Ipv6Address hoa, uint8_t status)
{
    // RFC 6275 §6.1.9: BE to the packet's source, carrying the HoA of the offending HAO.
    Mip6BindingErrorHeader be;
    be.SetStatus(status);
    be.SetHomeAddress(hoa);
    be.CalculateChecksum(m_haAddress, to);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(be);
    TagSignaling(p, "BE", hoa);
    Mip6SignalingContext ctx = MakeContext(hoa, to);
    ctx.away = false; // a BE goes to the packet's source, with no Type 2 RH (§9.3.1)
    m_security->SendSignaling(p, ctx);
}

void
Mip6HomeAgent::SetMnId(Ipv6Address hoa, uint32_t mnId)
{
    m_mnIds[hoa] = mnId;
}

uint32_t
Mip6HomeAgent::MnIdOf(Ipv6Address hoa) const
{
    auto it = m_mnIds.find(hoa);
    return it == m_mnIds.end() ? 0 : it->second;
}

void
Mip6HomeAgent::TagSignaling(Ptr<Packet> p, const std::string& message, Ipv6Address hoa) const
{
    Mip6CategoryTag tag;
    tag.SetCategory(Mip6Category::MIP6);
    tag.SetMessage(message);
    tag.SetMnId(MnIdOf(hoa));
    p->ReplacePacketTag(tag);
}

void
Mip6HomeAgent::TunnelSend(Ptr<Packet> inner)
{
    Ipv6Header innerHeader;
    inner->PeekHeader(innerHeader);
    auto it = m_cache.find(innerHeader.GetDestination());
    if (it == m_cache.end())
    {
        Drop(inner, "no-binding");
        return;
    }
    // The design sends to the CoA chosen for this packet (ctx.coa).
    Mip6SignalingContext ctx = MakeContext(it->first, SelectCareOf(it->first, inner));
    Mip6CategoryTag tag;
    tag.SetCategory(Mip6Category::TUNNEL);
    tag.SetMessage("tunnel");
    tag.SetMnId(MnIdOf(it->first));
    inner->ReplacePacketTag(tag);
    m_security->SendData(inner, ctx);
}

bool
Mip6HomeAgent::TunnelAccept(Ptr<const Packet> inner, const Ipv6Header& outer)
{
    // §10.4.5: reverse-tunnelled packets must come from the registered CoA of their source HoA.
    Mip6Verdict verdict = m_security->AcceptPlainTunnel(outer);
    if (!verdict.accepted)
    {
        Drop(inner, verdict.reason);
        return false;
    }
    Ipv6Header innerHeader;
    inner->PeekHeader(innerHeader);
    // RFC 5648 §5.7: the outer source may be any registered CoA of the HoA.
    auto it = m_cache.find(innerHeader.GetSource());
    if (it != m_cache.end())
    {
        for (const auto& [bid, e] : it->second.byBid)
        {
            if (e.careOfAddress == outer.GetSource())
            {
                return true;
            }
        }
    }
    Drop(inner, "tunnel-source-mismatch");
    return false;
}

Ipv6Address
Mip6HomeAgent::SelectCareOf(Ipv6Address hoa, Ptr<const Packet> inner) const
{
    const HomeBindings& hb = m_cache.at(hoa);
    if (!hb.flows.empty())
    {
        // RFC 6089 §5.2: the flow bindings in (FID-PRI, FID) order; the first that matches and
        // has a registered BID decides. Ports are read for UDP and TCP right after the header.
        Ipv6Header ih;
        inner->PeekHeader(ih);
        const uint8_t nh = ih.GetNextHeader();
        uint16_t srcPort = 0;
        uint16_t dstPort = 0;
        const uint32_t ipLen = ih.GetSerializedSize();
        if ((nh == 6 || nh == 17) && inner->GetSize() >= ipLen + 4)
        {
            std::vector<uint8_t> b(ipLen + 4);
            inner->CopyData(b.data(), ipLen + 4);
            srcPort = static_cast<uint16_t>((b[ipLen] << 8) | b[ipLen + 1]);
            dstPort = static_cast<uint16_t>((b[ipLen + 2] << 8) | b[ipLen + 3]);
        }
        for (const auto& f : GetFlowBindings(hoa))
        {
            if (!f.selector.Matches(ih.GetSource(),
                                    ih.GetDestination(),
                                    nh,
                                    srcPort,
                                    dstPort,
                                    ih.GetTrafficClass()))
            {
                continue;
            }
            for (uint16_t bid : f.bindingIds)
            {
                auto e = hb.byBid.find(bid);
                if (e != hb.byBid.end())
                {
                    return e->second.careOfAddress;
                }
            }
        }
    }
    return Primary(hb).careOfAddress;
}

void
Mip6HomeAgent::SendProxyNa(Ipv6Address target, Ipv6Address dst, bool solicited)
{
    // RFC 6275 §10.4.1: target the HoA, the HA's link-layer address, Router flag clear, Override
    // set; Solicited only in answer to a solicitation.
    Mip6SendNeighborAdvertisement(GetNode(), m_homeInterface, target, m_haAddress, dst, solicited);
}

void
Mip6HomeAgent::HandleHomeIcmp(Ptr<Socket> socket)
{
    Ptr<Packet> p;
    while ((p = socket->Recv()))
    {
        Ipv6Header ip;
        uint8_t first = 0;
        if (p->GetSize() < 1)
        {
            continue;
        }
        p->CopyData(&first, 1);
        if ((first >> 4) == 6 && p->GetSize() >= ip.GetSerializedSize())
        {
            p->RemoveHeader(ip);
        }
        Icmpv6Header icmp;
        if (p->GetSize() < 4)
        {
            continue;
        }
        p->PeekHeader(icmp);
        if (icmp.GetType() == Icmpv6Header::ICMPV6_ND_NEIGHBOR_ADVERTISEMENT && p->GetSize() >= 24)
        {
            Icmpv6NA na;
            p->PeekHeader(na);
            auto it = m_pendingDad.find(na.GetIpv6Target());
            if (it != m_pendingDad.end())
            {
                it->second.conflict = true;
            }
        }
        else if (m_proxyNd && icmp.GetType() == Icmpv6Header::ICMPV6_ND_NEIGHBOR_SOLICITATION &&
                 p->GetSize() >= 24)
        {
            Icmpv6NS ns;
            p->PeekHeader(ns);
            const Ipv6Address target = ns.GetIpv6Target();
            if (m_cache.find(target) == m_cache.end())
            {
                continue;
            }
            // §10.4.1: proxy NA for a bound HoA; a DAD probe (source ::) is defended with an NA to
            // all nodes (RFC 4862 §5.4.3).
            const bool dad = ip.GetSource().IsAny();
            SendProxyNa(target, dad ? Ipv6Address::GetAllNodesMulticast() : ip.GetSource(), !dad);
        }
    }
}

} // namespace ns3
