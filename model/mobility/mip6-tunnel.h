/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_TUNNEL_H
#define MIP6_TUNNEL_H

#include "ns3/callback.h"
#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-header.h"
#include "ns3/node.h"
#include "ns3/object.h"
#include "ns3/tag.h"
#include "ns3/traced-callback.h"
#include "ns3/virtual-net-device.h"

namespace ns3
{

/**
 * \ingroup mip6
 * Records, on a decapsulated packet, the outer addresses it arrived with, so that the receiver
 * (the probe sink, the timeline) knows which care-of address carried it.
 */
class Mip6TunnelTag : public Tag
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;

    Ipv6Address outerSource;      //!< outer source (the CoA at the HA, the HA at the MN)
    Ipv6Address outerDestination; //!< outer destination
};

/**
 * \ingroup mip6
 * The bidirectional MN–HA tunnel of RFC 6275 §10.4.5 and §11.3.1: IPv6-in-IPv6 (RFC 2473, next
 * header 41) through a VirtualNetDevice that is an IPv6 interface of the node. On the MN the home
 * address lives on this interface; on the HA the host routes of the bound home addresses point to
 * it.
 *
 * Sending: the node's routing hands an inner packet to the device; the tunnel passes it to the
 * owner's send handler, which chooses the outer addresses and lets the security design send it.
 * Receiving: the next-header-41 protocol hands the inner packet to the owner's accept filter and,
 * if accepted, to the device, so the packet takes the normal IPv6 input path (forwarding at the
 * HA, local delivery at the MN).
 */
class Mip6Tunnel : public IpL4Protocol
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6Tunnel();
    ~Mip6Tunnel() override;

    /// Next header of IPv6-in-IPv6.
    static const uint8_t PROT_NUMBER = 41;

    /**
     * Creates the tunnel device on \p node, adds it as an IPv6 interface and registers next
     * header 41. Aggregates the tunnel to the node.
     * \param node the node
     * \param forwarding whether the tunnel interface forwards (HA) or not (MN)
     * \return the tunnel
     */
    static Ptr<Mip6Tunnel> Install(Ptr<Node> node, bool forwarding);

    /// \return the IPv6 interface index of the tunnel device
    uint32_t GetInterface() const;
    /// \return the tunnel device
    Ptr<VirtualNetDevice> GetDevice() const;

    /// Send handler: the inner IPv6 packet (header included) to carry to the other end.
    typedef Callback<void, Ptr<Packet>> SendHandler;
    /// Accept filter: inner packet (header included) and outer header; false drops it.
    typedef Callback<bool, Ptr<const Packet>, const Ipv6Header&> AcceptFilter;

    /// \param handler the send handler
    void SetSendHandler(SendHandler handler);
    /// \param filter the accept filter
    void SetAcceptFilter(AcceptFilter filter);

    /**
     * Delivers an inner packet that arrived through another path (ESP tunnel mode, RFC 6618
     * PType 1) as if it had been decapsulated here.
     * \param inner inner IPv6 packet, header included
     * \param outer the outer header it arrived in
     */
    void Deliver(Ptr<Packet> inner, const Ipv6Header& outer);

    /// \return inner packets decapsulated and delivered
    uint64_t GetRxCount() const;
    /// \return packets refused (malformed or by the accept filter)
    uint64_t GetDropCount() const;

    // IpL4Protocol
    int GetProtocolNumber() const override;
    RxStatus Receive(Ptr<Packet> p, const Ipv4Header& header, Ptr<Ipv4Interface> iface) override;
    RxStatus Receive(Ptr<Packet> p, const Ipv6Header& header, Ptr<Ipv6Interface> iface) override;
    void SetDownTarget(DownTargetCallback cb) override;
    void SetDownTarget6(DownTargetCallback6 cb) override;
    DownTargetCallback GetDownTarget() const override;
    DownTargetCallback6 GetDownTarget6() const override;

  protected:
    void DoDispose() override;

  private:
    /// VirtualNetDevice send callback.
    bool DeviceSend(Ptr<Packet> packet, const Address& src, const Address& dst, uint16_t proto);

    Ptr<Node> m_node;                  //!< the node
    Ptr<VirtualNetDevice> m_device;    //!< the tunnel device
    uint32_t m_interface{0};           //!< its IPv6 interface index
    SendHandler m_sendHandler;         //!< owner's send handler
    AcceptFilter m_acceptFilter;       //!< owner's accept filter
    uint64_t m_rx{0};                  //!< delivered
    uint64_t m_drops{0};               //!< refused
    uint64_t m_linkScope{0};           //!< link-scope packets not carried
    bool m_forwarding{false};          //!< the HA end (forwards) or the MN end (delivers locally)
    uint16_t m_mtu;                    //!< tunnel device MTU
    DownTargetCallback m_downTarget;   //!< unused (IPv4)
    DownTargetCallback6 m_downTarget6; //!< unused
    TracedCallback<Ptr<const Packet>> m_txTrace;                       //!< inner packet sent
    TracedCallback<Ptr<const Packet>, const Ipv6Header&> m_rxTrace;    //!< inner packet delivered
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace; //!< refused, with reason
};

} // namespace ns3

#endif /* MIP6_TUNNEL_H */
