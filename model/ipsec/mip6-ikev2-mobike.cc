/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-ikev2-mobike.h"

#include "ns3/abort.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/mip6-category-tag.h"
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

} // namespace ns3
