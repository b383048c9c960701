/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * MCoA policies of `ipsec-ikev2` (variant key mcoa; doc/ipsec.rst "MCoA policies"):
 * per-coa (NON-RFC: one IKE SA and tunnel SA pair per CoA) and mobike (RFC 4555 §1.2, §3.6:
 * one IKE SA, the other CoAs announced as additional addresses). The default, primary, is
 * RFC 5648 §9 and lives in mip6-ipsec-ikev2-design.cc.
 */

#include "ns3/inet6-socket-address.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/mip6-ipsec-ikev2-design.h"
#include "ns3/mip6-tunnel.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6Ikev2Mcoa");

namespace
{
const uint16_t IKE_PORT = 500;

/// RFC 4877 §7.2: a tunnelled packet in ESP tunnel mode in one CoA's own SA.
void
SendInCoaTunnel(Ptr<Mip6EspProtocol> esp,
                Ptr<Mip6EspSa> sa,
                Ptr<Packet> inner,
                const Mip6SignalingContext& ctx)
{
    esp->Send(inner,
              Mip6Tunnel::PROT_NUMBER,
              sa,
              ctx.src,
              ctx.dst,
              std::nullopt,
              std::nullopt,
              ctx.route);
}

/// RFC 4877 §7.2: a tunnel Child SA's TSi = HoA (any protocol), TSr = ::/0.
std::vector<Ptr<Mip6IkePayload>>
PerCoaSelectors(Ipv6Address hoa)
{
    Ptr<Mip6IkeTsPayload> tsi = Create<Mip6IkeTsPayload>(false);
    tsi->selectors.push_back(Mip6IkeTrafficSelector::Ipv6Range(hoa, hoa));
    Ptr<Mip6IkeTsPayload> tsr = Create<Mip6IkeTsPayload>(true);
    tsr->selectors.push_back(
        Mip6IkeTrafficSelector::Ipv6Range(Ipv6Address::GetAny(),
                                          Ipv6Address("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
    tsi->selectors[0].protocol = 0;
    tsr->selectors[0].protocol = 0;
    return {tsi, tsr};
}
} // namespace

// ---------------------------------------------------------------------------------------------
// MN side

bool
Mip6Ikev2MnSide::WantsAllCoaChanges() const
{
    return m_design && !m_parent && m_design->GetMcoaPolicy() != Mip6Ikev2Design::MCOA_PRIMARY;
}

bool
Mip6Ikev2MnSide::PrepareMcoa(const Mip6CoaChange& change, Callback<void, bool> done)
{
    const Mip6Ikev2Design::McoaPolicy policy =
        m_design ? m_design->GetMcoaPolicy() : Mip6Ikev2Design::MCOA_PRIMARY;
    if (policy == Mip6Ikev2Design::MCOA_PRIMARY || m_parent)
    {
        return false;
    }
    if (policy == Mip6Ikev2Design::MCOA_PER_COA)
    {
        if (change.kind == Mip6CoaChange::NEW_COA && !change.newCoa.IsAny())
        {
            // The new primary CoA had its own IKE SA: the IKE SA of the BU/BA SAs now runs
            // from it (K = 1 moves it with the next BU), so that one goes.
            for (auto it = m_perCoaByBid.begin(); it != m_perCoaByBid.end(); ++it)
            {
                if (it->second->m_coa == change.newCoa)
                {
                    RetirePerCoa(it->second, true);
                    m_perCoaByBid.erase(it);
                    break;
                }
            }
            return false; // then the primary policy's NEW_COA
        }
        if (change.kind == Mip6CoaChange::ADD_COA)
        {
            auto it = m_perCoaByBid.find(change.bid);
            if (it != m_perCoaByBid.end())
            {
                const Mip6Ikev2Sa* sa = it->second->GetIkeSa();
                if (sa && sa->established && it->second->m_coa == change.newCoa)
                {
                    done(true); // that CoA's IKE SA is up already
                    return true;
                }
                RetirePerCoa(it->second, false);
                m_perCoaByBid.erase(it);
            }
            if (!m_sa || !m_sa->established)
            {
                done(false); // the HA refuses a CoA's IKE SA without the HoA's own
                return true;
            }
            // NON-RFC: IKE_SA_INIT + IKE_AUTH from the new CoA; its Child SA is the CoA's
            // tunnel pair; the BU for its BID goes out when it is up.
            Ptr<Mip6Ikev2MnSide> child = CreateObject<Mip6Ikev2MnSide>();
            child->SetDesign(m_design);
            child->m_psk = m_psk;
            child->m_identity = m_identity;
            child->SetupPerCoa(this, change.newCoa);
            m_perCoa.push_back(child);
            m_perCoaByBid[change.bid] = child;
            child->Bootstrap(change.newCoa, done);
            return true;
        }
        if (change.kind == Mip6CoaChange::REMOVE_COA)
        {
            auto it = m_perCoaByBid.find(change.bid);
            if (it != m_perCoaByBid.end())
            {
                // The mobility core de-registers a BID when its access is no longer usable.
                RetirePerCoa(it->second, false);
                m_perCoaByBid.erase(it);
            }
            done(true); // the de-registration does not wait for the Delete
            return true;
        }
        return false;
    }
    // mcoa=mobike (RFC 4555 §1.2, §3.6): the IKE SA stays on one address; ADD_COA and
    // REMOVE_COA change the list of the others the HA may fall back to.
    if (change.kind == Mip6CoaChange::ADD_COA)
    {
        m_mcoaCoas[change.bid] = change.newCoa;
    }
    else if (change.kind == Mip6CoaChange::REMOVE_COA)
    {
        m_mcoaCoas.erase(change.bid);
    }
    else
    {
        return false; // NEW_COA: UPDATE_SA_ADDRESSES (mobike=1), as without MCoA
    }
    if (!m_sa || !m_sa->established || !m_sa->mobike)
    {
        done(true);
        return true;
    }
    if (m_state != IDLE)
    {
        // One request at a time per IKE SA (RFC 7296 §2.3 window of 1): after the current one.
        Simulator::Schedule(m_design->GetRetransmitTimeout() / 100,
                            &Mip6Ikev2MnSide::PrepareHandover,
                            this,
                            change,
                            done);
        if (change.kind == Mip6CoaChange::ADD_COA)
        {
            m_mcoaCoas.erase(change.bid); // re-added when it runs
        }
        return true;
    }
    m_done = done;
    StartAddressUpdate();
    return true;
}

std::vector<Ipv6Address>
Mip6Ikev2MnSide::CurrentAdditional() const
{
    std::vector<Ipv6Address> list;
    for (const auto& [bid, coa] : m_mcoaCoas)
    {
        if (coa != m_coa && std::find(list.begin(), list.end(), coa) == list.end())
        {
            list.push_back(coa);
        }
    }
    return list;
}

void
Mip6Ikev2MnSide::StartAddressUpdate()
{
    // RFC 4555 §3.6: HDR, SK {N(ADDITIONAL_IP6_ADDRESS)+ | N(NO_ADDITIONAL_ADDRESSES)} -->,
    // the whole list of the initiator's other addresses (the one in use is in the IP header).
    // Message ID: the IKE SA's next request ID (RFC 7296 §2.2).
    m_additionalSent = CurrentAdditional();
    std::vector<Ptr<Mip6IkePayload>> inner;
    for (const Ipv6Address& a : m_additionalSent)
    {
        Mip6Bytes data(16);
        a.GetBytes(data.data());
        inner.push_back(Mip6IkeMakeNotify(Mip6IkeNotifyPayload::ADDITIONAL_IP6_ADDRESS, data));
    }
    if (inner.empty())
    {
        inner.push_back(Mip6IkeMakeNotify(Mip6IkeNotifyPayload::NO_ADDITIONAL_ADDRESSES));
    }
    m_cookie2.clear(); // no return routability check: nothing moves (§3.6)
    SendMobikeRequest(inner, ADDR_SENT);
}

void
Mip6Ikev2MnSide::SetupPerCoa(Mip6Ikev2MnSide* parent, Ipv6Address coa)
{
    m_parent = parent;
    Mip6MnSecurity::Setup(parent->m_node, parent->m_hoa, parent->m_ha);
    m_sad = parent->m_sad;
    m_coa = coa;
    // Bound to the CoA: the IKE SA's messages leave from it (Mip6MnRouting sends a packet with a
    // CoA source on that CoA's interface) and its answers come back to this socket.
    m_socket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
    m_socket->Bind(Inet6SocketAddress(coa, IKE_PORT));
    m_socket->SetRecvCallback(MakeCallback(&Mip6Ikev2MnSide::Read, this));
}

void
Mip6Ikev2MnSide::AddPerCoaSelectors(std::vector<Ptr<Mip6IkePayload>>& inner) const
{
    for (const auto& p : PerCoaSelectors(m_hoa))
    {
        inner.push_back(p);
    }
}

void
Mip6Ikev2MnSide::InstallPerCoaTunnel(uint32_t spiOut)
{
    // RFC 7296 §2.17: the IKE_AUTH Child SA's keys from SK_d, Ni, Nr; tunnel mode CoA↔HA.
    auto [out, in] = m_design->MakeChildPair(*m_sa,
                                             true,
                                             {},
                                             m_sa->ni,
                                             m_sa->nr,
                                             Mip6EspMode::TUNNEL,
                                             m_childSpiIn,
                                             spiOut,
                                             m_coa,
                                             m_ha);
    RemovePerCoaTunnel();
    m_coaTunnelOut = out;
    m_coaTunnelIn = in;
    m_sad->GetEsp()->AddInboundSa(in);
}

void
Mip6Ikev2MnSide::RemovePerCoaTunnel()
{
    if (m_coaTunnelIn && m_sad)
    {
        m_sad->GetEsp()->RemoveInboundSa(m_coaTunnelIn->GetSpi());
    }
    m_coaTunnelOut = nullptr;
    m_coaTunnelIn = nullptr;
}

void
Mip6Ikev2MnSide::RetirePerCoa(Ptr<Mip6Ikev2MnSide> child, bool coaUsable)
{
    const Mip6Ikev2Sa* sa = child->GetIkeSa();
    if (sa && sa->established && child->m_state == IDLE)
    {
        // RFC 7296 §1.4.1: HDR, SK {D(ESP), D(IKE)} -->, from the CoA while it works, else from
        // the primary CoA through this side's socket (§2.11: a request may come from any
        // address; the answer goes back to it and is handed to the child by its SPI).
        child->m_viaParent = !coaUsable;
        child->StartDeleteAll();
        return;
    }
    // Nothing established (or an exchange under way): forget it here.
    child->m_timer.Cancel();
    child->TearDown("coa-lost");
}

void
Mip6Ikev2MnSide::AddPerCoaState(Mip6SecurityState& s) const
{
    for (const auto& c : m_perCoa)
    {
        if (c->m_sa && c->m_sa->established)
        {
            s.ikeSas++;
        }
        for (const Ptr<Mip6EspSa>& esp : {c->m_coaTunnelOut, c->m_coaTunnelIn})
        {
            if (esp)
            {
                s.saCount++;
                s.keyBytes += esp->GetKeyBytes();
                s.stateBytes += esp->GetStateBytes();
            }
        }
    }
}

bool
Mip6Ikev2MnSide::SendPerCoaData(Ptr<Packet> inner, const Mip6SignalingContext& ctx)
{
    if (!m_design || !m_design->GetPayloadProtection())
    {
        return false; // payload=0: the pairs protect nothing (doc/ipsec.rst)
    }
    for (const auto& c : m_perCoa)
    {
        if (c->m_coaTunnelOut && c->m_coa == ctx.src)
        {
            SendInCoaTunnel(m_sad->GetEsp(), c->m_coaTunnelOut, inner, ctx);
            return true;
        }
    }
    return false;
}

uint32_t
Mip6Ikev2MnSide::GetPerCoaIkeSaCount() const
{
    return static_cast<uint32_t>(std::count_if(m_perCoa.begin(), m_perCoa.end(), [](const auto& c) {
        return c->m_sa && c->m_sa->established;
    }));
}

std::vector<Ipv6Address>
Mip6Ikev2MnSide::GetPerCoaAddresses() const
{
    std::vector<Ipv6Address> out;
    for (const auto& c : m_perCoa)
    {
        if (c->m_sa && c->m_sa->established)
        {
            out.push_back(c->m_coa);
        }
    }
    return out;
}

uint32_t
Mip6Ikev2MnSide::GetAddressUpdates() const
{
    return m_addressUpdates;
}

std::vector<Ipv6Address>
Mip6Ikev2MnSide::GetAdditionalAddresses() const
{
    return m_additionalSent;
}

// ---------------------------------------------------------------------------------------------
// HA side

bool
Mip6Ikev2HaSide::IsPerCoaRequest(const Mip6IkeTsPayload& tsi,
                                 const std::vector<Ptr<Mip6IkePayload>>& inner) const
{
    return m_design->GetMcoaPolicy() == Mip6Ikev2Design::MCOA_PER_COA && !tsi.selectors.empty() &&
           tsi.selectors[0].protocol == 0 &&
           !Mip6IkeHasNotify(inner, Mip6IkeNotifyPayload::USE_TRANSPORT_MODE);
}

std::optional<Mip6Bytes>
Mip6Ikev2HaSide::AnswerPerCoaAuth(Mip6Ikev2Sa& sa,
                                  const Mip6IkeHeader& hdr,
                                  uint32_t spiIn,
                                  uint32_t spiOut,
                                  Ipv6Address from,
                                  const std::vector<Ptr<Mip6IkePayload>>& idAndAuth)
{
    // NON-RFC (mcoa=per-coa): the PAD identity was checked (it owns sa.hoa); the HoA must
    // have its own IKE SA with the BU/BA SAs up, and this IKE SA is one more of the same MN.
    const bool primaryUp = std::any_of(m_sas.begin(), m_sas.end(), [&](const auto& e) {
        return e.second.established && !e.second.perCoa && !e.second.deleting &&
               e.second.hoa == sa.hoa && e.first != sa.spiI;
    });
    if (!primaryUp)
    {
        m_perCoaRefusals++;
        return RefuseAuth(sa,
                          hdr,
                          {Mip6IkeMakeNotify(Mip6IkeNotifyPayload::NO_PROPOSAL_CHOSEN)},
                          "per-coa-without-primary");
    }
    auto [out, in] = m_design->MakeChildPair(sa,
                                             false,
                                             {},
                                             sa.ni,
                                             sa.nr,
                                             Mip6EspMode::TUNNEL,
                                             spiIn,
                                             spiOut,
                                             m_ha,
                                             from);
    sa.perCoa = true;
    sa.coaTunnelOut = out;
    sa.coaTunnelIn = in;
    m_sad->GetEsp()->AddInboundSa(in);
    sa.established = true;
    m_design->ExportIkeSa(sa);
    // <-- HDR, SK {IDr, AUTH, SAr2, TSi, TSr}: tunnel mode (no USE_TRANSPORT_MODE).
    std::vector<Ptr<Mip6IkePayload>> reply = idAndAuth;
    reply.push_back(m_design->MakeEspProposal(spiIn));
    for (const auto& p : PerCoaSelectors(sa.hoa))
    {
        reply.push_back(p);
    }
    Mip6IkeMessage outer;
    outer.header = hdr;
    outer.header.flags = Mip6IkeHeader::FLAG_RESPONSE;
    auto wire = sa.skR->Seal(outer, reply);
    NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
    sa.lastRequestId = hdr.messageId;
    sa.lastResponse = wire.Value();
    NS_LOG_INFO("ipsec-ikev2 HA: per-CoA IKE SA of " << sa.hoa << " from " << from << " (SPI "
                                                     << spiIn << ")");
    return wire.Value();
}

void
Mip6Ikev2HaSide::RemovePerCoaTunnel(Mip6Ikev2Sa& sa)
{
    if (sa.coaTunnelIn && m_sad)
    {
        m_sad->GetEsp()->RemoveInboundSa(sa.coaTunnelIn->GetSpi());
    }
    sa.coaTunnelOut = nullptr;
    sa.coaTunnelIn = nullptr;
}

bool
Mip6Ikev2HaSide::SendPerCoaData(Ptr<Packet> inner, const Mip6SignalingContext& ctx)
{
    if (!m_design || !m_design->GetPayloadProtection() || !m_sad)
    {
        return false; // payload=0: the pairs protect nothing (doc/ipsec.rst)
    }
    for (const auto& [spi, sa] : m_sas)
    {
        if (sa.perCoa && sa.established && !sa.deleting && sa.hoa == ctx.hoa &&
            sa.peer == ctx.dst && sa.coaTunnelOut)
        {
            SendInCoaTunnel(m_sad->GetEsp(), sa.coaTunnelOut, inner, ctx);
            return true;
        }
    }
    return false;
}

bool
Mip6Ikev2HaSide::RecordAdditionalAddresses(Mip6Ikev2Sa& sa,
                                           const std::vector<Ptr<Mip6IkePayload>>& inner)
{
    // RFC 4555 §3.6: the list replaces the previous one; NO_ADDITIONAL_ADDRESSES empties it.
    std::vector<Ipv6Address> list;
    for (const auto& p : inner)
    {
        auto n = DynamicCast<Mip6IkeNotifyPayload>(p);
        if (!n || n->notifyType != Mip6IkeNotifyPayload::ADDITIONAL_IP6_ADDRESS)
        {
            continue;
        }
        if (n->data.size() != 16)
        {
            m_drops++;
            m_dropTrace("bad-additional-address");
            return false; // the list stays as it was
        }
        list.emplace_back(n->data.data());
    }
    sa.peerAdditional = list;
    m_addressUpdates++;
    return true;
}

std::vector<Ipv6Address>
Mip6Ikev2HaSide::GetPeerAdditionalAddresses(Ipv6Address hoa) const
{
    for (const auto& [spi, sa] : m_sas)
    {
        if (sa.established && !sa.deleting && sa.hoa == hoa && !sa.perCoa)
        {
            return sa.peerAdditional;
        }
    }
    return {};
}

uint32_t
Mip6Ikev2HaSide::GetAddressUpdates() const
{
    return m_addressUpdates;
}

uint32_t
Mip6Ikev2HaSide::GetPerCoaRefusals() const
{
    return m_perCoaRefusals;
}

} // namespace ns3
