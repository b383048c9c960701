/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_HOME_AGENT_H
#define MIP6_HOME_AGENT_H

#include "ns3/application.h"
#include "ns3/ipv6-address.h"
#include "ns3/mip6-binding-cache.h"
#include "ns3/mip6-l4-protocol.h"
#include "ns3/mip6-security-design.h"
#include "ns3/mip6-tunnel.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <map>
#include <set>

namespace ns3
{

/**
 * \ingroup mip6
 * The Home Agent of RFC 6275 §10: binding cache with lifetimes, home registration processing
 * (§10.3.1) with the status codes 0, 128, 131, 132, 133, 134, 135, DAD for the home address before
 * the BA of a new binding (§10.3.1, the wait an attribute), Binding Errors (§9.3.1, §9.2), the
 * bidirectional tunnel (§10.4.5) with a /128 host route per bound home address, and proxy Neighbor
 * Advertisements for bound home addresses on the home link (§10.4.1). Security goes only through
 * the installed Mip6HaSecurity (DESIGN.md §2).
 */
class Mip6HomeAgent : public Application
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6HomeAgent();
    ~Mip6HomeAgent() override;

    /// \param security the HA side of the security design (set before the application starts)
    void SetSecurity(Ptr<Mip6HaSecurity> security);
    /// \return the HA side of the security design
    Ptr<Mip6HaSecurity> GetSecurity() const;

    /**
     * Restricts the HA to the given home addresses (others get status 133). With none added the
     * HA serves every address of its home prefix.
     * \param hoa a home address served
     */
    void AddServedHomeAddress(Ipv6Address hoa);

    /**
     * Names the MN that owns a home address in the overhead tags (DESIGN.md §4.3 `mn` column).
     * \param hoa the home address
     * \param mnId the MN's node id
     */
    void SetMnId(Ipv6Address hoa, uint32_t mnId);

    /// \param hoa home address \return its binding, or nullptr
    const Mip6BindingCacheEntry* GetBinding(Ipv6Address hoa) const;
    /// \return the number of bindings in the cache
    uint32_t GetNBindings() const;
    /// \return the home address of every binding
    std::vector<Ipv6Address> GetBoundHomeAddresses() const;
    /// \param reason a drop reason \return how many messages were dropped for it
    uint64_t GetDropCount(const std::string& reason) const;

    /// TracedCallback signature for BA sent: home address, CoA, status, sequence number.
    typedef void (*BaTracedCallback)(Ipv6Address, Ipv6Address, uint8_t, uint16_t);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// A validated MH from the L4 protocol.
    void ReceiveMh(Ptr<Packet> mh, const Mip6RxContext& ctx);
    /// An MH of unknown type: BE status 2 (RFC 6275 §9.2).
    void ReceiveUnknownMh(Ptr<Packet> mh, const Mip6RxContext& ctx);
    /// Home registration processing (RFC 6275 §10.3.1).
    void ProcessBindingUpdate(const Mip6BindingUpdateHeader& bu, const Mip6RxContext& ctx);
    /// End of the DAD wait for \p hoa.
    void DadDone(Ipv6Address hoa);
    /// Accepts a binding and answers.
    void AcceptBinding(Ipv6Address hoa,
                       Ipv6Address coa,
                       uint16_t seq,
                       uint16_t flags,
                       Time lifetime);
    /// Removes a binding (de-registration or expiry).
    void RemoveBinding(Ipv6Address hoa);
    /// Binding lifetime expired.
    void ExpireBinding(Ipv6Address hoa);
    /// Builds and sends a BA.
    void SendBindingAck(Ipv6Address hoa,
                        Ipv6Address coa,
                        uint8_t status,
                        uint16_t seq,
                        Time lifetime,
                        uint8_t flags);
    /// Builds and sends a BE.
    void SendBindingError(Ipv6Address to, Ipv6Address hoa, uint8_t status);
    /// Signalling context toward \p coa for \p hoa.
    Mip6SignalingContext MakeContext(Ipv6Address hoa, Ipv6Address coa) const;
    /// Tunnel: inner packet routed to a bound home address.
    void TunnelSend(Ptr<Packet> inner);
    /// Tunnel: may this decapsulated packet enter the home network?
    bool TunnelAccept(Ptr<const Packet> inner, const Ipv6Header& outer);
    /// Home link ICMPv6 watcher: proxy NA for bound HoAs, NA that defends a HoA under DAD.
    void HandleHomeIcmp(Ptr<Socket> socket);
    /// \param hoa a home address \return the MN id set for it (0 if none)
    uint32_t MnIdOf(Ipv6Address hoa) const;
    /// Tags a signalling packet for the overhead meter.
    void TagSignaling(Ptr<Packet> p, const std::string& message, Ipv6Address hoa) const;
    /**
     * Sends a proxy Neighbor Advertisement for a bound home address on the home link.
     * \param target the HoA
     * \param dst the destination (the soliciting node, or all nodes)
     * \param solicited the S flag
     */
    void SendProxyNa(Ipv6Address target, Ipv6Address dst, bool solicited);
    /// Counts and traces a drop.
    void Drop(Ptr<const Packet> p, const std::string& reason);

    /// A BU waiting for the end of DAD.
    struct PendingDad
    {
        Ipv6Address coa;      ///< CoA to bind
        uint16_t seq{0};      ///< sequence number to answer
        uint16_t flags{0};    ///< BU flags
        Time lifetime;        ///< lifetime to grant
        bool conflict{false}; ///< a node defended the address
        EventId done;         ///< end of the wait
    };

    Ipv6Address m_haAddress;    //!< HA address on the home link
    Ipv6Address m_homePrefix;   //!< home prefix
    uint8_t m_homePrefixLength; //!< its length
    uint32_t m_homeInterface;   //!< IPv6 interface of the home link
    Time m_dadDelay;            //!< DAD wait
    bool m_dadOnEveryBu;        //!< run DAD on every home BU (xMIPv6 / 2017 model behaviour)
    Time m_maxLifetime;         //!< longest lifetime granted
    Time m_refreshAdvice;       //!< Binding Refresh Advice interval (0: not sent)
    bool m_homeRegistration;    //!< home registration supported
    bool m_proxyNd;             //!< answer NS for bound HoAs on the home link

    Ptr<Mip6L4Protocol> m_l4;                             //!< MH protocol
    Ptr<Mip6Tunnel> m_tunnel;                             //!< the tunnel
    Ptr<Mip6HaSecurity> m_security;                       //!< HA side of the design
    Ptr<Socket> m_icmpSocket;                             //!< home-link ICMPv6 watcher
    std::map<Ipv6Address, Mip6BindingCacheEntry> m_cache; //!< binding cache
    std::map<Ipv6Address, PendingDad> m_pendingDad;       //!< DAD in progress
    std::set<Ipv6Address> m_served;                       //!< served HoAs (empty: the whole prefix)
    std::map<std::string, uint64_t> m_drops;              //!< drops by reason
    std::map<Ipv6Address, uint32_t> m_mnIds;              //!< MN ids for the overhead tags

    TracedCallback<Ipv6Address, Ipv6Address, uint16_t> m_buRxTrace; //!< BU accepted for processing
    TracedCallback<Ipv6Address, Ipv6Address, uint8_t, uint16_t> m_baTxTrace; //!< BA sent
    TracedCallback<Ipv6Address> m_expiredTrace; //!< binding expired or removed
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace; //!< drop with reason
};

} // namespace ns3

#endif /* MIP6_HOME_AGENT_H */
