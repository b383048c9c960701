/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_MOBILE_NODE_H
#define MIP6_MOBILE_NODE_H

#include "ns3/application.h"
#include "ns3/mip6-binding-cache.h"
#include "ns3/mip6-l4-protocol.h"
#include "ns3/mip6-mn-routing.h"
#include "ns3/mip6-movement-detector.h"
#include "ns3/mip6-security-design.h"
#include "ns3/mip6-tunnel.h"
#include "ns3/traced-callback.h"
#include "ns3/wifi-net-device.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6
 * The Mobile Node of RFC 6275 §11: home registration from each new care-of address (H and A set,
 * K when configured, Alternate CoA option in every home BU, lifetime in 4-s units), a binding
 * update list entry for its HA, retransmissions (§11.8: InitialBindackTimeoutFirstReg for the first
 * registration, INITIAL_BINDACK_TIMEOUT otherwise, doubled up to MAX_BINDACK_TIMEOUT, a new
 * sequence number each time), binding refresh before expiry (honouring Binding Refresh Advice),
 * status 135 resynchronisation, de-registration, and the bidirectional tunnel with the home address
 * on the tunnel interface. Movement detection comes from a Mip6MovementDetector; security goes only
 * through the installed Mip6MnSecurity (DESIGN.md §2).
 *
 * Multihoming: AddAccess() gives the MN several accesses (WLAN, LTE, the abstract cell), each with
 * its own Mip6AccessMonitor. The routing policy picks the primary care-of address among the usable
 * ones by AccessPreference (the first technology listed with a usable CoA wins). With a single
 * binding (the default) a change of the primary CoA is a handover like any other: `soft` when the
 * old access still works (make-before-break), `hard` when it was lost. With MultipleCoa (RFC 5648)
 * every usable CoA is registered under its own Binding ID (1, 2 … in AddAccess order), in one bulk
 * BU or one BU per BID; a lost CoA's BID is de-registered from a remaining CoA (RFC 5648 §5), and
 * the tunnel leaves from the primary CoA while the HA may send over any registered one.
 */
class Mip6MobileNode : public Application
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6MobileNode();
    ~Mip6MobileNode() override;

    /// \param security the MN side of the security design (set before start)
    void SetSecurity(Ptr<Mip6MnSecurity> security);
    /// \return the MN side of the security design
    Ptr<Mip6MnSecurity> GetSecurity() const;

    /**
     * A WLAN access interface to watch (set before start): the default movement detector
     * (Mip6MovementDetector) watches it.
     * \param device the WiFi station device
     */
    void SetAccessDevice(Ptr<WifiNetDevice> device);

    /**
     * The access to watch, for any technology (set before start; replaces the default WLAN
     * movement detector).
     * \param monitor the access monitor (its device must have an IPv6 interface on this node)
     */
    void SetAccessMonitor(Ptr<Mip6AccessMonitor> monitor);

    /**
     * Adds an access (set before start): the first one replaces the default WLAN movement
     * detector unless SetAccessDevice gave it a device; each further one makes the MN multihomed.
     * Its Binding ID under MCoA is its position, from 1.
     * \param monitor the access monitor (its device must have an IPv6 interface on this node)
     */
    void AddAccess(Ptr<Mip6AccessMonitor> monitor);
    /// \return the accesses, in AddAccess order
    std::vector<Ptr<Mip6AccessMonitor>> GetAccessMonitors() const;
    /// \return the first access monitor (its traces give the L2 and CoA events)
    Ptr<Mip6AccessMonitor> GetMovementDetector() const;
    /// \return the index (AddAccess order) of the access of the primary CoA, -1 if none
    int32_t GetPrimaryAccess() const;
    /// \return the care-of address in use (the primary one; :: if none)
    Ipv6Address GetCareOfAddress() const;
    /**
     * \param bid a Binding ID
     * \return whether the HA accepted a registration of that BID that still holds (MCoA)
     */
    bool IsBidRegistered(uint16_t bid) const;
    /// \return whether RFC 5648 multiple-CoA registration is in force (false after a fallback)
    bool IsMcoaActive() const;
    /// \return the binding update list entry for the HA
    const Mip6BindingUpdateListEntry& GetBindingUpdateListEntry() const;
    /// \return the tunnel (nullptr before start)
    Ptr<Mip6Tunnel> GetTunnel() const;
    /// \return whether the MN holds an accepted home registration for its current CoA
    bool IsRegistered() const;
    /// \return the home address
    Ipv6Address GetHomeAddress() const;
    /// \return the home agent address
    Ipv6Address GetHomeAgentAddress() const;
    /// \param reason a drop reason \return how many messages were dropped for it
    uint64_t GetDropCount(const std::string& reason) const;

    /**
     * Ends the home registration: a BU with lifetime 0 (RFC 6275 §11.5.4) from the CoA, the MN
     * leaving the service while away. On the home link the MN de-registers by itself.
     */
    void Deregister();

    /// \return whether the MN is on its home link
    bool IsAtHome() const;

    /// BU sent: sequence, CoA, lifetime, whether it is a retransmission.
    typedef void (*BuTracedCallback)(uint16_t, Ipv6Address, Time, bool);
    /// BA received: status, sequence, granted lifetime.
    typedef void (*BaTracedCallback)(uint8_t, uint16_t, Time);
    /// Home address assigned by the design: old (:: when none), new.
    typedef void (*HomeAddressTracedCallback)(Ipv6Address, Ipv6Address);
    /**
     * A handover decision of a multihomed MN: kind (hard, soft, add-coa, remove-coa), access
     * left (index, -1 if none), access joined or kept (index), old CoA, new CoA (the added, kept
     * or remaining one), BID (0 for a single binding).
     */
    typedef void (*HandoverTracedCallback)(const std::string&,
                                           int32_t,
                                           int32_t,
                                           Ipv6Address,
                                           Ipv6Address,
                                           uint16_t);
    /// MCoA BU sent: sequence, lifetime, BIDs it carries, source CoA.
    typedef void (*McoaBuTracedCallback)(uint16_t, Time, const std::vector<uint16_t>&, Ipv6Address);
    /// MCoA per-BID result: BID, status, sequence.
    typedef void (*BidStatusTracedCallback)(uint16_t, uint8_t, uint16_t);

  protected:
    void DoDispose() override;

  private:
    /// One access of the MN and, under MCoA, its binding (BUL entry per BID).
    struct Access
    {
        Ptr<Mip6AccessMonitor> monitor; ///< its movement detection
        uint16_t bid{0};                ///< its Binding ID (1, 2 … in AddAccess order)
        Ipv6Address coa;                ///< its current CoA (:: if none yet)
        bool usable{false};             ///< the CoA may be used (usable, L2 not lost since)
        Mip6BindingUpdateListEntry bul; ///< MCoA: BUL entry of this BID
        bool bidRegistered{false};      ///< MCoA: the HA holds this BID (for bul.careOfAddress)
        Ipv6Address registeredCoa;      ///< MCoA: the CoA the HA holds for this BID (:: if none)
        bool removing{false};           ///< MCoA: its de-registration is outstanding
        bool preparing{false};          ///< MCoA: the design's ADD_COA/REMOVE_COA hook runs
        Time backoff;                   ///< MCoA: back-off after a rejecting per-BID status
        EventId retry;                  ///< MCoA: end of that back-off
    };

    /// One MCoA BU sent and not yet answered.
    struct McoaBu
    {
        std::vector<uint32_t> accesses; ///< the accesses whose BIDs it carries
        Time lifetime;                  ///< requested lifetime
        Time timeout;                   ///< its BA timeout
        EventId timer;                  ///< retransmission timer
    };

    void StartApplication() override;
    void StopApplication() override;

    /// \return whether the MN has several accesses or runs MCoA (the multihoming paths)
    bool IsMultiAccess() const;
    /// \return the preference rank of a technology in AccessPreference (lower is better)
    uint32_t PreferenceRank(const std::string& technology) const;
    /// \return the best access with a usable CoA, -1 if none
    int32_t ChoosePrimary() const;
    /// Gives the routing policy the usable CoAs and the primary interface.
    void UpdateRoutingAccesses();
    /// Access \p i: its CoA may be used.
    void AccessCoaUsable(uint32_t i, Ipv6Address coa);
    /// Access \p i: L2 lost.
    void AccessL2Lost(uint32_t i, Time lastFrame);
    /// Access \p i: its CoA can no longer be used.
    void AccessCoaLost(uint32_t i, Ipv6Address coa);
    /// Access \p i: on the home link.
    void AccessHome(uint32_t i, Ipv6Address prefix);
    /// Access \p i lost its CoA (L2 lost or CoA lost).
    void AccessUnusable(uint32_t i);
    /// Single binding, multihomed: moves the binding to the best usable CoA if it changed.
    void SelectPrimary();
    /// MCoA: re-selects the primary CoA, then registers and de-registers BIDs as needed.
    void McoaUpdate();
    /// MCoA: sends the BUs the accesses need (new or changed CoAs, lost CoAs).
    void McoaSendPending();
    /// MCoA: McoaSendPending once the events of this instant are processed.
    void McoaSchedule();
    /// MCoA: the design's hook before registering (\p add) or de-registering a BID.
    void McoaPrepare(uint32_t i, bool add);
    /// MCoA: that hook finished.
    void McoaPrepareDone(uint32_t i, bool add, bool ok);
    /**
     * MCoA: sends one BU carrying the BIDs of \p accesses (RFC 5648 §5 bulk registration when
     * there are several; de-registration with lifetime 0).
     * \param accesses the accesses
     * \param lifetime requested lifetime
     * \param timeout BA timeout
     * \param retransmission whether it repeats an unanswered BU
     */
    void SendMcoaBu(const std::vector<uint32_t>& accesses,
                    Time lifetime,
                    Time timeout,
                    bool retransmission);
    /// MCoA: no BA for the BU with sequence \p seq (RFC 6275 §11.8 back-off).
    void McoaBuTimeout(uint16_t seq);
    /// MCoA: the back-off after a rejecting per-BID status ended.
    void McoaRetry(uint32_t i);
    /// MCoA: processes a BA (RFC 5648 §6.1: a per-BID status overrides the BA status).
    void ProcessMcoaAck(const Mip6BindingAckHeader& ba);
    /// MCoA: the HA answered without BID options: fall back to a single binding (RFC 5648 §5).
    void McoaFallback();
    /// MCoA: forgets every outstanding MCoA BU and every BID registration (before a
    /// single-binding de-registration, or on fallback); running design hooks are left alone.
    void McoaForgetBindings();
    /// \return the access whose CoA MCoA signalling leaves from now (the primary), -1 if none
    int32_t McoaSourceAccess() const;
    /// \return the CoA tunnelled data leaves from: the current CoA, except under MCoA while the
    /// primary CoA's BID is not yet accepted, when a CoA the HA already holds carries it
    Ipv6Address DataCareOfAddress() const;
    /// \return the monitor of the primary access (the first access while there is none)
    Ptr<Mip6AccessMonitor> PrimaryMonitor() const;
    /// \return the monitor of the access on the home link (the first access if none)
    Ptr<Mip6AccessMonitor> HomeMonitor() const;

    /// The detector says the new CoA may be used.
    void CoaUsable(Ipv6Address coa);
    /// The detector saw the home prefix: the MN is back on its home link (RFC 6275 §11.5.4).
    void ReturnedHome(Ipv6Address prefix);
    /// Puts the HoA on (or takes it off) the access interface while the MN is at home.
    void AttachHomeAddressToLink(bool attach);
    /// Moves the HoA (tunnel interface, BUL, routing policy) to one the design assigned.
    void MoveHomeAddress(Ipv6Address hoa);
    /// Sends the lifetime-0 BU that ends the home registration.
    void StartDeregistration();
    /// The home registration has ended (an accepted lifetime-0 BU, or no binding to end).
    void DeregistrationDone();
    /// \return the care-of address a BU carries now (the HoA at home)
    Ipv6Address CurrentCareOfAddress() const;
    /// Bootstrap finished.
    void BootstrapDone(Ipv6Address coa, bool ok);
    /// Runs the design's PrepareHandover for a CoA change.
    void PrepareHandover(Ipv6Address oldCoa, Ipv6Address newCoa);
    /// PrepareHandover for the change oldCoa → coa finished.
    void PrepareDone(Ipv6Address oldCoa, Ipv6Address coa, bool ok);
    /// Runs the design's Bootstrap from the current CoA.
    void StartBootstrap();
    /// \return the next back-off delay after a failed design hook (doubles up to the maximum)
    Time NextSecurityRetryDelay();
    /// The design answered a rejecting BA (sequence of the rejected BU, whether it corrected the
    /// cause).
    void RejectionHandled(uint16_t sequence, bool corrected);
    /// Sends a new BU after a rejection, once the back-off has passed.
    void RetryAfterRejection();
    /// Starts a new registration (new CoA or refresh) and sends its first BU.
    void StartRegistration(bool refresh);
    /// Sends a BU with the next sequence number.
    void SendBindingUpdate(Time lifetime, bool retransmission);
    /// Retransmission timer.
    void RetransmitTimeout();
    /// Refresh timer.
    void Refresh();
    /// A validated MH from the L4 protocol.
    void ReceiveMh(Ptr<Packet> mh, const Mip6RxContext& ctx);
    /// An MH the design accepted, once the CPU has verified it (Mip6ProcessingDelay).
    void ProcessMh(Ptr<Packet> mh, const Mip6RxContext& ctx);
    /// Process a BA (RFC 6275 §11.7.3).
    void ProcessBindingAck(const Mip6BindingAckHeader& ba);
    /// Tunnel: an inner packet to carry to the HA.
    void TunnelSend(Ptr<Packet> inner);
    /// Tunnel: may this decapsulated packet be delivered?
    bool TunnelAccept(Ptr<const Packet> inner, const Ipv6Header& outer);
    /// Signalling context for the current CoA.
    Mip6SignalingContext MakeContext() const;
    /// Counts and traces a drop.
    void Drop(Ptr<const Packet> p, const std::string& reason);

    Ipv6Address m_hoa;             //!< home address
    Ipv6Address m_ha;              //!< home agent
    Ipv6Address m_homePrefix;      //!< home prefix
    uint8_t m_homePrefixLength;    //!< its length
    Time m_lifetime;               //!< requested binding lifetime
    Time m_initialTimeoutFirstReg; //!< InitialBindackTimeoutFirstReg
    Time m_initialTimeout;         //!< INITIAL_BINDACK_TIMEOUT
    Time m_maxTimeout;             //!< MAX_BINDACK_TIMEOUT
    double m_refreshFraction;      //!< refresh when this fraction of the lifetime has passed
    bool m_kFlag;                  //!< set K in home BUs
    uint16_t m_initialSequence;    //!< first sequence number

    Ptr<Mip6AccessMonitor> m_detector;       //!< movement detection on the first access
    bool m_defaultDetector{true};            //!< m_detector is the unconfigured default
    std::vector<Access> m_accesses;          //!< every access (the first is m_detector)
    int32_t m_primary{-1};                   //!< access of the primary CoA
    int32_t m_homeAccess{-1};                //!< access that reached the home link
    std::string m_accessPreference;          //!< technologies, best first
    bool m_multipleCoa{false};               //!< MultipleCoa attribute
    bool m_bulkRegistration{true};           //!< BulkRegistration attribute
    bool m_mcoaActive{false};                //!< MCoA in force (until a fallback)
    bool m_mcoaPrimaryPending{false};        //!< MCoA: PrepareHandover for the primary runs
    EventId m_mcoaSend;                      //!< MCoA: pending McoaSendPending
    std::map<uint16_t, McoaBu> m_mcoaBus;    //!< MCoA BUs awaiting a BA, by sequence
    Ptr<Mip6L4Protocol> m_l4;                //!< MH protocol
    Ptr<Mip6Tunnel> m_tunnel;                //!< the tunnel
    Ptr<Mip6MnRouting> m_routing;            //!< tunnel policy
    Ptr<Mip6MnSecurity> m_security;          //!< MN side of the design
    Mip6BindingUpdateListEntry m_bul;        //!< BUL entry for the HA
    bool m_bootstrapped{false};              //!< bootstrap done
    bool m_bootstrapping{false};             //!< bootstrap in progress
    Ipv6Address m_coa;                       //!< CoA in use (usable)
    Ipv6Address m_pendingCoa;                //!< CoA waiting for the design
    bool m_deregistering{false};             //!< lifetime-0 BU outstanding
    bool m_atHome{false};                    //!< on the home link
    EventId m_retransmit;                    //!< retransmission timer
    Time m_securityRetryTimeout;             //!< first back-off after a failed design hook
    Time m_securityRetryDelay;               //!< current back-off after a failed design hook
    EventId m_securityRetry;                 //!< retry of a failed design hook
    EventId m_refresh;                       //!< refresh timer
    std::map<std::string, uint64_t> m_drops; //!< drops by reason

    TracedCallback<Ipv6Address, bool>
        m_securityStartTrace; //!< design hook started (CoA, bootstrap?)
    TracedCallback<Ipv6Address, bool> m_securityDoneTrace; //!< design hook done (CoA, success)
    TracedCallback<uint16_t, Ipv6Address, Time, bool> m_buTxTrace; //!< BU sent
    TracedCallback<uint8_t, uint16_t, Time>
        m_baRxTrace;                                  //!< BA received and accepted for processing
    TracedCallback<Ipv6Address, uint8_t> m_beRxTrace; //!< BE received (HoA, status)
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace; //!< drop with reason
    TracedCallback<Ipv6Address, Ipv6Address> m_hoaAssignedTrace;       //!< HoA assigned (old, new)
    /// multihomed handover decision
    TracedCallback<const std::string&, int32_t, int32_t, Ipv6Address, Ipv6Address, uint16_t>
        m_handoverTrace;
    /// MCoA BU sent
    TracedCallback<uint16_t, Time, const std::vector<uint16_t>&, Ipv6Address> m_mcoaBuTrace;
    TracedCallback<uint16_t, uint8_t, uint16_t> m_bidStatusTrace; //!< MCoA per-BID result
    TracedCallback<> m_mcoaFallbackTrace;                         //!< MCoA fell back
};

} // namespace ns3

#endif /* MIP6_MOBILE_NODE_H */
