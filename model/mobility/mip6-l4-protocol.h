/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The Mobility Header as an IPv6 upper-layer protocol (Next Header 135, RFC 6275 §9.2, §11.3).
 */

#ifndef MIP6_L4_PROTOCOL_H
#define MIP6_L4_PROTOCOL_H

#include "ns3/callback.h"
#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-route.h"
#include "ns3/mip6-header.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace ns3
{

/**
 * \ingroup mip6
 * Receive context handed to the mobility agent with a validated, checksum-verified MH.
 */
struct Mip6RxContext
{
    Ipv6Address src;                ///< IPv6 source (the CoA when a HAO is present)
    Ipv6Address dst;                ///< IPv6 destination (the CoA when a Type 2 RH is present)
    std::optional<Ipv6Address> hao; ///< home address of a Home Address option
    std::optional<Ipv6Address> rh2; ///< home address of a Type 2 Routing Header
    uint32_t ifIndex{0};            ///< receiving IPv6 interface
    uint8_t mhType{0};              ///< MH Type
};

/**
 * \ingroup mip6
 * IpL4Protocol for next header 135 (RFC 6275 §9.2, §11.3): copies the bytes, Validate()s them,
 * verifies the checksum against the pseudo-header (HoA from a Mip6HaoTag as source, from a
 * Mip6Rh2Tag as destination), and hands the MH packet (starting at the MH) to the receive
 * callback. A refused MH is dropped, counted per reason (GetDropCount) and fired on the "Drop"
 * trace; an unknown MH type (with a correct checksum) is also reported through the UnknownType
 * callback, so the agent can answer with a Binding Error, status 2 (§9.2).
 *
 * Sending: Send() puts the Destination Options header with a HAO (BU from a CoA) and/or the Type 2
 * Routing Header (BA to a CoA) in front of an MH or ESP payload and hands the packet to
 * Ipv6L3Protocol::Send.
 */
class Mip6L4Protocol : public IpL4Protocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    /// The IPv6 Next Header value of the Mobility Header.
    static const uint8_t PROT_NUMBER = 135;

    Mip6L4Protocol();
    ~Mip6L4Protocol() override;

    /**
     * \param node the node this protocol runs on
     */
    void SetNode(Ptr<Node> node);
    /// \return the node
    Ptr<Node> GetNode() const;

    int GetProtocolNumber() const override;
    /**
     * IPv4 carries no Mobility Header here: always refused.
     * \return RX_ENDPOINT_UNREACH
     */
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv4Header& header,
                     Ptr<Ipv4Interface> incomingInterface) override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv6Header& header,
                     Ptr<Ipv6Interface> incomingInterface) override;

    void SetDownTarget(DownTargetCallback cb) override;
    void SetDownTarget6(DownTargetCallback6 cb) override;
    DownTargetCallback GetDownTarget() const override;
    DownTargetCallback6 GetDownTarget6() const override;

    /// Callback for a received MH: the packet (starting at the MH) and its context.
    typedef Callback<void, Ptr<Packet>, const Mip6RxContext&> ReceiveCallback;
    /**
     * \param cb called with every validated, checksum-verified MH
     */
    void SetReceiveCallback(ReceiveCallback cb);
    /**
     * \param cb called with every MH of an unknown type whose checksum verifies (it is also
     *        counted as a drop with reason UNKNOWN_MH_TYPE)
     */
    void SetUnknownTypeCallback(ReceiveCallback cb);

    /**
     * Injects an MH that arrived by another path (e.g. decrypted ESP, or UDP-encapsulated under
     * RFC 6618): validated and checked exactly like Receive(), checksum verification optional
     * (designs that carry the MH without an IPv6 pseudo-header pass verifyChecksum=false).
     * \param mh the packet, starting at the MH
     * \param ctx the receive context (src, dst, hao, rh2, ifIndex; mhType is filled in here)
     * \param verifyChecksum verify the checksum against the pseudo-header of ctx
     */
    void ReceiveMobilityHeader(Ptr<Packet> mh, const Mip6RxContext& ctx, bool verifyChecksum);

    /**
     * Sends `payload` (whose first header has protocol number `payloadProto`: 135 for a plain MH,
     * 50 for ESP) from src to dst with, when given, a Destination Options header holding a HAO
     * (BU from a CoA) or a Type 2 RH holding the HoA (BA to a CoA); with both, the RH comes first
     * (RFC 6275 §6.3). Uses Ipv6L3Protocol::Send with the given route (nullptr = routing decides).
     * The payload is not modified (a copy is sent).
     * \param payload the upper-layer packet
     * \param payloadProto the protocol number of the payload's first header
     * \param src the IPv6 source
     * \param dst the IPv6 destination
     * \param hao the home address for a Home Address option
     * \param rh2Hoa the home address for a Type 2 Routing Header
     * \param route the route, or nullptr
     */
    void Send(Ptr<Packet> payload,
              uint8_t payloadProto,
              Ipv6Address src,
              Ipv6Address dst,
              std::optional<Ipv6Address> hao,
              std::optional<Ipv6Address> rh2Hoa,
              Ptr<Ipv6Route> route);

    /**
     * Builds the packet Send() hands to IPv6: the extension headers in front of a copy of payload.
     * \param payload the upper-layer packet
     * \param payloadProto the protocol number of the payload's first header
     * \param hao the home address for a Home Address option
     * \param rh2Hoa the home address for a Type 2 Routing Header
     * \param[out] firstNextHeader the Next Header value for the IPv6 header
     * \return the packet
     */
    static Ptr<Packet> BuildPacket(Ptr<const Packet> payload,
                                   uint8_t payloadProto,
                                   std::optional<Ipv6Address> hao,
                                   std::optional<Ipv6Address> rh2Hoa,
                                   uint8_t& firstNextHeader);

    /**
     * \param reason a refusal reason
     * \return how many MHs were refused for it
     */
    uint64_t GetDropCount(Mip6ParseError reason) const;
    /// \return how many MHs were accepted and handed to the receive callback
    uint64_t GetRxCount() const;
    /// \return how many ICMPv6 Parameter Problems were sent for malformed MHs (RFC 6275 §9.2)
    uint64_t GetParameterProblemCount() const;

    /**
     * Aggregates a Mip6L4Protocol to the node, inserts it into its Ipv6L3Protocol, sets the down
     * target to Ipv6L3Protocol::Send and registers the HAO and Type 2 RH handlers
     * (Mip6InstallExtensions). Idempotent. Aborts when the node has no IPv6 stack.
     * \param node the node
     * \return the node's Mip6L4Protocol
     */
    static Ptr<Mip6L4Protocol> Install(Ptr<Node> node);

    /**
     * TracedCallback signature for received MHs.
     * \param packet the MH
     * \param ctx its receive context
     */
    typedef void (*RxTracedCallback)(Ptr<const Packet> packet, const Mip6RxContext& ctx);
    /**
     * TracedCallback signature for refused MHs.
     * \param packet the MH
     * \param reason Mip6ParseErrorToString of the reason
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const std::string& reason);
    /**
     * TracedCallback signature for sent packets.
     * \param packet the packet handed to IPv6 (extension headers and payload)
     * \param src the IPv6 source
     * \param dst the IPv6 destination
     */
    typedef void (*TxTracedCallback)(Ptr<const Packet> packet, Ipv6Address src, Ipv6Address dst);

  protected:
    void DoDispose() override;

  private:
    /**
     * Validation, checksum and dispatch shared by Receive and ReceiveMobilityHeader.
     * \param p the MH
     * \param ctx the context
     * \param verifyChecksum verify the checksum
     * \return RX_CSUM_FAILED for a bad checksum, else RX_OK
     */
    RxStatus Process(Ptr<Packet> p,
                     Mip6RxContext ctx,
                     bool verifyChecksum,
                     const Ipv6Header* ipHeader = nullptr);
    /**
     * RFC 6275 §9.2: answers a bad Payload Proto or Header Len with an ICMPv6 Parameter Problem
     * (code 0) to the packet's source, pointing at the field. The invoking packet quoted is the
     * IPv6 header followed by the MH (the extension headers were consumed on the way in), and the
     * pointer is an offset into that quoted packet.
     * \param mh the refused MH
     * \param ipHeader its IPv6 header
     * \param fieldOffset offset of the faulty field in the MH
     */
    void SendParameterProblem(Ptr<const Packet> mh,
                              const Ipv6Header& ipHeader,
                              uint32_t fieldOffset);
    /**
     * Counts and traces a refused MH.
     * \param p the MH
     * \param reason the reason
     */
    void Drop(Ptr<const Packet> p, Mip6ParseError reason);

    Ptr<Node> m_node;                       //!< the node
    DownTargetCallback m_downTarget;        //!< IPv4 down target (unused)
    DownTargetCallback6 m_downTarget6;      //!< IPv6 down target
    ReceiveCallback m_rxCallback;           //!< agent receive callback
    ReceiveCallback m_unknownTypeCallback;  //!< agent callback for unknown MH types
    std::array<uint64_t, 8> m_dropCounts{}; //!< drops per Mip6ParseError
    uint64_t m_rxCount{0};                  //!< accepted MHs
    uint64_t m_paramProblems{0};            //!< ICMPv6 Parameter Problems sent
    TracedCallback<Ptr<const Packet>, const Mip6RxContext&> m_rxTrace;     //!< Rx trace
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace;     //!< Drop trace
    TracedCallback<Ptr<const Packet>, Ipv6Address, Ipv6Address> m_txTrace; //!< Tx trace
};

} // namespace ns3

#endif /* MIP6_L4_PROTOCOL_H */
