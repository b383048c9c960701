/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-esp-protocol.h"

#include "ns3/abort.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv6-interface.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/mip6-category-tag.h"
#include "ns3/mip6-extensions.h"
#include "ns3/mip6-l4-protocol.h"
#include "ns3/mip6-processing-delay.h"
#include "ns3/mip6-tunnel.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"

#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6EspProtocol");

NS_OBJECT_ENSURE_REGISTERED(Mip6EspRxTag);
NS_OBJECT_ENSURE_REGISTERED(Mip6EspProtocol);

const uint8_t Mip6EspProtocol::PROT_NUMBER;
const uint16_t Mip6EspProtocol::NAT_T_PORT;

TypeId
Mip6EspRxTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6EspRxTag")
                            .SetParent<Tag>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6EspRxTag>();
    return tid;
}

TypeId
Mip6EspRxTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
Mip6EspRxTag::GetSerializedSize() const
{
    return 8;
}

void
Mip6EspRxTag::Serialize(TagBuffer i) const
{
    i.WriteU32(spi);
    i.WriteU32(sequence);
}

void
Mip6EspRxTag::Deserialize(TagBuffer i)
{
    spi = i.ReadU32();
    sequence = i.ReadU32();
}

void
Mip6EspRxTag::Print(std::ostream& os) const
{
    os << "esp-spi=0x" << std::hex << spi << std::dec << " seq=" << sequence;
}

// ---------------------------------------------------------------------------------------------

TypeId
Mip6EspProtocol::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6EspProtocol")
            .SetParent<IpL4Protocol>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6EspProtocol>()
            .AddTraceSource("Rx",
                            "A verified, decrypted payload (before it is dispatched) and the SPI "
                            "of its SA.",
                            MakeTraceSourceAccessor(&Mip6EspProtocol::m_rxTrace),
                            "ns3::Mip6EspProtocol::SpiTracedCallback")
            .AddTraceSource("Tx",
                            "An ESP packet handed to IPv6 and the SPI of its SA.",
                            MakeTraceSourceAccessor(&Mip6EspProtocol::m_txTrace),
                            "ns3::Mip6EspProtocol::SpiTracedCallback")
            .AddTraceSource("Drop",
                            "A refused ESP packet and the reason (unknown-spi, bad-icv, replay, "
                            "bad-padding, truncated, policy, no-ike).",
                            MakeTraceSourceAccessor(&Mip6EspProtocol::m_dropTrace),
                            "ns3::Mip6EspProtocol::DropTracedCallback");
    return tid;
}

Mip6EspProtocol::Mip6EspProtocol()
{
    NS_LOG_FUNCTION(this);
}

Mip6EspProtocol::~Mip6EspProtocol()
{
    NS_LOG_FUNCTION(this);
}

void
Mip6EspProtocol::DoDispose()
{
    m_inbound.clear();
    m_keys.reset();
    m_ikeListener.Nullify();
    m_udpDemux.clear();
    m_node = nullptr;
    m_downTarget.Nullify();
    m_downTarget6.Nullify();
    IpL4Protocol::DoDispose();
}

Ptr<Mip6EspProtocol>
Mip6EspProtocol::Install(Ptr<Node> node)
{
    NS_ABORT_MSG_IF(!node, "Mip6EspProtocol::Install: null node");
    Ptr<Ipv6L3Protocol> ipv6 = node->GetObject<Ipv6L3Protocol>();
    NS_ABORT_MSG_IF(!ipv6, "Mip6EspProtocol::Install: node " << node->GetId() << " has no IPv6");
    Mip6L4Protocol::Install(node);
    Ptr<Mip6EspProtocol> esp = node->GetObject<Mip6EspProtocol>();
    if (!esp)
    {
        esp = CreateObject<Mip6EspProtocol>();
        esp->SetNode(node);
        node->AggregateObject(esp);
    }
    if (ipv6->GetProtocol(PROT_NUMBER) != esp)
    {
        ipv6->Insert(esp);
    }
    if (esp->GetDownTarget6().IsNull())
    {
        esp->SetDownTarget6(MakeCallback(&Ipv6L3Protocol::Send, ipv6));
    }
    return esp;
}

void
Mip6EspProtocol::SetNode(Ptr<Node> node)
{
    m_node = node;
}

void
Mip6EspProtocol::AddInboundSa(Ptr<Mip6EspSa> sa)
{
    NS_ABORT_MSG_IF(!sa, "AddInboundSa: null SA");
    m_inbound[sa->GetSpi()] = sa;
}

void
Mip6EspProtocol::RemoveInboundSa(uint32_t spi)
{
    m_inbound.erase(spi);
}

Ptr<Mip6EspSa>
Mip6EspProtocol::GetInboundSa(uint32_t spi) const
{
    auto it = m_inbound.find(spi);
    return it == m_inbound.end() ? nullptr : it->second;
}

size_t
Mip6EspProtocol::GetInboundSaCount() const
{
    return m_inbound.size();
}

void
Mip6EspProtocol::SetKeyExport(std::shared_ptr<Mip6KeyExport> keys)
{
    m_keys = std::move(keys);
}

bool
Mip6EspProtocol::IsDeliveringProtected(const Ipv6Header& outer) const
{
    return m_delivering && m_delivering->first == outer.GetSource() &&
           m_delivering->second == outer.GetDestination();
}

Ptr<Packet>
Mip6EspProtocol::Protect(Ptr<const Packet> payload, uint8_t nextHeader, Ptr<Mip6EspSa> sa)
{
    std::vector<uint8_t> bytes(payload->GetSize());
    if (!bytes.empty())
    {
        payload->CopyData(bytes.data(), bytes.size());
    }
    auto esp = sa->Seal(bytes.data(), bytes.size(), nextHeader);
    if (!esp)
    {
        NS_LOG_WARN("ESP SPI " << sa->GetSpi() << " cannot protect: " << esp.GetError());
        return nullptr;
    }
    // The ESP header as an ns-3 Header, the IV ‖ ciphertext ‖ ICV after it.
    const Mip6Bytes& out = esp.Value();
    Mip6EspHeader header;
    header.SetSpi(sa->GetSpi());
    header.SetSequence(sa->GetSequenceOut());
    Ptr<Packet> p = Create<Packet>(out.data() + header.GetSerializedSize(),
                                   out.size() - header.GetSerializedSize());
    p->AddHeader(header);
    // Classification follows the packet (DESIGN.md §4.3): everything ESP adds is protection.
    Mip6CategoryTag tag;
    if (payload->PeekPacketTag(tag))
    {
        tag.SetProtectionBytes(p->GetSize() - payload->GetSize());
        p->ReplacePacketTag(tag);
    }
    return p;
}

bool
Mip6EspProtocol::Send(Ptr<const Packet> payload,
                      uint8_t nextHeader,
                      Ptr<Mip6EspSa> sa,
                      Ipv6Address src,
                      Ipv6Address dst,
                      std::optional<Ipv6Address> hao,
                      std::optional<Ipv6Address> rh2,
                      Ptr<Ipv6Route> route)
{
    NS_LOG_FUNCTION(this << payload << unsigned(nextHeader) << src << dst);
    Ptr<Packet> p;
    {
        Mip6CpuScope cpu(m_node); // encryption and ICV charge this node's CPU
        p = Protect(payload, nextHeader, sa);
    }
    if (!p)
    {
        return false;
    }
    m_tx++;
    m_txTrace(p, sa->GetSpi());
    // Wireshark matches its ESP SA table on the addresses it shows; export the on-wire pair and,
    // where a HAO / Type 2 RH names the HoA, the pair with the HoA too.
    Export(sa, src, dst);
    if (hao)
    {
        Export(sa, *hao, dst);
    }
    if (rh2)
    {
        Export(sa, src, *rh2);
    }
    if (sa->GetConfig().udpEncapDestinationPort != 0)
    {
        EncapsulateUdp(p, sa, hao.value_or(src), rh2.value_or(dst));
        SendDown(p, UdpL4Protocol::PROT_NUMBER, src, dst, hao, rh2, route);
        return true;
    }
    SendDown(p, PROT_NUMBER, src, dst, hao, rh2, route);
    return true;
}

void
Mip6EspProtocol::SendDown(Ptr<Packet> p,
                          uint8_t protocol,
                          Ipv6Address src,
                          Ipv6Address dst,
                          std::optional<Ipv6Address> hao,
                          std::optional<Ipv6Address> rh2,
                          Ptr<Ipv6Route> route)
{
    // The packet leaves when the CPU has finished protecting it (Mip6ProcessingDelay: a direct
    // call when the node has no model or an idle CPU).
    if (Mip6ProcessingDelay::Get(m_node) && Mip6ProcessingDelay::Get(m_node)->IsBusy())
    {
        Mip6ProcessingDelay::WhenIdle(m_node,
                                      [=]() { SendDown(p, protocol, src, dst, hao, rh2, route); });
        return;
    }
    if (hao || rh2)
    {
        Ptr<Mip6L4Protocol> l4 = m_node->GetObject<Mip6L4Protocol>();
        NS_ABORT_MSG_IF(!l4, "Mip6EspProtocol::Send: no Mip6L4Protocol (use Install)");
        l4->Send(p, protocol, src, dst, hao, rh2, route);
        return;
    }
    NS_ABORT_MSG_IF(m_downTarget6.IsNull(), "Mip6EspProtocol::Send: no IPv6 down target");
    m_downTarget6(p, src, dst, protocol, route);
}

void
Mip6EspProtocol::EncapsulateUdp(Ptr<Packet> p, Ptr<Mip6EspSa> sa, Ipv6Address src, Ipv6Address dst)
{
    // RFC 3948 §2.1: UDP header, then the ESP header; the checksum is mandatory over IPv6
    // (RFC 8200 §8.1), so it is computed, not zero.
    const Mip6EspSaConfig& c = sa->GetConfig();
    UdpHeader udp;
    udp.SetSourcePort(c.udpEncapSourcePort);
    udp.SetDestinationPort(c.udpEncapDestinationPort);
    udp.EnableChecksums();
    udp.InitializeChecksum(src, dst, UdpL4Protocol::PROT_NUMBER);
    p->AddHeader(udp);
    Mip6CategoryTag tag;
    if (p->PeekPacketTag(tag))
    {
        tag.SetProtectionBytes(tag.GetProtectionBytes() + udp.GetSerializedSize());
        p->ReplacePacketTag(tag);
    }
    m_udpTx++;
}

/**
 * \ingroup mip6-ipsec
 * Next header 17 on one interface, in front of ns-3's UDP: the ESP-in-UDP port goes to
 * Mip6EspProtocol, everything else (and ICMP errors) to UdpL4Protocol unchanged.
 */
class Mip6UdpEncapDemux : public IpL4Protocol
{
  public:
    /**
     * \param esp the ESP protocol (owns this object)
     * \param udp the node's UDP
     * \param port the encapsulation port
     */
    Mip6UdpEncapDemux(Mip6EspProtocol* esp, Ptr<UdpL4Protocol> udp, uint16_t port)
        : m_esp(esp),
          m_udp(udp),
          m_port(port)
    {
    }

    int GetProtocolNumber() const override
    {
        return UdpL4Protocol::PROT_NUMBER;
    }

    RxStatus Receive(Ptr<Packet> p, const Ipv4Header& header, Ptr<Ipv4Interface> iface) override
    {
        return m_udp->Receive(p, header, iface);
    }

    RxStatus Receive(Ptr<Packet> p, const Ipv6Header& header, Ptr<Ipv6Interface> iface) override
    {
        UdpHeader udp;
        if (m_esp && p->GetSize() >= udp.GetSerializedSize())
        {
            p->PeekHeader(udp);
            if (udp.GetDestinationPort() == m_port)
            {
                m_esp->ReceiveUdpDatagram(p, header, iface);
                return RX_OK;
            }
        }
        return m_udp->Receive(p, header, iface);
    }

    void ReceiveIcmp(Ipv6Address icmpSource,
                     uint8_t icmpTtl,
                     uint8_t icmpType,
                     uint8_t icmpCode,
                     uint32_t icmpInfo,
                     Ipv6Address payloadSource,
                     Ipv6Address payloadDestination,
                     const uint8_t payload[8]) override
    {
        m_udp->ReceiveIcmp(icmpSource,
                           icmpTtl,
                           icmpType,
                           icmpCode,
                           icmpInfo,
                           payloadSource,
                           payloadDestination,
                           payload);
    }

    void SetDownTarget(DownTargetCallback cb) override
    {
    }

    void SetDownTarget6(DownTargetCallback6 cb) override
    {
    }

    DownTargetCallback GetDownTarget() const override
    {
        return m_udp->GetDownTarget();
    }

    DownTargetCallback6 GetDownTarget6() const override
    {
        return m_udp->GetDownTarget6();
    }

  protected:
    void DoDispose() override
    {
        m_esp = nullptr;
        m_udp = nullptr;
        IpL4Protocol::DoDispose();
    }

  private:
    Mip6EspProtocol* m_esp;   //!< where the encapsulation port goes
    Ptr<UdpL4Protocol> m_udp; //!< where the rest goes
    uint16_t m_port;          //!< the encapsulation port
};

void
Mip6EspProtocol::EnableUdpEncapsulation(uint16_t port)
{
    NS_LOG_FUNCTION(this << port);
    if (m_udpPort != 0)
    {
        NS_ABORT_MSG_IF(port != m_udpPort,
                        "Mip6EspProtocol: already encapsulating on " << m_udpPort);
        return;
    }
    Ptr<UdpL4Protocol> udp = m_node->GetObject<UdpL4Protocol>();
    NS_ABORT_MSG_IF(!udp, "Mip6EspProtocol::EnableUdpEncapsulation: node has no UDP");
    Ptr<Ipv6L3Protocol> ipv6 = m_node->GetObject<Ipv6L3Protocol>();
    m_udpPort = port;
    for (uint32_t i = 0; i < ipv6->GetNInterfaces(); ++i)
    {
        Ptr<Mip6UdpEncapDemux> demux = CreateObject<Mip6UdpEncapDemux>(this, udp, port);
        ipv6->Insert(demux, i);
        m_udpDemux.push_back(demux);
    }
}

void
Mip6EspProtocol::ReceiveUdpDatagram(Ptr<Packet> p,
                                    const Ipv6Header& header,
                                    Ptr<Ipv6Interface> iface)
{
    UdpHeader udp;
    if (Node::ChecksumEnabled())
    {
        // RFC 6275 §6.3 / §9.3.1 and RFC 8200 §8.1: the HoA of a HAO is the pseudo-header's
        // source, the HoA of a Type 2 RH its destination.
        Mip6HaoTag hao;
        Mip6Rh2Tag rh2;
        const Ipv6Address src =
            p->PeekPacketTag(hao) && !hao.IsMalformed() ? hao.GetHomeAddress() : header.GetSource();
        const Ipv6Address dst =
            p->PeekPacketTag(rh2) ? rh2.GetHomeAddress() : header.GetDestination();
        udp.EnableChecksums();
        udp.InitializeChecksum(src, dst, UdpL4Protocol::PROT_NUMBER);
    }
    p->RemoveHeader(udp);
    if (!udp.IsChecksumOk())
    {
        Drop(p, Mip6EspDropReason::UDP_CHECKSUM);
        return;
    }
    ReceiveUdp(p, header, udp.GetSourcePort(), iface);
}

void
Mip6EspProtocol::SetIkeListener(IkeListener listener)
{
    m_ikeListener = listener;
}

void
Mip6EspProtocol::SendKeepalive(Ipv6Address src,
                               Ipv6Address dst,
                               uint16_t srcPort,
                               uint16_t dstPort,
                               uint32_t mn)
{
    // RFC 3948 §2.3: a one-octet payload of 0xFF.
    const uint8_t ff = 0xff;
    Ptr<Packet> p = Create<Packet>(&ff, 1);
    UdpHeader udp;
    udp.SetSourcePort(srcPort);
    udp.SetDestinationPort(dstPort);
    udp.EnableChecksums();
    udp.InitializeChecksum(src, dst, UdpL4Protocol::PROT_NUMBER);
    p->AddHeader(udp);
    p->AddPacketTag(Mip6CategoryTag(Mip6Category::IKE, "NAT-keepalive", mn));
    m_keepaliveTx++;
    SendDown(p, UdpL4Protocol::PROT_NUMBER, src, dst, std::nullopt, std::nullopt, nullptr);
}

void
Mip6EspProtocol::ReceiveUdp(Ptr<Packet> p,
                            Ipv6Header header,
                            uint16_t sourcePort,
                            Ptr<Ipv6Interface> iface)
{
    NS_LOG_FUNCTION(this << p << header << sourcePort);
    // RFC 3948 §3.2 / §2.2 / §2.3: tell ESP, IKE and keepalives apart by the first bytes.
    const uint32_t size = p->GetSize();
    uint8_t head[4] = {0, 0, 0, 0};
    p->CopyData(head, std::min<uint32_t>(size, 4));
    if (size == 1 && head[0] == 0xff)
    {
        m_keepaliveRx++;
        return;
    }
    if (size >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 0 && head[3] == 0)
    {
        if (m_ikeListener.IsNull())
        {
            Drop(p, Mip6EspDropReason::NO_IKE);
            return;
        }
        Ptr<Packet> ike = p->CreateFragment(4, size - 4);
        m_ikeListener(ike, header.GetSource(), sourcePort, header.GetDestination());
        return;
    }
    if (size < 8)
    {
        Drop(p, Mip6EspDropReason::TRUNCATED);
        return;
    }
    header.SetNextHeader(PROT_NUMBER);
    header.SetPayloadLength(size);
    Receive(p, header, iface);
}

uint64_t
Mip6EspProtocol::GetKeepaliveRxCount() const
{
    return m_keepaliveRx;
}

uint64_t
Mip6EspProtocol::GetKeepaliveTxCount() const
{
    return m_keepaliveTx;
}

uint64_t
Mip6EspProtocol::GetUdpEncapTxCount() const
{
    return m_udpTx;
}

void
Mip6EspProtocol::Export(Ptr<Mip6EspSa> sa, Ipv6Address src, Ipv6Address dst)
{
    if (!m_keys)
    {
        return;
    }
    Mip6CryptoStatus st = m_keys->AddEspSa(sa->ToExport(src, dst));
    if (!st)
    {
        NS_LOG_WARN("key export failed: " << st.GetError());
    }
}

void
Mip6EspProtocol::Drop(Ptr<const Packet> p, Mip6EspDropReason reason)
{
    NS_LOG_INFO("refusing ESP packet: " << Mip6EspDropReasonToString(reason));
    m_drops[static_cast<size_t>(reason)]++;
    m_dropTrace(p, Mip6EspDropReasonToString(reason));
}

IpL4Protocol::RxStatus
Mip6EspProtocol::Receive(Ptr<Packet> p, const Ipv4Header& header, Ptr<Ipv4Interface> iface)
{
    return RX_ENDPOINT_UNREACH;
}

IpL4Protocol::RxStatus
Mip6EspProtocol::Receive(Ptr<Packet> p, const Ipv6Header& header, Ptr<Ipv6Interface> iface)
{
    NS_LOG_FUNCTION(this << p << header);
    // ICV check and decryption charge this node's CPU; the mobility core processes a protected MH
    // once the CPU is idle (tunnelled data are delivered at once: only their send waits).
    Mip6CpuScope cpu(m_node);
    // The HAO / Type 2 RH handlers of this node left the HoA in tags (RFC 6275 §9.3.1, §6.4).
    std::optional<Ipv6Address> hao;
    std::optional<Ipv6Address> rh2;
    Mip6HaoTag haoTag;
    if (p->PeekPacketTag(haoTag) && !haoTag.IsMalformed())
    {
        hao = haoTag.GetHomeAddress();
    }
    Mip6Rh2Tag rh2Tag;
    if (p->PeekPacketTag(rh2Tag))
    {
        rh2 = rh2Tag.GetHomeAddress();
    }
    const uint32_t size = p->GetSize();
    Mip6EspHeader esp;
    if (size < esp.GetSerializedSize())
    {
        Drop(p, Mip6EspDropReason::TRUNCATED);
        return RX_OK;
    }
    std::vector<uint8_t> bytes(size);
    p->CopyData(bytes.data(), size);
    p->PeekHeader(esp);
    // RFC 4303 §3.4.2: the SA from the SPI; when the SA names a destination, it must be this
    // packet's final destination (the HoA of a Type 2 RH in transport mode).
    Ptr<Mip6EspSa> sa = GetInboundSa(esp.GetSpi());
    if (sa)
    {
        const Mip6EspSaConfig& c = sa->GetConfig();
        const Ipv6Address finalDst = c.mode == Mip6EspMode::TRANSPORT
                                         ? rh2.value_or(header.GetDestination())
                                         : header.GetDestination();
        if (!c.destination.IsAny() && c.destination != finalDst)
        {
            sa = nullptr;
        }
    }
    if (!sa)
    {
        Drop(p, Mip6EspDropReason::UNKNOWN_SPI);
        return RX_OK;
    }
    Mip6EspOpenResult r = sa->Open(bytes.data(), bytes.size());
    if (!r.ok)
    {
        Drop(p, r.reason);
        return RX_OK;
    }
    // RFC 4301 §5.2 step 4: the decrypted packet must match the SA's selectors.
    const Mip6EspSaConfig& c = sa->GetConfig();
    const Ipv6Address from =
        c.mode == Mip6EspMode::TRANSPORT ? hao.value_or(header.GetSource()) : header.GetSource();
    const bool modeOk =
        (c.mode == Mip6EspMode::TUNNEL) == (r.nextHeader == Mip6Tunnel::PROT_NUMBER);
    if ((!c.source.IsAny() && c.source != from) || !modeOk)
    {
        Drop(p, Mip6EspDropReason::POLICY);
        return RX_OK;
    }
    Ptr<Packet> inner = Create<Packet>(r.payload.data(), r.payload.size());
    if (c.mode == Mip6EspMode::TRANSPORT)
    {
        // What protected it, for the receiver's inbound policy check (a tunnelled packet is
        // forwarded on and carries nothing of ours).
        Mip6EspRxTag rxTag;
        rxTag.spi = sa->GetSpi();
        rxTag.sequence = r.sequence;
        inner->AddPacketTag(rxTag);
    }
    m_rx++;
    m_rxTrace(inner, sa->GetSpi());

    Ptr<Ipv6L3Protocol> ipv6 = m_node->GetObject<Ipv6L3Protocol>();
    uint32_t ifIndex = 0;
    if (iface)
    {
        const int32_t idx = ipv6->GetInterfaceForDevice(iface->GetDevice());
        ifIndex = idx >= 0 ? static_cast<uint32_t>(idx) : 0;
    }
    if (r.nextHeader == Mip6L4Protocol::PROT_NUMBER)
    {
        // Transport mode, MH inside: the checksum's pseudo-header is the packet's own addressing.
        Mip6RxContext ctx;
        ctx.src = header.GetSource();
        ctx.dst = header.GetDestination();
        ctx.hao = hao;
        ctx.rh2 = rh2;
        ctx.ifIndex = ifIndex;
        Ptr<Mip6L4Protocol> l4 = m_node->GetObject<Mip6L4Protocol>();
        if (l4)
        {
            l4->ReceiveMobilityHeader(inner, ctx, true);
        }
        return RX_OK;
    }
    if (r.nextHeader == Mip6Tunnel::PROT_NUMBER)
    {
        // Tunnel mode: the inner IPv6 packet goes to the tunnel end of this node, which can tell
        // it was protected (IsDeliveringProtected) while it is delivered.
        Ptr<Mip6Tunnel> tunnel = m_node->GetObject<Mip6Tunnel>();
        if (!tunnel)
        {
            Drop(p, Mip6EspDropReason::POLICY);
            return RX_OK;
        }
        m_delivering = std::make_pair(header.GetSource(), header.GetDestination());
        tunnel->Deliver(inner, header);
        m_delivering.reset();
        return RX_OK;
    }
    // Any other upper layer in transport mode: the node's protocol for it.
    Ptr<IpL4Protocol> proto = ipv6->GetProtocol(r.nextHeader, static_cast<int32_t>(ifIndex));
    if (!proto)
    {
        Drop(p, Mip6EspDropReason::POLICY);
        return RX_OK;
    }
    Ipv6Header h = header;
    h.SetNextHeader(r.nextHeader);
    h.SetPayloadLength(inner->GetSize());
    proto->Receive(inner, h, iface);
    return RX_OK;
}

uint64_t
Mip6EspProtocol::GetDropCount(Mip6EspDropReason reason) const
{
    return m_drops[static_cast<size_t>(reason)];
}

uint64_t
Mip6EspProtocol::GetDropCount() const
{
    uint64_t n = 0;
    for (uint64_t d : m_drops)
    {
        n += d;
    }
    return n;
}

uint64_t
Mip6EspProtocol::GetRxCount() const
{
    return m_rx;
}

uint64_t
Mip6EspProtocol::GetTxCount() const
{
    return m_tx;
}

int
Mip6EspProtocol::GetProtocolNumber() const
{
    return PROT_NUMBER;
}

void
Mip6EspProtocol::SetDownTarget(DownTargetCallback cb)
{
    m_downTarget = cb;
}

void
Mip6EspProtocol::SetDownTarget6(DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
}

IpL4Protocol::DownTargetCallback
Mip6EspProtocol::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
Mip6EspProtocol::GetDownTarget6() const
{
    return m_downTarget6;
}

} // namespace ns3
