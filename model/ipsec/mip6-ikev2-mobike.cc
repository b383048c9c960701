/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-ikev2-mobike.h"

#include "ns3/abort.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/mip6-category-tag.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-ipsec-ikev2-design.h"
#include "ns3/mip6-mac.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6Ikev2Mobike");

namespace
{
/// The message name of the category tag (DESIGN.md §4.3), as mip6-ipsec-ikev2-design.cc names
/// it: exchange type of header byte 18, -req or -resp.
std::string
NatTMessageName(const Mip6Bytes& wire, bool response)
{
    std::string n = "IKE";
    if (wire.size() > 18)
    {
        switch (wire[18])
        {
        case Mip6IkeHeader::IKE_SA_INIT:
            n = "IKE_SA_INIT";
            break;
        case Mip6IkeHeader::IKE_AUTH:
            n = "IKE_AUTH";
            break;
        case Mip6IkeHeader::INFORMATIONAL:
            n = "INFORMATIONAL";
            break;
        default:
            break;
        }
    }
    return n + (response ? "-resp" : "-req");
}

/// The data of the first notify of that type, or nullptr.
const Mip6Bytes*
NotifyData(const std::vector<Ptr<Mip6IkePayload>>& payloads, uint16_t type)
{
    for (const auto& p : payloads)
    {
        if (p->GetType() == Mip6IkePayloadType::NOTIFY)
        {
            auto n = dynamic_cast<const Mip6IkeNotifyPayload*>(PeekPointer(p));
            if (n && n->notifyType == type)
            {
                return &n->data;
            }
        }
    }
    return nullptr;
}
} // namespace

Mip6Bytes
Mip6IkeNatDetectionHash(uint64_t spiI, uint64_t spiR, Ipv6Address address, uint16_t port)
{
    // RFC 7296 §2.23: SHA-1(SPIs | source IP address | source port), network byte order.
    Mip6Bytes in = Mip6BigEndian(spiI, 8);
    const Mip6Bytes r = Mip6BigEndian(spiR, 8);
    in.insert(in.end(), r.begin(), r.end());
    uint8_t a[16];
    address.GetBytes(a);
    in.insert(in.end(), a, a + 16);
    in.push_back(static_cast<uint8_t>(port >> 8));
    in.push_back(static_cast<uint8_t>(port & 0xff));
    auto h = Mip6Digest(Mip6HashAlgorithm::SHA1, in);
    NS_ABORT_MSG_IF(!h, "ipsec-ikev2: " << h.GetError());
    return h.Value();
}

std::vector<Ptr<Mip6IkePayload>>
Mip6IkeMakeNatDetection(uint64_t spiI,
                        uint64_t spiR,
                        Ipv6Address src,
                        uint16_t srcPort,
                        Ipv6Address dst,
                        uint16_t dstPort)
{
    Ptr<Mip6IkeNotifyPayload> s = Create<Mip6IkeNotifyPayload>();
    s->notifyType = Mip6IkeNotifyPayload::NAT_DETECTION_SOURCE_IP;
    s->data = Mip6IkeNatDetectionHash(spiI, spiR, src, srcPort);
    Ptr<Mip6IkeNotifyPayload> d = Create<Mip6IkeNotifyPayload>();
    d->notifyType = Mip6IkeNotifyPayload::NAT_DETECTION_DESTINATION_IP;
    d->data = Mip6IkeNatDetectionHash(spiI, spiR, dst, dstPort);
    return {s, d};
}

std::ostream&
operator<<(std::ostream& os, Mip6IkeNatDetection v)
{
    switch (v)
    {
    case Mip6IkeNatDetection::ABSENT:
        return os << "absent";
    case Mip6IkeNatDetection::NO_NAT:
        return os << "no-nat";
    case Mip6IkeNatDetection::NAT_SOURCE:
        return os << "nat-source";
    case Mip6IkeNatDetection::NAT_DEST:
        return os << "nat-dest";
    }
    return os << "?";
}

Mip6IkeNatDetection
Mip6IkeCheckNatDetection(const std::vector<Ptr<Mip6IkePayload>>& payloads,
                         uint64_t spiI,
                         uint64_t spiR,
                         Ipv6Address src,
                         uint16_t srcPort,
                         Ipv6Address dst,
                         uint16_t dstPort)
{
    const Mip6Bytes* s = NotifyData(payloads, Mip6IkeNotifyPayload::NAT_DETECTION_SOURCE_IP);
    const Mip6Bytes* d = NotifyData(payloads, Mip6IkeNotifyPayload::NAT_DETECTION_DESTINATION_IP);
    if (!s || !d)
    {
        return Mip6IkeNatDetection::ABSENT;
    }
    // RFC 7296 §2.23: a source hash that matches no address of the sender means the sender is
    // behind a NAT; a destination hash that does not match our own address means we are.
    if (*s != Mip6IkeNatDetectionHash(spiI, spiR, src, srcPort))
    {
        return Mip6IkeNatDetection::NAT_SOURCE;
    }
    if (*d != Mip6IkeNatDetectionHash(spiI, spiR, dst, dstPort))
    {
        return Mip6IkeNatDetection::NAT_DEST;
    }
    return Mip6IkeNatDetection::NO_NAT;
}

Mip6Ikev2NatT::Mip6Ikev2NatT(Ptr<Node> node, Ptr<Mip6EspProtocol> esp, Deliver deliver)
    : m_esp(esp),
      m_deliver(std::move(deliver))
{
    // RFC 3948 §2.2: IKE shares port 4500 with ESP; the demultiplexer hands it over.
    m_esp->EnableUdpEncapsulation(Mip6EspProtocol::NAT_T_PORT);
    m_esp->SetIkeListener(MakeCallback(&Mip6Ikev2NatT::Receive, this));
    m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    m_socket->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), Mip6EspProtocol::NAT_T_PORT));
}

Mip6Ikev2NatT::~Mip6Ikev2NatT()
{
    Stop();
}

void
Mip6Ikev2NatT::Stop()
{
    m_keepalive.Cancel();
    if (m_esp)
    {
        m_esp->SetIkeListener(Mip6EspProtocol::IkeListener());
        m_esp = nullptr;
    }
    if (m_socket)
    {
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
Mip6Ikev2NatT::Send(const Mip6Bytes& wire, Ipv6Address to, uint32_t mnId, bool response)
{
    if (!m_socket)
    {
        return;
    }
    // RFC 3948 §2.2 / RFC 7296 §2.23: four zero octets (the non-ESP marker) before the IKE header.
    Mip6Bytes data(4, 0);
    data.insert(data.end(), wire.begin(), wire.end());
    Ptr<Packet> p = Create<Packet>(data.data(), data.size());
    p->AddPacketTag(Mip6CategoryTag(Mip6Category::IKE, NatTMessageName(wire, response), mnId));
    m_tx++;
    m_txSizes.push_back(wire.size());
    m_socket->SendTo(p, 0, Inet6SocketAddress(to, Mip6EspProtocol::NAT_T_PORT));
}

void
Mip6Ikev2NatT::Receive(Ptr<Packet> p, Ipv6Address src, uint16_t srcPort, Ipv6Address dst)
{
    NS_LOG_FUNCTION(this << src << srcPort << dst);
    Mip6Bytes data(p->GetSize());
    p->CopyData(data.data(), data.size());
    Mip6CategoryTag tag;
    const uint32_t mn = p->PeekPacketTag(tag) ? tag.GetMnId() : 0;
    m_rx++;
    m_deliver(data, src, mn);
}

void
Mip6Ikev2NatT::StartKeepalives(Time interval,
                               std::function<Ipv6Address()> src,
                               Ipv6Address dst,
                               uint32_t mnId)
{
    if (!interval.IsStrictlyPositive() || m_keepalive.IsRunning())
    {
        return;
    }
    m_interval = interval;
    m_src = std::move(src);
    m_dst = dst;
    m_mnId = mnId;
    m_keepalive = Simulator::Schedule(m_interval, &Mip6Ikev2NatT::Keepalive, this);
}

void
Mip6Ikev2NatT::Keepalive()
{
    if (!m_esp)
    {
        return;
    }
    // RFC 3948 §2.3: one 0xFF octet from the NAT-T port, keeping the NAT's mapping alive.
    m_esp->SendKeepalive(m_src(),
                         m_dst,
                         Mip6EspProtocol::NAT_T_PORT,
                         Mip6EspProtocol::NAT_T_PORT,
                         m_mnId);
    m_keepalive = Simulator::Schedule(m_interval, &Mip6Ikev2NatT::Keepalive, this);
}

uint32_t
Mip6Ikev2NatT::GetTxCount() const
{
    return m_tx;
}

uint32_t
Mip6Ikev2NatT::GetRxCount() const
{
    return m_rx;
}

const std::vector<uint32_t>&
Mip6Ikev2NatT::GetTxSizes() const
{
    return m_txSizes;
}

// ---------------------------------------------------------------------------------------------
// MOBIKE (RFC 4555), variant mobike=1: members of the two sides of ipsec-ikev2

namespace
{
/// The first error notify (type < 16384, RFC 7296 §3.10.1), 0 if none.
uint16_t
MobikeErrorOf(const std::vector<Ptr<Mip6IkePayload>>& payloads)
{
    for (const auto& p : payloads)
    {
        auto n = DynamicCast<Mip6IkeNotifyPayload>(p);
        if (n && n->notifyType < 16384)
        {
            return n->notifyType;
        }
    }
    return 0;
}
} // namespace

bool
Mip6IkeHasNotify(const std::vector<Ptr<Mip6IkePayload>>& payloads, uint16_t type)
{
    return NotifyData(payloads, type) != nullptr;
}

Ptr<Mip6IkeNotifyPayload>
Mip6IkeMakeNotify(uint16_t type, const Mip6Bytes& data)
{
    Ptr<Mip6IkeNotifyPayload> n = Create<Mip6IkeNotifyPayload>();
    n->notifyType = type;
    n->data = data;
    return n;
}

void
Mip6Ikev2MnSide::StartMobikeUpdate()
{
    // RFC 4555 §3.5: HDR, SK {N(UPDATE_SA_ADDRESSES), N(NAT_DETECTION_SOURCE_IP),
    // N(NAT_DETECTION_DESTINATION_IP), [N(COOKIE2)]} --> from the new address, on port 4500.
    // With probe=1 an address probe goes first (§3.6): the same without UPDATE_SA_ADDRESSES.
    // Message ID: this IKE SA's next request ID, shared with CREATE_CHILD_SA, DPD and Delete
    // (RFC 7296 §2.2).
    const bool probe = m_design->GetMobikeProbe() && m_state != PROBE_SENT;
    std::vector<Ptr<Mip6IkePayload>> inner;
    if (!probe)
    {
        inner.push_back(Mip6IkeMakeNotify(Mip6IkeNotifyPayload::UPDATE_SA_ADDRESSES));
    }
    for (const auto& p : Mip6IkeMakeNatDetection(m_sa->spiI,
                                                 m_sa->spiR,
                                                 m_coa,
                                                 Mip6EspProtocol::NAT_T_PORT,
                                                 m_ha,
                                                 Mip6EspProtocol::NAT_T_PORT))
    {
        inner.push_back(p);
    }
    m_cookie2.clear();
    if (m_design->GetCookie2())
    {
        // RFC 4555 §3.8: a fresh COOKIE2 (8–64 octets) the responder must echo.
        m_cookie2 = Mip6CryptoRandom::Bytes(16);
        inner.push_back(Mip6IkeMakeNotify(Mip6IkeNotifyPayload::COOKIE2, m_cookie2));
    }
    SendMobikeRequest(inner, probe ? PROBE_SENT : UPDATE_SENT);
}

void
Mip6Ikev2MnSide::SendMobikeRequest(const std::vector<Ptr<Mip6IkePayload>>& inner, State state)
{
    // Message ID: this IKE SA's next request ID, shared with CREATE_CHILD_SA, DPD and Delete
    // (RFC 7296 §2.2).
    m_mobikeId = m_sa->ownNextId++;
    Mip6IkeMessage outer;
    outer.header.spiI = m_sa->spiI;
    outer.header.spiR = m_sa->spiR;
    outer.header.exchange = Mip6IkeHeader::INFORMATIONAL;
    outer.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
    outer.header.messageId = m_mobikeId;
    auto wire = m_sa->skI->Seal(outer, inner);
    NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
    m_state = state;
    SendRequest(wire.Value(), Mip6IkeHeader::INFORMATIONAL);
}

void
Mip6Ikev2MnSide::HandleMobikeResponse(const Mip6Bytes& data)
{
    std::string reason;
    auto inner = m_sa->skR->Open(data, reason);
    if (!inner)
    {
        Drop(reason);
        return;
    }
    if (!m_cookie2.empty())
    {
        // RFC 4555 §3.8: a response without our COOKIE2 is not the answer (the timer runs on).
        auto n = NotifyData(*inner, Mip6IkeNotifyPayload::COOKIE2);
        if (!n || *n != m_cookie2)
        {
            Drop("cookie2-mismatch");
            return;
        }
    }
    m_timer.Cancel();
    const bool probe = m_state == PROBE_SENT;
    const bool addresses = m_state == ADDR_SENT;
    m_state = IDLE;
    if (uint16_t e = MobikeErrorOf(*inner))
    {
        // RFC 4555 §3.5: e.g. UNACCEPTABLE_ADDRESSES; the IKE SA stays where it was.
        m_notifyTrace(e);
        m_exchangeTrace(Mip6IkeHeader::INFORMATIONAL, false);
        Finish(false);
        return;
    }
    if (addresses)
    {
        // mcoa=mobike (mip6-ikev2-mcoa.cc): the HA has the address list (RFC 4555 §3.6).
        m_addressUpdates++;
        m_exchangeTrace(Mip6IkeHeader::INFORMATIONAL, true);
        Finish(true);
        return;
    }
    m_natDetection = Mip6IkeCheckNatDetection(*inner,
                                              m_sa->spiI,
                                              m_sa->spiR,
                                              m_ha,
                                              Mip6EspProtocol::NAT_T_PORT,
                                              m_coa,
                                              Mip6EspProtocol::NAT_T_PORT);
    m_exchangeTrace(Mip6IkeHeader::INFORMATIONAL, true);
    if (probe)
    {
        m_state = PROBE_SENT; // the path works (§3.6): now the update itself
        StartMobikeUpdate();
        return;
    }
    Finish(true);
}

std::optional<Mip6Bytes>
Mip6Ikev2HaSide::HandleMobike(Mip6Ikev2Sa& sa,
                              const Mip6IkeHeader& hdr,
                              const Mip6Bytes& data,
                              Ipv6Address from)
{
    std::string reason;
    auto inner = sa.skI->Open(data, reason);
    if (!inner)
    {
        return Drop(reason); // RFC 7296 §2.21.2: an integrity failure is dropped, nothing moves
    }
    Mip6IkeMessage outer;
    outer.header = hdr;
    outer.header.flags = Mip6IkeHeader::FLAG_RESPONSE;
    std::vector<Ptr<Mip6IkePayload>> reply;
    bool remove = false;
    if (Mip6IkeHasNotify(*inner, Mip6IkeNotifyPayload::UPDATE_SA_ADDRESSES))
    {
        // RFC 4555 §3.5: the responder takes the new addresses from the IP header of the
        // (authenticated) request, updates the IKE SA and its IPsec SAs, and answers with its
        // NAT detection notifies and the COOKIE2 echoed (§3.8).
        m_natDetections[Mip6IkeCheckNatDetection(*inner,
                                                 sa.spiI,
                                                 sa.spiR,
                                                 from,
                                                 Mip6EspProtocol::NAT_T_PORT,
                                                 m_ha,
                                                 Mip6EspProtocol::NAT_T_PORT)]++;
        const Ipv6Address old = sa.peer;
        sa.peer = from;
        m_sad->Migrate(sa.hoa, old, from); // tunnel SAs, PF_KEY MIGRATE semantics (traced)
        m_mobikeUpdates++;
        NS_LOG_INFO("ipsec-ikev2 HA: MOBIKE moves the IKE SA of " << sa.hoa << " from " << old
                                                                  << " to " << from);
        reply = Mip6IkeMakeNatDetection(sa.spiI,
                                        sa.spiR,
                                        m_ha,
                                        Mip6EspProtocol::NAT_T_PORT,
                                        from,
                                        Mip6EspProtocol::NAT_T_PORT);
        if (const Mip6Bytes* c2 = NotifyData(*inner, Mip6IkeNotifyPayload::COOKIE2))
        {
            reply.push_back(Mip6IkeMakeNotify(Mip6IkeNotifyPayload::COOKIE2, *c2));
        }
    }
    else if (Mip6IkeHasNotify(*inner, Mip6IkeNotifyPayload::NAT_DETECTION_SOURCE_IP))
    {
        // RFC 4555 §3.6: an address probe moves nothing; it gets our NAT-D and COOKIE2 back.
        m_natDetections[Mip6IkeCheckNatDetection(*inner,
                                                 sa.spiI,
                                                 sa.spiR,
                                                 from,
                                                 Mip6EspProtocol::NAT_T_PORT,
                                                 m_ha,
                                                 Mip6EspProtocol::NAT_T_PORT)]++;
        reply = Mip6IkeMakeNatDetection(sa.spiI,
                                        sa.spiR,
                                        m_ha,
                                        Mip6EspProtocol::NAT_T_PORT,
                                        from,
                                        Mip6EspProtocol::NAT_T_PORT);
        if (const Mip6Bytes* c2 = NotifyData(*inner, Mip6IkeNotifyPayload::COOKIE2))
        {
            reply.push_back(Mip6IkeMakeNotify(Mip6IkeNotifyPayload::COOKIE2, *c2));
        }
    }
    else if (Mip6IkeHasNotify(*inner, Mip6IkeNotifyPayload::ADDITIONAL_IP6_ADDRESS) ||
             Mip6IkeHasNotify(*inner, Mip6IkeNotifyPayload::NO_ADDITIONAL_ADDRESSES))
    {
        // RFC 4555 §3.6: the peer's address list replaces the last one; the answer is empty.
        // mcoa=mobike (mip6-ikev2-mcoa.cc).
        if (!RecordAdditionalAddresses(sa, *inner))
        {
            reply.push_back(Mip6IkeMakeNotify(Mip6IkeNotifyPayload::INVALID_SYNTAX));
        }
    }
    else
    {
        // Any other INFORMATIONAL: an empty answer; a Delete of the IKE SA removes it (§1.4.1).
        for (const auto& p : *inner)
        {
            auto d = DynamicCast<Mip6IkeDeletePayload>(p);
            remove |= d && d->protocolId == 1;
        }
    }
    auto wire = sa.skR->Seal(outer, reply);
    NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
    if (remove)
    {
        const uint64_t spi = sa.spiI;
        m_sas.erase(spi);
        return wire.Value();
    }
    sa.lastRequestId = hdr.messageId;
    sa.lastResponse = wire.Value();
    return wire.Value();
}

uint32_t
Mip6Ikev2HaSide::GetMobikeUpdates() const
{
    return m_mobikeUpdates;
}

} // namespace ns3
