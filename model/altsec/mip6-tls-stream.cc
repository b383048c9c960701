/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mip6-tls-stream.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/mip6-category-tag.h"
#include "ns3/mip6-certificate.h"
#include "ns3/mip6-key-export.h"
#include "ns3/mip6-processing-delay.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/uinteger.h"

#include <ctime>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6TlsStream");

NS_OBJECT_ENSURE_REGISTERED(Mip6TlsStream);

namespace
{

/// The SSL ex_data index that points back to the stream (for the keylog callback).
int
StreamIndex()
{
    static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return index;
}

std::string
OpensslReason(const std::string& what)
{
    const unsigned long e = ERR_get_error();
    ERR_clear_error();
    if (e == 0)
    {
        return what;
    }
    char buf[256];
    ERR_error_string_n(e, buf, sizeof(buf));
    return what + ": " + buf;
}

/// Common settings of both ends (RFC 6618 §4: TLS 1.2 mandatory, no renegotiation; TLS 1.3 as a
/// variant with TLS_AES_128_GCM_SHA256, the TLS 1.3 counterpart of the 1.2 default).
bool
ConfigureCommon(SSL_CTX* ctx, const std::string& cipherList, int tlsVersion)
{
    const int version = tlsVersion == 13 ? TLS1_3_VERSION : TLS1_2_VERSION;
    return (tlsVersion == 12 || tlsVersion == 13) &&
           SSL_CTX_set_min_proto_version(ctx, version) == 1 &&
           SSL_CTX_set_max_proto_version(ctx, version) == 1 &&
           (tlsVersion == 13 ? SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256")
                             : SSL_CTX_set_cipher_list(ctx, cipherList.c_str())) == 1 &&
           // A ticket embeds the wall-clock time: none, for byte-identical runs (TLS 1.2: no
           // ticket extension; TLS 1.3: no NewSessionTicket).
           (SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET | SSL_OP_NO_RENEGOTIATION), true) &&
           SSL_CTX_set_num_tickets(ctx, 0) == 1 &&
           (SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF), true);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// TCP settings of the HAC path.

uint32_t
Mip6TcpSettings::GetSegmentSize() const
{
    return pathMtu - 40 - 20 - (timestamps ? 12 : 0);
}

void
Mip6TcpSettings::Apply(Ptr<Socket> socket) const
{
    socket->SetAttribute("SegmentSize", UintegerValue(GetSegmentSize()));
    socket->SetAttribute("DelAckTimeout", TimeValue(delAckTimeout));
    socket->SetAttribute("DelAckCount", UintegerValue(delAckCount));
    socket->SetAttribute("Timestamp", BooleanValue(timestamps));
}

std::string
Mip6TcpSettings::ToString() const
{
    std::ostringstream os;
    os << "mss=" << GetSegmentSize() << ",timestamps=" << (timestamps ? 1 : 0)
       << ",delack=" << delAckTimeout.GetMilliSeconds() << "ms/" << delAckCount;
    return os.str();
}

// ---------------------------------------------------------------------------------------------
// The stream.

TypeId
Mip6TlsStream::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6TlsStream")
                            .SetParent<Object>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6TlsStream>()
                            .AddTraceSource("Flight",
                                            "A batch of TLS records handed to TCP: its bytes",
                                            MakeTraceSourceAccessor(&Mip6TlsStream::m_flightTrace),
                                            "ns3::TracedValueCallback::Uint32");
    return tid;
}

Mip6TlsStream::Mip6TlsStream() = default;

Mip6TlsStream::~Mip6TlsStream()
{
    if (m_offer != nullptr)
    {
        SSL_SESSION_free(m_offer);
        m_offer = nullptr;
    }
    if (m_ssl != nullptr)
    {
        SSL_free(m_ssl); // frees both BIOs
        m_ssl = nullptr;
    }
    if (m_ctx != nullptr)
    {
        SSL_CTX_free(m_ctx);
        m_ctx = nullptr;
    }
}

void
Mip6TlsStream::DoDispose()
{
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
        m_socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                                    MakeNullCallback<void, Ptr<Socket>>());
        m_socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                                     MakeNullCallback<void, Ptr<Socket>>());
        m_socket = nullptr;
    }
    m_handshakeCb = Callback<void>();
    m_dataCb = Callback<void, const Mip6Bytes&>();
    m_errorCb = Callback<void, const std::string&>();
    Object::DoDispose();
}

Mip6CryptoResult<SSL_CTX*>
Mip6TlsStream::NewClientContext(const std::string& /* serverName: set per connection */,
                                const std::string& cipherList,
                                int tlsVersion)
{
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == nullptr || !ConfigureCommon(ctx, cipherList, tlsVersion))
    {
        SSL_CTX_free(ctx);
        return Mip6CryptoError{OpensslReason("tls: client context")};
    }
    // RFC 6618 §4: the MN verifies the HAC's certificate, at the simulated epoch.
    const Mip6CertificateVerifier verifier = Mip6CertificateVerifier::ForTestPki();
    auto store = verifier.NewX509Store();
    if (!store)
    {
        SSL_CTX_free(ctx);
        return Mip6CryptoError{store.GetError()};
    }
    SSL_CTX_set_cert_store(ctx, store.Value());
    verifier.ApplyTo(SSL_CTX_get0_param(ctx));
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
    return ctx;
}

Mip6CryptoResult<SSL_CTX*>
Mip6TlsStream::NewServerContext(const std::string& certPem,
                                const std::string& keyPem,
                                const std::string& cipherList,
                                int tlsVersion)
{
    SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == nullptr || !ConfigureCommon(ctx, cipherList, tlsVersion))
    {
        SSL_CTX_free(ctx);
        return Mip6CryptoError{OpensslReason("tls: server context")};
    }
    BIO* cb = BIO_new_mem_buf(certPem.data(), static_cast<int>(certPem.size()));
    X509* cert = PEM_read_bio_X509(cb, nullptr, nullptr, nullptr);
    BIO_free(cb);
    BIO* kb = BIO_new_mem_buf(keyPem.data(), static_cast<int>(keyPem.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(kb, nullptr, nullptr, nullptr);
    BIO_free(kb);
    const bool ok = cert != nullptr && key != nullptr && SSL_CTX_use_certificate(ctx, cert) == 1 &&
                    SSL_CTX_use_PrivateKey(ctx, key) == 1 && SSL_CTX_check_private_key(ctx) == 1;
    X509_free(cert);
    EVP_PKEY_free(key);
    if (!ok)
    {
        SSL_CTX_free(ctx);
        return Mip6CryptoError{OpensslReason("tls: server certificate")};
    }
    return ctx;
}

void
Mip6TlsStream::EnableSessionResumption(SSL_CTX* ctx)
{
    static const unsigned char context[] = "mip6-hac";
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR);
    SSL_CTX_set_session_id_context(ctx, context, sizeof(context) - 1);
    SSL_CTX_set_timeout(ctx, 10L * 365 * 86400);
    // TLS 1.3 (RFC 8446 §4.6.1): one NewSessionTicket per handshake. SSL_OP_NO_TICKET stays set,
    // so OpenSSL issues *stateful* tickets: the ticket is a session ID drawn from the DRBG that
    // names the session in this cache, with no wall-clock time in it (a stateless ticket would
    // encrypt the session with its creation time). TLS 1.2 keeps resuming by session ID.
    SSL_CTX_set_num_tickets(ctx, 1);
}

void
Mip6TlsStream::PrepareSessionForOffer(SSL_SESSION* session)
{
    // RFC 8446 §4.2.11.1: the client sends obfuscated_ticket_age = age + ticket_age_add, and
    // OpenSSL takes the age from the wall clock (time(NULL) − the session's time), rounded down
    // and then reduced by one second. Stamping the session with the wall clock just before it
    // is offered makes that age 0 whatever the wall clock does, so the ClientHello is
    // byte-identical between runs; the ticket's simulated age is not modelled (the server uses
    // it only to decide about 0-RTT data, which is off). No effect on TLS 1.2 session IDs.
    if (session != nullptr)
    {
        SSL_SESSION_set_time(session, static_cast<long>(time(nullptr)));
    }
}

void
Mip6TlsStream::SetSession(SSL_SESSION* session)
{
    if (m_offer != nullptr)
    {
        SSL_SESSION_free(m_offer);
    }
    m_offer = session;
    if (session != nullptr)
    {
        SSL_SESSION_up_ref(session);
    }
}

SSL_SESSION*
Mip6TlsStream::GetSession() const
{
    return m_ssl ? SSL_get1_session(m_ssl) : nullptr;
}

bool
Mip6TlsStream::IsResumed() const
{
    return m_ssl && SSL_session_reused(m_ssl) == 1;
}

void
Mip6TlsStream::Start(SSL_CTX* ctx, Ptr<Socket> socket, bool client, const std::string& serverName)
{
    NS_LOG_FUNCTION(this << client << serverName);
    NS_ASSERT(m_ssl == nullptr);
    SSL_CTX_up_ref(ctx);
    m_ctx = ctx;
    m_client = client;
    m_socket = socket;
    m_ssl = SSL_new(ctx);
    m_in = BIO_new(BIO_s_mem());
    m_out = BIO_new(BIO_s_mem());
    BIO_set_mem_eof_return(m_in, -1); // empty = "retry", not EOF
    SSL_set_bio(m_ssl, m_in, m_out);
    SSL_set_ex_data(m_ssl, StreamIndex(), this);
    SSL_set_msg_callback(m_ssl, &Mip6TlsStream::Message);
    SSL_set_msg_callback_arg(m_ssl, this);
    if (m_keyExport != nullptr)
    {
        SSL_CTX_set_keylog_callback(ctx, &Mip6TlsStream::KeyLog);
    }
    if (client)
    {
        SSL_set_connect_state(m_ssl);
        if (m_offer != nullptr)
        {
            SSL_set_session(m_ssl, m_offer);
        }
        if (!serverName.empty())
        {
            SSL_set_tlsext_host_name(m_ssl, serverName.c_str());
            X509_VERIFY_PARAM_set1_host(SSL_get0_param(m_ssl), serverName.c_str(), 0);
        }
    }
    else
    {
        SSL_set_accept_state(m_ssl);
        m_connected = true; // an accepted socket is connected
    }
    socket->SetRecvCallback(MakeCallback(&Mip6TlsStream::OnRecv, this));
    socket->SetSendCallback(MakeCallback(&Mip6TlsStream::OnSend, this));
    socket->SetCloseCallbacks(MakeCallback(&Mip6TlsStream::OnClosed, this),
                              MakeCallback(&Mip6TlsStream::OnError, this));
    if (client)
    {
        socket->SetConnectCallback(MakeCallback(&Mip6TlsStream::OnConnected, this),
                                   MakeCallback(&Mip6TlsStream::OnConnectFailed, this));
        Address peer;
        if (socket->GetPeerName(peer) == 0)
        {
            m_connected = true; // already connected
            Drive();
        }
    }
}

void
Mip6TlsStream::OnConnected(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this);
    m_connected = true;
    Drive();
}

void
Mip6TlsStream::OnConnectFailed(Ptr<Socket> socket)
{
    Fail("tcp-connect-failed");
}

void
Mip6TlsStream::OnClosed(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this);
    if (m_closing)
    {
        return;
    }
    if (!m_established)
    {
        Fail("tcp-closed-during-handshake");
    }
    Close(); // the peer closed: answer with close_notify and our FIN
}

void
Mip6TlsStream::OnError(Ptr<Socket> socket)
{
    if (!m_closing)
    {
        Fail("tcp-reset");
    }
}

void
Mip6TlsStream::OnRecv(Ptr<Socket> socket)
{
    const uint64_t before = m_bytesReceived;
    while (Ptr<Packet> p = socket->Recv())
    {
        if (p->GetSize() == 0)
        {
            break;
        }
        Mip6Bytes b(p->GetSize());
        p->CopyData(b.data(), b.size());
        m_bytesReceived += b.size();
        BIO_write(m_in, b.data(), static_cast<int>(b.size()));
    }
    Mip6CpuScope cpu(socket->GetNode()); // what the data cause charges this node's CPU
    Ptr<Mip6ProcessingDelay> model = Mip6ProcessingDelay::Get(socket->GetNode());
    if (model && before == 0 && m_bytesReceived > 0 && !m_established)
    {
        // OpenSSL runs the handshake's public-key work outside the crypto core: one charge per
        // side, when the peer's first flight arrives (the server before its first flight; the
        // client before the flight that answers it). A resumed handshake is charged as a full one.
        model->Charge(m_client ? "tls-client-handshake" : "tls-server-handshake",
                      model->GetTlsHandshakeCost(!m_client));
    }
    Drive();
}

void
Mip6TlsStream::OnSend(Ptr<Socket> socket, uint32_t available)
{
    Pump();
}

void
Mip6TlsStream::Drive()
{
    if (m_ssl == nullptr || m_failed || !m_connected)
    {
        return;
    }
    if (!m_established)
    {
        const int rc = SSL_do_handshake(m_ssl);
        if (rc == 1)
        {
            m_established = true;
            NS_LOG_INFO("TLS established: " << SSL_get_cipher_name(m_ssl));
            Flush();
            if (!m_appQueue.empty())
            {
                Mip6Bytes q;
                q.swap(m_appQueue);
                Send(q);
            }
            if (!m_handshakeCb.IsNull())
            {
                m_handshakeCb();
            }
        }
        else
        {
            const int err = SSL_get_error(m_ssl, rc);
            Flush(); // an alert, or the next flight
            if (err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE)
            {
                Fail(OpensslReason("tls-handshake"));
                return;
            }
        }
    }
    if (m_established)
    {
        uint8_t buf[4096];
        Mip6Bytes data;
        bool peerClosed = false;
        for (;;)
        {
            const int n = SSL_read(m_ssl, buf, sizeof(buf));
            if (n > 0)
            {
                ChargeRecord(n);
                data.insert(data.end(), buf, buf + n);
                continue;
            }
            const int err = SSL_get_error(m_ssl, n);
            if (err == SSL_ERROR_ZERO_RETURN)
            {
                peerClosed = true; // close_notify received
                break;
            }
            if (err != SSL_ERROR_WANT_READ)
            {
                Flush();
                Fail(OpensslReason("tls-read"));
                return;
            }
            break;
        }
        Flush();
        if (!data.empty() && !m_dataCb.IsNull())
        {
            m_dataCb(data);
        }
        if (peerClosed)
        {
            Close();
        }
    }
}

void
Mip6TlsStream::Send(const Mip6Bytes& data)
{
    if (m_failed || data.empty())
    {
        return;
    }
    if (!m_established)
    {
        m_appQueue.insert(m_appQueue.end(), data.begin(), data.end());
        return;
    }
    const int n = SSL_write(m_ssl, data.data(), static_cast<int>(data.size()));
    if (n <= 0)
    {
        Fail(OpensslReason("tls-write"));
        return;
    }
    ChargeRecord(n);
    Flush();
}

void
Mip6TlsStream::Close()
{
    NS_LOG_FUNCTION(this);
    if (m_closing || m_ssl == nullptr)
    {
        return;
    }
    m_closing = true;
    if (m_established && !m_failed)
    {
        SSL_shutdown(m_ssl); // close_notify
        Flush();
    }
    Pump();
}

void
Mip6TlsStream::Flush()
{
    const int pending = BIO_ctrl_pending(m_out);
    if (pending <= 0)
    {
        return;
    }
    Mip6Bytes b(static_cast<size_t>(pending));
    BIO_read(m_out, b.data(), pending);
    m_bytesSent += b.size();
    m_flights++;
    m_flightTrace(static_cast<uint32_t>(b.size()));
    m_pending.insert(m_pending.end(), b.begin(), b.end());
    Pump();
}

void
Mip6TlsStream::Pump()
{
    if (!m_socket)
    {
        return;
    }
    if (Ptr<Mip6ProcessingDelay> cpu = Mip6ProcessingDelay::Get(m_socket->GetNode());
        cpu && cpu->IsBusy() && !m_pending.empty())
    {
        // The bytes leave when this node's CPU has computed them (Mip6ProcessingDelay).
        Ptr<Mip6TlsStream> self(this);
        Mip6ProcessingDelay::WhenIdle(m_socket->GetNode(), [self]() { self->Pump(); });
        return;
    }
    while (!m_pending.empty())
    {
        const uint32_t room = m_socket->GetTxAvailable();
        if (room == 0)
        {
            return; // OnSend resumes
        }
        const uint32_t n = std::min<uint32_t>(room, m_pending.size());
        Ptr<Packet> p = ns3::Create<Packet>(m_pending.data(), n);
        if (m_tagMn)
        {
            Mip6CategoryTag tag(Mip6Category::TLS, "TLS", *m_tagMn);
            p->ReplacePacketTag(tag);
        }
        const int sent = m_socket->Send(p);
        if (sent <= 0)
        {
            return;
        }
        m_pending.erase(m_pending.begin(), m_pending.begin() + sent);
    }
    if (m_closing && !m_tcpClosed)
    {
        m_tcpClosed = true;
        m_socket->Close();
    }
}

void
Mip6TlsStream::ChargeRecord(int bytes)
{
    // Record protection (RFC 5246 §6.2.3: MAC-then-encrypt for the CBC suites) runs inside
    // OpenSSL: charged here as one cipher and one MAC over the application bytes.
    if (Mip6ProcessingDelay* cpu = Mip6CpuScope::Current())
    {
        cpu->Charge("tls-record",
                    cpu->GetCipherCost(static_cast<uint64_t>(bytes)) +
                        cpu->GetMacCost(static_cast<uint64_t>(bytes)));
    }
}

void
Mip6TlsStream::Fail(const std::string& reason)
{
    if (m_failed)
    {
        return;
    }
    NS_LOG_WARN("TLS failure: " << reason);
    m_failed = true;
    if (!m_errorCb.IsNull())
    {
        m_errorCb(reason);
    }
}

void
Mip6TlsStream::KeyLog(const SSL* ssl, const char* line)
{
    auto* self = static_cast<Mip6TlsStream*>(SSL_get_ex_data(ssl, StreamIndex()));
    if (self != nullptr && self->m_keyExport != nullptr)
    {
        auto status = self->m_keyExport->AddNssKeyLogLine(line);
        if (!status)
        {
            NS_LOG_WARN("key log: " << status.GetError());
        }
    }
}

void
Mip6TlsStream::SetKeyExport(Mip6KeyExport* exporter)
{
    m_keyExport = exporter;
    if (m_ctx != nullptr && exporter != nullptr)
    {
        SSL_CTX_set_keylog_callback(m_ctx, &Mip6TlsStream::KeyLog);
    }
}

void
Mip6TlsStream::SetCategoryMn(uint32_t mn)
{
    m_tagMn = mn;
}

void
Mip6TlsStream::SetHandshakeCallback(Callback<void> cb)
{
    m_handshakeCb = cb;
}

void
Mip6TlsStream::SetDataCallback(Callback<void, const Mip6Bytes&> cb)
{
    m_dataCb = cb;
}

void
Mip6TlsStream::SetErrorCallback(Callback<void, const std::string&> cb)
{
    m_errorCb = cb;
}

bool
Mip6TlsStream::IsEstablished() const
{
    return m_established;
}

namespace
{
Mip6Bytes
Der(X509* cert)
{
    if (cert == nullptr)
    {
        return {};
    }
    const int n = i2d_X509(cert, nullptr);
    if (n <= 0)
    {
        return {};
    }
    Mip6Bytes b(static_cast<size_t>(n));
    unsigned char* p = b.data();
    i2d_X509(cert, &p);
    return b;
}
} // namespace

Mip6Bytes
Mip6TlsStream::GetPeerCertificateDer() const
{
    return m_ssl ? Der(SSL_get0_peer_certificate(m_ssl)) : Mip6Bytes();
}

Mip6Bytes
Mip6TlsStream::GetOwnCertificateDer() const
{
    return m_ssl ? Der(SSL_get_certificate(m_ssl)) : Mip6Bytes();
}

std::string
Mip6TlsStream::GetCipherName() const
{
    return m_ssl ? SSL_get_cipher_name(m_ssl) : "";
}

Ptr<Socket>
Mip6TlsStream::GetSocket() const
{
    return m_socket;
}

uint64_t
Mip6TlsStream::GetTlsBytesSent() const
{
    return m_bytesSent;
}

uint64_t
Mip6TlsStream::GetTlsBytesReceived() const
{
    return m_bytesReceived;
}

uint32_t
Mip6TlsStream::GetFlightsSent() const
{
    return m_flights;
}

void
Mip6TlsStream::Message(int write,
                       int version,
                       int contentType,
                       const void* buf,
                       size_t len,
                       SSL* ssl,
                       void* arg)
{
    if (contentType != SSL3_RT_HANDSHAKE || len < 4 || arg == nullptr)
    {
        return; // record headers, inner content types, alerts, CCS
    }
    auto* self = static_cast<Mip6TlsStream*>(arg);
    const auto* b = static_cast<const uint8_t*>(buf);
    (write ? self->m_hsSent : self->m_hsReceived).push_back(b[0]);
    if (!write && b[0] == SSL3_MT_SERVER_HELLO)
    {
        self->m_serverHello.assign(b, b + len);
    }
}

const std::vector<uint8_t>&
Mip6TlsStream::GetHandshakeTypesReceived() const
{
    return m_hsReceived;
}

const std::vector<uint8_t>&
Mip6TlsStream::GetHandshakeTypesSent() const
{
    return m_hsSent;
}

std::vector<uint16_t>
Mip6TlsStream::GetServerHelloExtensions() const
{
    // RFC 8446 §4.1.3 / RFC 5246 §7.4.1.3: type (1) | length (3) | version (2) | random (32) |
    // session id (1 + n) | cipher suite (2) | compression (1) | extensions (2 + ...).
    std::vector<uint16_t> out;
    const Mip6Bytes& h = m_serverHello;
    size_t pos = 4 + 2 + 32;
    if (h.size() < pos + 1)
    {
        return {};
    }
    pos += 1 + h[pos];
    pos += 2 + 1;
    if (h.size() < pos + 2)
    {
        return {};
    }
    const size_t end = pos + 2 + (h[pos] << 8 | h[pos + 1]);
    pos += 2;
    if (end > h.size())
    {
        return {};
    }
    while (pos + 4 <= end)
    {
        out.push_back(static_cast<uint16_t>(h[pos] << 8 | h[pos + 1]));
        pos += 4 + (h[pos + 2] << 8 | h[pos + 3]);
    }
    return pos == end ? out : std::vector<uint16_t>();
}

} // namespace ns3
