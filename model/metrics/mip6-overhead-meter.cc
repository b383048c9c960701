/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-overhead-meter.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/llc-snap-header.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/node-list.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/wifi-mac-header.h"
#include "ns3/wifi-mac-trailer.h"
#include "ns3/wifi-net-device.h"
#include "ns3/wifi-phy.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6OverheadMeter");

NS_OBJECT_ENSURE_REGISTERED(Mip6OverheadMeter);

const std::string Mip6OverheadMeter::POINT_MN_AIR = "mn-air";
const std::string Mip6OverheadMeter::POINT_HA_CORE = "ha-core";
const std::string Mip6OverheadMeter::POINT_LOCAL = "local";
const std::string Mip6OverheadMeter::DIRECTION_TX = "tx";
const std::string Mip6OverheadMeter::DIRECTION_RX = "rx";

namespace
{
/// IPv6 EtherType in the LLC/SNAP header (RFC 2464 §3, carried as in RFC 1042).
constexpr uint16_t ETHERTYPE_IPV6 = 0x86dd;
/// Longest header chain we read; anything deeper is left unclassified.
constexpr uint32_t MAX_INSPECTED_BYTES = 512;
/// IEEE 802.11 frame type "data" (802.11-2020 §9.2.4.1.3).
constexpr uint8_t WIFI_TYPE_DATA = 2;
/// Data subtypes that carry an MSDU: Data (0) and QoS Data (8).
constexpr uint8_t WIFI_SUBTYPE_DATA = 0;
/// QoS Data subtype.
constexpr uint8_t WIFI_SUBTYPE_QOS_DATA = 8;
/// A-MSDU subframe header: DA, SA, Length (802.11-2020 §9.3.2.2.2).
constexpr uint32_t AMSDU_SUBFRAME_HEADER = 14;

/**
 * \param b bytes
 * \param off offset of 16 bytes
 * \return the IPv6 address there
 */
Ipv6Address
ReadAddress(const std::vector<uint8_t>& b, size_t off)
{
    uint8_t a[16];
    std::copy(b.begin() + off, b.begin() + off + 16, a);
    return Ipv6Address(a);
}
} // namespace

bool
Mip6OverheadMeter::Key::operator<(const Key& o) const
{
    // NA sorts after every MN id.
    auto mnKey = [](const std::optional<uint32_t>& m) {
        return std::make_pair(m.has_value() ? 0 : 1, m.value_or(0));
    };
    return std::make_tuple(mnKey(mn), point, category, phase, direction) <
           std::make_tuple(mnKey(o.mn), o.point, o.category, o.phase, o.direction);
}

TypeId
Mip6OverheadMeter::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6OverheadMeter")
            .SetParent<Object>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6OverheadMeter>()
            .AddAttribute("RecordMessages",
                          "Keep one record per signalling packet for messages.csv "
                          "(DESIGN.md §4.6); off saves memory in large runs.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Mip6OverheadMeter::m_recordMessages),
                          MakeBooleanChecker())
            .AddAttribute("AbortOnAmsdu",
                          "Abort when an A-MSDU is transmitted: ns-3.37 drops the packet tags "
                          "of aggregated MSDUs, so their classification would be wrong. When "
                          "false, each MSDU is classified by protocol alone and counted in "
                          "GetAmsduFrames().",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Mip6OverheadMeter::m_abortOnAmsdu),
                          MakeBooleanChecker())
            .AddTraceSource("Observation",
                            "A counted share of a packet: point, direction, MN, phase, "
                            "category, message, bytes.",
                            MakeTraceSourceAccessor(&Mip6OverheadMeter::m_observationTrace),
                            "ns3::Mip6OverheadMeter::ObservationTracedCallback")
            .AddTraceSource("Unclassified",
                            "A packet seen at a point and counted in no category.",
                            MakeTraceSourceAccessor(&Mip6OverheadMeter::m_unclassifiedTrace),
                            "ns3::Mip6OverheadMeter::UnclassifiedTracedCallback");
    return tid;
}

Mip6OverheadMeter::Mip6OverheadMeter()
    : m_recordMessages(true),
      m_abortOnAmsdu(true)
{
    NS_LOG_FUNCTION(this);
}

Mip6OverheadMeter::~Mip6OverheadMeter()
{
    NS_LOG_FUNCTION(this);
}

void
Mip6OverheadMeter::DoDispose()
{
    NS_LOG_FUNCTION(this);
    // The sinks hold a raw pointer to this meter: detach them before it goes away.
    for (auto& a : m_wifi)
    {
        if (a.phy)
        {
            a.phy->TraceDisconnectWithoutContext("PhyTxBegin", a.sink);
            a.phy = nullptr;
        }
    }
    for (auto& a : m_ip)
    {
        if (a.ipv6)
        {
            a.ipv6->TraceDisconnectWithoutContext("Tx", a.txSink);
            a.ipv6->TraceDisconnectWithoutContext("Rx", a.rxSink);
            a.ipv6 = nullptr;
        }
    }
    m_phase = nullptr;
    m_resolver = nullptr;
    Object::DoDispose();
}

void
Mip6OverheadMeter::SetPhaseProvider(PhaseProvider provider)
{
    m_phase = std::move(provider);
}

void
Mip6OverheadMeter::SetMnResolver(MnResolver resolver)
{
    m_resolver = std::move(resolver);
}

std::string
Mip6OverheadMeter::NodeLabel(Ptr<Node> node)
{
    std::string name = Names::FindName(node);
    return name.empty() ? "node" + std::to_string(node->GetId()) : name;
}

void
Mip6OverheadMeter::AttachWifiMn(uint32_t mn, Ptr<WifiNetDevice> device)
{
    NS_LOG_FUNCTION(this << mn << device);
    NS_ABORT_MSG_IF(!device || !device->GetPhy(), "AttachWifiMn: device without a PHY");
    m_mnMacs[Mac48Address::ConvertFrom(device->GetAddress())] = mn;
    WifiAttachment a;
    a.ap = false;
    a.mn = mn;
    a.node = NodeLabel(device->GetNode());
    m_mnLabels[mn] = a.node;
    a.phy = device->GetPhy();
    a.sink = MakeCallback(&Mip6OverheadMeter::OnPhyTxBegin, this, m_wifi.size());
    bool ok = a.phy->TraceConnectWithoutContext("PhyTxBegin", a.sink);
    NS_ABORT_MSG_IF(!ok, "AttachWifiMn: WifiPhy has no PhyTxBegin trace");
    m_wifi.push_back(a);
}

void
Mip6OverheadMeter::AttachWifiAp(Ptr<WifiNetDevice> device)
{
    NS_LOG_FUNCTION(this << device);
    NS_ABORT_MSG_IF(!device || !device->GetPhy(), "AttachWifiAp: device without a PHY");
    WifiAttachment a;
    a.ap = true;
    a.node = NodeLabel(device->GetNode());
    a.phy = device->GetPhy();
    a.sink = MakeCallback(&Mip6OverheadMeter::OnPhyTxBegin, this, m_wifi.size());
    bool ok = a.phy->TraceConnectWithoutContext("PhyTxBegin", a.sink);
    NS_ABORT_MSG_IF(!ok, "AttachWifiAp: WifiPhy has no PhyTxBegin trace");
    m_wifi.push_back(a);
}

void
Mip6OverheadMeter::AttachIpInterface(uint32_t mn, Ptr<Node> node, uint32_t ifIndex)
{
    NS_LOG_FUNCTION(this << mn << node << ifIndex);
    Ptr<Ipv6L3Protocol> ipv6 = node ? node->GetObject<Ipv6L3Protocol>() : nullptr;
    NS_ABORT_MSG_IF(!ipv6, "AttachIpInterface: node without IPv6");
    for (auto& a : m_ip)
    {
        if (a.ipv6 == ipv6 && a.point == POINT_MN_AIR && a.mn == mn)
        {
            a.ifaces[ifIndex] = std::nullopt;
            return;
        }
    }
    IpAttachment a;
    a.point = POINT_MN_AIR;
    a.mn = mn;
    a.node = NodeLabel(node);
    a.ifaces[ifIndex] = std::nullopt;
    a.ipv6 = ipv6;
    a.txSink = MakeCallback(&Mip6OverheadMeter::OnIpTx, this, m_ip.size());
    a.rxSink = MakeCallback(&Mip6OverheadMeter::OnIpRx, this, m_ip.size());
    ipv6->TraceConnectWithoutContext("Tx", a.txSink);
    ipv6->TraceConnectWithoutContext("Rx", a.rxSink);
    m_ip.push_back(a);
}

void
Mip6OverheadMeter::AttachHaCore(Ptr<Node> ha, uint32_t ifIndex, std::optional<Mip6Category> only)
{
    NS_LOG_FUNCTION(this << ha << ifIndex);
    Ptr<Ipv6L3Protocol> ipv6 = ha ? ha->GetObject<Ipv6L3Protocol>() : nullptr;
    NS_ABORT_MSG_IF(!ipv6, "AttachHaCore: node without IPv6");
    for (auto& a : m_ip)
    {
        if (a.ipv6 == ipv6 && a.point == POINT_HA_CORE)
        {
            a.ifaces[ifIndex] = only;
            return;
        }
    }
    IpAttachment a;
    a.point = POINT_HA_CORE;
    a.node = NodeLabel(ha);
    a.ifaces[ifIndex] = only;
    a.ipv6 = ipv6;
    a.txSink = MakeCallback(&Mip6OverheadMeter::OnIpTx, this, m_ip.size());
    a.rxSink = MakeCallback(&Mip6OverheadMeter::OnIpRx, this, m_ip.size());
    ipv6->TraceConnectWithoutContext("Tx", a.txSink);
    ipv6->TraceConnectWithoutContext("Rx", a.rxSink);
    m_ip.push_back(a);
}

void
Mip6OverheadMeter::RegisterTlsFlow(uint32_t mn,
                                   const Ipv6Address& a,
                                   uint16_t aPort,
                                   const Ipv6Address& b,
                                   uint16_t bPort)
{
    NS_LOG_FUNCTION(this << mn << a << aPort << b << bPort);
    // Stored with the lower end first so either direction finds it.
    auto lo = std::make_pair(a, aPort);
    auto hi = std::make_pair(b, bPort);
    if (hi < lo)
    {
        std::swap(lo, hi);
    }
    m_tlsFlows[std::make_tuple(lo.first, lo.second, hi.first, hi.second)] = mn;
}

void
Mip6OverheadMeter::OnPhyTxBegin(size_t index, Ptr<const Packet> mpdu, double txPowerW)
{
    const WifiAttachment& a = m_wifi.at(index);
    uint32_t size = mpdu->GetSize();
    if (size < 2)
    {
        return; // not even a Frame Control field: nothing to attribute
    }
    // 802.11-2020 §9.2.4.1: decode Frame Control ourselves so that we know the header length
    // before handing the bytes to WifiMacHeader (which trusts them).
    uint8_t fc[2];
    mpdu->CopyData(fc, 2);
    uint8_t type = (fc[0] >> 2) & 0x3;
    uint8_t subtype = (fc[0] >> 4) & 0xf;
    if (type != WIFI_TYPE_DATA ||
        (subtype != WIFI_SUBTYPE_DATA && subtype != WIFI_SUBTYPE_QOS_DATA))
    {
        return; // management, control and null-data frames are not attributed (DESIGN.md §4.3)
    }
    bool qos = subtype == WIFI_SUBTYPE_QOS_DATA;
    bool toDs = fc[1] & 0x01;
    bool fromDs = fc[1] & 0x02;
    bool order = fc[1] & 0x80;
    // §9.3.2.1: 24 bytes, + Address 4 (WDS), + QoS Control, + HT Control (+HTC in QoS frames).
    uint32_t hdrSize = 24 + ((toDs && fromDs) ? 6 : 0) + (qos ? 2 : 0) + ((qos && order) ? 4 : 0);
    if (size < hdrSize + WIFI_MAC_FCS_LENGTH)
    {
        CountUnclassified(POINT_MN_AIR, mpdu);
        return;
    }
    Ptr<Packet> body = mpdu->Copy();
    WifiMacHeader hdr;
    if (body->RemoveHeader(hdr) != hdrSize)
    {
        CountUnclassified(POINT_MN_AIR, mpdu);
        return;
    }
    WifiMacTrailer fcs;
    body->RemoveTrailer(fcs);

    uint32_t mn = a.mn;
    if (a.ap)
    {
        Mac48Address to = hdr.GetAddr1();
        auto it = m_mnMacs.find(to);
        if (to.IsGroup() || it == m_mnMacs.end())
        {
            return; // not addressed to an MN we meter
        }
        mn = it->second;
    }

    if (qos && hdr.IsQosAmsdu())
    {
        ++m_amsduFrames;
        NS_ABORT_MSG_IF(m_abortOnAmsdu,
                        "Mip6OverheadMeter: an A-MSDU was transmitted by "
                            << a.node
                            << "; ns-3.37 drops the packet tags of aggregated MSDUs, so the "
                               "overhead categories would be wrong. Disable A-MSDU aggregation "
                               "(ns3::WifiMac BE_MaxAmsduSize=0, the default) or set "
                               "ns3::Mip6OverheadMeter::AbortOnAmsdu=false.");
        // 802.11-2020 §9.3.2.2.2: subframes of DA, SA, Length (big endian), MSDU, padding to 4.
        uint32_t n = body->GetSize();
        std::vector<uint8_t> bytes(n);
        body->CopyData(bytes.data(), n);
        uint32_t off = 0;
        bool first = true;
        while (off < n)
        {
            if (n - off < AMSDU_SUBFRAME_HEADER)
            {
                CountUnclassified(POINT_MN_AIR, body->CreateFragment(off, n - off));
                break;
            }
            uint32_t len = (uint32_t(bytes[off + 12]) << 8) | bytes[off + 13];
            if (n - off - AMSDU_SUBFRAME_HEADER < len)
            {
                CountUnclassified(POINT_MN_AIR, body->CreateFragment(off, n - off));
                break;
            }
            uint32_t sub = AMSDU_SUBFRAME_HEADER + len;
            uint32_t pad = (4 - sub % 4) % 4;
            if (off + sub + pad > n)
            {
                pad = 0; // the last subframe is not padded
            }
            uint64_t l2 = sub + pad + (first ? hdrSize + WIFI_MAC_FCS_LENGTH : 0);
            HandleMsdu(a, mn, body->CreateFragment(off + AMSDU_SUBFRAME_HEADER, len), l2);
            off += sub + pad;
            first = false;
        }
        return;
    }
    HandleMsdu(a, mn, body, size);
}

void
Mip6OverheadMeter::HandleMsdu(const WifiAttachment& a, uint32_t mn, Ptr<Packet> msdu, uint64_t l2)
{
    LlcSnapHeader llc;
    if (msdu->GetSize() < llc.GetSerializedSize())
    {
        CountUnclassified(POINT_MN_AIR, msdu);
        return;
    }
    msdu->RemoveHeader(llc);
    if (llc.GetType() != ETHERTYPE_IPV6)
    {
        CountUnclassified(POINT_MN_AIR, msdu);
        return;
    }
    // The packet object still carries the sender's packet tags here (see the mip6-metrics test).
    // messages.csv has no mn column: name the MN, not the AP, so downlink rows stay attributable.
    const std::string& node = a.ap ? m_mnLabels[mn] : a.node;
    RecordIpPacket(POINT_MN_AIR, a.ap ? DIRECTION_RX : DIRECTION_TX, node, mn, msdu, l2);
}

void
Mip6OverheadMeter::OnIpTx(size_t index, Ptr<const Packet> packet, Ptr<Ipv6> ipv6, uint32_t ifIndex)
{
    const IpAttachment& a = m_ip.at(index);
    auto it = a.ifaces.find(ifIndex);
    if (it != a.ifaces.end())
    {
        RecordIpPacket(a.point, DIRECTION_TX, a.node, a.mn, packet, std::nullopt, it->second);
    }
}

void
Mip6OverheadMeter::OnIpRx(size_t index, Ptr<const Packet> packet, Ptr<Ipv6> ipv6, uint32_t ifIndex)
{
    const IpAttachment& a = m_ip.at(index);
    auto it = a.ifaces.find(ifIndex);
    if (it != a.ifaces.end())
    {
        RecordIpPacket(a.point, DIRECTION_RX, a.node, a.mn, packet, std::nullopt, it->second);
    }
}

Mip6OverheadMeter::Class
Mip6OverheadMeter::Classify(Ptr<const Packet> packet) const
{
    Class c;
    uint32_t size = packet->GetSize();
    std::vector<uint8_t> b(std::min(size, MAX_INSPECTED_BYTES));
    packet->CopyData(b.data(), b.size());

    // RFC 8200 §3: version 6, Next Header at 6, addresses at 8 and 24.
    bool ipv6 = b.size() >= 40 && (b[0] >> 4) == 6;
    if (ipv6)
    {
        c.haveAddresses = true;
        c.src = ReadAddress(b, 8);
        c.dst = ReadAddress(b, 24);
        // RFC 8200 §4.5: a fragment of the outer packet carries the fragment header too.
        if (b[6] == 44 && b.size() >= 48)
        {
            c.outerBytes = 48;
            c.laterFragment = ((uint32_t(b[42]) << 8 | b[43]) >> 3) != 0;
        }
    }

    Mip6CategoryTag tag;
    if (packet->PeekPacketTag(tag))
    {
        c.classified = true;
        c.category = tag.GetCategory();
        c.message = tag.GetMessage();
        c.mn = tag.GetMnId();
        c.protectionBytes = tag.GetProtectionBytes();
        return c;
    }
    if (!ipv6)
    {
        return c;
    }

    // Walk the extension headers (RFC 8200 §4) to the upper-layer header, never past the bytes.
    uint8_t nh = b[6];
    size_t off = 40;
    for (int hops = 0; hops < 16; ++hops)
    {
        if (nh == 0 || nh == 43 || nh == 60 || nh == 51 || nh == 44)
        {
            if (off + 8 > b.size())
            {
                return c;
            }
            uint8_t next = b[off];
            size_t len = 8;
            if (nh == 51)
            {
                len = (size_t(b[off + 1]) + 2) * 4; // RFC 4302 §2.2
            }
            else if (nh == 44)
            {
                if (((uint32_t(b[off + 2]) << 8 | b[off + 3]) >> 3) != 0)
                {
                    return c; // a later fragment: its upper layer is not in it
                }
            }
            else
            {
                len = (size_t(b[off + 1]) + 1) * 8;
            }
            off += len;
            nh = next;
            continue;
        }
        if (nh == 58)
        {
            // RFC 4861 §4: RS 133, RA 134, NS 135, NA 136, Redirect 137.
            if (off + 1 > b.size())
            {
                return c;
            }
            // Full RFC 4861 names: the abbreviation "NA" would read as "not applicable".
            static const char* names[] = {"RouterSolicitation",
                                          "RouterAdvertisement",
                                          "NeighborSolicitation",
                                          "NeighborAdvertisement",
                                          "Redirect"};
            uint8_t type = b[off];
            if (type < 133 || type > 137)
            {
                return c;
            }
            c.classified = true;
            c.category = Mip6Category::ND;
            c.message = names[type - 133];
            if (type == 135 && c.src.IsAny())
            {
                // RFC 4862 §5.4.2: the NS of DAD has the unspecified source.
                c.message = "NeighborSolicitation-DAD";
            }
            return c;
        }
        if (nh == 6)
        {
            // RFC 9293 §3.1: ports at 0 and 2, data offset at 12, flags at 13.
            if (off + 20 > b.size())
            {
                return c;
            }
            uint16_t sport = uint16_t(b[off]) << 8 | b[off + 1];
            uint16_t dport = uint16_t(b[off + 2]) << 8 | b[off + 3];
            auto lo = std::make_pair(c.src, sport);
            auto hi = std::make_pair(c.dst, dport);
            if (hi < lo)
            {
                std::swap(lo, hi);
            }
            auto it = m_tlsFlows.find(std::make_tuple(lo.first, lo.second, hi.first, hi.second));
            if (it == m_tlsFlows.end())
            {
                return c;
            }
            size_t dataOffset = size_t(b[off + 12] >> 4) * 4;
            uint8_t flags = b[off + 13];
            bool hasPayload = dataOffset >= 20 && off + dataOffset < size;
            c.classified = true;
            c.category = Mip6Category::TLS;
            c.mn = it->second;
            if (hasPayload)
            {
                c.message = "TCP-data";
            }
            else if ((flags & 0x02) && (flags & 0x10))
            {
                c.message = "TCP-SYN-ACK";
            }
            else if (flags & 0x02)
            {
                c.message = "TCP-SYN";
            }
            else if (flags & 0x04)
            {
                c.message = "TCP-RST";
            }
            else if (flags & 0x01)
            {
                c.message = "TCP-FIN";
            }
            else
            {
                c.message = "TCP-ACK";
            }
            return c;
        }
        return c; // any other upper layer untagged: not ours to guess
    }
    return c;
}

std::string
Mip6OverheadMeter::PhaseOf(std::optional<uint32_t> mn) const
{
    if (!mn || !m_phase)
    {
        return Mip6Format::NA;
    }
    std::string phase = m_phase(*mn, Simulator::Now());
    NS_ABORT_MSG_IF(phase != "bootstrap" && phase != "handover" && phase != "steady" &&
                        phase != Mip6Format::NA,
                    "Mip6OverheadMeter: phase provider returned '"
                        << phase << "' (allowed: bootstrap, handover, steady, NA)");
    return phase;
}

void
Mip6OverheadMeter::RecordIpPacket(const std::string& point,
                                  const std::string& direction,
                                  const std::string& node,
                                  std::optional<uint32_t> mn,
                                  Ptr<const Packet> packet,
                                  std::optional<uint64_t> l2Bytes,
                                  std::optional<Mip6Category> only)
{
    NS_LOG_FUNCTION(this << point << direction << node << packet);
    Class c = Classify(packet);
    if (only && (!c.classified || c.category != *only))
    {
        return;
    }
    if (!c.classified)
    {
        CountUnclassified(point, packet);
        return;
    }
    std::optional<uint32_t> who = mn ? mn : c.mn;
    if (!who && m_resolver && c.haveAddresses)
    {
        uint32_t id = 0;
        if (m_resolver(c.src, c.dst, id))
        {
            who = id;
        }
    }

    Observation obs;
    obs.t = Simulator::Now();
    obs.node = node;
    obs.point = point;
    obs.direction = direction;
    obs.mn = who;
    obs.phase = PhaseOf(who);
    obs.category = c.category;
    obs.message = c.message;

    uint64_t ip = packet->GetSize();
    NS_ABORT_MSG_IF(l2Bytes && *l2Bytes < ip,
                    "Mip6OverheadMeter: L2 size " << *l2Bytes << " below IP size " << ip);
    if (c.category != Mip6Category::TUNNEL)
    {
        obs.ipBytes = ip;
        obs.l2Bytes = l2Bytes;
        Count(obs);
        return;
    }

    // DESIGN.md §4.3 split of tunnelled payload.
    uint64_t outer = c.outerBytes;
    uint64_t protection = c.laterFragment ? 0 : c.protectionBytes;
    NS_ABORT_MSG_IF(ip < outer,
                    "Mip6OverheadMeter: tunnelled packet of " << ip
                                                              << " bytes has no outer header");
    if (ip < outer + protection)
    {
        // Only a first fragment may hold less than the whole protection (its trailer is later).
        NS_ABORT_MSG_IF(c.outerBytes == 40,
                        "Mip6OverheadMeter: tag claims "
                            << protection << " protection bytes in a packet of " << ip << " bytes");
        protection = ip - outer;
    }
    uint64_t data = ip - outer - protection;

    obs.category = Mip6Category::TUNNEL;
    obs.ipBytes = outer;
    obs.l2Bytes = l2Bytes ? std::optional<uint64_t>(outer + (*l2Bytes - ip)) : std::nullopt;
    Count(obs);
    obs.message.clear();
    if (protection > 0)
    {
        obs.category = Mip6Category::DATA_PROTECTION;
        obs.ipBytes = protection;
        obs.l2Bytes = l2Bytes ? std::optional<uint64_t>(protection) : std::nullopt;
        Count(obs);
    }
    if (data > 0)
    {
        obs.category = Mip6Category::DATA;
        obs.ipBytes = data;
        obs.l2Bytes = l2Bytes ? std::optional<uint64_t>(data) : std::nullopt;
        Count(obs);
    }
}

void
Mip6OverheadMeter::Count(const Observation& obs)
{
    Key key{obs.mn, obs.point, Mip6CategoryName(obs.category), obs.phase, obs.direction};
    Counts& c = m_counts[key];
    ++c.packets;
    c.ipBytes += obs.ipBytes;
    if (obs.l2Bytes)
    {
        c.l2Bytes += *obs.l2Bytes;
    }
    else
    {
        ++c.l2Missing;
    }
    m_observationTrace(obs);
    if (m_recordMessages && Mip6CategoryIsSignalling(obs.category))
    {
        m_messages.push_back(obs);
    }
}

void
Mip6OverheadMeter::CountUnclassified(const std::string& point, Ptr<const Packet> packet)
{
    NS_LOG_LOGIC("unclassified at " << point << ": " << packet->GetSize() << " bytes");
    Unclassified& u = m_unclassified[point];
    ++u.packets;
    u.ipBytes += packet->GetSize();
    m_unclassifiedTrace(packet, point);
}

void
Mip6OverheadMeter::RecordLocal(uint32_t mn,
                               Mip6Category category,
                               const std::string& message,
                               uint32_t bytes)
{
    std::string node = "node" + std::to_string(mn);
    if (mn < NodeList::GetNNodes())
    {
        node = NodeLabel(NodeList::GetNode(mn));
    }
    RecordLocal(mn, node, category, message, bytes);
}

void
Mip6OverheadMeter::RecordLocal(uint32_t mn,
                               const std::string& node,
                               Mip6Category category,
                               const std::string& message,
                               uint32_t bytes)
{
    NS_LOG_FUNCTION(this << mn << node << message << bytes);
    NS_ABORT_MSG_IF(node.empty(), "RecordLocal: empty node label");
    Observation obs;
    obs.t = Simulator::Now();
    obs.node = node;
    obs.point = POINT_LOCAL;
    obs.direction = Mip6Format::NA;
    obs.mn = mn;
    obs.phase = PhaseOf(mn);
    obs.category = category;
    obs.message = message;
    obs.ipBytes = bytes;
    Count(obs);
}

const std::map<Mip6OverheadMeter::Key, Mip6OverheadMeter::Counts>&
Mip6OverheadMeter::GetCounts() const
{
    return m_counts;
}

Mip6OverheadMeter::Counts
Mip6OverheadMeter::GetCount(std::optional<uint32_t> mn,
                            const std::string& point,
                            Mip6Category category,
                            const std::string& phase,
                            const std::string& direction) const
{
    auto it = m_counts.find(Key{mn, point, Mip6CategoryName(category), phase, direction});
    return it == m_counts.end() ? Counts{} : it->second;
}

Mip6OverheadMeter::Unclassified
Mip6OverheadMeter::GetUnclassified(const std::string& point) const
{
    auto it = m_unclassified.find(point);
    return it == m_unclassified.end() ? Unclassified{} : it->second;
}

uint64_t
Mip6OverheadMeter::GetAmsduFrames() const
{
    return m_amsduFrames;
}

const std::vector<Mip6OverheadMeter::Observation>&
Mip6OverheadMeter::GetMessages() const
{
    return m_messages;
}

void
Mip6OverheadMeter::AppendOverheadRows(Mip6CsvTable& table, const Mip6RunInfo& info) const
{
    NS_ABORT_MSG_IF(table.GetColumns() != Mip6Schema::OverheadColumns(),
                    "AppendOverheadRows: table is not overhead.csv");
    for (const auto& [key, c] : m_counts)
    {
        Mip6CsvRow row(info);
        row.AddUint(key.mn ? std::optional<uint64_t>(*key.mn) : std::nullopt);
        row.Add(key.point).Add(key.category).Add(key.phase).Add(key.direction);
        row.AddUint(c.packets).AddUint(c.ipBytes);
        row.AddUint(c.l2Missing == 0 ? std::optional<uint64_t>(c.l2Bytes) : std::nullopt);
        table.AddRow(row);
    }
}

void
Mip6OverheadMeter::AppendMessageRows(Mip6CsvTable& table, const Mip6RunInfo& info) const
{
    NS_ABORT_MSG_IF(table.GetColumns() != Mip6Schema::MessagesColumns(),
                    "AppendMessageRows: table is not messages.csv");
    for (const auto& m : m_messages)
    {
        Mip6CsvRow row(info);
        row.AddSeconds(m.t).Add(m.node).Add(m.point).Add(m.direction);
        row.Add(Mip6CategoryName(m.category));
        if (m.message.empty())
        {
            row.AddNa();
        }
        else
        {
            row.Add(m.message);
        }
        row.AddUint(m.ipBytes).AddUint(m.l2Bytes);
        table.AddRow(row);
    }
}

void
Mip6OverheadMeter::Reset()
{
    m_counts.clear();
    m_unclassified.clear();
    m_messages.clear();
    m_amsduFrames = 0;
}

} // namespace ns3
