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

    /// \return the access monitor (its traces give the L2 and CoA events)
    Ptr<Mip6AccessMonitor> GetMovementDetector() const;
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

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

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

    Ptr<Mip6AccessMonitor> m_detector;       //!< movement detection on the access
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
};

} // namespace ns3

#endif /* MIP6_MOBILE_NODE_H */
