/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ESP (RFC 4303) as an IPv6 upper-layer protocol (Next Header 50) on an ns-3 node.
 */

#ifndef MIP6_ESP_PROTOCOL_H
#define MIP6_ESP_PROTOCOL_H

#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-route.h"
#include "ns3/mip6-esp-sa.h"
#include "ns3/mip6-key-export.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/tag.h"
#include "ns3/traced-callback.h"

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6-ipsec
 * Left on a payload that arrived inside ESP and verified: the SA's SPI and the mode. A design's
 * ReceiveSignaling uses it to require protection (RFC 4301 §5.2: inbound policy check).
 */
class Mip6EspRxTag : public Tag
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;

    uint32_t spi{0};      //!< SPI of the SA that verified the packet
    uint32_t sequence{0}; //!< its sequence number
};

/**
 * \ingroup mip6-ipsec
 * IpL4Protocol for next header 50 (RFC 4303 §3.4). Receive: copies the bytes, finds the inbound
 * SA by SPI (and checks the destination when the SA names one), lets the SA check length,
 * anti-replay, ICV and padding, checks the SA's address selectors, then re-dispatches the inner
 * next header: 135 to the node's Mip6L4Protocol::ReceiveMobilityHeader with the context the packet
 * arrived with (source, destination, HAO, Type 2 RH), 41 to the node's Mip6Tunnel (tunnel mode),
 * anything else to the node's IPv6 protocol for it. Every refusal is counted per reason and fired
 * on the "Drop" trace (never a silent drop).
 *
 * Send: Send() protects a payload with an outbound SA and hands the ESP packet to IPv6, with the
 * HAO / Type 2 RH in front of ESP when given (RFC 6275 §6.3: DestOpt(HAO) precedes ESP). The
 * packet's Mip6CategoryTag is carried over with its protection bytes set to the ESP overhead.
 *
 * UDP encapsulation (RFC 3948): an SA with udpEncapDestinationPort set sends its packets in UDP
 * (the UDP header directly before the SPI, §2.1); EnableUdpEncapsulation() receives them on the
 * NAT-T port and demultiplexes ESP, NAT-keepalives (§2.3) and IKE behind the non-ESP marker
 * (§2.2).
 */
class Mip6EspProtocol : public IpL4Protocol
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();

    /// RFC 3948 §2.1 / RFC 7296 §2.23: the port of UDP-encapsulated ESP and of IKE beside it.
    static constexpr uint16_t NAT_T_PORT = 4500;
    /// The IPv6 Next Header value of ESP.
    static const uint8_t PROT_NUMBER = 50;

    Mip6EspProtocol();
    ~Mip6EspProtocol() override;

    /**
     * Aggregates a Mip6EspProtocol to the node and inserts it into its Ipv6L3Protocol (and the
     * Mobility Header protocol with its HAO / Type 2 RH handlers). Idempotent.
     * \param node the node (with an IPv6 stack)
     * \return the node's ESP protocol
     */
    static Ptr<Mip6EspProtocol> Install(Ptr<Node> node);

    /// \param node the node
    void SetNode(Ptr<Node> node);

    /**
     * Adds an inbound SA (replaces one with the same SPI).
     * \param sa the SA
     */
    void AddInboundSa(Ptr<Mip6EspSa> sa);
    /// \param spi the SPI of the inbound SA to remove
    void RemoveInboundSa(uint32_t spi);
    /// \param spi an SPI \return the inbound SA, or nullptr
    Ptr<Mip6EspSa> GetInboundSa(uint32_t spi) const;
    /// \return number of inbound SAs
    size_t GetInboundSaCount() const;

    /**
     * Protects payload with sa and sends it (RFC 4303 §3.3).
     * \param payload the packet to protect (an MH in transport mode, an IPv6 packet in tunnel
     *        mode); its Mip6CategoryTag, if any, moves to the ESP packet
     * \param nextHeader the payload's protocol (135, 41)
     * \param sa the outbound SA
     * \param src IPv6 source
     * \param dst IPv6 destination
     * \param hao home address for a Home Address option in front of ESP
     * \param rh2 home address for a Type 2 RH in front of ESP
     * \param route route (nullptr: routing decides)
     * \return false when the SA could not protect it (counted as a Tx failure)
     */
    bool Send(Ptr<const Packet> payload,
              uint8_t nextHeader,
              Ptr<Mip6EspSa> sa,
              Ipv6Address src,
              Ipv6Address dst,
              std::optional<Ipv6Address> hao,
              std::optional<Ipv6Address> rh2,
              Ptr<Ipv6Route> route);

    /**
     * Builds the ESP packet Send() would hand on (no extension headers).
     * \param payload the payload
     * \param nextHeader its protocol
     * \param sa the outbound SA
     * \return the ESP packet with the payload's tags, or nullptr
     */
    static Ptr<Packet> Protect(Ptr<const Packet> payload, uint8_t nextHeader, Ptr<Mip6EspSa> sa);

    /**
     * Listens for UDP-encapsulated ESP on port (RFC 3948 §3.2): a datagram whose first four
     * bytes are not zero is ESP and goes through Receive() as if it had arrived with next header
     * 50 (same SA lookup, checks and dispatch); a one-byte 0xFF datagram is a NAT-keepalive
     * (§2.3), counted and discarded; a datagram starting with the four-byte non-ESP marker (§2.2)
     * is IKE and goes, marker removed, to the IKE listener, or is refused as "no-ike". Shorter
     * datagrams are refused as "truncated". Idempotent; the node needs UDP (InternetStackHelper).
     *
     * The port is taken in front of ns-3's UDP on every interface the node has now (a
     * per-interface IpL4Protocol for next header 17; other ports go on to UdpL4Protocol).
     * Why: with checksums enabled, ns-3.37's UDP verifies against the outer addresses, while
     * RFC 6275 §6.3 / §9.3.1 put the HoA of a HAO (and RFC 8200 §8.1 the final destination of
     * a Type 2 RH) in the pseudo-header, as Linux and Wireshark do.
     * \param port the local port
     */
    void EnableUdpEncapsulation(uint16_t port = NAT_T_PORT);

    /**
     * Receiver of IKE messages that arrive on the encapsulation port: the message (non-ESP
     * marker removed), its source address and port, and its destination address.
     */
    typedef Callback<void, Ptr<Packet>, Ipv6Address, uint16_t, Ipv6Address> IkeListener;
    /// \param listener where IKE on the encapsulation port goes (null: refused as "no-ike")
    void SetIkeListener(IkeListener listener);

    /**
     * Sends an RFC 3948 §2.3 NAT-keepalive: one 0xFF byte in UDP, tagged Mip6CategoryTag "ike"
     * (it keeps the NAT mapping of the IKE and ESP flows).
     * \param src source address (the CoA)
     * \param dst destination address
     * \param srcPort source port
     * \param dstPort destination port
     * \param mn the MN it is about (for the tag)
     */
    void SendKeepalive(Ipv6Address src,
                       Ipv6Address dst,
                       uint16_t srcPort,
                       uint16_t dstPort,
                       uint32_t mn);

    /// \return NAT-keepalives received on the encapsulation port
    uint64_t GetKeepaliveRxCount() const;
    /// \return NAT-keepalives sent
    uint64_t GetKeepaliveTxCount() const;
    /// \return UDP-encapsulated ESP packets sent
    uint64_t GetUdpEncapTxCount() const;

    /**
     * Writes the SAs this node sends with to a Wireshark key file (one row per SA and address
     * pair seen, written when first used). nullptr: no export.
     * \param keys the writer (shared by the nodes of a run)
     */
    void SetKeyExport(std::shared_ptr<Mip6KeyExport> keys);

    /**
     * \param outer an outer header
     * \return true while a packet decrypted from an ESP tunnel SA with that outer source and
     *         destination is being delivered to the tunnel (a design's AcceptPlainTunnel uses
     *         it to tell protected from plain IPv6-in-IPv6)
     */
    bool IsDeliveringProtected(const Ipv6Header& outer) const;

    /// \param reason a reason \return packets refused for it
    uint64_t GetDropCount(Mip6EspDropReason reason) const;
    /// \return packets refused for any reason
    uint64_t GetDropCount() const;
    /// \return packets accepted and dispatched
    uint64_t GetRxCount() const;
    /// \return packets protected and sent
    uint64_t GetTxCount() const;

    // IpL4Protocol
    int GetProtocolNumber() const override;
    RxStatus Receive(Ptr<Packet> p, const Ipv4Header& header, Ptr<Ipv4Interface> iface) override;
    RxStatus Receive(Ptr<Packet> p, const Ipv6Header& header, Ptr<Ipv6Interface> iface) override;
    void SetDownTarget(DownTargetCallback cb) override;
    void SetDownTarget6(DownTargetCallback6 cb) override;
    DownTargetCallback GetDownTarget() const override;
    DownTargetCallback6 GetDownTarget6() const override;

    /**
     * TracedCallback signature for refused packets.
     * \param packet the ESP packet
     * \param reason Mip6EspDropReasonToString of the reason
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const std::string& reason);
    /**
     * TracedCallback signature for accepted or sent packets.
     * \param packet the payload (Rx) or the ESP packet (Tx)
     * \param spi the SA's SPI
     */
    typedef void (*SpiTracedCallback)(Ptr<const Packet> packet, uint32_t spi);

  protected:
    void DoDispose() override;

  private:
    /**
     * Counts and traces a refusal.
     * \param p the packet
     * \param reason why
     */
    void Drop(Ptr<const Packet> p, Mip6EspDropReason reason);
    /**
     * Exports sa for an address pair once.
     * \param sa the SA
     * \param src source
     * \param dst destination
     */
    void Export(Ptr<Mip6EspSa> sa, Ipv6Address src, Ipv6Address dst);
    /**
     * Puts an ESP packet in UDP for an SA that encapsulates (RFC 3948 §2.1). The checksum's
     * pseudo-header uses the HoA of a HAO as source and of a Type 2 RH as destination (RFC 6275
     * §6.3, RFC 8200 §8.1), as for every upper layer.
     * \param p the ESP packet (modified)
     * \param sa the SA
     * \param src pseudo-header source
     * \param dst pseudo-header destination
     */
    void EncapsulateUdp(Ptr<Packet> p, Ptr<Mip6EspSa> sa, Ipv6Address src, Ipv6Address dst);
    /**
     * Hands a packet to IPv6 (through Mip6L4Protocol when a HAO or Type 2 RH goes in front).
     * \param p the packet
     * \param protocol its next header
     * \param src source
     * \param dst destination
     * \param hao home address for a HAO
     * \param rh2 home address for a Type 2 RH
     * \param route route, or nullptr
     */
    void SendDown(Ptr<Packet> p,
                  uint8_t protocol,
                  Ipv6Address src,
                  Ipv6Address dst,
                  std::optional<Ipv6Address> hao,
                  std::optional<Ipv6Address> rh2,
                  Ptr<Ipv6Route> route);
    /**
     * The encapsulation port's receive callback (Ipv6EndPoint; the UDP header is removed).
     * \param p the UDP payload
     * \param header the IPv6 header
     * \param sourcePort the UDP source port
     * \param iface the incoming interface
     */
    void ReceiveUdp(Ptr<Packet> p,
                    Ipv6Header header,
                    uint16_t sourcePort,
                    Ptr<Ipv6Interface> iface);
    /**
     * A UDP datagram for the encapsulation port, UDP header included: checks the checksum
     * (when ns-3 checksums are enabled) with the HoA of a HAO / Type 2 RH, then ReceiveUdp().
     * \param p the datagram
     * \param header the IPv6 header
     * \param iface the incoming interface
     */
    void ReceiveUdpDatagram(Ptr<Packet> p, const Ipv6Header& header, Ptr<Ipv6Interface> iface);

    friend class Mip6UdpEncapDemux;

    Ptr<Node> m_node;                                                //!< the node
    std::map<uint32_t, Ptr<Mip6EspSa>> m_inbound;                    //!< inbound SAD by SPI
    std::shared_ptr<Mip6KeyExport> m_keys;                           //!< key export, if any
    std::optional<std::pair<Ipv6Address, Ipv6Address>> m_delivering; //!< tunnel delivery
    std::array<uint64_t, MIP6_ESP_DROP_REASON_COUNT> m_drops{};      //!< drops per reason
    uint64_t m_rx{0};                                                //!< accepted
    uint64_t m_tx{0};                                                //!< sent
    uint64_t m_udpTx{0};                                             //!< sent in UDP
    uint64_t m_keepaliveRx{0};                                       //!< keepalives in
    uint64_t m_keepaliveTx{0};                                       //!< keepalives out
    uint16_t m_udpPort{0};                                 //!< the encapsulation port (0: none)
    std::vector<Ptr<IpL4Protocol>> m_udpDemux;             //!< the per-interface demultiplexers
    IkeListener m_ikeListener;                             //!< IKE on the encapsulation port
    DownTargetCallback m_downTarget;                       //!< unused (IPv4)
    DownTargetCallback6 m_downTarget6;                     //!< IPv6 down target
    TracedCallback<Ptr<const Packet>, uint32_t> m_rxTrace; //!< accepted payloads
    TracedCallback<Ptr<const Packet>, uint32_t> m_txTrace; //!< sent ESP packets
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace; //!< refusals
};

} // namespace ns3

#endif /* MIP6_ESP_PROTOCOL_H */
