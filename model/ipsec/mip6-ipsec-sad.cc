/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-ipsec-sad.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/mip6-tunnel.h"

#include <algorithm>
#include <linux/pfkeyv2.h>
#include <netinet/in.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6IpsecSad");

NS_OBJECT_ENSURE_REGISTERED(Mip6IpsecSad);

namespace
{
/// PF_KEY v2 (RFC 2367 §2.3): every extension is padded to a multiple of 64 bits.
constexpr uint32_t
Align8(uint32_t n)
{
    return (n + 7) / 8 * 8;
}
} // namespace

size_t
Mip6IpsecPolicy::GetStateBytes()
{
    // direction 1, local 16, remote 16, protocol 1, MH type 1 (+1 presence), mode 1, SPI 4,
    // tunnel endpoints 32.
    return 1 + 16 + 16 + 1 + 2 + 1 + 4 + 32;
}

TypeId
Mip6IpsecSad::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6IpsecSad")
            .SetParent<Object>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6IpsecSad>()
            .AddTraceSource("Migrate",
                            "A tunnel-mode policy and its SAs moved from an old CoA to a new one "
                            "(PF_KEY SADB_X_MIGRATE): MN id, old CoA, new CoA, and the size of "
                            "the equivalent PF_KEY message (a local message, never on air).",
                            MakeTraceSourceAccessor(&Mip6IpsecSad::m_migrateTrace),
                            "ns3::Mip6IpsecSad::MigrateTracedCallback");
    return tid;
}

Ptr<Mip6IpsecSad>
Mip6IpsecSad::Install(Ptr<Node> node)
{
    NS_ABORT_MSG_IF(!node, "Mip6IpsecSad::Install: null node");
    Ptr<Mip6IpsecSad> sad = node->GetObject<Mip6IpsecSad>();
    if (!sad)
    {
        sad = CreateObject<Mip6IpsecSad>();
        sad->m_esp = Mip6EspProtocol::Install(node);
        node->AggregateObject(sad);
    }
    return sad;
}

void
Mip6IpsecSad::DoDispose()
{
    m_esp = nullptr;
    m_sets.clear();
    Object::DoDispose();
}

Ptr<Mip6EspProtocol>
Mip6IpsecSad::GetEsp() const
{
    return m_esp;
}

void
Mip6IpsecSad::Add(const Mip6IpsecSaSet& set)
{
    Remove(set.hoa);
    m_sets[set.hoa] = set;
    for (const Ptr<Mip6EspSa>& sa : {set.transportIn, set.tunnelIn})
    {
        if (sa)
        {
            m_esp->AddInboundSa(sa);
        }
    }
}

void
Mip6IpsecSad::Remove(Ipv6Address hoa)
{
    auto it = m_sets.find(hoa);
    if (it == m_sets.end())
    {
        return;
    }
    for (const Ptr<Mip6EspSa>& sa : {it->second.transportIn, it->second.tunnelIn})
    {
        if (sa)
        {
            m_esp->RemoveInboundSa(sa->GetSpi());
        }
    }
    m_sets.erase(it);
}

bool
Mip6IpsecSad::SetTunnelSas(Ipv6Address hoa,
                           Ptr<Mip6EspSa> out,
                           Ptr<Mip6EspSa> in,
                           const std::vector<Mip6IpsecPolicy>& policies)
{
    auto it = m_sets.find(hoa);
    if (it == m_sets.end())
    {
        return false;
    }
    Mip6IpsecSaSet& set = it->second;
    if (set.tunnelIn)
    {
        m_esp->RemoveInboundSa(set.tunnelIn->GetSpi());
    }
    set.tunnelOut = out;
    set.tunnelIn = in;
    set.policies.erase(
        std::remove_if(set.policies.begin(),
                       set.policies.end(),
                       [](const Mip6IpsecPolicy& p) { return p.mode == Mip6EspMode::TUNNEL; }),
        set.policies.end());
    set.policies.insert(set.policies.end(), policies.begin(), policies.end());
    if (in)
    {
        m_esp->AddInboundSa(in);
    }
    return true;
}

bool
Mip6IpsecSad::SetTransportSas(Ipv6Address hoa, Ptr<Mip6EspSa> out, Ptr<Mip6EspSa> in)
{
    auto it = m_sets.find(hoa);
    if (it == m_sets.end())
    {
        return false;
    }
    Mip6IpsecSaSet& set = it->second;
    if (set.transportIn)
    {
        m_esp->RemoveInboundSa(set.transportIn->GetSpi());
    }
    set.transportOut = out;
    set.transportIn = in;
    for (Mip6IpsecPolicy& p : set.policies)
    {
        if (p.mode == Mip6EspMode::TRANSPORT)
        {
            p.spi = p.direction == Mip6IpsecPolicy::OUT ? out->GetSpi() : in->GetSpi();
        }
    }
    m_esp->AddInboundSa(in);
    return true;
}

const Mip6IpsecSaSet*
Mip6IpsecSad::Find(Ipv6Address hoa) const
{
    auto it = m_sets.find(hoa);
    return it == m_sets.end() ? nullptr : &it->second;
}

size_t
Mip6IpsecSad::GetSetCount() const
{
    return m_sets.size();
}

const Mip6IpsecPolicy*
Mip6IpsecSad::FindOutbound(Ipv6Address hoa, uint8_t protocol, uint8_t mhType) const
{
    const Mip6IpsecSaSet* set = Find(hoa);
    if (!set)
    {
        return nullptr;
    }
    for (const Mip6IpsecPolicy& p : set->policies)
    {
        if (p.direction == Mip6IpsecPolicy::OUT && p.protocol == protocol &&
            (!p.mhType || *p.mhType == mhType))
        {
            return &p;
        }
    }
    return nullptr;
}

bool
Mip6IpsecSad::SendTunnelData(Ipv6Address hoa,
                             Ptr<Packet> inner,
                             const Mip6SignalingContext& ctx) const
{
    const Mip6IpsecSaSet* set = Find(hoa);
    if (!set || !set->tunnelOut)
    {
        return false;
    }
    // A packet the SA cannot protect is lost (ESP logs it), never sent in the clear.
    GetEsp()->Send(inner,
                   Mip6Tunnel::PROT_NUMBER,
                   set->tunnelOut,
                   ctx.src,
                   ctx.dst,
                   std::nullopt,
                   std::nullopt,
                   ctx.route);
    return true;
}

Mip6Verdict
Mip6IpsecSad::CheckPlainTunnel(const Ipv6Header& outer) const
{
    return GetEsp()->IsDeliveringProtected(outer) ? Mip6Verdict::Accept()
                                                  : Mip6Verdict::Reject("unprotected-tunnel");
}

bool
Mip6IpsecSad::SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx, bool fromMn) const
{
    // The MH type is the third byte of the MH (RFC 6275 §6.1.1).
    uint8_t head[3] = {0, 0, 255};
    if (mh->GetSize() >= 3)
    {
        mh->CopyData(head, 3);
    }
    const Mip6IpsecSaSet* set = Find(ctx.hoa);
    if (!FindOutbound(ctx.hoa, 135, head[2]) || !set || !set->transportOut)
    {
        return false;
    }
    std::optional<Ipv6Address> away;
    if (ctx.away)
    {
        away = ctx.hoa;
    }
    GetEsp()->Send(mh,
                   135,
                   set->transportOut,
                   ctx.src,
                   ctx.dst,
                   fromMn ? away : std::nullopt,
                   fromMn ? std::nullopt : away,
                   ctx.route);
    return true;
}

Mip6Verdict
Mip6IpsecSad::CheckSignaling(Ipv6Address hoa,
                             Ptr<const Packet> mh,
                             uint8_t mhType,
                             bool requireSaSet) const
{
    if (requireSaSet && !Find(hoa))
    {
        return Mip6Verdict::Reject("no-sa");
    }
    Mip6EspRxTag tag;
    const uint32_t spi = mh->PeekPacketTag(tag) ? tag.spi : 0;
    if (!CheckInbound(hoa, 135, mhType, spi))
    {
        return Mip6Verdict::Reject(spi == 0 ? "unprotected" : "wrong-sa");
    }
    return Mip6Verdict::Accept();
}

Mip6IpsecPolicy
Mip6IpsecSad::TransportPolicy(Mip6IpsecPolicy::Direction dir,
                              Ipv6Address local,
                              Ipv6Address remote,
                              uint8_t mhType,
                              uint32_t spi)
{
    Mip6IpsecPolicy p;
    p.direction = dir;
    p.local = local;
    p.remote = remote;
    p.protocol = 135;
    p.mhType = mhType;
    p.mode = Mip6EspMode::TRANSPORT;
    p.spi = spi;
    return p;
}

bool
Mip6IpsecSad::CheckInbound(Ipv6Address hoa, uint8_t protocol, uint8_t mhType, uint32_t spi) const
{
    const Mip6IpsecSaSet* set = Find(hoa);
    if (!set)
    {
        // No SA set for this HoA: only unprotected traffic, and nothing requires protection.
        return spi == 0;
    }
    for (const Mip6IpsecPolicy& p : set->policies)
    {
        if (p.direction == Mip6IpsecPolicy::IN && p.protocol == protocol &&
            (!p.mhType || *p.mhType == mhType))
        {
            return spi == p.spi;
        }
    }
    return true;
}

uint32_t
Mip6IpsecSad::GetPfKeyMigrateSize(bool withKmAddress)
{
    // Linux net/key/af_key.c pfkey_send_migrate for one IPv6 policy and one bundle.
    const uint32_t sockaddr = sizeof(sockaddr_in6);
    uint32_t size = sizeof(sadb_msg);
    if (withKmAddress)
    {
        size += Align8(sizeof(sadb_x_kmaddress) + 2 * sockaddr);
    }
    size += 2 * Align8(sizeof(sadb_address) + sockaddr); // ADDRESS_SRC, ADDRESS_DST selectors
    // X_POLICY, then per bundle the old and the new sadb_x_ipsecrequest with their two
    // endpoints each.
    size += sizeof(sadb_x_policy) + 2 * Align8(sizeof(sadb_x_ipsecrequest) + 2 * sockaddr);
    return size;
}

uint32_t
Mip6IpsecSad::Migrate(Ipv6Address hoa, Ipv6Address oldCoa, Ipv6Address newCoa)
{
    auto it = m_sets.find(hoa);
    if (it == m_sets.end() || oldCoa == newCoa)
    {
        return 0;
    }
    Mip6IpsecSaSet& set = it->second;
    // The tunnel SAs: whichever outer endpoint was the old CoA becomes the new one.
    for (const Ptr<Mip6EspSa>& sa : {set.tunnelOut, set.tunnelIn})
    {
        if (!sa)
        {
            continue;
        }
        Ipv6Address src = sa->GetConfig().source;
        Ipv6Address dst = sa->GetConfig().destination;
        src = src == oldCoa ? newCoa : src;
        dst = dst == oldCoa ? newCoa : dst;
        sa->SetAddresses(src, dst);
    }
    uint32_t messages = 0;
    const uint32_t bytes = GetPfKeyMigrateSize(false);
    for (Mip6IpsecPolicy& p : set.policies)
    {
        if (p.mode != Mip6EspMode::TUNNEL)
        {
            continue;
        }
        bool moved = false;
        if (p.tunnelLocal == oldCoa)
        {
            p.tunnelLocal = newCoa;
            moved = true;
        }
        if (p.tunnelRemote == oldCoa)
        {
            p.tunnelRemote = newCoa;
            moved = true;
        }
        if (moved)
        {
            messages++;
            NS_LOG_INFO("MIGRATE " << hoa << " " << oldCoa << " -> " << newCoa << " dir "
                                   << unsigned(p.direction));
            m_migrateTrace(set.mnId, oldCoa, newCoa, bytes);
        }
    }
    return messages;
}

Mip6SecurityState
Mip6IpsecSad::GetState(Ipv6Address hoa) const
{
    Mip6SecurityState s;
    const Mip6IpsecSaSet* set = Find(hoa);
    if (!set)
    {
        return s;
    }
    for (const Ptr<Mip6EspSa>& sa :
         {set->transportOut, set->transportIn, set->tunnelOut, set->tunnelIn})
    {
        if (sa)
        {
            s.saCount++;
            s.keyBytes += sa->GetKeyBytes();
            s.stateBytes += sa->GetStateBytes();
        }
    }
    s.spdEntries = static_cast<uint32_t>(set->policies.size());
    s.stateBytes += set->policies.size() * Mip6IpsecPolicy::GetStateBytes();
    return s;
}

} // namespace ns3
