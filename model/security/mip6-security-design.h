/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_SECURITY_DESIGN_H
#define MIP6_SECURITY_DESIGN_H

#include "ns3/callback.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-route.h"
#include "ns3/mip6-header.h"
#include "ns3/mip6-l4-protocol.h"
#include "ns3/node.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6
 * What changed at the Mobile Node when the mobility core calls PrepareHandover (DESIGN.md §2).
 */
struct Mip6CoaChange
{
    /// The kind of change.
    enum Kind
    {
        NEW_COA,     ///< a new primary care-of address replaces the old one (or the first one)
        COA_LOST,    ///< the care-of address went away and no other is usable
        RETURN_HOME, ///< the MN is back on its home link
        /// MCoA (RFC 5648): a CoA that is not the primary one is registered under its own BID
        /// (only for a design whose Mip6MnSecurity::WantsAllCoaChanges() is true)
        ADD_COA,
        /// MCoA (RFC 5648 §5): the BID of a lost CoA that is not the primary one is
        /// de-registered (only for a design whose Mip6MnSecurity::WantsAllCoaChanges() is true)
        REMOVE_COA,
    };

    Kind kind{NEW_COA};  ///< what happened
    Ipv6Address oldCoa;  ///< previous CoA (:: if none)
    Ipv6Address newCoa;  ///< new CoA (:: if none)
    uint32_t ifIndex{0}; ///< MN interface of the new CoA
    /// MCoA: the Binding ID of the CoA concerned (RFC 5648 §6.1); 0 for a single binding
    uint16_t bid{0};
};

/**
 * \ingroup mip6
 * The addressing of one MN–HA signalling packet as the mobility core sees it. A design may send it
 * differently (ESP between the extension headers and the MH, or in UDP with no HAO/RH2); the
 * context tells it what the unprotected packet would have been.
 */
struct Mip6SignalingContext
{
    Ptr<Node> node;         ///< the sending node
    Ptr<Mip6L4Protocol> l4; ///< the node's Mobility Header protocol (plain send path)
    uint32_t mnId{0};       ///< the MN this exchange is about (node id of the MN)
    Ipv6Address hoa;        ///< the MN's home address
    Ipv6Address ha;         ///< the home agent's address
    Ipv6Address coa;        ///< the MN's care-of address in use
    Ipv6Address src;        ///< outer source of the unprotected packet
    Ipv6Address dst;        ///< outer destination of the unprotected packet
    bool away{true};        ///< true: HAO (BU) / Type 2 RH (BA) are needed
    Ptr<Ipv6Route> route;   ///< explicit route for the outer packet (nullptr: routing decides)
};

/**
 * \ingroup mip6
 * A design's decision on a received message: accept, or reject with a reason that the caller counts
 * and traces (DESIGN.md §2: never a silent drop).
 */
struct Mip6Verdict
{
    bool accepted{true}; ///< true when the message may be processed
    std::string reason;  ///< short stable reason when rejected (e.g. "bad-icv", "replay")
    /// For a rejected BU: the BA status to answer with (e.g. 146 under RFC 4285); 0 = drop silently
    uint8_t baStatus{0};

    /// \return an accepting verdict
    static Mip6Verdict Accept();
    /**
     * \param reason why
     * \param baStatus BA status to answer a rejected BU with (0: no answer)
     * \return a rejecting verdict
     */
    static Mip6Verdict Reject(const std::string& reason, uint8_t baStatus = 0);
};

/**
 * \ingroup mip6
 * Per-MN security state held by a node (DESIGN.md §4.4 columns).
 */
struct Mip6SecurityState
{
    uint32_t saCount{0};    ///< security associations (each direction counts)
    uint32_t spdEntries{0}; ///< security policy entries
    uint32_t ikeSas{0};     ///< IKE SAs
    uint32_t hacRecords{0}; ///< MN records at an HA-Controller
    uint64_t keyBytes{0};   ///< bytes of key material held
    uint64_t stateBytes{0}; ///< bytes of the objects holding per-MN security state
};

/**
 * \ingroup mip6
 * A control flow of a design (IKE, TLS to the HAC): it leaves from the CoA outside the tunnel.
 */
struct Mip6ControlEndpoint
{
    Ipv6Address remote;   ///< remote address
    uint8_t protocol{17}; ///< IP protocol (17 UDP, 6 TCP)
    uint16_t remotePort{
        0}; ///< remote port, for documentation: routing matches address and protocol
            ///< only (ns-3 routes a socket's packet before its transport header)
};

/**
 * \ingroup mip6
 * The Mobile Node side of a security design: the only way the mobility core reaches security
 * (DESIGN.md §2). The default implementations are those of an unprotected design; a design
 * overrides what it changes. Mobility code never asks which design runs.
 */
class Mip6MnSecurity : public Object
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();

    /**
     * Called once when the MN agent is installed.
     * \param node the MN node
     * \param hoa the home address
     * \param ha the home agent address
     */
    virtual void Setup(Ptr<Node> node, Ipv6Address hoa, Ipv6Address ha);

    /**
     * Runs the design's bootstrap before the first BU (IKE_SA_INIT + IKE_AUTH, TCP + TLS + MHAuth,
     * or nothing).
     * \param coa the CoA the bootstrap runs from
     * \param done called once with true when a protected BU may be sent, false on failure
     */
    virtual void Bootstrap(Ipv6Address coa, Callback<void, bool> done);

    /**
     * A CoA appeared, changed or went away. \p done fires when the BU for this change may be sent
     * (the BU goes out at that instant).
     * \param change what changed
     * \param done completion, with success
     */
    virtual void PrepareHandover(const Mip6CoaChange& change, Callback<void, bool> done);

    /**
     * Under MCoA (RFC 5648) the mobility core calls PrepareHandover with NEW_COA only when the
     * primary care-of address changes. A design that also wants to act on the registration or
     * de-registration of the other CoAs (kinds ADD_COA and REMOVE_COA, with their BID) returns
     * true; otherwise no hook runs for them and their BUs go out at once.
     * \return false by default
     */
    virtual bool WantsAllCoaChanges() const;

    /**
     * A verified BA rejected the home registration (status >= 128 other than 135, which the core
     * resolves itself by resynchronising the sequence number). RFC 6275 §11.7.3: the MN may
     * correct the cause and send a new BU, subject to the rate limit of §11.8. A design that can
     * correct the cause (RFC 4285 §6.1: resynchronise MESG-ID after 144; RFC 6618: a new HAC
     * exchange after 176) does so and calls \p done(true): the core sends a new BU at once.
     * \p done(false) leaves the retry to the core's back-off (InitialBindackTimeout doubled up
     * to MaxBindackTimeout). The default cannot correct anything.
     * \param ba the rejecting BA (already accepted by ReceiveSignaling)
     * \param done completion: true when the cause was corrected
     */
    virtual void RecoverFromRejection(const Mip6BindingAckHeader& ba, Callback<void, bool> done);

    /**
     * Adds flags or options to a BU while it is built, before padding and checksum are fixed.
     * A MAC over the final bytes is computed here with checksum 0.
     * \param bu the BU being built
     * \param ctx its addressing
     */
    virtual void DecorateBindingUpdate(Mip6BindingUpdateHeader& bu,
                                       const Mip6SignalingContext& ctx);

    /**
     * Sends a finished MH (checksum computed for the unprotected addressing).
     * \param mh the packet holding exactly the MH
     * \param ctx its addressing
     */
    virtual void SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx);

    /**
     * Checks a received MH (BA, BE, BRR) before the mobility core processes it.
     * \param mh the MH
     * \param ctx how it arrived
     * \return the verdict
     */
    virtual Mip6Verdict ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx);

    /**
     * Sends a packet from the tunnel interface to the HA (IPv6-in-IPv6 by default).
     * \param inner the inner IPv6 packet (header included)
     * \param ctx outer addressing (src = CoA, dst = HA)
     */
    virtual void SendData(Ptr<Packet> inner, const Mip6SignalingContext& ctx);

    /**
     * Decides whether a plain IPv6-in-IPv6 packet may be decapsulated (a design that protects
     * payload refuses it).
     * \param outer the outer header
     * \return the verdict
     */
    virtual Mip6Verdict AcceptPlainTunnel(const Ipv6Header& outer);

    /// \return the design's control flows, which bypass the tunnel
    virtual std::vector<Mip6ControlEndpoint> GetControlEndpoints() const;

    /// \return the MN's security state
    virtual Mip6SecurityState GetState() const;

    /// \return request/response exchanges on the critical path before the first BU (DESIGN.md §4.2)
    virtual uint32_t GetBootstrapRoundTrips() const;

    /**
     * DESIGN.md §4.2 `mhauth_plaintext_bytes`: the plaintext bytes of an authentication protocol
     * run inside a secure channel during the last bootstrap (MHAuth inside TLS for RFC 6618).
     * \return those bytes, or nothing for a design without one (the CSV then says NA)
     */
    virtual std::optional<uint64_t> GetMhAuthPlaintextBytes() const;

    /**
     * Whether this design assigns the home address during its bootstrap (RFC 4877 §9: IKEv2
     * CP(CFG_REPLY) INTERNAL_IP6_ADDRESS). Only then may the MN start without one (::).
     * \return false by default
     */
    virtual bool AssignsHomeAddress() const;

    /**
     * The home address the last successful Bootstrap assigned. The mobility core moves its HoA
     * to it before the first BU when it differs.
     * \return the address, or nothing (default; also before any assignment)
     */
    virtual std::optional<Ipv6Address> GetAssignedHomeAddress() const;

  protected:
    void DoDispose() override;

    Ptr<Node> m_node;  //!< the MN node
    Ipv6Address m_hoa; //!< home address
    Ipv6Address m_ha;  //!< home agent address
};

/**
 * \ingroup mip6
 * The Home Agent side of a security design (DESIGN.md §2). One object serves every MN.
 */
class Mip6HaSecurity : public Object
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();

    /**
     * Called once when the HA agent is installed.
     * \param node the HA node
     * \param ha the HA address
     */
    virtual void Setup(Ptr<Node> node, Ipv6Address ha);

    /**
     * Checks a received BU before the binding cache sees it.
     * \param mh the MH
     * \param ctx how it arrived
     * \return the verdict
     */
    virtual Mip6Verdict ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx);

    /**
     * Adds flags or options to a BA while it is built.
     * \param ba the BA being built
     * \param ctx its addressing
     */
    virtual void DecorateBindingAck(Mip6BindingAckHeader& ba, const Mip6SignalingContext& ctx);

    /**
     * Sends a finished MH (BA, BE) to the MN.
     * \param mh the packet holding exactly the MH
     * \param ctx its addressing
     */
    virtual void SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx);

    /**
     * The binding for \p hoa was accepted with a new CoA (the point where PF_KEY MIGRATE happens).
     * \param hoa the MN's home address
     * \param oldCoa previous CoA (:: if new)
     * \param newCoa new CoA
     */
    virtual void NotifyBindingUpdated(Ipv6Address hoa, Ipv6Address oldCoa, Ipv6Address newCoa);

    /**
     * Sends a packet from the HA's tunnel to the MN.
     * \param inner the inner IPv6 packet (header included)
     * \param ctx outer addressing (src = HA, dst = CoA)
     */
    virtual void SendData(Ptr<Packet> inner, const Mip6SignalingContext& ctx);

    /// \param outer the outer header \return whether a plain IPv6-in-IPv6 packet is acceptable
    virtual Mip6Verdict AcceptPlainTunnel(const Ipv6Header& outer);

    /**
     * The binding for \p hoa was removed (expiry or de-registration).
     * \param hoa the MN's home address
     */
    virtual void NotifyBindingRemoved(Ipv6Address hoa);

    /**
     * RFC 6275 §10.3.1: the HA sets K in the BA only when it can move its key management
     * endpoint with the CoA (IKE with K = 1); static keys and designs without IKE cannot.
     * \return whether K may be set
     */
    virtual bool SupportsKeyManagementMobility() const;

    /// \param hoa an MN's home address \return the state held for it
    virtual Mip6SecurityState GetState(Ipv6Address hoa) const;

    /**
     * The operator's provisioning: the MN on node \p mnId owns home address \p hoa. A design
     * that authorises or assigns HoAs per MN identity keeps it (RFC 4877 §5, §9: the PAD);
     * the default ignores it.
     * \param mnId the MN (node id)
     * \param hoa its home address
     */
    virtual void ProvisionHomeAddress(uint32_t mnId, Ipv6Address hoa);

  protected:
    void DoDispose() override;

    Ptr<Node> m_node; //!< the HA node
    Ipv6Address m_ha; //!< HA address
};

/**
 * \ingroup mip6
 * A security design: its identity and variant, and the factory of its two sides (DESIGN.md §1).
 * Variant keys map to attributes of the concrete design class.
 */
class Mip6SecurityDesign : public Object
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();

    /// \return the design id, e.g. "none"
    virtual std::string GetId() const = 0;
    /// \return a new MN side
    virtual Ptr<Mip6MnSecurity> CreateMnSide() = 0;
    /// \return a new HA side
    virtual Ptr<Mip6HaSecurity> CreateHaSide() = 0;

    /**
     * Settings of the design's own transport that shape its cost (e.g. TCP on the HAC path:
     * segment size, options, delayed ACK), recorded in manifest.json `tcp` (DESIGN.md §5).
     * \return name → value; empty by default
     */
    virtual std::map<std::string, std::string> GetTransportSettings() const;

    /**
     * How this design protects the tunnelled payload between MN and HA, for manifest.json
     * `data_protection` (so outputs say when data travel unprotected).
     * \return e.g. "none", "esp-tunnel"; "none" by default
     */
    virtual std::string GetDataProtection() const;

    /**
     * Whether this design runs a controller application on a node of its own behind the HA (RFC
     * 6618's remote HA Controller). A harness that builds a topology for the design asks this
     * before building it (e.g. Mip6WlanAccessHelper attribute HacNode), then hands the node to
     * InstallController() before the MN and HA sides are installed.
     * \return false by default
     */
    virtual bool WantsControllerNode() const;

    /**
     * Receives the controller node the design asked for (WantsControllerNode()); called once,
     * before CreateMnSide()/CreateHaSide(). The default does nothing.
     * \param node the controller node (already has IPv6 and a route to the HA)
     * \param address the controller's address
     * \param haAddress the HA's address on the controller's link
     */
    virtual void InstallController(Ptr<Node> node, Ipv6Address address, Ipv6Address haAddress);

    /**
     * TracedCallback signature of LocalMessage.
     * \param mn the MN the message is about (node id)
     * \param node label of the node where it happens (ns-3 Name, else "node<id>")
     * \param message its name, e.g. "MIGRATE"
     * \param bytes the size the message would have
     */
    typedef void (*LocalMessageTracedCallback)(uint32_t mn,
                                               const std::string& node,
                                               const std::string& message,
                                               uint32_t bytes);

    /// \param name canonical variant name (set by the factory)
    void SetVariantName(const std::string& name);
    /// \return the canonical variant name, e.g. "ipsec-ikev2:dh=19,k=0"
    std::string GetVariantName() const;

  protected:
    /**
     * Reports an in-node message on LocalMessage (DESIGN.md §4.3 point `local`, e.g. the
     * PF_KEY MIGRATE equivalent); the scenario counts it with Mip6OverheadMeter::RecordLocal.
     * \param mn the MN the message is about
     * \param node label of the node
     * \param message its name
     * \param bytes the size the message would have
     */
    void NotifyLocalMessage(uint32_t mn,
                            const std::string& node,
                            const std::string& message,
                            uint32_t bytes);

  private:
    std::string m_variantName; //!< canonical name
    /// in-node messages: mn, node, message, bytes
    TracedCallback<uint32_t, const std::string&, const std::string&, uint32_t> m_localTrace;
};

} // namespace ns3

#endif /* MIP6_SECURITY_DESIGN_H */
