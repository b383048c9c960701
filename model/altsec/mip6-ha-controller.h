/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RFC 6618 §4-§5: the Home Agent Controller (HAC) — a TLS server that authenticates Mobile Nodes
 * with MHAuth inside TLS and hands out the MN–HA security association and bootstrap data.
 */

#ifndef MIP6_HA_CONTROLLER_H
#define MIP6_HA_CONTROLLER_H

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv6-address.h"
#include "ns3/mip6-altsec-packet.h"
#include "ns3/mip6-hac-ha.h"
#include "ns3/mip6-mhauth.h"
#include "ns3/mip6-tls-stream.h"
#include "ns3/traced-callback.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6
 * RFC 6618 §5.5: `auth` = HMAC-SHA-256(key, label ‖ msg-octets ‖ CB-octets), where label is the
 * ASCII "MN" or "HAC" without terminator, msg-octets are Mip6MhAuthMessage::GetAuthOctets() and
 * CB-octets the tls-server-endpoint channel binding (RFC 5929) of the HAC certificate.
 * \param key the PSK (PSK method)
 * \param label "MN" or "HAC"
 * \param message the message (its `auth` header, if any, is not covered)
 * \param channelBinding the tls-server-endpoint hash
 * \return the 32-byte value
 */
Mip6Bytes Mip6MhAuthComputeAuth(const Mip6Bytes& key,
                                const std::string& label,
                                const Mip6MhAuthMessage& message,
                                const Mip6Bytes& channelBinding);

/**
 * \ingroup mip6
 * Verifies the `auth` header of a message in constant time.
 * \param key the PSK
 * \param label "MN" or "HAC" (the sender's role)
 * \param message the message
 * \param channelBinding the tls-server-endpoint hash this end saw
 * \return true when present and correct
 */
bool Mip6MhAuthVerify(const Mip6Bytes& key,
                      const std::string& label,
                      const Mip6MhAuthMessage& message,
                      const Mip6Bytes& channelBinding);

/**
 * \ingroup mip6
 * One MN the HAC knows (provisioned out of band, as an AAA database would be).
 */
struct Mip6HacSubscriber
{
    Mip6Bytes psk;            ///< the pre-shared key of the PSK method
    Ipv6Address hoa;          ///< the home address the HAC assigns
    uint8_t prefixLength{64}; ///< home prefix length
    uint32_t mnId{0};         ///< the MN's node id (for metrics)
};

/**
 * \ingroup mip6
 * Which MN opened a TLS connection from (address, port): lets the HAC tag its packets with the
 * MN before the MHAuth Init names it (metrics only, DESIGN.md §4.3).
 */
using Mip6TlsFlowOwners = std::map<std::pair<Ipv6Address, uint16_t>, uint32_t>;

/**
 * \ingroup mip6
 * The HA Controller: listens on a TCP port, runs TLS 1.2 with its certificate (test PKI
 * hac.mip6.example by default), then the MHAuth PSK exchange of RFC 6618 §5.5 (2 round trips):
 * Init request (mn-id, mn-rand, auth-method) → Init response (rands, method, `auth`) → Done
 * request (rands, mip6-sas, mip6-suitelist, `auth`) → Done response (status, SA, suite,
 * bootstrap data, `auth`). On success it delivers the SA through the SaDelivery callback. Errors
 * are answered with a status code (400 malformed, 401 authentication, 501 unsupported) and
 * counted by reason.
 */
class Mip6HaController : public Application
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6HaController();
    ~Mip6HaController() override;

    /**
     * Provisions an MN.
     * \param nai its mn-id
     * \param subscriber its record
     */
    void AddSubscriber(const std::string& nai, const Mip6HacSubscriber& subscriber);
    /**
     * Shares a subscriber database (the design provisions its MNs into it as they are set up).
     * \param db the database
     */
    void SetSubscriberDatabase(std::shared_ptr<std::map<std::string, Mip6HacSubscriber>> db);
    /// \param owners MN ids of TLS flows, by the MN's address and port
    void SetFlowOwners(std::shared_ptr<Mip6TlsFlowOwners> owners);
    /// \param cb receives each SA generated (in-node delivery to the co-located HA)
    void SetSaDelivery(Callback<void, const Mip6HacSaDelivery&> cb);
    /// \param address the HA address announced in mip6-haa-ip6
    void SetHomeAgentAddress(Ipv6Address address);
    /// \param exporter NSS key log target (nullptr: none)
    void SetKeyExport(Mip6KeyExport* exporter);
    /**
     * Makes this a remote HAC: SAs go to the HA over the HAC–HA protocol (Mip6HacHaChannel, UDP
     * port HacHaPort) instead of the in-node SaDelivery callback. With PushSa the MHAuth-Done
     * response is sent only once the HA acknowledged the SA-PUSH; without, the HA pulls SAs by
     * SPI (SA-REQUEST). Call before the application starts.
     * \param haAddress the HA's address on the HAC's link
     * \param key the pre-configured HAC–HA key (Mip6HacHaChannel::KEY_SIZE octets)
     */
    void SetRemoteHomeAgent(Ipv6Address haAddress, const Mip6Bytes& key);
    /// \return the HAC–HA channel (nullptr when co-located)
    Ptr<Mip6HacHaChannel> GetHacHaChannel() const;
    /// \param spi an SPI \return the SA record the HAC holds for it, if any
    std::optional<Mip6HacSaDelivery> GetSaRecord(uint32_t spi) const;
    /**
     * \return the bytes of the per-MN records the HAC holds (SPI, suite, flags, MN id, validity
     *         end, HoA, keys, NAI), all MNs together
     */
    uint64_t GetRecordStateBytes() const;
    /// \return SA-REQUESTs answered (pull model), found or not
    uint64_t GetPullRequestCount() const;

    /// \return MN records held (SAs generated and not yet replaced)
    uint32_t GetRecordCount() const;
    /// \param reason a failure reason \return how many exchanges failed for it
    uint64_t GetFailureCount(const std::string& reason) const;
    /// \return exchanges that ended with status 200
    uint64_t GetSuccessCount() const;
    /// \return the port the HAC listens on
    uint16_t GetPort() const;
    /// \return the TCP settings in force
    const Mip6TcpSettings& GetTcpSettings() const;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// One MN's TLS connection and exchange state.
    struct Session
    {
        Ptr<Mip6TlsStream> tls; ///< the TLS stream
        Mip6Bytes rx;           ///< received application data not yet framed
        uint8_t state{0};       ///< 0: expect Init, 1: expect Done, 2: finished, 3: expect
                                ///< EAP Response/Identity, 4: expect EAP-MD5 Response
        bool eap{false};        ///< EAP-MD5 method chosen
        uint8_t doneId{2};      ///< container identifier the Done request must carry
        uint8_t eapId{0};       ///< EAP Identifier of the last EAP Request
        Mip6Bytes challenge;    ///< EAP-MD5 challenge sent
        std::string nai;        ///< mn-id
        Mip6Bytes mnRand;       ///< MN nonce
        Mip6Bytes hacRand;      ///< HAC nonce
    };

    /// Accepts a TCP connection.
    void Accept(Ptr<Socket> socket, const Address& from);
    /// Application data arrived on a session. \param id session \param data bytes
    void Data(uint32_t id, const Mip6Bytes& data);
    /// Handles one framed request. \param id session \param message the request
    void Handle(uint32_t id, const Mip6MhAuthMessage& message);
    /// Handles an MHAuth-Mid request (EAP-MD5). \param id session \param message the request
    void HandleEap(uint32_t id, const Mip6MhAuthMessage& message);
    /// Answers with an error status and ends the session.
    void Refuse(uint32_t id, uint8_t identifier, Mip6MhAuthStatus status, const std::string& why);
    /// Sends a response on a session.
    void Respond(uint32_t id, const Mip6MhAuthMessage& response);
    /// TLS or TCP failure of a session.
    void SessionError(uint32_t id, const std::string& reason);
    /// \return a fresh SPI unique at this HAC
    uint32_t NewSpi();
    /// HAC–HA messages from the HA.
    void ReadHa(Ptr<Socket> socket);
    /// (Re)sends the SA-PUSH of an SPI waiting for the HA's ack. \param spi the SPI
    void SendPush(uint32_t spi);
    /// No SA-ACK in time: retransmit, or answer the MN 504. \param spi the SPI
    void PushTimeout(uint32_t spi);
    /// Forgets the SA of an SPI (the HA did not take it). \param spi the SPI
    void ForgetSa(uint32_t spi);

    /// An MHAuth-Done response waiting for the HA's SA-ACK.
    struct PendingPush
    {
        uint32_t session{0};        ///< the MN's session
        uint8_t identifier{0};      ///< the Done request's identifier
        Mip6MhAuthMessage response; ///< the Done response to send once acknowledged
        std::vector<uint32_t> seqs; ///< sequence numbers of the SA-PUSHes sent
        uint32_t transmissions{0};  ///< SA-PUSHes sent
        EventId timer;              ///< retransmission timer
    };

    uint16_t m_port;                                 //!< TCP port
    std::string m_suite;                             //!< preferred MN–HA suite
    Time m_saLifetime;                               //!< SA validity
    bool m_dataProtection;                           //!< offer mip6-sas = 1
    std::string m_cipherList;                        //!< TLS 1.2 cipher list
    uint32_t m_tlsVersion{12};                       //!< TLS version, 12 or 13
    bool m_resumption{false};                        //!< TLS session resumption (1.2 and 1.3)
    Mip6TcpSettings m_tcp;                           //!< TCP settings of the HAC path
    Ipv6Address m_haAddress;                         //!< announced HA address
    uint16_t m_haPort{7872};                         //!< announced HA UDP port
    Ptr<Socket> m_listener;                          //!< listening socket
    SSL_CTX* m_ctx{nullptr};                         //!< TLS server context
    Mip6Bytes m_channelBinding;                      //!< tls-server-endpoint of the HAC certificate
    Mip6KeyExport* m_keyExport{nullptr};             //!< key log target
    std::shared_ptr<Mip6TlsFlowOwners> m_flowOwners; //!< MN ids of TLS flows
    std::shared_ptr<std::map<std::string, Mip6HacSubscriber>> m_subscribers; //!< provisioned MNs
    std::map<uint32_t, Session> m_sessions;                                  //!< sessions by id
    uint32_t m_nextSession{0};                                               //!< next session id
    std::map<uint32_t, std::string> m_spis;                                  //!< SPI → NAI
    std::map<uint32_t, Mip6HacSaDelivery> m_sas;                             //!< SPI → SA record
    bool m_remote{false};                       //!< the HA is reached over the HAC–HA protocol
    bool m_pushSa{true};                        //!< push SAs (else the HA pulls them)
    uint16_t m_hacHaPort{7873};                 //!< HAC–HA UDP port
    Time m_ackTimeout;                          //!< SA-ACK wait before a retransmission
    uint32_t m_maxRetransmissions{2};           //!< SA-PUSH retransmissions before 504
    Ipv6Address m_haCoreAddress;                //!< the HA's address on the HAC's link
    Mip6Bytes m_hacHaKey;                       //!< the HAC–HA key
    Ptr<Mip6HacHaChannel> m_hacHa;              //!< the HAC–HA channel
    Ptr<Socket> m_haSocket;                     //!< the HAC–HA UDP socket
    std::map<uint32_t, PendingPush> m_pushes;   //!< Done responses waiting for an SA-ACK, by SPI
    uint64_t m_pullRequests{0};                 //!< SA-REQUESTs answered
    std::map<std::string, uint32_t> m_records;  //!< NAI → current SPI
    std::map<std::string, uint64_t> m_failures; //!< failures by reason
    uint64_t m_successes{0};                    //!< successful exchanges
    Callback<void, const Mip6HacSaDelivery&> m_delivery; //!< SA delivery
    /// exchange finished: mn-id, status code
    TracedCallback<const std::string&, uint16_t> m_exchangeTrace;
    /// TLS session accepted: MN address and port, HAC address and port
    TracedCallback<Ipv6Address, uint16_t, Ipv6Address, uint16_t> m_acceptTrace;

    friend class Mip6AltsecHaSecurity;
};

} // namespace ns3

#endif /* MIP6_HA_CONTROLLER_H */
