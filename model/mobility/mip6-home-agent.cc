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
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

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

const Mip6BindingCacheEntry*
Mip6HomeAgent::GetBinding(Ipv6Address hoa) const
{
    auto it = m_cache.find(hoa);
    return it == m_cache.end() ? nullptr : &it->second;
}

uint32_t
Mip6HomeAgent::GetNBindings() const
{
    return m_cache.size();
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
    for (auto& [hoa, e] : m_cache)
    {
        e.expiry.Cancel();
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
    Mip6Verdict verdict = m_security->ReceiveSignaling(mh, ctx);
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
    ProcessBindingUpdate(bu, ctx);
}

void
Mip6HomeAgent::ProcessBindingUpdate(const Mip6BindingUpdateHeader& bu, const Mip6RxContext& ctx)
{
    // RFC 6275 §9.5.1 / §10.3.1. The HoA is the HAO's (the packet's source when at home); the CoA
    // is the Alternate CoA option's when present, otherwise the packet's source.
    const Ipv6Address hoa = ctx.hao.value_or(ctx.src);
    Ipv6Address coa = ctx.src;
    if (const Mip6Option* alt = bu.FindOption(Mip6OptionType::ALTERNATE_COA))
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
        return;
    }
    if (it == m_cache.end() || m_dadOnEveryBu)
    {
        // §10.3.1: DAD for the home address before the BA of a new binding. A Neighbor
        // Solicitation for the HoA goes out on the home link; a node that owns the address answers
        // with an NA, which HandleHomeIcmp records as a conflict (status 134).
        Ptr<Ipv6L3Protocol> ipv6 = GetNode()->GetObject<Ipv6L3Protocol>();
        Ptr<Icmpv6L4Protocol> icmp = GetNode()->GetObject<Icmpv6L4Protocol>();
        Ptr<NetDevice> homeDev = m_homeInterface < ipv6->GetNInterfaces()
                                     ? ipv6->GetNetDevice(m_homeInterface)
                                     : nullptr;
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
            // The HA cannot run the DAD the RFC requires before accepting: reason unspecified.
            Drop(nullptr, "dad-impossible");
            SendBindingAck(hoa, coa, Mip6BaStatus::REASON_UNSPECIFIED, seq, Seconds(0), 0);
            return;
        }
        PendingDad p;
        p.coa = coa;
        p.seq = seq;
        p.flags = bu.GetFlags();
        p.lifetime = granted;
        p.done = Simulator::Schedule(m_dadDelay, &Mip6HomeAgent::DadDone, this, hoa);
        m_pendingDad[hoa] = p;
        icmp->SendNS(linkLocal, Ipv6Address::MakeSolicitedAddress(hoa), hoa, homeDev->GetAddress());
        return;
    }
    AcceptBinding(hoa, coa, seq, bu.GetFlags(), granted);
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
    if (p.conflict)
    {
        SendBindingAck(hoa, p.coa, Mip6BaStatus::DAD_FAILED, p.seq, Seconds(0), 0);
        return;
    }
    AcceptBinding(hoa, p.coa, p.seq, p.flags, p.lifetime);
}

void
Mip6HomeAgent::AcceptBinding(Ipv6Address hoa,
                             Ipv6Address coa,
                             uint16_t seq,
                             uint16_t flags,
                             Time lifetime)
{
    Ptr<Ipv6L3Protocol> ipv6 = GetNode()->GetObject<Ipv6L3Protocol>();
    auto it = m_cache.find(hoa);
    const bool isNew = it == m_cache.end();
    Mip6BindingCacheEntry& e = m_cache[hoa];
    const Ipv6Address oldCoa = isNew ? Ipv6Address::GetAny() : e.careOfAddress;
    e.homeAddress = hoa;
    e.careOfAddress = coa;
    e.lastSequence = seq;
    e.flags = flags;
    e.registered = Simulator::Now();
    e.lifetime = lifetime;
    e.active = true;
    e.expiry.Cancel();
    e.expiry = Simulator::Schedule(lifetime, &Mip6HomeAgent::ExpireBinding, this, hoa);
    if (isNew)
    {
        // §10.4.5: packets for the HoA go into the tunnel (the /128 beats the on-link /64).
        Ipv6StaticRoutingHelper helper;
        Ptr<Ipv6StaticRouting> routing = helper.GetStaticRouting(ipv6);
        routing->AddHostRouteTo(hoa, m_tunnel->GetInterface());
        if (m_proxyNd)
        {
            // §10.4.1: an unsolicited NA to all nodes, so home-link neighbours update their caches.
            SendProxyNa(hoa, Ipv6Address::GetAllNodesMulticast(), false);
        }
    }
    m_security->NotifyBindingUpdated(hoa, oldCoa, coa);
    uint8_t baFlags = 0;
    if ((flags & Mip6BindingUpdateHeader::FLAG_K) && m_security->SupportsKeyManagementMobility())
    {
        baFlags |= Mip6BindingAckHeader::FLAG_K;
    }
    SendBindingAck(hoa, coa, Mip6BaStatus::ACCEPTED, seq, lifetime, baFlags);
}

void
Mip6HomeAgent::RemoveBinding(Ipv6Address hoa)
{
    auto it = m_cache.find(hoa);
    if (it == m_cache.end())
    {
        return;
    }
    it->second.expiry.Cancel();
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
Mip6HomeAgent::ExpireBinding(Ipv6Address hoa)
{
    NS_LOG_INFO("binding for " << hoa << " expired");
    RemoveBinding(hoa);
}

void
Mip6HomeAgent::SendBindingAck(Ipv6Address hoa,
                              Ipv6Address coa,
                              uint8_t status,
                              uint16_t seq,
                              Time lifetime,
                              uint8_t flags)
{
    // RFC 6275 §6.1.8, §9.5.4 (BA to the CoA with a Type 2 RH holding the HoA).
    Mip6BindingAckHeader ba;
    ba.SetStatus(status);
    ba.SetSequence(seq);
    ba.SetFlags(flags);
    ba.SetLifetimeUnits(
        static_cast<uint16_t>(std::min<int64_t>(lifetime.GetSeconds() / 4, 0xffff)));
    if (status < 128 && !m_refreshAdvice.IsZero() && m_refreshAdvice < lifetime)
    {
        ba.AddOption(Mip6Option::BindingRefreshAdvice(
            static_cast<uint16_t>(m_refreshAdvice.GetSeconds() / 4)));
    }
    Mip6SignalingContext ctx = MakeContext(hoa, coa);
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
    Mip6SignalingContext ctx = MakeContext(it->first, it->second.careOfAddress);
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
    auto it = m_cache.find(innerHeader.GetSource());
    if (it == m_cache.end() || it->second.careOfAddress != outer.GetSource())
    {
        Drop(inner, "tunnel-source-mismatch");
        return false;
    }
    return true;
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
