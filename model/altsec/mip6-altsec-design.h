/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The `altsec-tls` security design (RFC 6618): bootstrap = TCP + TLS + MHAuth to the HA
 * Controller, then BU/BA (and data) in UDP to the HA's port under the SA the HAC handed out.
 */

#ifndef MIP6_ALTSEC_DESIGN_H
#define MIP6_ALTSEC_DESIGN_H

#include "ns3/event-id.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/mip6-altsec-packet.h"
#include "ns3/mip6-ha-controller.h"
#include "ns3/mip6-hac-ha.h"
#include "ns3/mip6-security-design.h"
#include "ns3/mip6-tls-stream.h"
#include "ns3/object-factory.h"

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace ns3
{

class Mip6AltsecDesign;

/**
 * \ingroup mip6
 * The MN side of `altsec-tls`. Bootstrap: TCP to the HAC (from the CoA, outside the tunnel),
 * TLS 1.2 checking the HAC certificate, MHAuth PSK (Init, Done) or EAP-MD5 (Init, 2 × Mid, Done;
 * attribute AuthMethod), the SA installed, TLS and TCP closed; then every MH goes as PType 8 in UDP
 * to the HA (RFC 6618 §6) and data as PType 0 (mip6-sas = 0) or PType 1. PrepareHandover does
 * nothing: the SA is not tied to the CoA.
 */
class Mip6AltsecMnSecurity : public Mip6MnSecurity
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6AltsecMnSecurity();
    ~Mip6AltsecMnSecurity() override;

    void Setup(Ptr<Node> node, Ipv6Address hoa, Ipv6Address ha) override;
    void Bootstrap(Ipv6Address coa, Callback<void, bool> done) override;
    void PrepareHandover(const Mip6CoaChange& change, Callback<void, bool> done) override;
    void SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx) override;
    Mip6Verdict ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx) override;
    void SendData(Ptr<Packet> inner, const Mip6SignalingContext& ctx) override;
    Mip6Verdict AcceptPlainTunnel(const Ipv6Header& outer) override;
    std::vector<Mip6ControlEndpoint> GetControlEndpoints() const override;
    Mip6SecurityState GetState() const override;
    uint32_t GetBootstrapRoundTrips() const override;
    std::optional<uint64_t> GetMhAuthPlaintextBytes() const override;
    void RecoverFromRejection(const Mip6BindingAckHeader& ba, Callback<void, bool> done) override;

    /// \return the MN's NAI (mn-id)
    std::string GetNai() const;
    /// \return the SA database (one session)
    Ptr<Mip6AltsecSaDatabase> GetSaDatabase() const;
    /// \return the TLS stream of the last bootstrap (nullptr before)
    Ptr<Mip6TlsStream> GetTlsStream() const;
    /// \return HAC exchanges re-run before an SA expired
    uint32_t GetReauthentications() const;
    /// \return HAC exchanges re-run after a verified 176 REINIT_SA_WITH_HAC
    uint32_t GetReinitializations() const;
    /// \return HAC exchanges started in the current (or last) bootstrap
    uint32_t GetAttempts() const;
    /// \return the last bootstrap failure reason ("" when none)
    std::string GetFailureReason() const;
    /// \param exporter NSS key log target (nullptr: none)
    void SetKeyExport(Mip6KeyExport* exporter);

    /// TracedCallback signature of TlsFlow: MN id, MN address, port, HAC address, port.
    typedef void (*TlsFlowTracedCallback)(uint32_t, Ipv6Address, uint16_t, Ipv6Address, uint16_t);

  protected:
    void DoDispose() override;

  private:
    /**
     * \param reason a failure reason
     * \return whether another attempt could succeed (the HAC unreachable, the connection lost)
     */
    static bool IsTransientFailure(const std::string& reason);

    /// Re-runs the HAC exchange before the SA expires (RFC 6618 §7).
    void Reauthenticate();
    /// Starts one HAC exchange: TCP, TLS, MHAuth.
    void StartAttempt();
    /// TLS up: send MHAuth Init.
    void TlsUp();
    /// MHAuth bytes from the HAC. \param data decrypted application data
    void TlsData(const Mip6Bytes& data);
    /// TLS or TCP failed. \param reason why
    void TlsError(const std::string& reason);
    /// Handles one MHAuth response. \param m the message
    void Handle(const Mip6MhAuthMessage& m);
    /// Handles an MHAuth-Mid response (EAP-MD5). \param m the response
    void HandleEap(const Mip6MhAuthMessage& m);
    /// Sends the MHAuth-Done request. \param identifier its container identifier
    void SendDone(uint8_t identifier);
    /// Installs the SA of a Done response with status 200. \param m the response
    void InstallSa(const Mip6MhAuthMessage& m);
    /// Sends an MHAuth request. \param m the message
    void SendRequest(const Mip6MhAuthMessage& m);
    /// Ends the bootstrap. \param ok success \param reason failure reason
    void Finish(bool ok, const std::string& reason);
    /// UDP from the HA.
    void Read(Ptr<Socket> socket);

    // Attributes
    std::string m_psk;         //!< PSK (text)
    uint16_t m_hacPort;        //!< HAC TCP port
    std::string m_suites;      //!< mip6-suitelist offered
    bool m_dataProtection;     //!< ask for mip6-sas = 1
    std::string m_cipherList;  //!< TLS cipher list
    uint32_t m_tlsVersion{12}; //!< TLS version, 12 or 13

    Ipv6Address m_hac;                      //!< HAC address (co-located: the HA)
    std::optional<Ipv6Address> m_remoteHac; //!< the remote HAC's address (hac=remote)
    bool m_hacHaPush{false};                //!< the remote HAC pushes the SA before MHAuth-Done
    Ipv6Address m_haUdp;                    //!< HA address for altsec UDP (from mip6-haa-ip6)
    uint16_t m_haPort{7872};                //!< HA UDP port (from mip6-port)
    Mip6TcpSettings m_tcp;                  //!< TCP settings
    SSL_CTX* m_ctx{nullptr};                //!< TLS client context
    Ptr<Mip6TlsStream> m_tls;               //!< current TLS stream
    Ptr<Socket> m_udp;                      //!< altsec UDP socket (ephemeral port)
    Ptr<Mip6AltsecSaDatabase> m_db;         //!< the session
    std::optional<uint32_t> m_spi;          //!< SPI of the session
    bool m_sas{false};                      //!< mip6-sas in force
    Mip6Bytes m_rx;                         //!< MHAuth bytes not yet framed
    Mip6Bytes m_mnRand;                     //!< MN nonce
    Mip6Bytes m_hacRand;                    //!< HAC nonce
    Mip6Bytes m_channelBinding;             //!< tls-server-endpoint of the certificate seen
    uint8_t m_state{0};                     //!< 0 idle, 1 Init sent, 2 Done sent, 3 Mid sent
    uint8_t m_requestId{1};                 //!< container identifier of the last request
    std::string m_authMethod{"psk"};        //!< MHAuth auth-method: psk or eap-md5
    uint64_t m_mhauthBytes{0};              //!< MHAuth plaintext bytes of the bootstrap
    std::string m_failure;                  //!< last failure reason
    Callback<void, bool> m_done;            //!< bootstrap completion
    uint32_t m_attempts{0};                 //!< HAC exchanges started in this bootstrap
    uint32_t m_maxAttempts{4};              //!< attempts before giving up
    Time m_initialBackoff;                  //!< first retry wait
    Time m_maxBackoff;                      //!< longest retry wait
    EventId m_retry;                        //!< pending retry
    Time m_exchangeTimeout;                 //!< guard of one HAC exchange
    EventId m_timeout;                      //!< pending guard
    Time m_reauthMargin;                    //!< re-run this long before the SA validity end
    EventId m_reauth;                       //!< pending re-run
    uint32_t m_reauthentications{0};        //!< re-runs started
    uint32_t m_reinitializations{0};        //!< re-runs after a verified 176
    bool m_resumption{false};               //!< offer the previous TLS session
    SSL_SESSION* m_session{nullptr};        //!< the previous TLS session
    bool m_inRx{false};                     //!< delivering an MH that came in altsec UDP
    bool m_inDeliver{false};                //!< delivering a packet that came in altsec UDP
    Mip6KeyExport* m_keyExport{nullptr};    //!< key log target
    std::shared_ptr<std::map<std::string, Mip6HacSubscriber>> m_provisioning; //!< HAC's MNs
    std::string m_provisionedPsk;               //!< the PSK the HAC holds for this MN
    std::shared_ptr<Mip6TlsFlowOwners> m_flows; //!< TLS flows by MN address and port
    /// TCP connection to the HAC up: MN id, MN address, port, HAC address, port
    TracedCallback<uint32_t, Ipv6Address, uint16_t, Ipv6Address, uint16_t> m_tlsFlowTrace;
    TracedCallback<const std::string&> m_failureTrace; //!< bootstrap failed, with reason

    friend class Mip6AltsecDesign;
};

/**
 * \ingroup mip6
 * The HA side of `altsec-tls`: the co-located HAC application (installed on the HA node at
 * Setup), the SA database filled by the HAC in-node, the UDP socket on port 7872 (RFC 6618 §6).
 * A PType 8 packet under a known SPI is verified, its MH handed to the mobility core with the
 * HoA of the SPI (no HAO); the BA goes back the same way to the address and port the last
 * authenticated packet came from.
 */
class Mip6AltsecHaSecurity : public Mip6HaSecurity
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6AltsecHaSecurity();

    void Setup(Ptr<Node> node, Ipv6Address ha) override;
    Mip6Verdict ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx) override;
    void SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx) override;
    void SendData(Ptr<Packet> inner, const Mip6SignalingContext& ctx) override;
    Mip6Verdict AcceptPlainTunnel(const Ipv6Header& outer) override;
    Mip6SecurityState GetState(Ipv6Address hoa) const override;

    /// \return the HAC (co-located, or the remote one of the design)
    Ptr<Mip6HaController> GetController() const;
    /// \return the SA database
    Ptr<Mip6AltsecSaDatabase> GetSaDatabase() const;
    /// \return the HA's end of the HAC–HA protocol (nullptr with a co-located HAC)
    Ptr<Mip6HacHaChannel> GetHacHaChannel() const;
    /**
     * \param event "sa-installed", "push-duplicate", "ack-sent", "pull-request", "pull-installed",
     *        "pull-unknown-spi", "pull-timeout", "pull-queue-full", "pull-limit",
     *        "unsolicited-response", "bad-sa", "pull-queued"
     * \return how often it happened at the HA's end of the HAC–HA protocol
     */
    uint64_t GetHacHaCount(const std::string& event) const;

    /// TracedCallback signature of HacHaEvent: event, SPI.
    typedef void (*HacHaEventTracedCallback)(const std::string&, uint32_t);

  protected:
    void DoDispose() override;

  private:
    /// The HAC delivered an SA. \param sa the SA \return false when it cannot be keyed
    bool InstallSa(const Mip6HacSaDelivery& sa);
    /// The co-located HAC delivered an SA (in-node). \param sa the SA
    void DeliverInNode(const Mip6HacSaDelivery& sa);
    /// UDP from MNs.
    void Read(Ptr<Socket> socket);
    /// One altsec packet from an MN. \param p the UDP payload \param src where it came from
    void Process(Ptr<Packet> p, const Inet6SocketAddress& src);
    /// HAC–HA messages from the HAC.
    void ReadHac(Ptr<Socket> socket);
    /// Pull model: asks the HAC for an SPI. \param spi the SPI
    void SendPullRequest(uint32_t spi);
    /// No SA-RESPONSE in time. \param spi the SPI
    void PullTimeout(uint32_t spi);
    /// Counts and traces an event of the HAC–HA protocol. \param event it \param spi the SPI
    void HacHaEvent(const std::string& event, uint32_t spi);

    /// Pull model: packets under an SPI the HA asked the HAC for.
    struct PendingPull
    {
        std::vector<std::pair<Ptr<Packet>, Inet6SocketAddress>> queue; ///< held packets
        uint32_t transmissions{0};                                     ///< SA-REQUESTs sent
        EventId timer;                                                 ///< retransmission
    };

    /// One MN's session at the HA.
    struct Peer
    {
        uint32_t spi{0};     ///< SPI
        uint32_t mnId{0};    ///< MN node id
        bool sas{false};     ///< mip6-sas
        bool known{false};   ///< an authenticated packet arrived
        Ipv6Address address; ///< where it came from
        uint16_t port{0};    ///< its UDP port
        Time expiry;         ///< SA validity end (simulation time)
    };

    uint16_t m_port;                            //!< UDP port
    Ptr<Socket> m_udp;                          //!< the socket
    Ptr<Mip6AltsecSaDatabase> m_db;             //!< sessions
    Ptr<Mip6HaController> m_hac;                //!< co-located HAC
    std::map<uint32_t, Ipv6Address> m_hoaBySpi; //!< SPI → HoA
    std::map<Ipv6Address, Peer> m_peers;        //!< HoA → session
    bool m_inRx{false};                         //!< delivering an MH that came in altsec UDP
    bool m_inDeliver{false};                    //!< delivering a packet that came in altsec UDP
    bool m_rxExpired{false};                    //!< the MH being delivered came under an expired SA
    std::shared_ptr<std::map<std::string, Mip6HacSubscriber>> m_provisioning; //!< MNs
    ObjectFactory m_hacFactory;                    //!< the co-located HAC's configuration
    Mip6KeyExport* m_hacKeyExport{nullptr};        //!< the HAC's key log target
    std::shared_ptr<Mip6TlsFlowOwners> m_flows;    //!< TLS flows by MN address and port
    bool m_remote{false};                          //!< the HAC is remote (m_hac is the design's)
    bool m_pull{false};                            //!< pull SAs by SPI
    Ipv6Address m_hacAddress;                      //!< the remote HAC's address
    uint16_t m_hacHaPort{7873};                    //!< HAC–HA UDP port
    Mip6Bytes m_hacHaKey;                          //!< HAC–HA key
    Time m_pullTimeout;                            //!< wait for an SA-RESPONSE
    uint32_t m_pullRetransmissions{2};             //!< SA-REQUEST retransmissions
    uint32_t m_pullQueueLength{4};                 //!< packets held per SPI
    uint32_t m_maxPendingPulls{64};                //!< SPIs asked for at once
    Ptr<Mip6HacHaChannel> m_hacHa;                 //!< HA end of the HAC–HA protocol
    Ptr<Socket> m_hacSocket;                       //!< its UDP socket
    std::map<uint32_t, PendingPull> m_pulls;       //!< pulls under way, by SPI
    std::map<std::string, uint64_t> m_hacHaCounts; //!< HAC–HA events
    TracedCallback<const std::string&, uint32_t> m_hacHaTrace; //!< HAC–HA events

    friend class Mip6AltsecDesign;
};

/**
 * \ingroup mip6
 * The `altsec-tls` design (DESIGN.md §1): TLS 1.2 + PSK by default, suite AES_128_CBC_SHA, data
 * as PType 0. Variant key `suite` (RFC 6618 §5.4 suite names). MNs are provisioned at the HAC by
 * the design itself (NAI mn<node id>@mip6.example, the design's PSK, the MN's HoA), standing in
 * for the out-of-band subscription database the RFC assumes.
 */
class Mip6AltsecDesign : public Mip6SecurityDesign
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6AltsecDesign();
    std::string GetId() const override;
    Ptr<Mip6MnSecurity> CreateMnSide() override;
    Ptr<Mip6HaSecurity> CreateHaSide() override;

    std::map<std::string, std::string> GetTransportSettings() const override;
    std::string GetDataProtection() const override;
    /// \return true with hac=remote
    bool WantsControllerNode() const override;
    /**
     * hac=remote: installs the HAC application on \p node, keyed for the HAC–HA protocol towards
     * \p haAddress; MNs connect to \p address.
     * \param node the controller node
     * \param address its address
     * \param haAddress the HA's address on its link
     */
    void InstallController(Ptr<Node> node, Ipv6Address address, Ipv6Address haAddress) override;
    /// \return the remote HAC (nullptr when co-located or not installed yet)
    Ptr<Mip6HaController> GetRemoteController() const;

    /// \return the last MN side created
    Ptr<Mip6AltsecMnSecurity> GetMnSide() const;
    /// \return the last HA side created
    Ptr<Mip6AltsecHaSecurity> GetHaSide() const;
    /// \param exporter NSS key log target for both ends (nullptr: none)
    void SetKeyExport(Mip6KeyExport* exporter);
    /// \param version "1.2" or "1.3" (attribute Tls)
    void SetTls(std::string version);
    /// \return "1.2" or "1.3"
    std::string GetTls() const;

  private:
    friend class Mip6AltsecMnSecurity;
    friend class Mip6AltsecHaSecurity;

    /// Creates the key log writer of KeyExportDirectory once, before the sides are made.
    void OpenKeyExport();
    /// \param f a HAC factory \return it, configured from the design's attributes
    void ConfigureController(ObjectFactory& f) const;
    /// \return the HAC–HA key (attribute HacHaKey, hex)
    Mip6Bytes GetHacHaKey() const;

    std::string m_psk;                             //!< PSK of every provisioned MN
    std::string m_auth{"psk"};                     //!< MHAuth method: psk or eap-md5
    std::string m_suite;                           //!< MN–HA suite
    uint16_t m_port;                               //!< HAC TCP port and HA UDP port
    bool m_dataProtection;                         //!< payload protection (mip6-sas = 1, PType 1)
    uint32_t m_tlsVersion{12};                     //!< TLS version to the HAC, 12 or 13
    Time m_saLifetime;                             //!< validity of the SAs the HAC hands out
    bool m_resumption{false};                      //!< TLS session resumption (1.2 and 1.3)
    Ptr<Mip6AltsecMnSecurity> m_mn;                //!< last MN side
    Ptr<Mip6AltsecHaSecurity> m_ha;                //!< last HA side
    Mip6KeyExport* m_keyExport{nullptr};           //!< key log target
    std::string m_keyExportDirectory;              //!< attribute KeyExportDirectory
    std::shared_ptr<Mip6KeyExport> m_ownKeyExport; //!< the writer made for KeyExportDirectory
    std::shared_ptr<std::map<std::string, Mip6HacSubscriber>> m_provisioning; //!< MNs
    std::shared_ptr<Mip6TlsFlowOwners> m_flows; //!< TLS flows by MN address and port
    std::string m_hacMode{"local"};             //!< attribute Hac: local or remote
    bool m_pull{false};                         //!< attribute Pull
    std::string m_hacHaKeyHex;                  //!< attribute HacHaKey
    uint16_t m_hacHaPort{7873};                 //!< attribute HacHaPort
    Ptr<Mip6HaController> m_controller;         //!< the remote HAC
    Ipv6Address m_controllerAddress;            //!< its address
    Ipv6Address m_controllerHaAddress;          //!< the HA's address on its link
};

} // namespace ns3

#endif /* MIP6_ALTSEC_DESIGN_H */
