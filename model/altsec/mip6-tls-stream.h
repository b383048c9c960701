/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Real TLS (OpenSSL 3 libssl) over an ns-3 TCP socket: the SSL object talks to two memory BIOs,
 * and this class moves their bytes to and from the socket (no real sockets, no threads).
 */

#ifndef MIP6_TLS_STREAM_H
#define MIP6_TLS_STREAM_H

#include "ns3/callback.h"
#include "ns3/mip6-crypto-types.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <memory>
#include <openssl/types.h>

/// libssl's session type (declared in <openssl/ssl.h>).
typedef struct ssl_session_st SSL_SESSION;
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

class Mip6KeyExport;

/**
 * \ingroup mip6
 * The TCP settings of the HAC path (DESIGN.md §5: ns-3's defaults, 536-byte segments and a
 * 200 ms delayed ACK, distort the cost of TLS). Applied to a socket before it connects or
 * listens; accepted sockets inherit them.
 */
struct Mip6TcpSettings
{
    uint32_t pathMtu{1500};               ///< path MTU the segment size is derived from
    bool timestamps{true};                ///< RFC 7323 timestamps (ns-3's default; 12 option bytes)
    Time delAckTimeout{MilliSeconds(40)}; ///< delayed-ACK timer (Linux's minimum ATO)
    uint32_t delAckCount{2}; ///< segments per ACK (RFC 1122/5681: at least every second)

    /// \return the MSS: path MTU − IPv6 40 − TCP 20 − timestamps 12 (when on)
    uint32_t GetSegmentSize() const;
    /**
     * Sets SegmentSize, Timestamp, DelAckTimeout and DelAckCount on a TCP socket.
     * \param socket a TcpSocketBase
     */
    void Apply(Ptr<Socket> socket) const;
    /// \return "mss=1428,timestamps=1,delack=40ms/2" for the manifest
    std::string ToString() const;
};

/**
 * \ingroup mip6
 * One TLS connection over one ns-3 TCP socket. The SSL object reads from one memory BIO, into
 * which the bytes TCP delivers are written, and writes to another, whose bytes are sent on the
 * socket (as much as its send buffer takes; the rest on its send callback). Everything runs in
 * simulation events: a handshake step happens when bytes arrive.
 *
 * Reproducibility: libssl draws its randoms, ECDHE keys and ECDSA nonces from the default library
 * context's RAND, which Mip6CryptoRandom replaces by the ns-3-seeded DRBG; certificate validity is
 * checked at the simulated epoch (Mip6CertificateVerifier); session tickets are off (a TLS 1.2
 * ticket embeds the wall-clock time), so the same seed gives the same bytes.
 */
class Mip6TlsStream : public Object
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6TlsStream();
    ~Mip6TlsStream() override;

    /**
     * A TLS client context (1.2, or 1.3 as a variant) that trusts the test CA and checks the server
     * name (RFC 6618 §4: a HAC server certificate is mandatory). Cipher list and groups are set
     * from \p cipherList. \param serverName the DNS name the certificate must carry \param
     * cipherList OpenSSL TLS 1.2 cipher list (TLS 1.3: TLS_AES_128_GCM_SHA256) \param tlsVersion 12
     * or 13 \return the context (the caller frees it with SSL_CTX_free), or why not
     */
    static Mip6CryptoResult<SSL_CTX*> NewClientContext(const std::string& serverName,
                                                       const std::string& cipherList,
                                                       int tlsVersion = 12);
    /**
     * A TLS server context (1.2, or 1.3) with a certificate and key (PEM).
     * \param certPem the server certificate
     * \param keyPem its private key
     * \param cipherList OpenSSL TLS 1.2 cipher list (TLS 1.3: TLS_AES_128_GCM_SHA256)
     * \param tlsVersion 12 or 13
     * \return the context, or why not
     */
    static Mip6CryptoResult<SSL_CTX*> NewServerContext(const std::string& certPem,
                                                       const std::string& keyPem,
                                                       const std::string& cipherList,
                                                       int tlsVersion = 12);

    /**
     * Lets a server context resume sessions (RFC 6618 §4 suggests resumption): TLS 1.2 by
     * session ID (RFC 5246 §7.3), TLS 1.3 by PSK with one stateful NewSessionTicket per
     * handshake (RFC 8446 §4.6.1, §2.2). The cache's lifetime check reads the wall clock, so the
     * timeout is set far beyond any run (no stateless ticket: it embeds the wall-clock time).
     * \param ctx a server context
     */
    static void EnableSessionResumption(SSL_CTX* ctx);
    /**
     * Readies a session the client is about to offer so that its TLS 1.3 ClientHello does not
     * depend on the wall clock (the ticket age, see the .cc).
     * \param session the session (nullptr: nothing)
     */
    static void PrepareSessionForOffer(SSL_SESSION* session);
    /**
     * A client offers this session in its ClientHello (call before Start).
     * \param session a session from GetSession() (the stream takes its own reference)
     */
    void SetSession(SSL_SESSION* session);
    /// \return the current session with a new reference (the caller frees it), or nullptr
    SSL_SESSION* GetSession() const;
    /// \return true when the handshake resumed a session (abbreviated handshake)
    bool IsResumed() const;

    /**
     * Starts TLS on a socket: a client sends its ClientHello once the socket is connected (call
     * this from the connect-succeeded callback, or before: it waits); a server waits for it.
     * \param ctx the SSL context (the stream keeps a reference)
     * \param socket a TCP socket (connected or connecting)
     * \param client true for the client end
     * \param serverName for a client: the SNI and the name checked in the certificate
     */
    void Start(SSL_CTX* ctx, Ptr<Socket> socket, bool client, const std::string& serverName = "");

    /**
     * Sends application data (queued until the handshake is done).
     * \param data the bytes
     */
    void Send(const Mip6Bytes& data);
    /// Sends close_notify and closes the TCP socket once everything is out.
    void Close();

    /// \param exporter where NSS key log lines go (nullptr: none)
    void SetKeyExport(Mip6KeyExport* exporter);
    /**
     * Tags every packet handed to TCP with Mip6CategoryTag(TLS, "TLS", mn) (DESIGN.md §4.3).
     * Segments TCP builds itself (SYN, pure ACKs, FIN) carry no tag: the overhead meter
     * classifies them by the flow (Mip6OverheadMeter::RegisterTlsFlow).
     * \param mn the MN the connection is about
     */
    void SetCategoryMn(uint32_t mn);
    /// \param cb called once when the handshake completed
    void SetHandshakeCallback(Callback<void> cb);
    /// \param cb called with each chunk of decrypted application data
    void SetDataCallback(Callback<void, const Mip6Bytes&> cb);
    /// \param cb called once on a TLS or TCP failure, with a reason
    void SetErrorCallback(Callback<void, const std::string&> cb);

    /// \return true once the handshake completed
    bool IsEstablished() const;
    /// \return the peer's certificate in DER (empty before the handshake or when none)
    Mip6Bytes GetPeerCertificateDer() const;
    /// \return this end's own certificate in DER (empty when none)
    Mip6Bytes GetOwnCertificateDer() const;
    /// \return the negotiated cipher name (OpenSSL's)
    std::string GetCipherName() const;
    /// \return the socket
    Ptr<Socket> GetSocket() const;
    /// \return TLS bytes sent (records, as handed to TCP)
    uint64_t GetTlsBytesSent() const;
    /// \return TLS bytes received
    uint64_t GetTlsBytesReceived() const;
    /// \return TLS flights sent (each batch of records handed to TCP at once)
    uint32_t GetFlightsSent() const;
    /**
     * \return the HandshakeType (RFC 8446 §4, RFC 5246 §7.4) of every handshake message this end
     *         received, in order, as libssl parsed them (TLS 1.3's encrypted ones included)
     */
    const std::vector<uint8_t>& GetHandshakeTypesReceived() const;
    /// \return the HandshakeType of every handshake message this end sent, in order
    const std::vector<uint8_t>& GetHandshakeTypesSent() const;
    /**
     * \return the extension types of the ServerHello received (client end; empty before it or
     *         when it cannot be parsed)
     */
    std::vector<uint16_t> GetServerHelloExtensions() const;

  protected:
    void DoDispose() override;

  private:
    /// Reads what TCP delivered into the SSL object and runs the state machine.
    void OnRecv(Ptr<Socket> socket);
    /// The socket can take more bytes.
    void OnSend(Ptr<Socket> socket, uint32_t available);
    /// Client socket connected.
    void OnConnected(Ptr<Socket> socket);
    /// Client socket failed to connect.
    void OnConnectFailed(Ptr<Socket> socket);
    /// Peer closed / error.
    void OnClosed(Ptr<Socket> socket);
    /// Peer reset / error.
    void OnError(Ptr<Socket> socket);
    /// Runs the handshake or reads data.
    void Drive();
    /// Moves the SSL object's output to the pending buffer and the socket.
    void Flush();
    /// Sends as much of the pending buffer as the socket takes.
    void Pump();
    /// Charges the protection of \p bytes application bytes to the CPU in scope.
    void ChargeRecord(int bytes);
    /// Reports a failure once. \param reason why
    void Fail(const std::string& reason);
    /// Keylog callback of libssl.
    static void KeyLog(const SSL* ssl, const char* line);
    /// Protocol message callback of libssl (records handshake message types).
    static void Message(int write,
                        int version,
                        int contentType,
                        const void* buf,
                        size_t len,
                        SSL* ssl,
                        void* arg);

    SSL_CTX* m_ctx{nullptr}; //!< context (referenced)
    SSL* m_ssl{nullptr};
    SSL_SESSION* m_offer{
        nullptr};        //!< session to offer (client)                          //!< the connection
    BIO* m_in{nullptr};  //!< network → SSL
    BIO* m_out{nullptr}; //!< SSL → network
    Ptr<Socket> m_socket;                         //!< the TCP socket
    bool m_client{false};                         //!< client end
    bool m_connected{false};                      //!< TCP connected
    bool m_established{false};                    //!< handshake done
    bool m_closing{false};                        //!< Close() called
    bool m_tcpClosed{false};                      //!< TCP Close() issued
    bool m_failed{false};                         //!< failure reported
    Mip6Bytes m_pending;                          //!< TLS bytes not yet taken by TCP
    Mip6Bytes m_appQueue;                         //!< application data waiting for the handshake
    Mip6KeyExport* m_keyExport{nullptr};          //!< key log target
    uint64_t m_bytesSent{0};                      //!< TLS bytes sent
    uint64_t m_bytesReceived{0};                  //!< TLS bytes received
    std::optional<uint32_t> m_tagMn;              //!< MN id for the category tag
    uint32_t m_flights{0};                        //!< flights sent
    std::vector<uint8_t> m_hsReceived;            //!< handshake types received
    std::vector<uint8_t> m_hsSent;                //!< handshake types sent
    Mip6Bytes m_serverHello;                      //!< the ServerHello received
    Callback<void> m_handshakeCb;                 //!< handshake done
    Callback<void, const Mip6Bytes&> m_dataCb;    //!< application data
    Callback<void, const std::string&> m_errorCb; //!< failure
    TracedCallback<uint32_t> m_flightTrace;       //!< bytes of each flight sent
};

} // namespace ns3

#endif /* MIP6_TLS_STREAM_H */
