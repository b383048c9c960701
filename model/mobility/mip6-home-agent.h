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
#include <optional>
#include <set>
#include <vector>

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
 *
 * Multiple care-of addresses (RFC 5648, attribute MultipleCoaSupport): the cache is keyed by
 * (home address, Binding ID); a home BU with Binding Identifier options registers, refreshes or
 * removes each BID (bulk or per-BID registration) and the BA echoes every BID with its status.
 * The tunnel sends each packet to the care-of address of the matching RFC 6089 flow binding, else
 * to the primary binding (Mip6BindingIsPreferred). The security design hears
 * NotifyBindingUpdated when the primary care-of address changes and NotifyBindingRemoved when the
 * last binding of the home address goes (doc/mip6.rst, "Multiple care-of addresses").
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

    /**
     * \param hoa home address
     * \return its primary binding (the only one without MCoA), or nullptr
     */
    const Mip6BindingCacheEntry* GetBinding(Ipv6Address hoa) const;
    /**
     * \param hoa home address
     * \return every binding of the home address, primary first (Mip6BindingIsPreferred order)
     */
    std::vector<Mip6BindingCacheEntry> GetBindings(Ipv6Address hoa) const;
    /**
     * \param hoa home address
     * \return its flow bindings (RFC 6089), in (FID-PRI, FID) order
     */
    std::vector<Mip6FlowBinding> GetFlowBindings(Ipv6Address hoa) const;
    /// \return the number of binding cache entries: one per (home address, Binding ID)
    uint32_t GetNBindings() const;
    /// \return the home address of every binding
    std::vector<Ipv6Address> GetBoundHomeAddresses() const;
    /// \param reason a drop reason \return how many messages were dropped for it
    uint64_t GetDropCount(const std::string& reason) const;

    /// TracedCallback signature for BA sent: home address, CoA, status, sequence number.
    typedef void (*BaTracedCallback)(Ipv6Address, Ipv6Address, uint8_t, uint16_t);
    /// TracedCallback signature for one binding (home address, BID) removed.
    typedef void (*BindingIdTracedCallback)(Ipv6Address, uint16_t);

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

    /// One Binding Identifier of a BU and the HA's decision on it (RFC 5648 §5.3, §6.1).
    struct McoaItem
    {
        uint16_t bid{0};     ///< Binding ID
        uint8_t status{0};   ///< per-BID status (below 128: accepted)
        uint8_t priority{0}; ///< BID-PRI
        bool h{false};       ///< H flag as received
        bool remove{false};  ///< accepted as a de-registration of this BID
        Ipv6Address coa;     ///< the CoA to bind
    };

    /// A home BU with Binding Identifier options, evaluated (RFC 5648 §6.2).
    struct McoaPlan
    {
        uint16_t seq{0};                     ///< Sequence #
        uint16_t flags{0};                   ///< BU flags
        Time lifetime;                       ///< lifetime to grant (0: de-registration)
        bool overwrite{false};               ///< O: replace every binding of the home address
        Ipv6Address replyTo;                 ///< the BU's source: the BA's destination
        std::vector<McoaItem> items;         ///< one per BID option, in BU order
        std::vector<Mip6Option> flowOptions; ///< the BU's Flow Identification options
    };

    /// A BU waiting for the end of DAD.
    struct PendingDad
    {
        Ipv6Address coa;      ///< CoA to bind
        uint16_t seq{0};      ///< sequence number to answer
        uint16_t flags{0};    ///< BU flags
        Time lifetime;        ///< lifetime to grant
        bool conflict{false}; ///< a node defended the address
        EventId done;         ///< end of the wait
        /// The MCoA BUs to commit instead (RFC 5648), one per BID set: per-BID registration
        /// sends one BU per BID, each answered when DAD ends.
        std::vector<McoaPlan> mcoa;
    };

    /// Everything the HA holds for one home address.
    struct HomeBindings
    {
        std::map<uint16_t, Mip6BindingCacheEntry> byBid; ///< bindings by BID (0: no MCoA)
        std::map<uint16_t, Mip6FlowBinding> flows;       ///< RFC 6089 flow bindings by FID
        uint16_t lastSequence{0};                        ///< last accepted Sequence #
        Ipv6Address notifiedCoa;                         ///< primary CoA the design knows
    };

    /// \param hb a home address's bindings (not empty) \return the primary binding
    static const Mip6BindingCacheEntry& Primary(const HomeBindings& hb);

    /**
     * RFC 5648 §5.3, §6.2: a home BU carrying Binding Identifier options.
     * \param bu the BU
     * \param hoa the home address
     * \param src the BU's source address
     */
    void ProcessMcoaBindingUpdate(const Mip6BindingUpdateHeader& bu,
                                  Ipv6Address hoa,
                                  Ipv6Address src);
    /**
     * Applies the accepted items of a plan to the cache, then the flow bindings, and answers.
     * \param hoa the home address
     * \param plan the evaluated BU
     */
    void CommitMcoa(Ipv6Address hoa, const McoaPlan& plan);
    /**
     * RFC 6089 §5: applies the BU's Flow Identification options to the home address's flows.
     * An option with the reserved FID 0 or FID-PRI 0 (§4.2) is answered 130 (malformed), stores
     * nothing and is counted as the drop reason "flow-id-reserved".
     * \param hoa the home address (its cache entry exists)
     * \param plan the evaluated BU
     * \return the FID options to echo in the BA, each with its status
     */
    std::vector<Mip6Option> ProcessFlowOptions(Ipv6Address hoa, const McoaPlan& plan);
    /**
     * Sends the BA of an MCoA BU: every BID option echoed with its per-BID status.
     * \param hoa the home address
     * \param plan the evaluated BU
     * \param status the BA status
     * \param extra further options (the echoed FID options)
     */
    void SendMcoaAck(Ipv6Address hoa,
                     const McoaPlan& plan,
                     uint8_t status,
                     const std::vector<Mip6Option>& extra = {});
    /**
     * Starts DAD for \p hoa before the BA of a new binding (RFC 6275 §10.3.1).
     * \param hoa the home address
     * \param pending what to do when DAD ends
     * \return false when DAD cannot run on the home link
     */
    bool StartDad(Ipv6Address hoa, PendingDad pending);
    /// End of the DAD wait for \p hoa.
    void DadDone(Ipv6Address hoa);
    /// Accepts a binding and answers.
    void AcceptBinding(Ipv6Address hoa,
                       Ipv6Address coa,
                       uint16_t seq,
                       uint16_t flags,
                       Time lifetime);
    /// Removes every binding of \p hoa (de-registration or expiry of the last one).
    void RemoveBinding(Ipv6Address hoa);
    /**
     * Removes one (home address, BID) binding; the last one removes the home address.
     * \param hoa the home address
     * \param bid the Binding ID
     */
    void RemoveBindingId(Ipv6Address hoa, uint16_t bid);
    /**
     * A binding's lifetime expired.
     * \param hoa the home address
     * \param bid the Binding ID (0 without MCoA)
     */
    void ExpireBinding(Ipv6Address hoa, uint16_t bid);
    /**
     * Tells the security design when the primary CoA of \p hoa changed since it last heard.
     * \param hoa the home address (its cache entry exists)
     */
    void NotifyPrimary(Ipv6Address hoa);
    /**
     * Installs the tunnel host route and sends the proxy NA for a newly bound home address.
     * \param hoa the home address
     */
    void InstallHomeAddress(Ipv6Address hoa);
    /// \param flags the BU flags \return the BA flags (K when the design can follow the CoA)
    uint8_t BaFlagsFor(uint16_t flags) const;
    /**
     * Builds and sends a BA.
     * \param hoa the home address
     * \param coa the destination (the CoA)
     * \param status the BA status
     * \param seq the Sequence #
     * \param lifetime the lifetime granted
     * \param flags the BA flags
     * \param extra options to carry (RFC 5648 BID, RFC 6089 FID echoes)
     */
    void SendBindingAck(Ipv6Address hoa,
                        Ipv6Address coa,
                        uint8_t status,
                        uint16_t seq,
                        Time lifetime,
                        uint8_t flags,
                        const std::vector<Mip6Option>& extra = {});
    /// Builds and sends a BE.
    void SendBindingError(Ipv6Address to, Ipv6Address hoa, uint8_t status);
    /// Signalling context toward \p coa for \p hoa.
    Mip6SignalingContext MakeContext(Ipv6Address hoa, Ipv6Address coa) const;
    /// Tunnel: inner packet routed to a bound home address.
    void TunnelSend(Ptr<Packet> inner);
    /**
     * The CoA for one packet to a bound home address: the first matching flow binding's first
     * registered BID (RFC 6089 §5.2), else the primary binding (RFC 5648 §5.7).
     * \param hoa the home address (its cache entry exists)
     * \param inner the inner packet, IPv6 header first
     * \return the care-of address
     */
    Ipv6Address SelectCareOf(Ipv6Address hoa, Ptr<const Packet> inner) const;
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

    Ipv6Address m_haAddress;        //!< HA address on the home link
    Ipv6Address m_homePrefix;       //!< home prefix
    uint8_t m_homePrefixLength;     //!< its length
    uint32_t m_homeInterface;       //!< IPv6 interface of the home link
    Time m_dadDelay;                //!< DAD wait
    bool m_dadOnEveryBu;            //!< run DAD on every home BU (xMIPv6 / 2017 model behaviour)
    Time m_maxLifetime;             //!< longest lifetime granted
    Time m_refreshAdvice;           //!< Binding Refresh Advice interval (0: not sent)
    bool m_homeRegistration;        //!< home registration supported
    bool m_proxyNd;                 //!< answer NS for bound HoAs on the home link
    bool m_multipleCoa;             //!< RFC 5648 MCoA: honour Binding Identifier options
    bool m_bulkRegistration;        //!< accept several BIDs in one BU (else 168)
    bool m_simultaneousHomeForeign; //!< accept the H flag of a BID (else 169)

    Ptr<Mip6L4Protocol> m_l4;                       //!< MH protocol
    Ptr<Mip6Tunnel> m_tunnel;                       //!< the tunnel
    Ptr<Mip6HaSecurity> m_security;                 //!< HA side of the design
    Ptr<Socket> m_icmpSocket;                       //!< home-link ICMPv6 watcher
    std::map<Ipv6Address, HomeBindings> m_cache;    //!< binding cache
    std::map<Ipv6Address, PendingDad> m_pendingDad; //!< DAD in progress
    std::set<Ipv6Address> m_served;                 //!< served HoAs (empty: the whole prefix)
    std::map<std::string, uint64_t> m_drops;        //!< drops by reason
    std::map<Ipv6Address, uint32_t> m_mnIds;        //!< MN ids for the overhead tags

    TracedCallback<Ipv6Address, Ipv6Address, uint16_t> m_buRxTrace; //!< BU accepted for processing
    TracedCallback<Ipv6Address, Ipv6Address, uint8_t, uint16_t> m_baTxTrace; //!< BA sent
    TracedCallback<Ipv6Address> m_expiredTrace;              //!< binding expired or removed
    TracedCallback<Ipv6Address, uint16_t> m_bidRemovedTrace; //!< one (HoA, BID) removed
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace; //!< drop with reason
};

} // namespace ns3

#endif /* MIP6_HOME_AGENT_H */
