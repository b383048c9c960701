/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The Security Policy and Security Association Databases of one node for Mobile IPv6 (RFC 3776
 * §4, RFC 4877 §7.2), with PF_KEY MIGRATE semantics for the tunnel SAs.
 */

#ifndef MIP6_IPSEC_SAD_H
#define MIP6_IPSEC_SAD_H

#include "ns3/ipv6-address.h"
#include "ns3/mip6-esp-protocol.h"
#include "ns3/mip6-esp-sa.h"
#include "ns3/mip6-security-design.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <map>
#include <optional>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6-ipsec
 * One SPD entry (RFC 4301 §4.4.1) in the shape RFC 4877 §7.2 writes them: address selectors,
 * next layer protocol with the MH type as the port selector, and what to do.
 */
struct Mip6IpsecPolicy
{
    /// Direction of the entry.
    enum Direction : uint8_t
    {
        OUT = 0, ///< outbound
        IN = 1,  ///< inbound (local delivery)
        FWD = 2, ///< forwarded (the HA's tunnel payload, Linux XFRM_POLICY_FWD)
    };

    Direction direction{OUT};      ///< direction
    Ipv6Address local;             ///< local address selector (:: = any)
    Ipv6Address remote;            ///< remote address selector (:: = any)
    uint8_t protocol{135};         ///< next layer protocol (135 MH; 41 for the tunnel)
    std::optional<uint8_t> mhType; ///< MH type selector (RFC 4877 §7.2, 0x05xx / 0x06xx)
    Mip6EspMode mode{Mip6EspMode::TRANSPORT}; ///< ESP mode of the SA it points to
    uint32_t spi{0};          ///< the SA (outbound: the SA to use; inbound: required)
    Ipv6Address tunnelLocal;  ///< tunnel mode: outer local endpoint
    Ipv6Address tunnelRemote; ///< tunnel mode: outer remote endpoint

    /// \return the bytes of the entry as held (selectors, action, SA reference, endpoints)
    static size_t GetStateBytes();
};

/**
 * \ingroup mip6-ipsec
 * The SAs and policies a node holds for one MN–HA pair (RFC 3776 §4: the BU/BA transport SAs,
 * and the payload tunnel SAs when payload protection is on).
 */
struct Mip6IpsecSaSet
{
    uint32_t mnId{0};                      ///< the MN (node id)
    Ipv6Address hoa;                       ///< its home address
    Ptr<Mip6EspSa> transportOut;           ///< BU (at the MN) or BA (at the HA)
    Ptr<Mip6EspSa> transportIn;            ///< BA (at the MN) or BU (at the HA)
    Ptr<Mip6EspSa> tunnelOut;              ///< payload towards the peer, or nullptr
    Ptr<Mip6EspSa> tunnelIn;               ///< payload from the peer, or nullptr
    std::vector<Mip6IpsecPolicy> policies; ///< the SPD entries, in priority order
};

/**
 * \ingroup mip6-ipsec
 * A node's SPD and SAD for Mobile IPv6 (one object per node, aggregated to it). Inbound SAs are
 * also registered with the node's Mip6EspProtocol. Migrate() moves the outer endpoints of the
 * tunnel-mode SAs and policies from an old CoA to a new one, as PF_KEY SADB_X_MIGRATE /
 * XFRM_MSG_MIGRATE do (protocols.md §5); the transport SAs are bound to the HoA and stay.
 */
class Mip6IpsecSad : public Object
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();

    /**
     * \param node a node
     * \return its database (created, aggregated and with ESP installed on first use)
     */
    static Ptr<Mip6IpsecSad> Install(Ptr<Node> node);

    /**
     * Installs (or replaces) the SA set for an MN; the inbound SAs go to the ESP protocol.
     * \param set the SAs and policies
     */
    void Add(const Mip6IpsecSaSet& set);
    /// \param hoa an MN's home address: removes its SAs and policies
    void Remove(Ipv6Address hoa);
    /**
     * Replaces the tunnel-mode SAs and policies (protocol 41) of hoa's set, keeping the
     * transport SAs (RFC 4877 §7.2: the payload Child SA pair, made by CREATE_CHILD_SA).
     * The old inbound tunnel SA leaves the ESP protocol, the new one joins it.
     * \param hoa the MN
     * \param out outbound tunnel SA
     * \param in inbound tunnel SA
     * \param policies the tunnel policies
     * \return false when hoa has no set
     */
    bool SetTunnelSas(Ipv6Address hoa,
                      Ptr<Mip6EspSa> out,
                      Ptr<Mip6EspSa> in,
                      const std::vector<Mip6IpsecPolicy>& policies);
    /**
     * Replaces the transport SAs of hoa's set (a rekeyed BU/BA Child SA, RFC 7296 §1.3.3); the
     * MH policies point to the new SPIs.
     * \param hoa the MN
     * \param out outbound transport SA
     * \param in inbound transport SA
     * \return false when hoa has no set
     */
    bool SetTransportSas(Ipv6Address hoa, Ptr<Mip6EspSa> out, Ptr<Mip6EspSa> in);
    /// \param hoa a home address \return its set, or nullptr
    const Mip6IpsecSaSet* Find(Ipv6Address hoa) const;
    /// \return the number of MNs with a set
    size_t GetSetCount() const;

    /**
     * RFC 4301 §5.1: the outbound policy for a packet.
     * \param hoa the MN the packet is about
     * \param protocol next layer protocol (135, 41)
     * \param mhType MH type for 135
     * \return the PROTECT policy that matches, or nullptr (bypass)
     */
    const Mip6IpsecPolicy* FindOutbound(Ipv6Address hoa, uint8_t protocol, uint8_t mhType) const;

    /**
     * RFC 4301 §5.2: does an inbound packet satisfy the policy for it?
     * \param hoa the MN the packet is about
     * \param protocol next layer protocol
     * \param mhType MH type for 135
     * \param spi the SPI of the SA that verified it (0: it arrived in clear)
     * \return true when no policy requires protection, or the right SA protected it
     */
    bool CheckInbound(Ipv6Address hoa, uint8_t protocol, uint8_t mhType, uint32_t spi) const;

    /**
     * RFC 3776 §3.1/§3.2, RFC 4877 §4.2: sends an MH in the transport SA of its HoA's SA set when
     * an outbound policy covers its MH type: IPv6 + DestOpt(HAO) + ESP(MH) from the MN, IPv6 +
     * RH2 + ESP(MH) from the HA, the HAO/RH2 only while away.
     * \param mh the packet holding exactly the MH
     * \param ctx its addressing
     * \param fromMn true on the MN (HAO), false on the HA (Type 2 RH)
     * \return false when no policy or SA covers it (the caller sends it unprotected, RFC 3776
     *         §4.1 leaves e.g. a Binding Error to bypass)
     */
    bool SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx, bool fromMn) const;

    /**
     * RFC 4301 §5.2, RFC 3776 §4.2: a received MH of \p hoa must have come in the SA its policy
     * names.
     * \param hoa the MN
     * \param mh the MH (its Mip6EspRxTag names the SA that verified it)
     * \param mhType its MH type
     * \param requireSaSet reject when the HoA has no SA set at all (the HA's "no-sa")
     * \return the verdict, with reason "no-sa", "unprotected" or "wrong-sa"
     */
    Mip6Verdict CheckSignaling(Ipv6Address hoa,
                               Ptr<const Packet> mh,
                               uint8_t mhType,
                               bool requireSaSet) const;

    /**
     * RFC 3776 §4.4 / RFC 4877 §7.2: sends a tunnelled packet in the ESP tunnel SA of \p hoa
     * (outer CoA ↔ HA, as in ctx).
     * \param hoa the MN
     * \param inner the inner IPv6 packet
     * \param ctx the outer addressing
     * \return false when \p hoa has no tunnel SA (the caller sends it as plain IPv6-in-IPv6)
     */
    bool SendTunnelData(Ipv6Address hoa, Ptr<Packet> inner, const Mip6SignalingContext& ctx) const;

    /**
     * RFC 4301 §5.2 for the payload tunnel: a tunnelled packet is accepted only while the ESP
     * protocol delivers it from a tunnel SA with the same outer addresses.
     * \param outer the outer header
     * \return the verdict, reason "unprotected-tunnel" for plain IPv6-in-IPv6
     */
    Mip6Verdict CheckPlainTunnel(const Ipv6Header& outer) const;

    /**
     * RFC 4877 §7.2: a BU/BA policy in ESP transport mode, the MH type as port selector.
     * \param dir direction
     * \param local local address
     * \param remote remote address
     * \param mhType MH type
     * \param spi the SA's SPI
     * \return the policy
     */
    static Mip6IpsecPolicy TransportPolicy(Mip6IpsecPolicy::Direction dir,
                                           Ipv6Address local,
                                           Ipv6Address remote,
                                           uint8_t mhType,
                                           uint32_t spi);

    /**
     * PF_KEY MIGRATE: the tunnel SAs and policies of hoa whose outer endpoint is oldCoa (:: for
     * the first one) move to newCoa. Fires the "Migrate" trace once per migrated policy with the
     * size of the SADB_X_MIGRATE message that would carry it.
     * \param hoa the MN
     * \param oldCoa the old outer endpoint
     * \param newCoa the new one
     * \return the number of PF_KEY messages (migrated policies)
     */
    uint32_t Migrate(Ipv6Address hoa, Ipv6Address oldCoa, Ipv6Address newCoa);

    /**
     * Size of an SADB_X_MIGRATE message for one IPv6 policy with one SA bundle, as the Linux
     * kernel builds it (pfkey_send_migrate): sadb_msg, [KMADDRESS], ADDRESS_SRC, ADDRESS_DST,
     * X_POLICY with two sadb_x_ipsecrequest (old pair, new pair). Computed from the structures of
     * <linux/pfkeyv2.h>, never a constant.
     * \param withKmAddress include SADB_X_EXT_KMADDRESS (a key manager's addresses)
     * \return the bytes
     */
    static uint32_t GetPfKeyMigrateSize(bool withKmAddress);

    /**
     * \param hoa an MN
     * \return its SAs, policies, key bytes and state bytes (DESIGN.md §4.4)
     */
    Mip6SecurityState GetState(Ipv6Address hoa) const;

    /// \return the node's ESP protocol
    Ptr<Mip6EspProtocol> GetEsp() const;

    /**
     * TracedCallback signature of Migrate.
     * \param mnId the MN
     * \param oldCoa the old endpoint
     * \param newCoa the new endpoint
     * \param bytes the size of the equivalent PF_KEY MIGRATE message
     */
    typedef void (*MigrateTracedCallback)(uint32_t mnId,
                                          Ipv6Address oldCoa,
                                          Ipv6Address newCoa,
                                          uint32_t bytes);

  protected:
    void DoDispose() override;

  private:
    Ptr<Mip6EspProtocol> m_esp;                   //!< the node's ESP protocol
    std::map<Ipv6Address, Mip6IpsecSaSet> m_sets; //!< per MN
    TracedCallback<uint32_t, Ipv6Address, Ipv6Address, uint32_t> m_migrateTrace; //!< Migrate
};

} // namespace ns3

#endif /* MIP6_IPSEC_SAD_H */
