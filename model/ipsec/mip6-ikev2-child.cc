/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * `ipsec-ikev2` after IKE_AUTH: CREATE_CHILD_SA for the payload tunnel SA pair (RFC 4877 §4.3,
 * §7.2; RFC 7296 §1.3.1), rekeying of Child SAs and of the IKE SA (RFC 7296 §1.3.2, §1.3.3,
 * §2.8), dead-peer detection (§2.4) and the deletes at the end of a binding (RFC 4877 §4.4,
 * RFC 7296 §1.4.1). The members are declared in mip6-ipsec-ikev2-design.h.
 */

#include "mip6-ikev2-mobike.h"
#include "mip6-ipsec-ikev2-design.h"

#include "ns3/abort.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/mip6-category-tag.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-tunnel.h"
#include "ns3/names.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6Ikev2Child");

namespace
{
/// IKE's UDP port (RFC 7296 §2).
const uint16_t IKE_PORT = 500;
/// RFC 7296 §3.10.1 notify types used here.
const uint16_t NO_PROPOSAL_CHOSEN = 14;
const uint16_t INVALID_KE_PAYLOAD = 17;
const uint16_t TS_UNACCEPTABLE = 38;
const uint16_t CHILD_SA_NOT_FOUND = 44;
const uint16_t REKEY_SA = 16393;
/// Delete payload protocol IDs (RFC 7296 §3.11).
const uint8_t PROTO_IKE = 1;
const uint8_t PROTO_ESP = 3;

uint64_t
Spi64()
{
    const Mip6Bytes b = Mip6CryptoRandom::Bytes(8);
    uint64_t v = 0;
    for (uint8_t x : b)
    {
        v = (v << 8) | x;
    }
    return v == 0 ? 1 : v;
}

uint32_t
Spi32()
{
    const Mip6Bytes b = Mip6CryptoRandom::Bytes(4);
    uint32_t v = (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3];
    return v < 256 ? v + 256 : v; // RFC 4303 §2.1: 1–255 reserved
}

/// \return the big-endian value of b (0 when b is not 4 or 8 bytes)
uint64_t
SpiValue(const Mip6Bytes& b)
{
    if (b.size() != 4 && b.size() != 8)
    {
        return 0;
    }
    uint64_t v = 0;
    for (uint8_t x : b)
    {
        v = (v << 8) | x;
    }
    return v;
}

template <class T>
Ptr<T>
First(const std::vector<Ptr<Mip6IkePayload>>& payloads, Mip6IkePayloadType type)
{
    for (const auto& p : payloads)
    {
        if (p->GetType() == type)
        {
            return Ptr<T>(dynamic_cast<T*>(PeekPointer(p)));
        }
    }
    return nullptr;
}

std::vector<Ptr<Mip6IkeDeletePayload>>
Deletes(const std::vector<Ptr<Mip6IkePayload>>& payloads)
{
    std::vector<Ptr<Mip6IkeDeletePayload>> v;
    for (const auto& p : payloads)
    {
        if (p->GetType() == Mip6IkePayloadType::DELETE)
        {
            v.push_back(
                Ptr<Mip6IkeDeletePayload>(dynamic_cast<Mip6IkeDeletePayload*>(PeekPointer(p))));
        }
    }
    return v;
}

/// The first notify of a type, nullptr if none.
Ptr<Mip6IkeNotifyPayload>
NotifyOf(const std::vector<Ptr<Mip6IkePayload>>& payloads, uint16_t type)
{
    for (const auto& p : payloads)
    {
        if (p->GetType() == Mip6IkePayloadType::NOTIFY)
        {
            auto n = dynamic_cast<Mip6IkeNotifyPayload*>(PeekPointer(p));
            if (n && n->notifyType == type)
            {
                return Ptr<Mip6IkeNotifyPayload>(n);
            }
        }
    }
    return nullptr;
}

/// The first error notify (type < 16384), 0 if none.
uint16_t
ErrorOf(const std::vector<Ptr<Mip6IkePayload>>& payloads)
{
    for (const auto& p : payloads)
    {
        if (p->GetType() == Mip6IkePayloadType::NOTIFY)
        {
            auto n = dynamic_cast<const Mip6IkeNotifyPayload*>(PeekPointer(p));
            if (n && n->notifyType < 16384)
            {
                return n->notifyType;
            }
        }
    }
    return 0;
}

Ptr<Mip6IkeNotifyPayload>
MakeNotify(uint16_t type, uint8_t protocol = 0, const Mip6Bytes& spi = {})
{
    Ptr<Mip6IkeNotifyPayload> n = Create<Mip6IkeNotifyPayload>();
    n->notifyType = type;
    n->protocolId = protocol;
    n->spi = spi;
    return n;
}

Ptr<Mip6IkeDeletePayload>
MakeDelete(uint8_t protocol, const std::vector<uint32_t>& spis)
{
    Ptr<Mip6IkeDeletePayload> d = Create<Mip6IkeDeletePayload>();
    d->protocolId = protocol;
    d->spiSize = protocol == PROTO_IKE ? 0 : 4;
    for (uint32_t s : spis)
    {
        d->spis.push_back(Mip6BigEndian(s, 4));
    }
    return d;
}

/// A traffic selector payload for one address range and protocol (0: any).
Ptr<Mip6IkeTsPayload>
Selector(Ipv6Address from, Ipv6Address to, uint8_t protocol, bool responder)
{
    Ptr<Mip6IkeTsPayload> ts = Create<Mip6IkeTsPayload>(responder);
    Mip6IkeTrafficSelector s = Mip6IkeTrafficSelector::Ipv6Range(from, to);
    s.protocol = protocol;
    ts->selectors.push_back(s);
    return ts;
}

/// RFC 4877 §7.2: the payload tunnel's TSi = HoA (any protocol), TSr = ::/0.
std::pair<Ptr<Mip6IkeTsPayload>, Ptr<Mip6IkeTsPayload>>
TunnelSelectors(Ipv6Address hoa)
{
    return {Selector(hoa, hoa, 0, false),
            Selector(Ipv6Address::GetAny(),
                     Ipv6Address("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
                     0,
                     true)};
}

/// RFC 4877 §4.3: the BU/BA Child SA's selectors (MH between HoA and HA).
std::pair<Ptr<Mip6IkeTsPayload>, Ptr<Mip6IkeTsPayload>>
MhSelectors(Ipv6Address hoa, Ipv6Address ha)
{
    return {Selector(hoa, hoa, 135, false), Selector(ha, ha, 135, true)};
}

std::string
Name(uint8_t exchange, bool response)
{
    std::string n = exchange == Mip6IkeHeader::CREATE_CHILD_SA ? "CREATE_CHILD_SA"
                    : exchange == Mip6IkeHeader::INFORMATIONAL ? "INFORMATIONAL"
                                                               : "IKE";
    return n + (response ? "-resp" : "-req");
}

/// Sends an IKE datagram with its category tag (DESIGN.md §4.3).
void
IkeSend(Ptr<Socket> socket, const Mip6Bytes& wire, Ipv6Address to, uint32_t mnId, bool response)
{
    Ptr<Packet> p = Create<Packet>(wire.data(), wire.size());
    const uint8_t exchange = wire.size() > 18 ? wire[18] : 0;
    p->AddPacketTag(Mip6CategoryTag(Mip6Category::IKE, Name(exchange, response), mnId));
    socket->SendTo(p, 0, Inet6SocketAddress(to, IKE_PORT));
}

/// RFC 4877 §7.2: "tunnel interface, src HoA → ESP tunnel" (any upper layer, inner 41).
Mip6IpsecPolicy
TunnelPolicy(Mip6IpsecPolicy::Direction dir,
             Ipv6Address hoa,
             Ipv6Address tunnelLocal,
             Ipv6Address tunnelRemote,
             uint32_t spi)
{
    Mip6IpsecPolicy p;
    p.direction = dir;
    p.local = hoa;
    p.protocol = Mip6Tunnel::PROT_NUMBER;
    p.mode = Mip6EspMode::TUNNEL;
    p.spi = spi;
    p.tunnelLocal = tunnelLocal;
    p.tunnelRemote = tunnelRemote;
    return p;
}

/// The SK key sizes of the configured suite (as DeriveIkeKeys uses them).
std::pair<size_t, size_t>
SkSizes(Mip6IkeSkTransform t)
{
    const bool gcm = t == Mip6IkeSkTransform::AES_GCM_16_128;
    return {gcm ? 0 : 32, gcm ? 20 : 16};
}
} // namespace

// ---------------------------------------------------------------------------------------------
// MN side

void
Mip6Ikev2MnSide::TransmitResponse(const Mip6Bytes& wire)
{
    IkeSend(m_socket, wire, m_ha, m_node->GetId(), true);
}

bool
Mip6Ikev2MnSide::ReceiveIkeChild(const Mip6IkeHeader& h, const Mip6Bytes& data)
{
    if (!(h.flags & Mip6IkeHeader::FLAG_RESPONSE))
    {
        // A request of the HA (the original responder, RFC 7296 §2.2: its own Message IDs):
        // its Delete after the binding ended, or a liveness check. Anything else is the base
        // path's ("not-response").
        if (!m_sa || !m_sa->established || h.spiI != m_sa->spiI || h.spiR != m_sa->spiR ||
            h.exchange != Mip6IkeHeader::INFORMATIONAL)
        {
            return false;
        }
        if (h.messageId == m_sa->lastRequestId)
        {
            TransmitResponse(m_sa->lastResponse); // §2.1: retransmitted request
            return true;
        }
        if (h.messageId != m_sa->lastRequestId + 1)
        {
            Drop("bad-message-id");
            return true;
        }
        std::string reason;
        auto inner = m_sa->skR->Open(data, reason);
        if (!inner)
        {
            Drop(reason);
            return true;
        }
        bool ikeDeleted = false;
        for (const auto& d : Deletes(*inner))
        {
            ikeDeleted |= d->protocolId == PROTO_IKE;
        }
        // §1.4.1: the answer to a Delete of the IKE SA is empty; so is a DPD answer (§2.4).
        Mip6IkeMessage outer;
        outer.header = h;
        outer.header.flags = Mip6IkeHeader::FLAG_INITIATOR | Mip6IkeHeader::FLAG_RESPONSE;
        auto wire = m_sa->skI->Seal(outer, {});
        NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
        m_sa->lastRequestId = h.messageId;
        m_sa->lastResponse = wire.Value();
        TransmitResponse(wire.Value());
        if (ikeDeleted)
        {
            m_deletes++;
            TearDown("peer-deleted");
        }
        return true;
    }
    if (!m_sa || h.spiI != m_sa->spiI)
    {
        return false;
    }
    uint8_t expected = 0;
    switch (m_state)
    {
    case CHILD_SENT:
    case REKEY_CHILD_SENT:
    case REKEY_IKE_SENT:
        expected = Mip6IkeHeader::CREATE_CHILD_SA;
        break;
    case CHILD_DEL_SENT:
    case DPD_SENT:
    case DELETE_ALL_SENT:
        expected = Mip6IkeHeader::INFORMATIONAL;
        break;
    default:
        return false;
    }
    if (h.spiR != m_sa->spiR || h.exchange != expected || h.messageId + 1 != m_sa->ownNextId)
    {
        return false; // the base path drops it ("unexpected")
    }
    std::string reason;
    auto inner = m_sa->skR->Open(data, reason);
    if (!inner)
    {
        Drop(reason);
        return true;
    }
    m_timer.Cancel();
    const State state = m_state;
    m_state = IDLE;
    if (uint16_t e = ErrorOf(*inner))
    {
        // RFC 7296 §1.3: a CREATE_CHILD_SA refused with an error notify creates nothing.
        m_notifyTrace(e);
        m_exchangeTrace(expected, false);
        if (state == CHILD_SENT)
        {
            Finish(false);
        }
        else if (state == DELETE_ALL_SENT)
        {
            TearDown("deleted");
        }
        else if (state == REKEY_CHILD_SENT || state == REKEY_IKE_SENT)
        {
            // The SAs in use stay; the rekey is tried again after another lifetime.
            m_rekeyed.reset();
            ArmTimers();
        }
        return true;
    }
    if (state == DPD_SENT)
    {
        // §2.4: the peer is alive.
        m_exchangeTrace(expected, true);
        m_dpdTimer =
            Simulator::Schedule(m_design->GetDpdInterval(), &Mip6Ikev2MnSide::StartDpd, this);
        return true;
    }
    if (state == DELETE_ALL_SENT)
    {
        m_exchangeTrace(expected, true);
        m_deletes++;
        TearDown("deleted");
        return true;
    }
    if (state == CHILD_DEL_SENT)
    {
        // §1.4.1: the HA deleted its half of the rekeyed Child SA; ours goes now.
        m_exchangeTrace(expected, true);
        if (m_lingeringSpi != 0)
        {
            m_sad->GetEsp()->RemoveInboundSa(m_lingeringSpi);
            m_lingeringSpi = 0;
        }
        const Mip6IpsecSaSet* set = m_sad->Find(m_hoa);
        if (!m_rekeyTunnel && set && set->tunnelOut)
        {
            StartChildRekey(true); // the tunnel pair was made as long ago as the transport pair
        }
        else if (m_design->GetChildSaLifetime().IsStrictlyPositive())
        {
            m_childRekeyTimer = Simulator::Schedule(m_design->GetChildSaLifetime(),
                                                    &Mip6Ikev2MnSide::StartChildRekey,
                                                    this,
                                                    false);
        }
        return true;
    }
    auto sa = First<Mip6IkeSaPayload>(*inner, Mip6IkePayloadType::SA);
    auto nr = First<Mip6IkeNoncePayload>(*inner, Mip6IkePayloadType::NONCE);
    auto ke = First<Mip6IkeKePayload>(*inner, Mip6IkePayloadType::KE);
    const bool needKe = state == REKEY_IKE_SENT || m_design->GetPfs();
    const uint64_t spi = sa && !sa->proposals.empty() ? SpiValue(sa->proposals[0].spi) : 0;
    Mip6Bytes gir;
    bool ok = sa && nr && spi != 0 && (!needKe || ke);
    if (ok && needKe)
    {
        auto secret = m_childDh->ComputeSharedSecret(ke->data);
        ok = bool(secret);
        if (ok)
        {
            gir = secret.Value();
        }
    }
    if (!ok)
    {
        Drop("malformed");
        m_exchangeTrace(expected, false);
        if (state == CHILD_SENT)
        {
            Finish(false);
        }
        return true;
    }
    if (state == REKEY_CHILD_SENT && !m_rekeyTunnel &&
        !Mip6IkeHasNotify(*inner, Mip6IkeNotifyPayload::USE_TRANSPORT_MODE))
    {
        // RFC 7296 §1.3.1: without USE_TRANSPORT_MODE the new SA would be tunnel mode, which
        // RFC 4877 §7 does not allow for the MH: it is not installed; the SAs in use stay.
        m_transportRefusals++;
        Drop("no-transport-mode");
        m_exchangeTrace(expected, false);
        ArmTimers();
        return true;
    }
    m_exchangeTrace(expected, true);
    if (state == REKEY_IKE_SENT)
    {
        // RFC 7296 §1.3.2, §2.18: SKEYSEED = prf(SK_d (old), g^ir (new) ‖ Ni ‖ Nr); the Child
        // SAs move to the new IKE SA, the old one is deleted.
        const auto [integ, encr] = SkSizes(m_design->GetSkTransform());
        m_rekeyed->spiR = spi;
        m_rekeyed->nr = nr->nonce;
        auto keys = Mip6DeriveIkev2RekeyKeys(Mip6Prf(),
                                             m_sa->keys.skD,
                                             gir,
                                             m_rekeyed->ni,
                                             m_rekeyed->nr,
                                             m_rekeyed->spiI,
                                             m_rekeyed->spiR,
                                             integ,
                                             encr);
        NS_ABORT_MSG_IF(!keys, "ipsec-ikev2: " << keys.GetError());
        m_rekeyed->keys = keys.Value();
        std::string error;
        m_rekeyed->skI = Mip6IkeSkProtector::Create(m_design->GetSkTransform(),
                                                    m_rekeyed->keys.skEi,
                                                    m_rekeyed->keys.skAi,
                                                    error);
        m_rekeyed->skR = Mip6IkeSkProtector::Create(m_design->GetSkTransform(),
                                                    m_rekeyed->keys.skEr,
                                                    m_rekeyed->keys.skAr,
                                                    error);
        NS_ABORT_MSG_IF(!m_rekeyed->skI || !m_rekeyed->skR, "ipsec-ikev2: " << error);
        m_rekeyed->established = true;
        m_design->ExportIkeSa(*m_rekeyed);
        m_ikeRekeys++;
        m_old = std::move(m_sa);
        m_sa = std::move(m_rekeyed);
        if (m_design->GetIkeSaLifetime().IsStrictlyPositive())
        {
            m_ikeRekeyTimer = Simulator::Schedule(m_design->GetIkeSaLifetime(),
                                                  &Mip6Ikev2MnSide::StartIkeRekey,
                                                  this);
        }
        SendOldIkeDelete();
        return true;
    }
    const uint32_t spiOut = static_cast<uint32_t>(spi);
    const Mip6IpsecSaSet* set = m_sad->Find(m_hoa);
    if (!set)
    {
        Drop("no-sa");
        if (state == CHILD_SENT)
        {
            Finish(false);
        }
        return true;
    }
    const bool tunnel = state == CHILD_SENT || m_rekeyTunnel;
    if (tunnel)
    {
        // RFC 4877 §7.2: the payload in ESP tunnel mode, outer CoA ↔ HA.
        const Ipv6Address coa = state == CHILD_SENT ? m_coa : m_tunnelCoa;
        Ptr<Mip6EspSa> oldIn = set->tunnelIn;
        auto [out, in] = m_design->MakeChildPair(*m_sa,
                                                 true,
                                                 gir,
                                                 m_childNonce,
                                                 nr->nonce,
                                                 Mip6EspMode::TUNNEL,
                                                 m_childNewSpi,
                                                 spiOut,
                                                 coa,
                                                 m_ha);
        m_sad->SetTunnelSas(m_hoa,
                            out,
                            in,
                            {TunnelPolicy(Mip6IpsecPolicy::OUT, m_hoa, coa, m_ha, spiOut),
                             TunnelPolicy(Mip6IpsecPolicy::IN, m_hoa, coa, m_ha, m_childNewSpi)});
        m_tunnelCoa = coa;
        if (state == CHILD_SENT)
        {
            Finish(true);
            ArmTimers();
            if (m_old && m_old->established)
            {
                SendOldIkeDelete(); // K = 0 (RFC 4877 §4.4)
            }
            return true;
        }
        // §2.8: the old inbound SA keeps receiving until its Delete is answered.
        if (oldIn)
        {
            m_sad->GetEsp()->AddInboundSa(oldIn);
            m_lingeringSpi = oldIn->GetSpi();
        }
    }
    else
    {
        Ptr<Mip6EspSa> oldIn = set->transportIn;
        auto [out, in] = m_design->MakeChildPair(*m_sa,
                                                 true,
                                                 gir,
                                                 m_childNonce,
                                                 nr->nonce,
                                                 Mip6EspMode::TRANSPORT,
                                                 m_childNewSpi,
                                                 spiOut,
                                                 m_hoa,
                                                 m_ha);
        m_sad->SetTransportSas(m_hoa, out, in);
        if (oldIn)
        {
            m_sad->GetEsp()->AddInboundSa(oldIn);
            m_lingeringSpi = oldIn->GetSpi();
        }
    }
    m_childRekeys++;
    // RFC 7296 §1.3.3 / §2.8: HDR, SK {D(ESP, old inbound SPI)} -->
    Mip6IkeMessage outer;
    outer.header.spiI = m_sa->spiI;
    outer.header.spiR = m_sa->spiR;
    outer.header.exchange = Mip6IkeHeader::INFORMATIONAL;
    outer.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
    outer.header.messageId = m_sa->ownNextId++;
    auto wire = m_sa->skI->Seal(outer, {MakeDelete(PROTO_ESP, {m_lingeringSpi})});
    NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
    m_state = CHILD_DEL_SENT;
    SendRequest(wire.Value(), Mip6IkeHeader::INFORMATIONAL);
    return true;
}

bool
Mip6Ikev2MnSide::ChildExchangeFailed()
{
    switch (m_state)
    {
    case CHILD_SENT:
        m_state = IDLE;
        Finish(false);
        return true;
    case REKEY_CHILD_SENT:
    case REKEY_IKE_SENT:
    case CHILD_DEL_SENT:
    case DPD_SENT:
        // RFC 7296 §2.4: no answer after the retransmissions: the peer is dead, the IKE SA
        // and its Child SAs are gone.
        m_dpdFailures++;
        m_state = IDLE;
        TearDown("dead-peer");
        return true;
    case DELETE_ALL_SENT:
        m_state = IDLE;
        TearDown("deleted");
        return true;
    default:
        return false;
    }
}

void
Mip6Ikev2MnSide::StartPayloadChild()
{
    // RFC 7296 §1.3.1: HDR, SK {SA, Ni, [KEi], TSi, TSr} -->; RFC 4877 §7.2: TSi = HoA,
    // TSr = any; tunnel mode (no USE_TRANSPORT_MODE).
    m_childNonce = Mip6CryptoRandom::Bytes(32);
    m_childNewSpi = Spi32();
    std::vector<Ptr<Mip6IkePayload>> inner{m_design->MakeEspProposal(m_childNewSpi)};
    Ptr<Mip6IkeNoncePayload> n = Create<Mip6IkeNoncePayload>();
    n->nonce = m_childNonce;
    inner.push_back(n);
    if (m_design->GetPfs())
    {
        auto dh = Mip6DhKeyPair::Generate(m_design->GetDhGroup());
        NS_ABORT_MSG_IF(!dh, "ipsec-ikev2: " << dh.GetError());
        m_childDh = dh.Value();
        Ptr<Mip6IkeKePayload> ke = Create<Mip6IkeKePayload>();
        ke->group = static_cast<uint16_t>(m_design->GetDhGroup());
        ke->data = m_childDh->GetPublicValue();
        inner.push_back(ke);
    }
    auto [tsi, tsr] = TunnelSelectors(m_hoa);
    inner.push_back(tsi);
    inner.push_back(tsr);
    Mip6IkeMessage outer;
    outer.header.spiI = m_sa->spiI;
    outer.header.spiR = m_sa->spiR;
    outer.header.exchange = Mip6IkeHeader::CREATE_CHILD_SA;
    outer.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
    outer.header.messageId = m_sa->ownNextId++;
    auto wire = m_sa->skI->Seal(outer, inner);
    NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
    m_state = CHILD_SENT;
    SendRequest(wire.Value(), Mip6IkeHeader::CREATE_CHILD_SA);
}

void
Mip6Ikev2MnSide::StartChildRekey(bool tunnel)
{
    if (!m_sa || !m_sa->established)
    {
        return;
    }
    if (m_state != IDLE)
    {
        // One request at a time (RFC 7296 §2.3, window 1): try again after this one.
        m_childRekeyTimer = Simulator::Schedule(m_design->GetRetransmitTimeout(),
                                                &Mip6Ikev2MnSide::StartChildRekey,
                                                this,
                                                tunnel);
        return;
    }
    const Mip6IpsecSaSet* set = m_sad->Find(m_hoa);
    Ptr<Mip6EspSa> oldIn = set ? (tunnel ? set->tunnelIn : set->transportIn) : nullptr;
    if (!oldIn)
    {
        return;
    }
    // RFC 7296 §1.3.3: HDR, SK {N(REKEY_SA), SA, Ni, [KEi], TSi, TSr} -->; the notify names the
    // SA being rekeyed by the SPI this side receives on.
    m_rekeyTunnel = tunnel;
    m_childNonce = Mip6CryptoRandom::Bytes(32);
    m_childNewSpi = Spi32();
    std::vector<Ptr<Mip6IkePayload>> inner{
        MakeNotify(REKEY_SA, PROTO_ESP, Mip6BigEndian(oldIn->GetSpi(), 4)),
        m_design->MakeEspProposal(m_childNewSpi)};
    Ptr<Mip6IkeNoncePayload> n = Create<Mip6IkeNoncePayload>();
    n->nonce = m_childNonce;
    inner.push_back(n);
    if (m_design->GetPfs())
    {
        auto dh = Mip6DhKeyPair::Generate(m_design->GetDhGroup());
        NS_ABORT_MSG_IF(!dh, "ipsec-ikev2: " << dh.GetError());
        m_childDh = dh.Value();
        Ptr<Mip6IkeKePayload> ke = Create<Mip6IkeKePayload>();
        ke->group = static_cast<uint16_t>(m_design->GetDhGroup());
        ke->data = m_childDh->GetPublicValue();
        inner.push_back(ke);
    }
    auto [tsi, tsr] = tunnel ? TunnelSelectors(m_hoa) : MhSelectors(m_hoa, m_ha);
    inner.push_back(tsi);
    inner.push_back(tsr);
    if (!tunnel)
    {
        AddTransportMode(inner); // RFC 7296 §1.3.1: the new BU/BA SA is transport mode too
    }
    Mip6IkeMessage outer;
    outer.header.spiI = m_sa->spiI;
    outer.header.spiR = m_sa->spiR;
    outer.header.exchange = Mip6IkeHeader::CREATE_CHILD_SA;
    outer.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
    outer.header.messageId = m_sa->ownNextId++;
    auto wire = m_sa->skI->Seal(outer, inner);
    NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
    m_state = REKEY_CHILD_SENT;
    SendRequest(wire.Value(), Mip6IkeHeader::CREATE_CHILD_SA);
}

void
Mip6Ikev2MnSide::StartIkeRekey()
{
    if (!m_sa || !m_sa->established)
    {
        return;
    }
    if (m_state != IDLE)
    {
        m_ikeRekeyTimer = Simulator::Schedule(m_design->GetRetransmitTimeout(),
                                              &Mip6Ikev2MnSide::StartIkeRekey,
                                              this);
        return;
    }
    // RFC 7296 §1.3.2: HDR, SK {SA, Ni, KEi} -->; the proposal carries the new initiator SPI.
    m_rekeyed = std::make_unique<Mip6Ikev2Sa>();
    m_rekeyed->spiI = Spi64();
    m_rekeyed->peer = m_sa->peer;
    m_rekeyed->hoa = m_sa->hoa;
    m_rekeyed->mnId = m_sa->mnId;
    m_rekeyed->ni = Mip6CryptoRandom::Bytes(32);
    auto dh = Mip6DhKeyPair::Generate(m_design->GetDhGroup());
    NS_ABORT_MSG_IF(!dh, "ipsec-ikev2: " << dh.GetError());
    m_childDh = dh.Value();
    Ptr<Mip6IkeSaPayload> sa = m_design->MakeIkeProposal();
    sa->proposals[0].spi = Mip6BigEndian(m_rekeyed->spiI, 8);
    Ptr<Mip6IkeNoncePayload> n = Create<Mip6IkeNoncePayload>();
    n->nonce = m_rekeyed->ni;
    Ptr<Mip6IkeKePayload> ke = Create<Mip6IkeKePayload>();
    ke->group = static_cast<uint16_t>(m_design->GetDhGroup());
    ke->data = m_childDh->GetPublicValue();
    Mip6IkeMessage outer;
    outer.header.spiI = m_sa->spiI;
    outer.header.spiR = m_sa->spiR;
    outer.header.exchange = Mip6IkeHeader::CREATE_CHILD_SA;
    outer.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
    outer.header.messageId = m_sa->ownNextId++;
    auto wire = m_sa->skI->Seal(outer, {sa, n, ke});
    NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
    m_state = REKEY_IKE_SENT;
    SendRequest(wire.Value(), Mip6IkeHeader::CREATE_CHILD_SA);
}

void
Mip6Ikev2MnSide::StartDpd()
{
    if (!m_sa || !m_sa->established)
    {
        return;
    }
    if (m_state != IDLE)
    {
        // Another request is out: its answer proves liveness as well (§2.4); check later.
        m_dpdTimer =
            Simulator::Schedule(m_design->GetDpdInterval(), &Mip6Ikev2MnSide::StartDpd, this);
        return;
    }
    // RFC 7296 §2.4: HDR, SK {} --> ; <-- HDR, SK {}.
    Mip6IkeMessage outer;
    outer.header.spiI = m_sa->spiI;
    outer.header.spiR = m_sa->spiR;
    outer.header.exchange = Mip6IkeHeader::INFORMATIONAL;
    outer.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
    outer.header.messageId = m_sa->ownNextId++;
    auto wire = m_sa->skI->Seal(outer, {});
    NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
    m_dpdExchanges++;
    m_state = DPD_SENT;
    SendRequest(wire.Value(), Mip6IkeHeader::INFORMATIONAL);
}

void
Mip6Ikev2MnSide::StartDeleteAll()
{
    if (!m_sa || !m_sa->established)
    {
        return;
    }
    if (m_state != IDLE)
    {
        // A rekey, DPD or old-SA delete is out: the delete supersedes it.
        m_timer.Cancel();
        m_old.reset();
        m_rekeyed.reset();
        m_state = IDLE;
    }
    // RFC 4877 §4.4, RFC 7296 §1.4.1: HDR, SK {D(ESP, our inbound SPIs), D(IKE)} -->
    std::vector<uint32_t> spis;
    if (m_parent)
    {
        // mcoa=per-coa: this CoA's IKE SA has its tunnel pair only (mip6-ikev2-mcoa.cc).
        if (m_coaTunnelIn)
        {
            spis.push_back(m_coaTunnelIn->GetSpi());
        }
    }
    else if (const Mip6IpsecSaSet* set = m_sad->Find(m_hoa))
    {
        for (const Ptr<Mip6EspSa>& in : {set->transportIn, set->tunnelIn})
        {
            if (in)
            {
                spis.push_back(in->GetSpi());
            }
        }
    }
    std::vector<Ptr<Mip6IkePayload>> inner;
    if (!spis.empty())
    {
        inner.push_back(MakeDelete(PROTO_ESP, spis));
    }
    inner.push_back(MakeDelete(PROTO_IKE, {}));
    Mip6IkeMessage outer;
    outer.header.spiI = m_sa->spiI;
    outer.header.spiR = m_sa->spiR;
    outer.header.exchange = Mip6IkeHeader::INFORMATIONAL;
    outer.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
    outer.header.messageId = m_sa->ownNextId++;
    auto wire = m_sa->skI->Seal(outer, inner);
    NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
    m_childRekeyTimer.Cancel();
    m_ikeRekeyTimer.Cancel();
    m_dpdTimer.Cancel();
    m_state = DELETE_ALL_SENT;
    SendRequest(wire.Value(), Mip6IkeHeader::INFORMATIONAL);
}

void
Mip6Ikev2MnSide::SendOldIkeDelete()
{
    // RFC 7296 §1.4.1 (HDR, SK {D(IKE)} on the old SA): after K = 0's new IKE SA (RFC 4877
    // §4.4) or an IKE SA rekey (§1.3.2). The base path takes the answer (DEL_SENT).
    Mip6IkeMessage outer;
    outer.header.spiI = m_old->spiI;
    outer.header.spiR = m_old->spiR;
    outer.header.exchange = Mip6IkeHeader::INFORMATIONAL;
    outer.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
    outer.header.messageId = m_old->ownNextId++;
    auto wire = m_old->skI->Seal(outer, {MakeDelete(PROTO_IKE, {})});
    NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
    m_state = DEL_SENT;
    SendRequest(wire.Value(), Mip6IkeHeader::INFORMATIONAL);
}

void
Mip6Ikev2MnSide::ArmTimers()
{
    m_childRekeyTimer.Cancel();
    m_ikeRekeyTimer.Cancel();
    m_dpdTimer.Cancel();
    // mcoa=per-coa: a CoA's own IKE SA is not rekeyed (doc/ipsec.rst); DPD runs.
    if (m_design->GetChildSaLifetime().IsStrictlyPositive() && !m_parent)
    {
        m_childRekeyTimer = Simulator::Schedule(m_design->GetChildSaLifetime(),
                                                &Mip6Ikev2MnSide::StartChildRekey,
                                                this,
                                                false);
    }
    if (m_design->GetIkeSaLifetime().IsStrictlyPositive() && !m_parent)
    {
        m_ikeRekeyTimer = Simulator::Schedule(m_design->GetIkeSaLifetime(),
                                              &Mip6Ikev2MnSide::StartIkeRekey,
                                              this);
    }
    if (m_design->GetDpdInterval().IsStrictlyPositive())
    {
        m_dpdTimer =
            Simulator::Schedule(m_design->GetDpdInterval(), &Mip6Ikev2MnSide::StartDpd, this);
    }
}

void
Mip6Ikev2MnSide::TearDown(const std::string& reason)
{
    NS_LOG_INFO("ipsec-ikev2 MN: IKE SA down (" << reason << ")");
    m_timer.Cancel();
    m_childRekeyTimer.Cancel();
    m_ikeRekeyTimer.Cancel();
    m_dpdTimer.Cancel();
    if (m_lingeringSpi != 0)
    {
        m_sad->GetEsp()->RemoveInboundSa(m_lingeringSpi);
        m_lingeringSpi = 0;
    }
    if (m_parent)
    {
        RemovePerCoaTunnel(); // mcoa=per-coa: the CoA's pair only; the shared set stays
    }
    else
    {
        m_sad->Remove(m_hoa);
    }
    m_sa.reset();
    m_old.reset();
    m_rekeyed.reset();
    m_state = IDLE;
    m_needBootstrap = true;
    m_tunnelCoa = Ipv6Address::GetAny();
    m_saDownTrace(reason);
    if (!m_done.IsNull())
    {
        Finish(false);
    }
}

void
Mip6Ikev2MnSide::NoteBindingUpdate(const Mip6BindingUpdateHeader& bu)
{
    // RFC 5648 §5: a lifetime-0 BU with Binding Identifier options de-registers only those BIDs;
    // the home registration, and the SAs that protect it, go on over the other CoAs.
    m_deregPending =
        bu.GetLifetimeUnits() == 0 && bu.FindOption(Mip6OptionType::BINDING_ID) == nullptr;
    m_deregSeq = bu.GetSequence();
}

void
Mip6Ikev2MnSide::NoteBindingAck(Ptr<const Packet> mh)
{
    if (!m_deregPending)
    {
        return;
    }
    Mip6BindingAckHeader ba;
    mh->PeekHeader(ba);
    // RFC 4877 §4.4: the binding is gone (accepted lifetime-0 BU, or 133: the HA had none),
    // so are the SAs that protected it.
    if (ba.GetSequence() == m_deregSeq &&
        (ba.GetStatus() < 128 || ba.GetStatus() == Mip6BaStatus::NOT_HOME_AGENT_FOR_THIS_MN))
    {
        m_deregPending = false;
        // After the mobility core has processed this BA (it came in the SA being deleted).
        Simulator::ScheduleNow(&Mip6Ikev2MnSide::StartDeleteAll, this);
    }
}

void
Mip6Ikev2MnSide::MigrateTunnel(Ipv6Address coa)
{
    const Mip6IpsecSaSet* set = m_sad ? m_sad->Find(m_hoa) : nullptr;
    if (!set || !set->tunnelOut || coa.IsAny() || coa == m_tunnelCoa)
    {
        return;
    }
    // RFC 4877 §7.2 / PF_KEY MIGRATE: the tunnel SAs' outer endpoint follows the CoA (K = 1).
    m_sad->Migrate(m_hoa, m_tunnelCoa, coa);
    m_tunnelCoa = coa;
}

void
Mip6Ikev2MnSide::SendData(Ptr<Packet> inner, const Mip6SignalingContext& ctx)
{
    // RFC 4877 §7.2: payload in ESP tunnel mode, CoA → HA, once the pair is up; mcoa=per-coa:
    // from another CoA in that CoA's pair (mip6-ikev2-mcoa.cc).
    if (SendPerCoaData(inner, ctx))
    {
        return;
    }
    if (!m_sad || !m_sad->SendTunnelData(m_hoa, inner, ctx))
    {
        Mip6MnSecurity::SendData(inner, ctx);
    }
}

Mip6Verdict
Mip6Ikev2MnSide::AcceptPlainTunnel(const Ipv6Header& outer)
{
    const bool payload = m_design && m_design->GetPayloadProtection() && m_sad;
    return payload ? m_sad->CheckPlainTunnel(outer) : Mip6Verdict::Accept();
}

uint32_t
Mip6Ikev2MnSide::GetChildRekeys() const
{
    return m_childRekeys;
}

uint32_t
Mip6Ikev2MnSide::GetIkeRekeys() const
{
    return m_ikeRekeys;
}

uint32_t
Mip6Ikev2MnSide::GetDpdExchanges() const
{
    return m_dpdExchanges;
}

uint32_t
Mip6Ikev2MnSide::GetDpdFailures() const
{
    return m_dpdFailures;
}

uint32_t
Mip6Ikev2MnSide::GetDeletes() const
{
    return m_deletes;
}

// ---------------------------------------------------------------------------------------------
// HA side

bool
Mip6Ikev2HaSide::ReceiveIkeChild(Mip6Ikev2Sa& sa,
                                 const Mip6IkeHeader& h,
                                 const Mip6Bytes& data,
                                 Ipv6Address from,
                                 std::optional<Mip6Bytes>& response)
{
    if (m_rxMnId != 0)
    {
        sa.mnId = m_rxMnId;
    }
    if (!sa.established || sa.deleting ||
        (h.exchange != Mip6IkeHeader::CREATE_CHILD_SA &&
         h.exchange != Mip6IkeHeader::INFORMATIONAL))
    {
        return false;
    }
    std::string reason;
    auto inner = sa.skI->Open(data, reason);
    if (!inner)
    {
        if (h.exchange == Mip6IkeHeader::INFORMATIONAL)
        {
            return false; // the base path drops it
        }
        response = Drop(reason);
        return true;
    }
    if (h.exchange == Mip6IkeHeader::CREATE_CHILD_SA)
    {
        response = HandleCreateChild(sa, *inner, h);
        return true;
    }
    if (sa.mobike && (Mip6IkeHasNotify(*inner, Mip6IkeNotifyPayload::UPDATE_SA_ADDRESSES) ||
                      Mip6IkeHasNotify(*inner, Mip6IkeNotifyPayload::NAT_DETECTION_SOURCE_IP) ||
                      Mip6IkeHasNotify(*inner, Mip6IkeNotifyPayload::ADDITIONAL_IP6_ADDRESS) ||
                      Mip6IkeHasNotify(*inner, Mip6IkeNotifyPayload::NO_ADDITIONAL_ADDRESSES)))
    {
        // MOBIKE's update, address probe or address list (RFC 4555 §3.5, §3.6; HandleMobike)
        return false;
    }
    bool ikeDeleted = false;
    std::vector<uint32_t> espSpis;
    for (const auto& d : Deletes(*inner))
    {
        ikeDeleted |= d->protocolId == PROTO_IKE;
        if (d->protocolId == PROTO_ESP)
        {
            for (const Mip6Bytes& s : d->spis)
            {
                espSpis.push_back(static_cast<uint32_t>(SpiValue(s)));
            }
        }
    }
    if (ikeDeleted && sa.perCoa)
    {
        // mcoa=per-coa: the IKE SA of one CoA and its tunnel pair go; the HoA's other IKE SA
        // and the BU/BA transport SAs stay (mip6-ikev2-mcoa.cc).
        Mip6IkeMessage outer;
        outer.header = h;
        outer.header.flags = Mip6IkeHeader::FLAG_RESPONSE;
        auto wire = sa.skR->Seal(outer, {});
        NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
        RemovePerCoaTunnel(sa);
        m_deletes++;
        m_sas.erase(sa.spiI);
        response = wire.Value();
        return true;
    }
    if (ikeDeleted && espSpis.empty())
    {
        return false; // K = 0 or IKE rekey: the old IKE SA only (base path)
    }
    Mip6IkeMessage outer;
    outer.header = h;
    outer.header.flags = Mip6IkeHeader::FLAG_RESPONSE;
    std::vector<Ptr<Mip6IkePayload>> answer;
    if (ikeDeleted)
    {
        // RFC 4877 §4.4 / RFC 7296 §1.4.1: the MN ends its registration: the Child SAs, their
        // policies and the IKE SA go; the answer to an IKE SA Delete is empty.
        auto wire = sa.skR->Seal(outer, {});
        NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
        NS_LOG_INFO("ipsec-ikev2 HA: " << sa.hoa << " deleted its SAs");
        m_sad->Remove(sa.hoa);
        m_deletes++;
        m_sas.erase(sa.spiI);
        response = wire.Value();
        return true;
    }
    if (!espSpis.empty())
    {
        // §1.4.1: the answer deletes our halves of the same Child SAs (the old ones of a rekey).
        std::vector<uint32_t> own;
        for (uint32_t s : espSpis)
        {
            auto it = m_lingering.find(s);
            if (it != m_lingering.end())
            {
                m_sad->GetEsp()->RemoveInboundSa(it->second);
                own.push_back(it->second);
                m_lingering.erase(it);
            }
        }
        if (!own.empty())
        {
            answer.push_back(MakeDelete(PROTO_ESP, own));
        }
    }
    else if (inner->empty())
    {
        m_dpdAnswered++; // §2.4: an empty INFORMATIONAL is a liveness check
    }
    auto wire = sa.skR->Seal(outer, answer);
    NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
    sa.lastRequestId = h.messageId;
    sa.lastResponse = wire.Value();
    response = wire.Value();
    return true;
}

std::optional<Mip6Bytes>
Mip6Ikev2HaSide::HandleCreateChild(Mip6Ikev2Sa& sa,
                                   const std::vector<Ptr<Mip6IkePayload>>& inner,
                                   const Mip6IkeHeader& h)
{
    Mip6IkeMessage outer;
    outer.header = h;
    outer.header.flags = Mip6IkeHeader::FLAG_RESPONSE;
    auto answer = [&](const std::vector<Ptr<Mip6IkePayload>>& payloads) {
        auto wire = sa.skR->Seal(outer, payloads);
        NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
        sa.lastRequestId = h.messageId;
        sa.lastResponse = wire.Value();
        return wire.Value();
    };
    auto refuse = [&](uint16_t type, const std::string& why) {
        m_drops++;
        m_dropTrace(why);
        return answer({MakeNotify(type)});
    };
    auto sai = First<Mip6IkeSaPayload>(inner, Mip6IkePayloadType::SA);
    auto ni = First<Mip6IkeNoncePayload>(inner, Mip6IkePayloadType::NONCE);
    auto ke = First<Mip6IkeKePayload>(inner, Mip6IkePayloadType::KE);
    if (!sai || sai->proposals.empty() || !ni)
    {
        return refuse(Mip6IkeNotifyPayload::INVALID_SYNTAX, "invalid-syntax");
    }
    const Mip6IkeProposal& p = sai->proposals[0];
    const uint16_t group = static_cast<uint16_t>(m_design->GetDhGroup());
    const bool ikeRekey = p.protocolId == PROTO_IKE;
    const bool needKe = ikeRekey || m_design->GetPfs();
    if (needKe && (!ke || ke->group != group))
    {
        m_drops++;
        m_dropTrace("invalid-ke-payload");
        return answer({MakeNotify(INVALID_KE_PAYLOAD, 0, Mip6BigEndian(group, 2))});
    }
    const uint64_t peerSpi = SpiValue(p.spi);
    if (peerSpi == 0 || (ikeRekey ? p.spi.size() != 8 : p.spi.size() != 4))
    {
        return refuse(NO_PROPOSAL_CHOSEN, "no-proposal-chosen");
    }
    Mip6Bytes gir;
    Ptr<Mip6IkeKePayload> ker;
    if (needKe)
    {
        auto dh = Mip6DhKeyPair::Generate(m_design->GetDhGroup());
        NS_ABORT_MSG_IF(!dh, "ipsec-ikev2: " << dh.GetError());
        auto secret = dh.Value().ComputeSharedSecret(ke->data);
        if (!secret)
        {
            return Drop("bad-ke");
        }
        gir = secret.Value();
        ker = Create<Mip6IkeKePayload>();
        ker->group = group;
        ker->data = dh.Value().GetPublicValue();
    }
    Ptr<Mip6IkeNoncePayload> nr = Create<Mip6IkeNoncePayload>();
    nr->nonce = Mip6CryptoRandom::Bytes(32);
    if (ikeRekey)
    {
        // RFC 7296 §1.3.2 / §2.18: <-- HDR, SK {SA, Nr, KEr}; the new IKE SA takes over.
        Mip6Ikev2Sa n;
        n.spiI = peerSpi;
        n.spiR = Spi64();
        n.ni = ni->nonce;
        n.nr = nr->nonce;
        n.peer = sa.peer;
        n.hoa = sa.hoa;
        n.mnId = sa.mnId;
        const auto [integ, encr] = SkSizes(m_design->GetSkTransform());
        auto keys = Mip6DeriveIkev2RekeyKeys(Mip6Prf(),
                                             sa.keys.skD,
                                             gir,
                                             n.ni,
                                             n.nr,
                                             n.spiI,
                                             n.spiR,
                                             integ,
                                             encr);
        NS_ABORT_MSG_IF(!keys, "ipsec-ikev2: " << keys.GetError());
        n.keys = keys.Value();
        std::string error;
        n.skI =
            Mip6IkeSkProtector::Create(m_design->GetSkTransform(), n.keys.skEi, n.keys.skAi, error);
        n.skR =
            Mip6IkeSkProtector::Create(m_design->GetSkTransform(), n.keys.skEr, n.keys.skAr, error);
        NS_ABORT_MSG_IF(!n.skI || !n.skR, "ipsec-ikev2: " << error);
        n.established = true;
        m_design->ExportIkeSa(n);
        Ptr<Mip6IkeSaPayload> sar = m_design->MakeIkeProposal();
        sar->proposals[0].spi = Mip6BigEndian(n.spiR, 8);
        if (m_sas.count(n.spiI))
        {
            return refuse(NO_PROPOSAL_CHOSEN, "spi-in-use");
        }
        m_createChild++;
        Mip6Bytes wire = answer({sar, nr, ker});
        m_sas[n.spiI] = std::move(n); // std::map: `sa` stays valid
        return wire;
    }
    const Mip6IpsecSaSet* set = m_sad->Find(sa.hoa);
    if (!set)
    {
        return refuse(CHILD_SA_NOT_FOUND, "child-sa-not-found");
    }
    auto tsi = First<Mip6IkeTsPayload>(inner, Mip6IkePayloadType::TSI);
    auto tsr = First<Mip6IkeTsPayload>(inner, Mip6IkePayloadType::TSR);
    const uint32_t spiOut = static_cast<uint32_t>(peerSpi);
    const uint32_t spiIn = Spi32();
    auto rekey = NotifyOf(inner, REKEY_SA);
    std::vector<Ptr<Mip6IkePayload>> reply{m_design->MakeEspProposal(spiIn), nr};
    if (ker)
    {
        reply.push_back(ker);
    }
    if (tsi && tsr)
    {
        reply.push_back(tsi);
        reply.push_back(tsr);
    }
    const uint32_t rekeyed = rekey ? static_cast<uint32_t>(SpiValue(rekey->spi)) : 0;
    const bool transport = rekey && set->transportOut && set->transportOut->GetSpi() == rekeyed;
    const bool tunnelRekey = rekey && set->tunnelOut && set->tunnelOut->GetSpi() == rekeyed;
    if (rekey && !transport && !tunnelRekey)
    {
        return refuse(CHILD_SA_NOT_FOUND, "child-sa-not-found"); // §2.25
    }
    if (transport && !Mip6IkeHasNotify(inner, Mip6IkeNotifyPayload::USE_TRANSPORT_MODE))
    {
        // RFC 7296 §1.3.1, §3.10.1: the rekeyed BU/BA SA must stay transport mode (RFC 4877 §7).
        m_transportRefusals++;
        return refuse(NO_PROPOSAL_CHOSEN, "transport-mode-required");
    }
    if (transport)
    {
        // RFC 7296 §1.3.3: the BU/BA Child SA rekeyed; the old inbound SA stays until the
        // MN's Delete (§2.8); N(USE_TRANSPORT_MODE) accepts transport mode (§1.3.1).
        if (m_transportModeNotify)
        {
            reply.push_back(MakeNotify(Mip6IkeNotifyPayload::USE_TRANSPORT_MODE));
        }
        Ptr<Mip6EspSa> oldIn = set->transportIn;
        auto [out, in] = m_design->MakeChildPair(sa,
                                                 false,
                                                 gir,
                                                 ni->nonce,
                                                 nr->nonce,
                                                 Mip6EspMode::TRANSPORT,
                                                 spiIn,
                                                 spiOut,
                                                 m_ha,
                                                 sa.hoa);
        m_sad->SetTransportSas(sa.hoa, out, in);
        m_sad->GetEsp()->AddInboundSa(oldIn);
        m_lingering[rekeyed] = oldIn->GetSpi();
        m_createChild++;
        return answer(reply);
    }
    // A new payload tunnel pair (RFC 4877 §7.2: TSi must be the MN's HoA) or its rekey.
    if (!tunnelRekey &&
        (!tsi || tsi->selectors.empty() || tsi->selectors[0].startAddress.size() != 16 ||
         Ipv6Address(tsi->selectors[0].startAddress.data()) != sa.hoa))
    {
        return refuse(TS_UNACCEPTABLE, "ts-unacceptable");
    }
    const Ipv6Address coa = tunnelRekey ? set->tunnelOut->GetConfig().destination : sa.peer;
    Ptr<Mip6EspSa> oldIn = set->tunnelIn;
    auto [out, in] = m_design->MakeChildPair(sa,
                                             false,
                                             gir,
                                             ni->nonce,
                                             nr->nonce,
                                             Mip6EspMode::TUNNEL,
                                             spiIn,
                                             spiOut,
                                             m_ha,
                                             coa);
    m_sad->SetTunnelSas(sa.hoa,
                        out,
                        in,
                        {TunnelPolicy(Mip6IpsecPolicy::OUT, sa.hoa, m_ha, coa, spiOut),
                         TunnelPolicy(Mip6IpsecPolicy::IN, sa.hoa, m_ha, coa, spiIn),
                         TunnelPolicy(Mip6IpsecPolicy::FWD, sa.hoa, m_ha, coa, spiIn)});
    if (tunnelRekey && oldIn)
    {
        m_sad->GetEsp()->AddInboundSa(oldIn);
        m_lingering[rekeyed] = oldIn->GetSpi();
    }
    m_createChild++;
    return answer(reply);
}

bool
Mip6Ikev2HaSide::ReceiveIkeResponse(const Mip6IkeHeader& h, const Mip6Bytes& data)
{
    auto req = m_haRequests.find(h.spiI);
    auto it = m_sas.find(h.spiI);
    if (req == m_haRequests.end() || it == m_sas.end() || it->second.spiR != h.spiR ||
        h.exchange != Mip6IkeHeader::INFORMATIONAL || h.messageId + 1 != it->second.ownNextId)
    {
        return false;
    }
    std::string reason;
    if (!it->second.skI->Open(data, reason))
    {
        return false;
    }
    req->second.timer.Cancel();
    m_haRequests.erase(req);
    m_sas.erase(it);
    return true;
}

void
Mip6Ikev2HaSide::NotifyBindingRemoved(Ipv6Address hoa)
{
    // RFC 7296 §1.4.1: the SAs of a binding that ended go. The MN deletes them itself after a
    // de-registration (it needs them to receive the BA); when it has not done so after
    // HaDeleteDelay (binding expiry, a lost Delete) the HA deletes them.
    m_bound[hoa] = false;
    Simulator::Schedule(m_design->GetHaDeleteDelay(),
                        &Mip6Ikev2HaSide::DeleteAfterBindingRemoved,
                        this,
                        hoa);
}

void
Mip6Ikev2HaSide::DeleteAfterBindingRemoved(Ipv6Address hoa)
{
    auto b = m_bound.find(hoa);
    if (b != m_bound.end() && b->second)
    {
        return; // registered again meanwhile
    }
    std::vector<uint32_t> spis;
    if (const Mip6IpsecSaSet* set = m_sad->Find(hoa))
    {
        for (const Ptr<Mip6EspSa>& in : {set->transportIn, set->tunnelIn})
        {
            if (in)
            {
                spis.push_back(in->GetSpi());
            }
        }
    }
    m_sad->Remove(hoa);
    for (auto& [spiI, sa] : m_sas)
    {
        if (!sa.established || sa.deleting || sa.hoa != hoa)
        {
            continue;
        }
        RemovePerCoaTunnel(sa); // mcoa=per-coa (mip6-ikev2-mcoa.cc)
        // HDR (I clear: the HA is the original responder), SK {D(ESP), D(IKE)} -->
        Mip6IkeMessage outer;
        outer.header.spiI = sa.spiI;
        outer.header.spiR = sa.spiR;
        outer.header.exchange = Mip6IkeHeader::INFORMATIONAL;
        outer.header.flags = 0;
        outer.header.messageId = sa.ownNextId++;
        std::vector<Ptr<Mip6IkePayload>> inner;
        if (!spis.empty())
        {
            inner.push_back(MakeDelete(PROTO_ESP, spis));
        }
        inner.push_back(MakeDelete(PROTO_IKE, {}));
        auto wire = sa.skR->Seal(outer, inner);
        NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
        sa.deleting = true;
        m_deletes++;
        HaRequest& r = m_haRequests[spiI];
        r.wire = wire.Value();
        r.peer = sa.peer;
        r.mnId = sa.mnId;
        r.tries = 0;
        r.timeout = m_design->GetRetransmitTimeout();
        RetransmitHaRequest(spiI);
    }
}

void
Mip6Ikev2HaSide::RetransmitHaRequest(uint64_t spiI)
{
    auto it = m_haRequests.find(spiI);
    if (it == m_haRequests.end())
    {
        return;
    }
    HaRequest& r = it->second;
    if (r.tries >= m_design->GetMaxTries())
    {
        // §2.4: unanswered: the IKE SA is gone anyway.
        m_haRequests.erase(it);
        m_sas.erase(spiI);
        return;
    }
    if (r.tries > 0)
    {
        r.timeout = Seconds(r.timeout.GetSeconds() * m_design->GetRetransmitBackoff());
    }
    r.tries++;
    IkeSend(m_socket, r.wire, r.peer, r.mnId, false);
    r.timer = Simulator::Schedule(r.timeout, &Mip6Ikev2HaSide::RetransmitHaRequest, this, spiI);
}

void
Mip6Ikev2HaSide::MigrateTunnel(Ipv6Address hoa, Ipv6Address coa)
{
    const Mip6IpsecSaSet* set = m_sad ? m_sad->Find(hoa) : nullptr;
    if (!set || !set->tunnelOut || coa.IsAny())
    {
        return;
    }
    const Ipv6Address old = set->tunnelOut->GetConfig().destination;
    if (old != coa)
    {
        // UMIP ha.c: the HA migrates the tunnel SAs while it processes the protected BU.
        m_sad->Migrate(hoa, old, coa);
    }
}

void
Mip6Ikev2HaSide::SendData(Ptr<Packet> inner, const Mip6SignalingContext& ctx)
{
    // RFC 4877 §7.2: payload in ESP tunnel mode, HA → CoA, once the pair is up; mcoa=per-coa:
    // to another CoA in that CoA's pair (mip6-ikev2-mcoa.cc).
    if (SendPerCoaData(inner, ctx))
    {
        return;
    }
    if (!m_sad || !m_sad->SendTunnelData(ctx.hoa, inner, ctx))
    {
        Mip6HaSecurity::SendData(inner, ctx);
    }
}

Mip6Verdict
Mip6Ikev2HaSide::AcceptPlainTunnel(const Ipv6Header& outer)
{
    const bool payload = m_design && m_design->GetPayloadProtection() && m_sad;
    return payload ? m_sad->CheckPlainTunnel(outer) : Mip6Verdict::Accept();
}

uint32_t
Mip6Ikev2HaSide::GetCreateChildCount() const
{
    return m_createChild;
}

uint32_t
Mip6Ikev2HaSide::GetDpdAnswered() const
{
    return m_dpdAnswered;
}

uint32_t
Mip6Ikev2HaSide::GetDeletes() const
{
    return m_deletes;
}

// ---------------------------------------------------------------------------------------------
// The design

std::string
Mip6Ikev2Design::GetDataProtection() const
{
    return GetPayloadProtection() ? "esp-tunnel (RFC 4877 §7.2, CREATE_CHILD_SA)"
                                  : "none (plain IPv6-in-IPv6)";
}

bool
Mip6Ikev2Design::GetPayloadProtection() const
{
    return m_payload != 0;
}

bool
Mip6Ikev2Design::GetPfs() const
{
    return m_pfs;
}

Time
Mip6Ikev2Design::GetChildSaLifetime() const
{
    return m_childLifetime;
}

Time
Mip6Ikev2Design::GetIkeSaLifetime() const
{
    return m_ikeLifetime;
}

Time
Mip6Ikev2Design::GetDpdInterval() const
{
    return m_dpdInterval;
}

Time
Mip6Ikev2Design::GetHaDeleteDelay() const
{
    return m_haDeleteDelay;
}

std::pair<Ptr<Mip6EspSa>, Ptr<Mip6EspSa>>
Mip6Ikev2Design::MakeChildPair(const Mip6Ikev2Sa& sa,
                               bool initiator,
                               const Mip6Bytes& gir,
                               const Mip6Bytes& ni,
                               const Mip6Bytes& nr,
                               Mip6EspMode mode,
                               uint32_t spiIn,
                               uint32_t spiOut,
                               Ipv6Address local,
                               Ipv6Address remote) const
{
    // RFC 7296 §2.17: KEYMAT = prf+(SK_d, [g^ir (new)] ‖ Ni ‖ Nr); initiator→responder keys
    // first (encryption, then integrity), then responder→initiator.
    const Mip6EspTransformInfo& info = Mip6EspGetTransformInfo(GetEspTransform());
    const size_t one = info.encKeySize + info.integKeySize;
    auto keymat = Mip6DeriveChildSaKeymat(Mip6Prf(), sa.keys.skD, gir, ni, nr, 2 * one);
    NS_ABORT_MSG_IF(!keymat, "ipsec-ikev2: " << keymat.GetError());
    const Mip6Bytes& k = keymat.Value();
    auto make = [&](uint32_t spi, size_t offset, Ipv6Address src, Ipv6Address dst) {
        Mip6EspSaConfig c;
        c.spi = spi;
        c.transform = GetEspTransform();
        c.encKey.assign(k.begin() + offset, k.begin() + offset + info.encKeySize);
        c.integKey.assign(k.begin() + offset + info.encKeySize, k.begin() + offset + one);
        c.mode = mode;
        c.source = src;
        c.destination = dst;
        c.replayWindow = m_replayWindow;
        std::string error;
        Ptr<Mip6EspSa> esp = Mip6EspSa::Create(c, error);
        NS_ABORT_MSG_IF(!esp, "ipsec-ikev2: " << error);
        return esp;
    };
    return {make(spiOut, initiator ? 0 : one, local, remote),
            make(spiIn, initiator ? one : 0, remote, local)};
}

void
Mip6Ikev2Design::WatchMigrate(Ptr<Mip6IpsecSad> sad, Ptr<Node> node)
{
    std::string label = Names::FindName(node);
    if (label.empty())
    {
        label = "node" + std::to_string(node->GetId());
    }
    // DESIGN.md §4.3 point `local`: the PF_KEY MIGRATE a Linux key manager would send. The SAD
    // holds a reference to the design through this callback, so the design outlives it.
    sad->TraceConnectWithoutContext(
        "Migrate",
        MakeBoundCallback(
            +[](Ptr<Mip6Ikev2Design> d,
                std::string n,
                uint32_t mn,
                Ipv6Address,
                Ipv6Address,
                uint32_t bytes) { d->NotifyLocalMessage(mn, n, "MIGRATE", bytes); },
            Ptr<Mip6Ikev2Design>(this),
            label));
}

} // namespace ns3
