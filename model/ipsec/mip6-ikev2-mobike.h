/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * NAT traversal of `ipsec-ikev2` (variant natt=1): NAT detection in IKE_SA_INIT (RFC 7296
 * §2.23), IKE on UDP 4500 behind the non-ESP marker and NAT-keepalives (RFC 3948 §2.2, §2.3).
 */

#ifndef MIP6_IKEV2_MOBIKE_H
#define MIP6_IKEV2_MOBIKE_H

#include "ns3/event-id.h"
#include "ns3/ipv6-address.h"
#include "ns3/mip6-crypto-types.h"
#include "ns3/mip6-esp-protocol.h"
#include "ns3/mip6-ikev2-payloads.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/socket.h"

#include <functional>
#include <ostream>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6-ipsec
 * RFC 7296 §2.23: the data of NAT_DETECTION_SOURCE_IP / _DESTINATION_IP,
 * SHA-1(SPIi ‖ SPIr ‖ IP address ‖ port), the SPIs in network order as in the IKE header
 * (SPIr is zero in the IKE_SA_INIT request).
 * \param spiI initiator's SPI
 * \param spiR responder's SPI
 * \param address the IPv6 address
 * \param port the UDP port
 * \return the 20-byte hash
 */
Mip6Bytes Mip6IkeNatDetectionHash(uint64_t spiI, uint64_t spiR, Ipv6Address address, uint16_t port);

/**
 * \ingroup mip6-ipsec
 * The two NAT detection notifies of an IKE_SA_INIT message (RFC 7296 §2.23): the hash of the
 * message's source first, then of its destination.
 * \param spiI initiator's SPI
 * \param spiR responder's SPI (0 in the request)
 * \param src the message's source address
 * \param srcPort its source port
 * \param dst its destination address
 * \param dstPort its destination port
 * \return NOTIFY(NAT_DETECTION_SOURCE_IP), NOTIFY(NAT_DETECTION_DESTINATION_IP)
 */
std::vector<Ptr<Mip6IkePayload>> Mip6IkeMakeNatDetection(uint64_t spiI,
                                                         uint64_t spiR,
                                                         Ipv6Address src,
                                                         uint16_t srcPort,
                                                         Ipv6Address dst,
                                                         uint16_t dstPort);

/**
 * \ingroup mip6-ipsec
 * What the NAT detection notifies of a received message say (RFC 7296 §2.23).
 */
enum class Mip6IkeNatDetection
{
    ABSENT,     ///< no (or not both) NAT detection notifies: the peer does not do NAT-T
    NO_NAT,     ///< both hashes match the addresses and ports seen
    NAT_SOURCE, ///< the source hash differs: the peer is behind a NAT
    NAT_DEST,   ///< the destination hash differs: this end is behind a NAT
};

/**
 * \ingroup mip6-ipsec
 * \param payloads a message's payloads
 * \param type a notify type
 * \return whether a notify of that type is among them
 */
bool Mip6IkeHasNotify(const std::vector<Ptr<Mip6IkePayload>>& payloads, uint16_t type);

/**
 * \ingroup mip6-ipsec
 * A notify payload without SPI (RFC 7296 §3.10; MOBIKE's notifies, RFC 4555 §4).
 * \param type the notify type
 * \param data its data
 * \return the payload
 */
Ptr<Mip6IkeNotifyPayload> Mip6IkeMakeNotify(uint16_t type, const Mip6Bytes& data = {});

/**
 * \param os the stream
 * \param v a verdict
 * \return os, with "absent", "no-nat", "nat-source" or "nat-dest"
 */
std::ostream& operator<<(std::ostream& os, Mip6IkeNatDetection v);

/**
 * \ingroup mip6-ipsec
 * Checks the NAT detection notifies of a received message against the header it came with.
 * \param payloads the message's payloads
 * \param spiI initiator's SPI of the message header
 * \param spiR responder's SPI of the message header
 * \param src the source address seen
 * \param srcPort the source port seen
 * \param dst the destination address seen
 * \param dstPort the destination port seen
 * \return the verdict
 */
Mip6IkeNatDetection Mip6IkeCheckNatDetection(const std::vector<Ptr<Mip6IkePayload>>& payloads,
                                             uint64_t spiI,
                                             uint64_t spiR,
                                             Ipv6Address src,
                                             uint16_t srcPort,
                                             Ipv6Address dst,
                                             uint16_t dstPort);

/**
 * \ingroup mip6-ipsec
 * One end's IKE on UDP port 4500 (RFC 7296 §2.23, RFC 3948 §2.2): it turns on the node's ESP-in-
 * UDP demultiplexer (Mip6EspProtocol::EnableUdpEncapsulation), receives the IKE messages it
 * hands over (non-ESP marker removed, Mip6EspProtocol::SetIkeListener), and sends IKE from a UDP
 * socket bound to port 4500 with the four zero bytes of the marker in front; the MN side also
 * sends the NAT-keepalives (RFC 3948 §2.3) through Mip6EspProtocol::SendKeepalive.
 */
class Mip6Ikev2NatT
{
  public:
    /// Receiver of an IKE message that came on port 4500: the message, its source, the MN id of
    /// its category tag (0 when none).
    using Deliver = std::function<void(const Mip6Bytes&, Ipv6Address, uint32_t)>;

    /**
     * \param node the node (with IPv6 and UDP)
     * \param esp the node's ESP protocol
     * \param deliver where received IKE messages go
     */
    Mip6Ikev2NatT(Ptr<Node> node, Ptr<Mip6EspProtocol> esp, Deliver deliver);
    ~Mip6Ikev2NatT();

    /**
     * Sends an IKE message on port 4500 with the non-ESP marker, tagged for the overhead meter.
     * \param wire the IKE message
     * \param to the peer (its port 4500)
     * \param mnId the MN it is about
     * \param response true for a response
     */
    void Send(const Mip6Bytes& wire, Ipv6Address to, uint32_t mnId, bool response);

    /**
     * Starts the NAT-keepalives (idempotent): one every interval from src() to dst, port 4500 to
     * 4500. Sent whether or not other traffic went out (a simplification of RFC 3948 §2.3).
     * \param interval the period (0: none)
     * \param src the current source (the CoA)
     * \param dst the HA
     * \param mnId the MN
     */
    void StartKeepalives(Time interval,
                         std::function<Ipv6Address()> src,
                         Ipv6Address dst,
                         uint32_t mnId);

    /// Stops the keepalives and closes the socket.
    void Stop();

    /// \return IKE messages sent on port 4500
    uint32_t GetTxCount() const;
    /// \return IKE messages received on port 4500
    uint32_t GetRxCount() const;
    /// \return the size of every IKE message sent on port 4500, marker excluded, in order
    const std::vector<uint32_t>& GetTxSizes() const;

  private:
    /**
     * The ESP protocol's IKE listener.
     * \param p the message (marker removed)
     * \param src its source
     * \param srcPort its source port
     * \param dst its destination
     */
    void Receive(Ptr<Packet> p, Ipv6Address src, uint16_t srcPort, Ipv6Address dst);
    /// Sends one keepalive and schedules the next.
    void Keepalive();

    Ptr<Mip6EspProtocol> m_esp;         //!< the node's ESP protocol
    Ptr<Socket> m_socket;               //!< UDP socket bound to port 4500 (sending)
    Deliver m_deliver;                  //!< receiver
    Time m_interval;                    //!< keepalive period
    std::function<Ipv6Address()> m_src; //!< keepalive source
    Ipv6Address m_dst;                  //!< keepalive destination
    uint32_t m_mnId{0};                 //!< keepalive MN
    EventId m_keepalive;                //!< next keepalive
    uint32_t m_tx{0};                   //!< IKE messages sent
    uint32_t m_rx{0};                   //!< IKE messages received
    std::vector<uint32_t> m_txSizes;    //!< their sizes
};

} // namespace ns3

#endif /* MIP6_IKEV2_MOBIKE_H */
