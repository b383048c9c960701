/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The `ipsec-ikev2` design: RFC 4877 (Mobile IPv6 operation with IKEv2), IKEv2 with a
 * pre-shared key (RFC 7296) keying the BU/BA transport SAs of RFC 3776 (DESIGN.md §1).
 */

#ifndef MIP6_IPSEC_IKEV2_DESIGN_H
#define MIP6_IPSEC_IKEV2_DESIGN_H

#include "ns3/event-id.h"
#include "ns3/mip6-dh.h"
#include "ns3/mip6-esp-sa.h"
#include "ns3/mip6-ikev2-mobike.h"
#include "ns3/mip6-ikev2-payloads.h"
#include "ns3/mip6-ikev2-sk.h"
#include "ns3/mip6-ipsec-sad.h"
#include "ns3/mip6-key-export.h"
#include "ns3/mip6-prf.h"
#include "ns3/mip6-security-design.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace ns3
{

class Mip6Ikev2Design;
struct Mip6Ikev2AuthState;

/**
 * \ingroup mip6-ipsec
 * One IKE SA (RFC 7296 §2.14) as either end holds it: SPIs, nonces, the seven keys, the two SK
 * protectors and the first two messages (the AUTH payloads sign them, §2.15).
 */
struct Mip6Ikev2Sa
{
    uint64_t spiI{0};                      ///< initiator's SPI
    uint64_t spiR{0};                      ///< responder's SPI
    Mip6Bytes ni;                          ///< initiator's nonce
    Mip6Bytes nr;                          ///< responder's nonce
    Mip6Bytes msg1;                        ///< IKE_SA_INIT request as sent
    Mip6Bytes msg2;                        ///< IKE_SA_INIT response as sent
    Mip6Ikev2Keys keys;                    ///< SKEYSEED and the seven keys
    std::optional<Mip6IkeSkProtector> skI; ///< SK_ei / SK_ai (initiator → responder)
    std::optional<Mip6IkeSkProtector> skR; ///< SK_er / SK_ar (responder → initiator)
    std::optional<Mip6DhKeyPair> dh;       ///< own DH key pair
    Ipv6Address peer;                      ///< peer's IKE address (HA, or the MN's CoA)
    Ipv6Address hoa;                       ///< the MN's home address (TSi)
    uint32_t mnId{0};                      ///< the MN (node id)
    bool established{false};               ///< IKE_AUTH completed
    uint32_t lastRequestId{0xffffffff};    ///< responder: last request's Message ID
    bool mobike{false};                    ///< both ends sent MOBIKE_SUPPORTED (RFC 4555 §3.2)
    Mip6Bytes lastResponse;                ///< responder: its response (retransmitted, §2.1)

    /// Identity, PAD, EAP-MD5 and CP state (mip6-ikev2-auth.h).
    std::shared_ptr<Mip6Ikev2AuthState> auth;
    uint32_t ownNextId{0}; ///< Message ID of this side's next request (§2.2)
    bool deleting{false};  ///< a Delete of this IKE SA is under way
    /// mcoa=per-coa (NON-RFC): the IKE SA of one CoA other than the one of the BU/BA SAs; its
    /// IKE_AUTH Child SA is that CoA's tunnel mode pair (mip6-ikev2-mcoa.cc)
    bool perCoa{false};
    Ptr<Mip6EspSa> coaTunnelOut; ///< mcoa=per-coa: the CoA's outbound tunnel SA
    Ptr<Mip6EspSa> coaTunnelIn;  ///< mcoa=per-coa: the CoA's inbound tunnel SA
    /// mcoa=mobike: the peer's other addresses from ADDITIONAL_IP6_ADDRESS (RFC 4555 §3.6)
    std::vector<Ipv6Address> peerAdditional;
};

/**
 * \ingroup mip6-ipsec
 * MN side of `ipsec-ikev2`: the IKE initiator. Bootstrap runs IKE_SA_INIT and IKE_AUTH (PSK,
 * RFC 7296 §1.2, §2.15) from the CoA to UDP port 500 of the HA, outside the tunnel; IKE_AUTH
 * creates the BU/BA transport Child SA (RFC 4877 §4.2). The BU then goes out in ESP transport.
 * With K = 1 (default) the IKE SA follows the CoA (RFC 4877 §4.4, RFC 6275 §11.7.1); with K = 0
 * a new IKE SA is created from every new CoA before the BU and the old one is deleted.
 */
class Mip6Ikev2MnSide : public Mip6MnSecurity
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();

    /// TracedCallback signature of Drop: \param reason why the message was dropped
    typedef void (*DropTracedCallback)(const std::string& reason);
    /// TracedCallback signature of Exchange: \param exchange its type \param ok success
    typedef void (*ExchangeTracedCallback)(uint8_t exchange, bool ok);
    /// TracedCallback signature of ErrorNotify: \param type the notify message type
    typedef void (*NotifyTracedCallback)(uint16_t type);

    /// \param design the design (its configuration)
    void SetDesign(Mip6Ikev2Design* design);

    void Setup(Ptr<Node> node, Ipv6Address hoa, Ipv6Address ha) override;
    void Bootstrap(Ipv6Address coa, Callback<void, bool> done) override;
    void DecorateBindingUpdate(Mip6BindingUpdateHeader& bu,
                               const Mip6SignalingContext& ctx) override;
    void PrepareHandover(const Mip6CoaChange& change, Callback<void, bool> done) override;
    void SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx) override;
    Mip6Verdict ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx) override;
    std::vector<Mip6ControlEndpoint> GetControlEndpoints() const override;
    Mip6SecurityState GetState() const override;
    uint32_t GetBootstrapRoundTrips() const override;
    /// \return true with mcoa=per-coa and mcoa=mobike (ADD_COA / REMOVE_COA wanted)
    bool WantsAllCoaChanges() const override;

    // MCoA policies (mip6-ikev2-mcoa.cc)
    /// \return mcoa=per-coa: IKE SAs of other CoAs that are up
    uint32_t GetPerCoaIkeSaCount() const;
    /// \return mcoa=per-coa: the CoAs that have their own IKE SA up
    std::vector<Ipv6Address> GetPerCoaAddresses() const;
    /// \return mcoa=mobike: address list INFORMATIONALs answered (RFC 4555 §3.6)
    uint32_t GetAddressUpdates() const;
    /// \return mcoa=mobike: the addresses of the last list sent (empty: NO_ADDITIONAL_ADDRESSES)
    std::vector<Ipv6Address> GetAdditionalAddresses() const;

    /**
     * \param exchange IKE_SA_INIT (34), IKE_AUTH (35) or INFORMATIONAL (37)
     * \return requests of that exchange started (retransmissions not counted)
     */
    uint32_t GetExchangeCount(uint8_t exchange) const;
    /// \return AUTHENTICATION_FAILED notifies received
    uint32_t GetAuthFailures() const;
    /// \return IKE messages dropped (parse, ICV, SPI or Message ID mismatch)
    uint32_t GetDrops() const;
    /// \return retransmissions sent
    uint32_t GetRetransmissions() const;
    /// \return HA certificates or signatures refused (auth=eap-md5; mip6-ikev2-auth.cc)
    uint32_t GetPeerAuthFailures() const;
    /// \return CFG_REPLYs refused (cp=1): none, no address, not the configured HoA, or outside
    ///         the home prefix
    uint32_t GetCpMismatches() const;
    /// cp=1: the MN may start without a HoA; the HA assigns it (RFC 4877 §9).
    /// \return whether cp=1
    bool AssignsHomeAddress() const override;
    /// \return the HoA of the last accepted CFG_REPLY (cp=1), nothing before
    std::optional<Ipv6Address> GetAssignedHomeAddress() const override;
    /// \return responses creating the BU/BA transport Child SA without USE_TRANSPORT_MODE
    ///         (RFC 7296 §1.3.1: the SA would be tunnel mode), refused
    uint32_t GetTransportModeRefusals() const;
    /// \return IDi: attribute Identity, or mn<node id>@mip6.example
    std::string GetIdentity() const;
    /// \return the current IKE SA (nullptr before IKE_SA_INIT)
    const Mip6Ikev2Sa* GetIkeSa() const;
    /// \return natt=1: IKE on port 4500 and the keepalives (nullptr otherwise; mip6-ikev2-mobike.h)
    const Mip6Ikev2NatT* GetNatT() const;
    /// \return natt=1: what the NAT detection notifies of the last IKE_SA_INIT (or, mobike=1,
    ///         UPDATE_SA_ADDRESSES) response said
    Mip6IkeNatDetection GetNatDetection() const;
    /**
     * Feeds bytes to the IKE receive path as if they came from the HA (tests).
     * \param data the UDP payload
     */
    void ReceiveIke(const Mip6Bytes& data);

    // CREATE_CHILD_SA, rekeying, DPD and delete (mip6-ikev2-child.cc)
    void SendData(Ptr<Packet> inner, const Mip6SignalingContext& ctx) override;
    Mip6Verdict AcceptPlainTunnel(const Ipv6Header& outer) override;
    /// \return Child SA rekeys completed (RFC 7296 §1.3.3)
    uint32_t GetChildRekeys() const;
    /// \return IKE SA rekeys completed (RFC 7296 §1.3.2)
    uint32_t GetIkeRekeys() const;
    /// \return DPD exchanges started (empty INFORMATIONAL, RFC 7296 §2.4)
    uint32_t GetDpdExchanges() const;
    /// \return IKE SAs torn down after an unanswered request (DPD failure)
    uint32_t GetDpdFailures() const;
    /// \return IKE SAs deleted by an INFORMATIONAL exchange (either side's request)
    uint32_t GetDeletes() const;
    /// TracedCallback signature of IkeSaDown: \param reason "deleted", "peer-deleted", "dead-peer"
    typedef void (*SaDownTracedCallback)(const std::string& reason);

  protected:
    void DoDispose() override;

  private:
    /// Where the initiator is.
    enum State
    {
        IDLE,             ///< no exchange under way
        INIT_SENT,        ///< IKE_SA_INIT request out
        AUTH_SENT,        ///< IKE_AUTH request out
        DEL_SENT,         ///< INFORMATIONAL delete out (K = 0)
        CHILD_SENT,       ///< CREATE_CHILD_SA for the payload tunnel SA out
        REKEY_CHILD_SENT, ///< CREATE_CHILD_SA rekeying a Child SA out
        REKEY_IKE_SENT,   ///< CREATE_CHILD_SA rekeying the IKE SA out
        CHILD_DEL_SENT,   ///< INFORMATIONAL deleting the rekeyed Child SA out
        DPD_SENT,         ///< empty INFORMATIONAL (DPD) out
        DELETE_ALL_SENT,  ///< INFORMATIONAL deleting the Child SAs and the IKE SA out
        UPDATE_SENT,      ///< MOBIKE UPDATE_SA_ADDRESSES out (mip6-ikev2-mobike.cc)
        PROBE_SENT,       ///< MOBIKE address probe out (probe=1, RFC 4555 §3.6)
        ADDR_SENT,        ///< mcoa=mobike: INFORMATIONAL with the address list out
    };

    // MCoA policies (mip6-ikev2-mcoa.cc)
    /**
     * mcoa=per-coa and mcoa=mobike: PrepareHandover for ADD_COA / REMOVE_COA (and, per-coa,
     * the retirement of a CoA's own IKE SA when it becomes primary).
     * \param change what changed
     * \param done completion
     * \return true when the change was handled here (done called or pending)
     */
    bool PrepareMcoa(const Mip6CoaChange& change, Callback<void, bool> done);
    /**
     * mcoa=per-coa: makes this object the initiator of one CoA's IKE SA.
     * \param parent the MN side of the BU/BA SAs
     * \param coa the CoA (the IKE socket is bound to it, so IKE leaves from it)
     */
    void SetupPerCoa(Mip6Ikev2MnSide* parent, Ipv6Address coa);
    /**
     * mcoa=per-coa: the IKE_AUTH request's TSi = HoA (any protocol), TSr = any, tunnel mode.
     * \param inner the request's payloads (changed)
     */
    void AddPerCoaSelectors(std::vector<Ptr<Mip6IkePayload>>& inner) const;
    /**
     * mcoa=per-coa: installs the IKE_AUTH Child SA as this CoA's tunnel pair (CoA↔HA).
     * \param spiOut the HA's SPI
     */
    void InstallPerCoaTunnel(uint32_t spiOut);
    /// mcoa=per-coa: removes this CoA's tunnel pair (the inbound SA from the ESP protocol).
    void RemovePerCoaTunnel();
    /**
     * mcoa=per-coa: ends one CoA's IKE SA with an INFORMATIONAL Delete, from that CoA while it
     * is usable, else from the primary CoA; local removal when nothing is established.
     * \param child the CoA's MN side
     * \param coaUsable whether the CoA still works
     */
    void RetirePerCoa(Ptr<Mip6Ikev2MnSide> child, bool coaUsable);
    /**
     * mcoa=per-coa: adds the per-CoA IKE SAs and tunnel pairs to a state.
     * \param s the state (changed)
     */
    void AddPerCoaState(Mip6SecurityState& s) const;
    /**
     * mcoa=per-coa, payload=1: sends a packet from a CoA with its own tunnel pair in it.
     * \param inner the inner packet
     * \param ctx its outer addressing
     * \return whether it was sent
     */
    bool SendPerCoaData(Ptr<Packet> inner, const Mip6SignalingContext& ctx);
    /// mcoa=mobike: sends the INFORMATIONAL with the address list (RFC 4555 §3.6).
    void StartAddressUpdate();
    /// \return mcoa=mobike: the MN's addresses other than the one in use
    std::vector<Ipv6Address> CurrentAdditional() const;

    /**
     * Handles what the base receive path does not: CREATE_CHILD_SA and INFORMATIONAL responses
     * to this side's requests, and the HA's requests (DPD, Delete).
     * \param h the header
     * \param data the message
     * \return true when the message was consumed
     */
    bool ReceiveIkeChild(const Mip6IkeHeader& h, const Mip6Bytes& data);
    /**
     * Called when a request went unanswered MaxTries times.
     * \return true when one of this file's exchanges handled it
     */
    bool ChildExchangeFailed();
    /// RFC 4877 §4.3/§7.2, RFC 7296 §1.3.1: CREATE_CHILD_SA for the payload tunnel SA pair.
    void StartPayloadChild();
    /// RFC 7296 §1.3.3: CREATE_CHILD_SA rekeying the transport (false) or tunnel (true) Child SA.
    /// \param tunnel which one
    void StartChildRekey(bool tunnel);
    /// RFC 7296 §1.3.2: CREATE_CHILD_SA rekeying the IKE SA.
    void StartIkeRekey();
    /// RFC 7296 §2.4: an empty INFORMATIONAL request.
    void StartDpd();
    /// RFC 4877 §4.4 / RFC 7296 §1.4.1: Delete of the Child SAs and the IKE SA.
    void StartDeleteAll();
    /// RFC 7296 §1.4.1: Delete of m_old (the replaced IKE SA).
    void SendOldIkeDelete();
    /**
     * IKE_AUTH is complete (PSK or EAP): the IKE SA is up with its BU/BA Child SA; then the
     * payload tunnel pair (payload=1) or the end of the bootstrap / handover, and for K = 0 the
     * old IKE SA's Delete.
     * \param nextMessageId Message ID of this side's next request (2 after one IKE_AUTH, 4
     *        after EAP's three)
     */
    void AuthEstablished(uint32_t nextMessageId);
    /// Arms the rekey and DPD timers of the current IKE SA.
    void ArmTimers();
    /**
     * Ends the current IKE SA and its Child SAs locally.
     * \param reason why (IkeSaDown trace)
     */
    void TearDown(const std::string& reason);
    /**
     * Notes a BU as it is built (a lifetime-0 BU is a de-registration).
     * \param bu the BU
     */
    void NoteBindingUpdate(const Mip6BindingUpdateHeader& bu);
    /**
     * A BA passed the SPD check: the acknowledged de-registration starts the delete.
     * \param mh the BA
     */
    void NoteBindingAck(Ptr<const Packet> mh);
    /**
     * PF_KEY MIGRATE of the payload tunnel SAs to a new CoA (K = 1).
     * \param coa the new CoA
     */
    void MigrateTunnel(Ipv6Address coa);
    /**
     * Sends a response to the HA's request.
     * \param wire the message
     */
    void TransmitResponse(const Mip6Bytes& wire);

    /// Starts IKE_SA_INIT from the current CoA.
    void StartIkeSaInit();
    /// \param data the IKE_SA_INIT response
    void HandleInitResponse(const Mip6Bytes& data);
    /// \param data the IKE_AUTH response
    void HandleAuthResponse(const Mip6Bytes& data);
    /**
     * Sends a request and arms its retransmission (RFC 7296 §2.1).
     * \param wire the message
     * \param exchange its exchange type
     */
    void SendRequest(const Mip6Bytes& wire, uint8_t exchange);
    /// Retransmits the last request, or gives up after MaxTries.
    void Retransmit();
    /// \param wire bytes to put in a UDP datagram to the HA
    void Transmit(const Mip6Bytes& wire);
    /// \param socket the socket with datagrams
    void Read(Ptr<Socket> socket);
    /**
     * Ends the current negotiation.
     * \param ok success
     */
    void Finish(bool ok);
    /**
     * Counts and traces a dropped message.
     * \param reason why
     */
    void Drop(const std::string& reason);
    /// auth=eap-md5: sends the first IKE_AUTH request without AUTH (RFC 7296 §2.16).
    void StartEapAuth();
    /// \param data an IKE_AUTH response of the EAP exchange (RFC 7296 §2.16)
    void HandleEapAuthResponse(const Mip6Bytes& data);
    /**
     * cp=1: checks the CFG_REPLY of the last IKE_AUTH response (RFC 4877 §9).
     * \param inner its payloads
     * \return false (counted, traced) when there is none or its HoA is not ours
     */
    bool CheckCpReply(const std::vector<Ptr<Mip6IkePayload>>& inner);
    /**
     * The IKE_AUTH request of the PSK flow with cp=1 gets CP(CFG_REQUEST) and a TSi that asks
     * for any address (RFC 7296 §2.19).
     * \param inner the payloads of the request (changed)
     */
    void AddCpRequest(std::vector<Ptr<Mip6IkePayload>>& inner) const;
    /**
     * RFC 7296 §1.3.1, RFC 4877 §7: a request creating or rekeying the BU/BA Child SA asks for
     * transport mode with N(USE_TRANSPORT_MODE) (attribute TransportModeNotify).
     * \param inner the payloads of the request (changed)
     */
    void AddTransportMode(std::vector<Ptr<Mip6IkePayload>>& inner) const;
    /**
     * RFC 7296 §1.3.1: the response that creates the BU/BA Child SA must carry
     * USE_TRANSPORT_MODE; without it the SA would be tunnel mode, which RFC 4877 §7 does not
     * allow for the MH. Counts and traces ("no-transport-mode") a response without it.
     * \param inner the response's payloads
     * \return whether it has the notify
     */
    bool CheckTransportMode(const std::vector<Ptr<Mip6IkePayload>>& inner);
    /// mobike=1: sends UPDATE_SA_ADDRESSES from the current CoA (RFC 4555 §3.5).
    void StartMobikeUpdate();
    /**
     * Sends a MOBIKE INFORMATIONAL request on the IKE SA (RFC 4555 §3.5, §3.6).
     * \param inner its payloads
     * \param state the state while it is out
     */
    void SendMobikeRequest(const std::vector<Ptr<Mip6IkePayload>>& inner, State state);
    /// \param data the response to UPDATE_SA_ADDRESSES (RFC 4555 §3.5, §3.8)
    void HandleMobikeResponse(const Mip6Bytes& data);
    /**
     * Fails the current IKE_AUTH exchange.
     * \param reason why (traced as a drop)
     */
    void FailAuth(const std::string& reason);

    Mip6Ikev2Design* m_design{nullptr};      //!< the design
    Ptr<Mip6IpsecSad> m_sad;                 //!< the node's databases
    Ptr<Socket> m_socket;                    //!< UDP port 500
    std::string m_eapSecret;                 //!< attribute EapSecret
    uint32_t m_peerAuthFailures{0};          //!< bad HA certificates or signatures
    uint32_t m_cpMismatches{0};              //!< CFG_REPLYs refused
    std::string m_psk;                       //!< attribute Psk (empty: the design's)
    std::string m_identity;                  //!< attribute Identity
    std::unique_ptr<Mip6Ikev2Sa> m_sa;       //!< the IKE SA being built or in use
    std::unique_ptr<Mip6Ikev2Sa> m_old;      //!< K = 0: the SA being replaced
    State m_state{IDLE};                     //!< initiator state
    Callback<void, bool> m_done;             //!< completion of Bootstrap / PrepareHandover
    Ipv6Address m_coa;                       //!< CoA the IKE SA runs from
    uint32_t m_childSpiIn{0};                //!< SPI of the BA SA (chosen here)
    Mip6Bytes m_lastRequest;                 //!< last request sent
    uint8_t m_lastExchange{0};               //!< its exchange type
    uint32_t m_tries{0};                     //!< transmissions of it so far
    Time m_timeout;                          //!< current retransmission timeout
    EventId m_timer;                         //!< retransmission timer
    std::map<uint8_t, uint32_t> m_exchanges; //!< requests started per exchange type
    uint32_t m_authFailures{0};              //!< AUTHENTICATION_FAILED received
    uint32_t m_drops{0};                     //!< dropped messages
    uint32_t m_retransmissions{0};           //!< retransmissions
    std::unique_ptr<Mip6Ikev2NatT> m_natt;   //!< natt=1: IKE on 4500, keepalives
    Mip6IkeNatDetection m_natDetection{Mip6IkeNatDetection::ABSENT}; //!< natt=1: last NAT-D
    Mip6Bytes m_cookie2;                                             //!< mobike=1: COOKIE2 sent
    std::optional<Ipv6Address> m_assignedHoa; //!< cp=1: HoA of the last accepted CFG_REPLY
    bool m_transportModeNotify{true};         //!< attribute TransportModeNotify
    uint32_t m_transportRefusals{0};          //!< responses without USE_TRANSPORT_MODE
    uint32_t m_mobikeId{0};                   //!< mobike=1: Message ID of the outstanding update
    TracedCallback<const std::string&> m_dropTrace; //!< Drop trace
    TracedCallback<uint8_t, bool> m_exchangeTrace;  //!< Exchange trace
    TracedCallback<uint16_t> m_notifyTrace;         //!< ErrorNotify trace
    // mip6-ikev2-child.cc
    bool m_needBootstrap{false};            //!< the IKE SA was deleted: a new one on the next CoA
    bool m_deregPending{false};             //!< the last BU had lifetime 0
    uint16_t m_deregSeq{0};                 //!< its sequence number
    Ipv6Address m_tunnelCoa;                //!< outer endpoint of the payload tunnel SAs
    Mip6Bytes m_childNonce;                 //!< Ni of the CREATE_CHILD_SA under way
    std::optional<Mip6DhKeyPair> m_childDh; //!< KEi of it (PFS)
    uint32_t m_childNewSpi{0};              //!< inbound SPI proposed in it
    bool m_rekeyTunnel{false};              //!< the Child SA being rekeyed is the tunnel's
    uint32_t m_lingeringSpi{0};             //!< old inbound SPI kept until its Delete
    std::unique_ptr<Mip6Ikev2Sa> m_rekeyed; //!< IKE rekey: the new SA being made
    EventId m_childRekeyTimer;              //!< ChildSaLifetime
    EventId m_ikeRekeyTimer;                //!< IkeSaLifetime
    EventId m_dpdTimer;                     //!< DpdInterval
    uint32_t m_childRekeys{0};              //!< Child SA rekeys done
    uint32_t m_ikeRekeys{0};                //!< IKE SA rekeys done
    uint32_t m_dpdExchanges{0};             //!< DPD requests started
    uint32_t m_dpdFailures{0};              //!< IKE SAs declared dead
    uint32_t m_deletes{0};                  //!< IKE SAs deleted by INFORMATIONAL
    TracedCallback<const std::string&> m_saDownTrace; //!< IkeSaDown trace
    // mip6-ikev2-mcoa.cc
    Mip6Ikev2MnSide* m_parent{nullptr}; //!< mcoa=per-coa: set in a CoA's own side
    std::map<uint16_t, Ptr<Mip6Ikev2MnSide>> m_perCoaByBid; //!< mcoa=per-coa: BID → its side
    std::vector<Ptr<Mip6Ikev2MnSide>> m_perCoa; //!< mcoa=per-coa: every side made (kept)
    Ptr<Mip6EspSa> m_coaTunnelOut;              //!< mcoa=per-coa: this CoA's outbound SA
    Ptr<Mip6EspSa> m_coaTunnelIn;               //!< mcoa=per-coa: this CoA's inbound SA
    std::map<uint16_t, Ipv6Address> m_mcoaCoas; //!< mcoa=mobike: the other CoAs by BID
    std::vector<Ipv6Address> m_additionalSent;  //!< mcoa=mobike: the last list sent
    uint32_t m_addressUpdates{0};               //!< mcoa=mobike: lists answered
    bool m_viaParent{false}; //!< mcoa=per-coa: requests leave through the parent's socket
};

/**
 * \ingroup mip6-ipsec
 * HA side of `ipsec-ikev2`: the IKE responder on UDP port 500. It answers IKE_SA_INIT, verifies
 * the MN's AUTH (PSK) in IKE_AUTH, answers AUTHENTICATION_FAILED when it does not match, and
 * installs the MN's BU/BA transport SAs; the BU must then come in them. A protected BU from a
 * new CoA moves the MN's IKE SA to that CoA (K = 1, RFC 4877 §4.4).
 */
class Mip6Ikev2HaSide : public Mip6HaSecurity
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();

    /// \param design the design (its configuration)
    void SetDesign(Mip6Ikev2Design* design);

    void Setup(Ptr<Node> node, Ipv6Address ha) override;
    Mip6Verdict ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx) override;
    void SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx) override;
    void NotifyBindingUpdated(Ipv6Address hoa, Ipv6Address oldCoa, Ipv6Address newCoa) override;
    bool SupportsKeyManagementMobility() const override;
    Mip6SecurityState GetState(Ipv6Address hoa) const override;

    /// \return IKE messages dropped
    uint32_t GetDrops() const;
    /// \return AUTHENTICATION_FAILED notifies sent
    uint32_t GetAuthFailures() const;
    /// \return IKE SAs set up by IKE_SA_INIT and not (yet) authenticated
    uint32_t GetHalfOpenCount() const;
    /// \param hoa an MN \return its IKE SA's peer address (:: if none)
    Ipv6Address GetIkePeer(Ipv6Address hoa) const;
    /// \return Child SAs and BUs refused by the PAD check (RFC 4877 §5, RFC 4301 §4.4.3)
    uint32_t GetPadRefusals() const;
    /// \return natt=1: IKE on port 4500 (nullptr otherwise; mip6-ikev2-mobike.h)
    const Mip6Ikev2NatT* GetNatT() const;
    /// \return natt=1: IKE_SA_INIT (and, mobike=1, UPDATE_SA_ADDRESSES) requests per NAT
    ///         detection verdict (RFC 7296 §2.23, RFC 4555 §3.5)
    uint32_t GetNatDetectionCount(Mip6IkeNatDetection verdict) const;
    /// \return mobike=1: UPDATE_SA_ADDRESSES requests accepted (RFC 4555 §3.5)
    uint32_t GetMobikeUpdates() const;
    /**
     * mcoa=mobike: the MN's additional addresses its IKE SA's last address list gave
     * (ADDITIONAL_IP6_ADDRESS, RFC 4555 §3.6; empty after NO_ADDITIONAL_ADDRESSES).
     * \param hoa the MN
     * \return the addresses
     */
    std::vector<Ipv6Address> GetPeerAdditionalAddresses(Ipv6Address hoa) const;
    /// \return mcoa=mobike: address lists received (RFC 4555 §3.6)
    uint32_t GetAddressUpdates() const;
    /// \return mcoa=per-coa: IKE_AUTH requests for a CoA's tunnel pair refused (no primary
    ///         IKE SA of that HoA up)
    uint32_t GetPerCoaRefusals() const;
    /// \return requests for the BU/BA Child SA without USE_TRANSPORT_MODE, refused with
    ///         NO_PROPOSAL_CHOSEN (RFC 7296 §1.3.1, §3.10.1)
    uint32_t GetTransportModeRefusals() const;
    /**
     * Adds the PAD entry of an MN with the default identity (Mip6Ikev2Design::DefaultIdentity),
     * unless the PAD has one: the HoA the HA authorises and, with cp=1, assigns.
     * \param mnId the MN (node id)
     * \param hoa its HoA
     */
    void ProvisionHomeAddress(uint32_t mnId, Ipv6Address hoa) override;
    /**
     * Feeds bytes to the IKE receive path (tests).
     * \param data the UDP payload
     * \param from its source address
     * \return the response, if one was sent
     */
    std::optional<Mip6Bytes> ReceiveIke(const Mip6Bytes& data, Ipv6Address from);

    // CREATE_CHILD_SA, rekeying, DPD and delete (mip6-ikev2-child.cc)
    void SendData(Ptr<Packet> inner, const Mip6SignalingContext& ctx) override;
    Mip6Verdict AcceptPlainTunnel(const Ipv6Header& outer) override;
    void NotifyBindingRemoved(Ipv6Address hoa) override;
    /// \return CREATE_CHILD_SA requests accepted (new Child SA, Child SA rekey, IKE SA rekey)
    uint32_t GetCreateChildCount() const;
    /// \return DPD requests (empty INFORMATIONAL) answered
    uint32_t GetDpdAnswered() const;
    /// \return IKE SAs deleted (by the MN's Delete or the HA's own after binding removal)
    uint32_t GetDeletes() const;

  protected:
    void DoDispose() override;

  private:
    /**
     * CREATE_CHILD_SA and the INFORMATIONAL requests the base path does not handle (DPD,
     * Delete of Child SAs).
     * \param sa the IKE SA
     * \param h the request's header
     * \param data its bytes
     * \param from its source
     * \param response set to the response
     * \return true when consumed
     */
    bool ReceiveIkeChild(Mip6Ikev2Sa& sa,
                         const Mip6IkeHeader& h,
                         const Mip6Bytes& data,
                         Ipv6Address from,
                         std::optional<Mip6Bytes>& response);
    /**
     * A response to a request of the HA (its Delete after a binding ended).
     * \param h the header
     * \param data the message
     * \return true when it answered one
     */
    bool ReceiveIkeResponse(const Mip6IkeHeader& h, const Mip6Bytes& data);
    /**
     * \param sa the IKE SA
     * \param inner the request's payloads
     * \param h its header
     * \return the response, or nothing
     */
    std::optional<Mip6Bytes> HandleCreateChild(Mip6Ikev2Sa& sa,
                                               const std::vector<Ptr<Mip6IkePayload>>& inner,
                                               const Mip6IkeHeader& h);
    /**
     * RFC 7296 §1.4.1: after the binding of hoa ended, deletes what is left for it.
     * \param hoa the MN
     */
    void DeleteAfterBindingRemoved(Ipv6Address hoa);
    /**
     * (Re)transmits the HA's own Delete request.
     * \param spiI the IKE SA (initiator SPI)
     */
    void RetransmitHaRequest(uint64_t spiI);
    /**
     * PF_KEY MIGRATE of a MN's payload tunnel SAs (K = 1, accepted BU from a new CoA).
     * \param hoa the MN
     * \param coa its new CoA
     */
    void MigrateTunnel(Ipv6Address hoa, Ipv6Address coa);
    // MCoA policies (mip6-ikev2-mcoa.cc)
    /**
     * mcoa=per-coa: whether an IKE_AUTH request asks for a CoA's tunnel pair (TSi of any
     * protocol, no USE_TRANSPORT_MODE).
     * \param tsi its TSi
     * \param inner its payloads
     * \return true for such a request under mcoa=per-coa
     */
    bool IsPerCoaRequest(const Mip6IkeTsPayload& tsi,
                         const std::vector<Ptr<Mip6IkePayload>>& inner) const;
    /**
     * mcoa=per-coa: answers an authenticated IKE_AUTH request for a CoA's tunnel pair.
     * \param sa the IKE SA (HoA and peer set)
     * \param hdr the request's header
     * \param spiIn the HA's SPI
     * \param spiOut the MN's SPI
     * \param from the CoA
     * \param idAndAuth IDr and AUTH of the response
     * \return the response
     */
    std::optional<Mip6Bytes> AnswerPerCoaAuth(Mip6Ikev2Sa& sa,
                                              const Mip6IkeHeader& hdr,
                                              uint32_t spiIn,
                                              uint32_t spiOut,
                                              Ipv6Address from,
                                              const std::vector<Ptr<Mip6IkePayload>>& idAndAuth);
    /**
     * mcoa=per-coa: removes the tunnel pair of a CoA's IKE SA.
     * \param sa the IKE SA
     */
    void RemovePerCoaTunnel(Mip6Ikev2Sa& sa);
    /**
     * mcoa=per-coa, payload=1: sends a packet to a CoA with its own tunnel pair in it.
     * \param inner the inner packet
     * \param ctx its outer addressing
     * \return whether it was sent
     */
    bool SendPerCoaData(Ptr<Packet> inner, const Mip6SignalingContext& ctx);
    /**
     * mcoa=mobike: records the address list of an INFORMATIONAL (RFC 4555 §3.6).
     * \param sa the IKE SA
     * \param inner the request's payloads
     * \return false when a notify is malformed (counted, traced)
     */
    bool RecordAdditionalAddresses(Mip6Ikev2Sa& sa, const std::vector<Ptr<Mip6IkePayload>>& inner);
    uint32_t m_addressUpdates{0}; //!< mcoa=mobike: address lists received
    uint32_t m_perCoaRefusals{0}; //!< mcoa=per-coa: CoA pairs refused

    /// The HA's own outstanding request on one IKE SA.
    struct HaRequest
    {
        Mip6Bytes wire;    //!< the message
        Ipv6Address peer;  //!< where to
        uint32_t mnId{0};  //!< the MN
        uint32_t tries{0}; //!< transmissions so far
        Time timeout;      //!< current timeout
        EventId timer;     //!< retransmission
    };

    std::map<uint64_t, HaRequest> m_haRequests; //!< by initiator SPI
    std::map<Ipv6Address, bool> m_bound;        //!< whether a binding exists, per HoA
    std::map<uint32_t, uint32_t> m_lingering;   //!< rekeyed: MN's old SPI → own old inbound
    uint32_t m_rxMnId{0};                       //!< MN id of the datagram being read
    uint32_t m_createChild{0};                  //!< CREATE_CHILD_SA answered
    uint32_t m_dpdAnswered{0};                  //!< DPD answered
    uint32_t m_deletes{0};                      //!< IKE SAs deleted

    /// \param socket the socket with datagrams
    void Read(Ptr<Socket> socket);
    /**
     * \param req the IKE_SA_INIT request
     * \param data its bytes
     * \param from its source
     * \return the response
     */
    std::optional<Mip6Bytes> HandleInit(const Mip6IkeMessage& req,
                                        const Mip6Bytes& data,
                                        Ipv6Address from);
    /**
     * \param sa the IKE SA
     * \param hdr the request's header
     * \param data its bytes
     * \param from its source
     * \return the response
     */
    std::optional<Mip6Bytes> HandleAuth(Mip6Ikev2Sa& sa,
                                        const Mip6IkeHeader& hdr,
                                        const Mip6Bytes& data,
                                        Ipv6Address from);
    /**
     * \param reason why
     * \return nothing (for return statements)
     */
    std::optional<Mip6Bytes> Drop(const std::string& reason);
    /**
     * auth=eap-md5: one IKE_AUTH request of the EAP exchange (RFC 7296 §2.16).
     * \param sa the IKE SA (not yet established)
     * \param hdr the request's header
     * \param data its bytes
     * \param from its source
     * \return the response
     */
    std::optional<Mip6Bytes> HandleEapAuth(Mip6Ikev2Sa& sa,
                                           const Mip6IkeHeader& hdr,
                                           const Mip6Bytes& data,
                                           Ipv6Address from);
    /**
     * The PAD check (RFC 4877 §5, RFC 4301 §4.4.3): the authenticated IDi must map to a HoA,
     * and TSi must name it (or, with CP, any address: the HoA is then assigned).
     * \param sa the IKE SA (its auth state gets the identity)
     * \param idi the MN's ID
     * \param tsi its TSi
     * \param hoa in: TSi's address; out: the HoA of the Child SA
     * \return 0, or the error notify to answer (TS_UNACCEPTABLE, AUTHENTICATION_FAILED)
     */
    uint16_t CheckPad(Mip6Ikev2Sa& sa,
                      const Mip6IkeIdPayload& idi,
                      const Mip6IkeTsPayload& tsi,
                      Ipv6Address& hoa);
    /**
     * cp=1: the CFG_REPLY for a CFG_REQUEST (RFC 7296 §3.15.1, RFC 4877 §9).
     * \param inner the request's payloads
     * \param hoa the assigned HoA
     * \return the reply, or nullptr when the request has no CP
     */
    Ptr<Mip6IkePayload> MakeCpReply(const std::vector<Ptr<Mip6IkePayload>>& inner,
                                    Ipv6Address hoa) const;
    /**
     * A BU in a Child SA must name that SA's HoA (RFC 4877 §5, RFC 4301 §4.4.3).
     * \param mh the BU
     * \param ctx where it came from
     * \return a rejection (counted, traced "pad-mismatch"), or nothing
     */
    std::optional<Mip6Verdict> CheckBuIdentity(Ptr<const Packet> mh, const Mip6RxContext& ctx);
    /**
     * Answers an IKE_AUTH request with error notifies and forgets the IKE SA.
     * \param sa the IKE SA
     * \param hdr the request's header
     * \param payloads what to send (notifies, EAP Failure)
     * \param reason traced drop reason
     * \return the response
     */
    std::optional<Mip6Bytes> RefuseAuth(Mip6Ikev2Sa& sa,
                                        const Mip6IkeHeader& hdr,
                                        const std::vector<Ptr<Mip6IkePayload>>& payloads,
                                        const std::string& reason);

    /**
     * mobike=1: an INFORMATIONAL of an IKE SA with MOBIKE (RFC 4555 §3.5; mip6-ikev2-mobike.cc).
     * \param sa the IKE SA
     * \param hdr the request's header
     * \param data its bytes
     * \param from its source (the MN's new CoA for UPDATE_SA_ADDRESSES)
     * \return the response
     */
    std::optional<Mip6Bytes> HandleMobike(Mip6Ikev2Sa& sa,
                                          const Mip6IkeHeader& hdr,
                                          const Mip6Bytes& data,
                                          Ipv6Address from);
    /**
     * Forgets a half-open IKE SA that IKE_AUTH did not complete in time.
     * \param spiI its initiator SPI
     * \param spiR its responder SPI
     */
    void ExpireHalfOpen(uint64_t spiI, uint64_t spiR);

    Mip6Ikev2Design* m_design{nullptr};                      //!< the design
    Ptr<Mip6IpsecSad> m_sad;                                 //!< the node's databases
    Ptr<Socket> m_socket;                                    //!< UDP port 500
    std::map<uint64_t, Mip6Ikev2Sa> m_sas;                   //!< IKE SAs by initiator SPI
    uint32_t m_drops{0};                                     //!< dropped messages
    uint32_t m_authFailures{0};                              //!< AUTHENTICATION_FAILED sent
    Time m_halfOpenTimeout;                                  //!< attribute HalfOpenTimeout
    std::string m_certificatePem;                            //!< attribute CertificatePem
    std::string m_keyPem;                                    //!< attribute KeyPem
    uint32_t m_padRefusals{0};                               //!< PAD refusals
    std::unique_ptr<Mip6Ikev2NatT> m_natt;                   //!< natt=1: IKE on 4500
    std::map<Mip6IkeNatDetection, uint32_t> m_natDetections; //!< natt=1: NAT-D verdicts
    uint32_t m_mobikeUpdates{0};                    //!< mobike=1: UPDATE_SA_ADDRESSES accepted
    bool m_transportModeNotify{true};               //!< attribute TransportModeNotify
    uint32_t m_transportRefusals{0};                //!< transport SA requests without the notify
    TracedCallback<const std::string&> m_dropTrace; //!< Drop trace
};

/**
 * \ingroup mip6-ipsec
 * `ipsec-ikev2` (RFC 4877 with IKEv2 PSK; DESIGN.md §1). Variant keys: `dh` (attribute DhGroup:
 * 14, 19, 31), `sk` (attribute Sk: cbc, gcm), `esp` (attribute Esp: cbc-sha1, cbc-sha256, gcm),
 * `k` (attribute KeyManagementMobility: 1, 0), `auth` (attribute Auth: psk, eap-md5) and `cp`
 * (attribute Cp: 0, 1); the last two live in mip6-ikev2-auth.cc.
 */
class Mip6Ikev2Design : public Mip6SecurityDesign
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6Ikev2Design() = default;
    ~Mip6Ikev2Design() override;
    std::string GetId() const override;
    Ptr<Mip6MnSecurity> CreateMnSide() override;
    Ptr<Mip6HaSecurity> CreateHaSide() override;

    /// \return the DH group
    Mip6DhGroup GetDhGroup() const;
    /// \return the IKE SA protection suite
    Mip6IkeSkTransform GetSkTransform() const;
    /// \return the ESP transform of the Child SAs
    Mip6EspTransform GetEspTransform() const;
    /// \return the design's PSK
    const std::string& GetPsk() const;
    /// \return whether K = 1
    bool GetKeyManagementMobility() const;
    /// \return first retransmission timeout
    Time GetRetransmitTimeout() const;
    /// \return timeout multiplier per retransmission
    double GetRetransmitBackoff() const;
    /// \return transmissions of a request before giving up
    uint32_t GetMaxTries() const;
    /// \return true with auth=eap-md5 (EAP-MD5, HA by certificate; RFC 7296 §2.16)
    bool IsEapMd5() const;
    /// \return whether cp=1 (CFG_REQUEST INTERNAL_IP6_ADDRESS, RFC 4877 §9)
    bool GetCp() const;
    /// \return the design's EAP-MD5 secret
    const std::string& GetEapSecret() const;
    /// \return whether natt=1 (RFC 7296 §2.23, RFC 3948; mip6-ikev2-mobike.cc)
    bool GetNatTraversal() const;
    /// \return the MN's NAT-keepalive period (natt=1, RFC 3948 §2.3)
    Time GetKeepaliveInterval() const;
    /// \return whether mobike=1 (RFC 4555; implies NAT-T's port 4500, K = 0 on BUs)
    bool GetMobike() const;

    /// The MCoA policy (variant key mcoa, attribute McoaPolicy; doc/ipsec.rst).
    enum McoaPolicy
    {
        MCOA_PRIMARY = 0, ///< RFC 5648 §9: IKE and the tunnel SAs on the primary CoA
        MCOA_PER_COA = 1, ///< NON-RFC: one IKE SA and tunnel SA pair per CoA
        MCOA_MOBIKE = 2,  ///< RFC 4555 §1.2, §3.6: one IKE SA, the other CoAs as additional
    };

    /// \return the MCoA policy
    McoaPolicy GetMcoaPolicy() const;
    /// \return whether UPDATE_SA_ADDRESSES carries COOKIE2 (RFC 4555 §3.8)
    bool GetCookie2() const;
    /// \return whether an address probe precedes each update (probe=1, RFC 4555 §3.6)
    bool GetMobikeProbe() const;
    /**
     * Configures the HA's PAD (RFC 4301 §4.4.3): an IKE identity and the HoA it may use.
     * Every MN side adds its own entry at Setup (the operator's provisioning).
     * \param identity IDi data (FQDN or RFC 822 address)
     * \param hoa the HoA
     */
    void AddPadEntry(const std::string& identity, Ipv6Address hoa);
    /**
     * \param nodeId the MN's node id
     * \return the MN side's identity when attribute Identity is empty: mn<node id>@mip6.example
     */
    static std::string DefaultIdentity(uint32_t nodeId);
    /**
     * \param identity IDi data
     * \return its HoA, if the PAD has it
     */
    std::optional<Ipv6Address> LookupPad(const std::string& identity) const;
    /// \return the MN sides made
    const std::vector<Ptr<Mip6Ikev2MnSide>>& GetMnSides() const;
    /// \return the HA sides made
    const std::vector<Ptr<Mip6Ikev2HaSide>>& GetHaSides() const;

    // mip6-ikev2-child.cc
    std::string GetDataProtection() const override;
    /// \return whether the payload tunnel SA pair is created (variant key payload)
    bool GetPayloadProtection() const;
    /// \return whether CREATE_CHILD_SA carries KE (attribute Pfs)
    bool GetPfs() const;
    /// \return Child SA lifetime before its rekey (0: never)
    Time GetChildSaLifetime() const;
    /// \return IKE SA lifetime before its rekey (0: never)
    Time GetIkeSaLifetime() const;
    /// \return DPD interval (0: no DPD)
    Time GetDpdInterval() const;
    /// \return delay between the end of a binding and the HA's own Delete
    Time GetHaDeleteDelay() const;
    /**
     * Makes the two ESP SAs of a Child SA from KEYMAT = prf+(SK_d, [g^ir] ‖ Ni ‖ Nr)
     * (RFC 7296 §2.17), the initiator→responder SA's keys first.
     * \param sa the IKE SA
     * \param initiator true at the MN
     * \param gir the CREATE_CHILD_SA DH secret (empty without PFS)
     * \param ni initiator's nonce
     * \param nr responder's nonce
     * \param mode transport or tunnel
     * \param spiIn SPI of the inbound SA
     * \param spiOut SPI of the outbound SA
     * \param local own address (tunnel: outer)
     * \param remote peer's address (tunnel: outer)
     * \return {outbound, inbound}
     */
    std::pair<Ptr<Mip6EspSa>, Ptr<Mip6EspSa>> MakeChildPair(const Mip6Ikev2Sa& sa,
                                                            bool initiator,
                                                            const Mip6Bytes& gir,
                                                            const Mip6Bytes& ni,
                                                            const Mip6Bytes& nr,
                                                            Mip6EspMode mode,
                                                            uint32_t spiIn,
                                                            uint32_t spiOut,
                                                            Ipv6Address local,
                                                            Ipv6Address remote) const;
    /**
     * Reports a PF_KEY MIGRATE of a node's SAD as a LocalMessage (DESIGN.md §4.3 `local`).
     * \param sad the databases
     * \param node the node
     */
    void WatchMigrate(Ptr<Mip6IpsecSad> sad, Ptr<Node> node);

    /**
     * The SA payload of IKE_SA_INIT: one IKE proposal with the configured suite.
     * \return the payload
     */
    Ptr<Mip6IkeSaPayload> MakeIkeProposal() const;
    /**
     * The SA payload of IKE_AUTH: one ESP proposal.
     * \param spi the proposer's inbound SPI
     * \return the payload
     */
    Ptr<Mip6IkeSaPayload> MakeEspProposal(uint32_t spi) const;
    /**
     * The IKE SA keys and SK protectors after IKE_SA_INIT (RFC 7296 §2.14).
     * \param sa the SA (nonces, SPIs set)
     * \param gir the DH shared secret
     * \return empty, or why not
     */
    std::string DeriveIkeKeys(Mip6Ikev2Sa& sa, const Mip6Bytes& gir) const;
    /**
     * AUTH with a shared key (RFC 7296 §2.15): prf(prf(PSK, "Key Pad for IKEv2"), message ‖
     * peer nonce ‖ prf(SK_p, ID body)).
     * \param psk the key
     * \param message the signer's IKE_SA_INIT message
     * \param peerNonce the other side's nonce
     * \param skP SK_pi or SK_pr
     * \param id the signer's ID payload
     * \return the AUTH data
     */
    Mip6Bytes ComputeAuth(const std::string& psk,
                          const Mip6Bytes& message,
                          const Mip6Bytes& peerNonce,
                          const Mip6Bytes& skP,
                          const Mip6IkeIdPayload& id) const;
    /**
     * Installs the BU/BA transport Child SA (RFC 4877 §4.2, keys RFC 7296 §2.17).
     * \param sad the databases
     * \param sa the IKE SA
     * \param initiator true at the MN
     * \param spiIn SPI of the inbound SA (chosen locally)
     * \param spiOut SPI of the outbound SA (chosen by the peer)
     * \param local own address (HoA at the MN, HA at the HA)
     * \param remote the peer's
     * \return empty, or why not
     */
    std::string InstallChildSa(Ptr<Mip6IpsecSad> sad,
                               const Mip6Ikev2Sa& sa,
                               bool initiator,
                               uint32_t spiIn,
                               uint32_t spiOut,
                               Ipv6Address local,
                               Ipv6Address remote);
    /**
     * Applies the key export (attribute KeyExportDirectory) to a node's ESP protocol.
     * \param esp the protocol
     */
    void ConfigureExport(Ptr<Mip6EspProtocol> esp);
    /**
     * Writes an IKE SA to the Wireshark decryption table (when exporting).
     * \param sa the SA
     */
    void ExportIkeSa(const Mip6Ikev2Sa& sa);

  protected:
    void DoDispose() override;

  private:
    int m_dh{14};                                //!< attribute DhGroup
    int m_sk{0};                                 //!< attribute Sk
    int m_esp{0};                                //!< attribute Esp
    bool m_k{true};                              //!< attribute KeyManagementMobility
    std::string m_psk;                           //!< attribute Psk
    Time m_rto;                                  //!< attribute RetransmitTimeout
    double m_backoff{2.0};                       //!< attribute RetransmitBackoff
    uint32_t m_maxTries{5};                      //!< attribute MaxTries
    uint32_t m_replayWindow{64};                 //!< attribute ReplayWindow
    std::string m_keyExportDirectory;            //!< attribute KeyExportDirectory
    int m_auth{0};                               //!< attribute Auth (0 psk, 1 eap-md5)
    bool m_cp{false};                            //!< attribute Cp
    std::string m_eapSecret;                     //!< attribute EapSecret
    bool m_natt{false};                          //!< attribute NatTraversal
    Time m_keepaliveInterval;                    //!< attribute KeepaliveInterval
    bool m_mobike{false};                        //!< attribute Mobike
    bool m_cookie2{true};                        //!< attribute Cookie2
    bool m_mobikeProbe{false};                   //!< attribute MobikeProbe
    int m_mcoa{MCOA_PRIMARY};                    //!< attribute McoaPolicy
    std::map<std::string, Ipv6Address> m_pad;    //!< PAD: identity → HoA
    std::shared_ptr<Mip6KeyExport> m_export;     //!< the writer, once created
    std::vector<Ptr<Mip6Ikev2MnSide>> m_mnSides; //!< MN sides made
    std::vector<Ptr<Mip6Ikev2HaSide>> m_haSides; //!< HA sides made
    int m_payload{0};                            //!< attribute Payload
    bool m_pfs{false};                           //!< attribute Pfs
    Time m_childLifetime;                        //!< attribute ChildSaLifetime
    Time m_ikeLifetime;                          //!< attribute IkeSaLifetime
    Time m_dpdInterval;                          //!< attribute DpdInterval
    Time m_haDeleteDelay;                        //!< attribute HaDeleteDelay
};

} // namespace ns3

#endif /* MIP6_IPSEC_IKEV2_DESIGN_H */
