/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mip6-altsec-design.h"

#include "ns3/boolean.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-packet-info-tag.h"
#include "ns3/log.h"
#include "ns3/mip6-category-tag.h"
#include "ns3/mip6-certificate.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-key-export.h"
#include "ns3/mip6-processing-delay.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-test-pki.h"
#include "ns3/mip6-tunnel.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <openssl/ssl.h>
#include <sstream>

namespace ns3
{

namespace
{
/// RFC 6618 §7: BA status REINIT_SA_WITH_HAC.
constexpr uint8_t kReinitSaWithHac = 176;
} // namespace

NS_LOG_COMPONENT_DEFINE("Mip6AltsecDesign");

NS_OBJECT_ENSURE_REGISTERED(Mip6AltsecMnSecurity);
NS_OBJECT_ENSURE_REGISTERED(Mip6AltsecHaSecurity);
NS_OBJECT_ENSURE_REGISTERED(Mip6AltsecDesign);

namespace
{

/// "aes-128-cbc-sha" or "AES_128_CBC_SHA" → the suite.
const Mip6AltsecSuite*
SuiteByAnyName(std::string name)
{
    for (auto& c : name)
    {
        c = (c == '-') ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return Mip6AltsecSuite::FindByName(name);
}

std::string
AddressText(Ipv6Address a)
{
    std::ostringstream os;
    os << a;
    return os.str();
}

/// Copies the category tag of the unprotected packet onto the packet that carries it.
void
CarryTag(Ptr<const Packet> from, Ptr<Packet> to, std::optional<uint32_t> protectionBytes)
{
    Mip6CategoryTag tag;
    if (from->PeekPacketTag(tag))
    {
        if (protectionBytes)
        {
            tag.SetProtectionBytes(*protectionBytes);
        }
        to->ReplacePacketTag(tag);
    }
}

const char* const kTlsCiphers = "ECDHE-ECDSA-AES128-GCM-SHA256";

} // namespace

// =============================================================================================
// MN side.

TypeId
Mip6AltsecMnSecurity::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6AltsecMnSecurity")
            .SetParent<Mip6MnSecurity>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6AltsecMnSecurity>()
            .AddAttribute("Psk",
                          "The MN's pre-shared key for the MHAuth PSK method (its ASCII bytes)",
                          StringValue("mip6-altsec-test-psk"),
                          MakeStringAccessor(&Mip6AltsecMnSecurity::m_psk),
                          MakeStringChecker())
            .AddAttribute("AuthMethod",
                          "MHAuth authentication method (RFC 6618 §5.5): psk, or eap-md5 (RFC 3748 "
                          "§5.4, secret = Psk)",
                          StringValue("psk"),
                          MakeStringAccessor(&Mip6AltsecMnSecurity::m_authMethod),
                          MakeStringChecker())
            .AddAttribute("HacPort",
                          "TCP port of the HA Controller",
                          UintegerValue(7872),
                          MakeUintegerAccessor(&Mip6AltsecMnSecurity::m_hacPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("SuiteList",
                          "mip6-suitelist the MN offers (RFC 6618 §5.4 names, comma-separated, "
                          "most preferred first)",
                          StringValue("AES_128_CBC_SHA,AES_128_CBC_SHA256,NULL_SHA"),
                          MakeStringAccessor(&Mip6AltsecMnSecurity::m_suites),
                          MakeStringChecker())
            .AddAttribute("DataProtection",
                          "Ask for mip6-sas = 1 (tunnelled data as PType 1)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Mip6AltsecMnSecurity::m_dataProtection),
                          MakeBooleanChecker())
            .AddAttribute("TlsVersion",
                          "TLS version to the HAC: 12 (RFC 6618's mandatory TLS 1.2) or 13",
                          UintegerValue(12),
                          MakeUintegerAccessor(&Mip6AltsecMnSecurity::m_tlsVersion),
                          MakeUintegerChecker<uint32_t>(12, 13))
            .AddAttribute("Resumption",
                          "Offer the previous TLS session when the HAC exchange runs again (TLS "
                          "1.2: session ID; TLS 1.3: PSK from the NewSessionTicket)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Mip6AltsecMnSecurity::m_resumption),
                          MakeBooleanChecker())
            .AddAttribute("CipherList",
                          "OpenSSL TLS 1.2 cipher list of the MN",
                          StringValue(kTlsCiphers),
                          MakeStringAccessor(&Mip6AltsecMnSecurity::m_cipherList),
                          MakeStringChecker())
            .AddAttribute("MaxAttempts",
                          "HAC exchanges tried per bootstrap when the HAC is unreachable or the "
                          "connection is lost (the first one included)",
                          UintegerValue(4),
                          MakeUintegerAccessor(&Mip6AltsecMnSecurity::m_maxAttempts),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("ExchangeTimeout",
                          "Longest time one HAC exchange (TCP, TLS, MHAuth) may take before it is "
                          "abandoned and retried (RFC 6618 defines no MHAuth timer)",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&Mip6AltsecMnSecurity::m_exchangeTimeout),
                          MakeTimeChecker())
            .AddAttribute("ReauthMargin",
                          "Re-run the HAC exchange this long before the SA validity end (or at "
                          "half the remaining lifetime when that is later); 0 disables",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&Mip6AltsecMnSecurity::m_reauthMargin),
                          MakeTimeChecker())
            .AddAttribute("InitialBackoff",
                          "Wait before the first retry; doubled for each further one",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&Mip6AltsecMnSecurity::m_initialBackoff),
                          MakeTimeChecker())
            .AddAttribute("MaxBackoff",
                          "Longest wait between two attempts",
                          TimeValue(Seconds(16)),
                          MakeTimeAccessor(&Mip6AltsecMnSecurity::m_maxBackoff),
                          MakeTimeChecker())
            .AddTraceSource("TlsFlow",
                            "The TCP connection to the HAC is up: MN id, MN address, port, HAC "
                            "address, port (for Mip6OverheadMeter::RegisterTlsFlow)",
                            MakeTraceSourceAccessor(&Mip6AltsecMnSecurity::m_tlsFlowTrace),
                            "ns3::Mip6AltsecMnSecurity::TlsFlowTracedCallback")
            .AddTraceSource("BootstrapFailure",
                            "The HAC exchange failed: reason",
                            MakeTraceSourceAccessor(&Mip6AltsecMnSecurity::m_failureTrace),
                            "ns3::TracedValueCallback::String");
    return tid;
}

Mip6AltsecMnSecurity::Mip6AltsecMnSecurity() = default;

Mip6AltsecMnSecurity::~Mip6AltsecMnSecurity()
{
    if (m_session != nullptr)
    {
        SSL_SESSION_free(m_session);
    }
    if (m_ctx != nullptr)
    {
        SSL_CTX_free(m_ctx);
    }
}

void
Mip6AltsecMnSecurity::DoDispose()
{
    m_retry.Cancel();
    m_reauth.Cancel();
    m_timeout.Cancel();
    if (m_tls)
    {
        m_tls->Dispose();
        m_tls = nullptr;
    }
    m_udp = nullptr;
    m_db = nullptr;
    m_done = Callback<void, bool>();
    Mip6MnSecurity::DoDispose();
}

std::string
Mip6AltsecMnSecurity::GetNai() const
{
    return "mn" + std::to_string(m_node ? m_node->GetId() : 0) + "@mip6.example";
}

void
Mip6AltsecMnSecurity::Setup(Ptr<Node> node, Ipv6Address hoa, Ipv6Address ha)
{
    Mip6MnSecurity::Setup(node, hoa, ha);
    m_hac = m_remoteHac.value_or(ha); // the remote HAC, else the HA (co-located)
    m_haUdp = ha;
    m_db = CreateObject<Mip6AltsecSaDatabase>();
    m_udp = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    m_udp->Bind6();              // ephemeral source port (RFC 6618 §6)
    m_udp->SetRecvPktInfo(true); // the CoA a packet arrived on (outer destination)
    m_udp->SetRecvCallback(MakeCallback(&Mip6AltsecMnSecurity::Read, this));
    auto ctx = Mip6TlsStream::NewClientContext(Mip6TestPki::HAC_NAME,
                                               m_cipherList,
                                               static_cast<int>(m_tlsVersion));
    NS_ABORT_MSG_IF(!ctx, "altsec MN: " << ctx.GetError());
    m_ctx = ctx.Value();
    if (m_provisioning)
    {
        // The subscription the HAC knows this MN by (provisioned out of band).
        Mip6HacSubscriber sub;
        sub.psk = Mip6BytesFromString(m_provisionedPsk);
        sub.hoa = hoa;
        sub.prefixLength = 64;
        sub.mnId = node->GetId();
        (*m_provisioning)[GetNai()] = sub;
    }
}

void
Mip6AltsecMnSecurity::SetKeyExport(Mip6KeyExport* exporter)
{
    m_keyExport = exporter;
}

std::vector<Mip6ControlEndpoint>
Mip6AltsecMnSecurity::GetControlEndpoints() const
{
    // TLS to the HAC and the altsec UDP packets leave from the CoA, outside the tunnel.
    return {{m_hac, 6, m_hacPort}, {m_haUdp, 17, m_haPort}};
}

uint32_t
Mip6AltsecMnSecurity::GetBootstrapRoundTrips() const
{
    // DESIGN.md §4.2: TCP handshake 1 + TLS full handshake (1.2: 2, 1.3: 1) + MHAuth PSK 2
    // (Init, Done); EAP-MD5 adds two MHAuth-Mid exchanges (Identity, MD5-Challenge). A remote HAC
    // that pushes the SA holds MHAuth-Done until the HA's SA-ACK: one more exchange on the
    // critical path (with pull=1 the SA-REQUEST/RESPONSE comes after the BU, inside reg_s).
    return 1 + (m_tlsVersion == 13 ? 1 : 2) + (m_authMethod == "eap-md5" ? 4 : 2) +
           (m_hacHaPush ? 1 : 0);
}

void
Mip6AltsecMnSecurity::Bootstrap(Ipv6Address coa, Callback<void, bool> done)
{
    NS_LOG_FUNCTION(this << coa);
    if (!m_failure.empty() && !IsTransientFailure(m_failure))
    {
        // The credentials have not changed since the HAC refused them: the mobility core's
        // periodic re-bootstrap fails at once instead of asking the HAC again.
        done(false);
        return;
    }
    m_done = done;
    m_attempts = 0;
    m_retry.Cancel();
    StartAttempt();
}

bool
Mip6AltsecMnSecurity::IsTransientFailure(const std::string& reason)
{
    // The HAC unreachable or the connection lost; an authentication or protocol failure is final
    // (retrying cannot change it).
    // 504: the HAC could not reach the HA (remote HAC), which may pass.
    return reason == "tcp-connect-failed" || reason == "tcp-reset" ||
           reason == "tcp-closed-during-handshake" || reason == "hac-timeout" ||
           reason == "hac-status-504";
}

void
Mip6AltsecMnSecurity::Reauthenticate()
{
    NS_LOG_FUNCTION(this);
    if (m_state != 0 || m_retry.IsRunning())
    {
        return; // an exchange is already running
    }
    m_attempts = 0;
    m_reauthentications++;
    StartAttempt(); // in the background: the current SA stays in use until the new one arrives
}

void
Mip6AltsecMnSecurity::StartAttempt()
{
    m_attempts++;
    m_state = 0;
    m_rx.clear();
    m_mhauthBytes = 0;
    m_failure.clear();
    if (m_tls)
    {
        m_tls->Dispose();
    }
    Ptr<Socket> tcp = Socket::CreateSocket(m_node, TcpSocketFactory::GetTypeId());
    m_tcp.Apply(tcp);
    tcp->Bind6();
    m_tls = CreateObject<Mip6TlsStream>();
    m_tls->SetKeyExport(m_keyExport);
    m_tls->SetCategoryMn(m_node->GetId());
    m_tls->SetHandshakeCallback(MakeCallback(&Mip6AltsecMnSecurity::TlsUp, this));
    m_tls->SetDataCallback(MakeCallback(&Mip6AltsecMnSecurity::TlsData, this));
    m_tls->SetErrorCallback(MakeCallback(&Mip6AltsecMnSecurity::TlsError, this));
    if (m_resumption && m_session != nullptr)
    {
        // Offer the previous session (abbreviated handshake): TLS 1.2 by session ID, TLS 1.3 by
        // the PSK of its NewSessionTicket.
        Mip6TlsStream::PrepareSessionForOffer(m_session);
        m_tls->SetSession(m_session);
    }
    m_tls->Start(m_ctx, tcp, true, Mip6TestPki::HAC_NAME);
    tcp->Connect(Inet6SocketAddress(m_hac, m_hacPort));
    // RFC 6618 defines no MHAuth timer: this guard bounds one whole exchange (TCP, TLS, MHAuth).
    m_timeout.Cancel();
    m_timeout = Simulator::Schedule(m_exchangeTimeout,
                                    &Mip6AltsecMnSecurity::Finish,
                                    this,
                                    false,
                                    std::string("hac-timeout"));
    // The 5-tuple is known once Connect chose the source (the CoA): announce it before the SYN
    // reaches the air, so the overhead meter can classify the segments TCP builds itself.
    Address local;
    tcp->GetSockName(local);
    const Inet6SocketAddress l = Inet6SocketAddress::ConvertFrom(local);
    if (m_flows)
    {
        (*m_flows)[{l.GetIpv6(), l.GetPort()}] = m_node->GetId();
    }
    m_tlsFlowTrace(m_node->GetId(), l.GetIpv6(), l.GetPort(), m_hac, m_hacPort);
}

void
Mip6AltsecMnSecurity::PrepareHandover(const Mip6CoaChange& change, Callback<void, bool> done)
{
    // RFC 6618 §4: the SA is not tied to the CoA; the BU may go at once (sec_s = 0).
    done(true);
}

void
Mip6AltsecMnSecurity::TlsUp()
{
    auto cert = Mip6Certificate::FromDer(m_tls->GetPeerCertificateDer());
    if (!cert)
    {
        Finish(false, "no-certificate");
        return;
    }
    auto cb = cert->GetTlsServerEndpoint(); // RFC 5929 tls-server-endpoint
    if (!cb)
    {
        Finish(false, "no-channel-binding");
        return;
    }
    m_channelBinding = cb.Value();
    // RFC 6618 §5.5 MHAuth-Init request.
    using namespace Mip6MhAuthName;
    m_mnRand = Mip6CryptoRandom::Bytes(32);
    Mip6MhAuthMessage init;
    init.SetIdentifier(1);
    init.Add(MN_ID, GetNai());
    init.AddHex(MN_RAND, m_mnRand);
    init.Add(AUTH_METHOD, m_authMethod);
    m_state = 1;
    SendRequest(init);
}

void
Mip6AltsecMnSecurity::SendRequest(const Mip6MhAuthMessage& m)
{
    const Mip6Bytes bytes = m.Serialize();
    m_requestId = m.GetIdentifier();
    m_mhauthBytes += bytes.size();
    m_tls->Send(bytes);
}

void
Mip6AltsecMnSecurity::TlsData(const Mip6Bytes& data)
{
    m_rx.insert(m_rx.end(), data.begin(), data.end());
    while (m_state != 0)
    {
        size_t frame = 0;
        Mip6MhAuthParseResult err;
        auto state = Mip6MhAuthParser::Frame(m_rx.data(), m_rx.size(), frame, err);
        if (state == Mip6MhAuthParser::FrameState::NEED_MORE)
        {
            return;
        }
        if (state == Mip6MhAuthParser::FrameState::ERROR)
        {
            Finish(false, "bad-response-" + err.error);
            return;
        }
        m_mhauthBytes += frame;
        auto parsed = Mip6MhAuthParser::Parse(m_rx.data(), frame, Mip6MhAuthParser::Limits());
        m_rx.erase(m_rx.begin(), m_rx.begin() + frame);
        if (!parsed.IsOk())
        {
            Finish(false, "bad-response-" + parsed.error);
            return;
        }
        Handle(parsed.message);
    }
}

// RFC 6618 §5.5, PSK method, MN side.
void
Mip6AltsecMnSecurity::Handle(const Mip6MhAuthMessage& m)
{
    using namespace Mip6MhAuthName;
    const Mip6Bytes psk = Mip6BytesFromString(m_psk);
    if (m.GetIdentifier() != m_requestId)
    {
        Finish(false, "bad-identifier");
        return;
    }
    auto status = m.Get(STATUS_CODE);
    if (status && *status != "200" && *status != "100")
    {
        Finish(false, "hac-status-" + *status);
        return;
    }
    if (m_state == 3)
    {
        HandleEap(m);
        return;
    }
    auto role = Mip6MhAuthParser::CheckRole(m,
                                            m_state == 1 ? Mip6MhAuthRole::INIT_RESPONSE
                                                         : Mip6MhAuthRole::DONE_RESPONSE);
    if (!role.IsOk())
    {
        Finish(false, "bad-response-" + role.error);
        return;
    }
    if (*m.GetHex(MN_RAND) != m_mnRand || (m_state == 2 && *m.GetHex(HAC_RAND) != m_hacRand))
    {
        Finish(false, "rand-mismatch");
        return;
    }
    if (m_state == 1 && *m.Get(AUTH_METHOD) != m_authMethod)
    {
        Finish(false, "method-mismatch");
        return;
    }
    if (m_state == 1 && m_authMethod == "eap-md5")
    {
        // RFC 6618 §5.5 with EAP: the Init response carries EAP-Request/Identity (no `auth`).
        auto eap =
            m.GetHex(EAP_PAYLOAD) ? Mip6EapPacket::Parse(*m.GetHex(EAP_PAYLOAD)) : std::nullopt;
        if (!eap || eap->code != Mip6EapPacket::REQUEST || eap->type != Mip6EapPacket::IDENTITY)
        {
            Finish(false, "bad-eap");
            return;
        }
        m_hacRand = *m.GetHex(HAC_RAND);
        Mip6EapPacket rsp;
        rsp.code = Mip6EapPacket::RESPONSE;
        rsp.identifier = eap->identifier;
        rsp.type = Mip6EapPacket::IDENTITY;
        const std::string nai = GetNai();
        rsp.data.assign(nai.begin(), nai.end());
        Mip6MhAuthMessage mid;
        mid.SetIdentifier(m.GetIdentifier() + 1);
        mid.AddHex(EAP_PAYLOAD, rsp.Serialize());
        m_state = 3;
        SendRequest(mid);
        return;
    }
    if (!Mip6MhAuthVerify(psk, "HAC", m, m_channelBinding))
    {
        // A wrong PSK at the HAC, or another certificate than the one the HAC holds.
        Finish(false, "bad-hac-auth");
        return;
    }
    if (m_state == 1)
    {
        m_hacRand = *m.GetHex(HAC_RAND);
        SendDone(m.GetIdentifier() + 1);
        return;
    }
    InstallSa(m);
}

// RFC 6618 §5.5 MHAuth-Mid carrying EAP-MD5 (RFC 3748 §5.4), MN (peer) side.
void
Mip6AltsecMnSecurity::HandleEap(const Mip6MhAuthMessage& m)
{
    using namespace Mip6MhAuthName;
    auto role = Mip6MhAuthParser::CheckRole(m, Mip6MhAuthRole::MID_RESPONSE);
    if (!role.IsOk())
    {
        Finish(false, "bad-response-" + role.error);
        return;
    }
    auto eap = Mip6EapPacket::Parse(*m.GetHex(EAP_PAYLOAD));
    if (!eap)
    {
        Finish(false, "bad-eap");
        return;
    }
    if (eap->code == Mip6EapPacket::REQUEST && eap->type == Mip6EapPacket::MD5_CHALLENGE)
    {
        auto challenge = Mip6EapMd5ParseValue(eap->data);
        if (!challenge)
        {
            Finish(false, "bad-eap");
            return;
        }
        Mip6EapPacket rsp;
        rsp.code = Mip6EapPacket::RESPONSE;
        rsp.identifier = eap->identifier;
        rsp.type = Mip6EapPacket::MD5_CHALLENGE;
        rsp.data = Mip6EapMd5TypeData(
            Mip6EapMd5Value(eap->identifier, Mip6BytesFromString(m_psk), *challenge),
            "");
        Mip6MhAuthMessage mid;
        mid.SetIdentifier(m.GetIdentifier() + 1);
        mid.AddHex(EAP_PAYLOAD, rsp.Serialize());
        SendRequest(mid);
        return;
    }
    if (eap->code == Mip6EapPacket::SUCCESS)
    {
        SendDone(m.GetIdentifier() + 1);
        return;
    }
    Finish(false, eap->code == Mip6EapPacket::FAILURE ? "eap-failure" : "bad-eap");
}

// RFC 6618 §5.5 MHAuth-Done request (both methods).
void
Mip6AltsecMnSecurity::SendDone(uint8_t identifier)
{
    using namespace Mip6MhAuthName;
    const Mip6Bytes psk = Mip6BytesFromString(m_psk);
    {
        Mip6MhAuthMessage done;
        done.SetIdentifier(identifier);
        done.AddHex(MN_RAND, m_mnRand);
        done.AddHex(HAC_RAND, m_hacRand);
        done.Add(SAS, m_dataProtection ? "1" : "0");
        std::vector<uint16_t> codes;
        std::stringstream ss(m_suites);
        std::string name;
        while (std::getline(ss, name, ','))
        {
            if (const Mip6AltsecSuite* s = SuiteByAnyName(name))
            {
                codes.push_back(s->code);
            }
        }
        NS_ABORT_MSG_IF(codes.empty(), "altsec MN: no known suite in SuiteList " << m_suites);
        done.Add(SUITELIST, Mip6MhAuthFormatSuiteList(codes));
        done.AddHex(AUTH, Mip6MhAuthComputeAuth(psk, "MN", done, m_channelBinding));
        m_state = 2;
        SendRequest(done);
    }
}

void
Mip6AltsecMnSecurity::InstallSa(const Mip6MhAuthMessage& m)
{
    using namespace Mip6MhAuthName;
    // MHAuth-Done response with status 200: install the SA.
    const uint16_t suite = *Mip6MhAuthParseSuite(*m.Get(CIPHERSUITE));
    Mip6AltsecKeys keys;
    keys.mnToHaIkey = *m.GetHex(MN_TO_HA_IKEY);
    keys.haToMnIkey = *m.GetHex(HA_TO_MN_IKEY);
    keys.mnToHaEkey = m.GetHex(MN_TO_HA_EKEY).value_or(Mip6Bytes());
    keys.haToMnEkey = m.GetHex(HA_TO_MN_EKEY).value_or(Mip6Bytes());
    const uint32_t spi = static_cast<uint32_t>(*m.GetNumber(SPI));
    auto sa = Mip6AltsecSa::Create(spi, suite, keys, Mip6AltsecSa::Role::MN);
    if (!sa)
    {
        Finish(false, "bad-sa");
        return;
    }
    if (auto hoa = m.Get(IP6_HOA); hoa && *hoa != AddressText(m_hoa))
    {
        // This model configures the HoA on the MN; an HAC that assigns another is refused.
        Finish(false, "hoa-mismatch");
        return;
    }
    if (auto haa = m.Get(HAA_IP6))
    {
        m_haUdp = Ipv6Address(haa->c_str());
    }
    if (auto port = m.GetNumber(PORT))
    {
        m_haPort = static_cast<uint16_t>(*port);
    }
    if (m_spi)
    {
        m_db->Remove(*m_spi);
    }
    m_db->Add(sa.Value());
    m_spi = spi;
    if (m_resumption)
    {
        // The session to offer next time, taken once the exchange is over: under TLS 1.3 it is
        // resumable only after the HAC's NewSessionTicket, which follows the handshake.
        if (m_session != nullptr)
        {
            SSL_SESSION_free(m_session);
        }
        m_session = m_tls->GetSession();
    }
    m_sas = *m.Get(SAS) == "1";
    m_db->SetAttribute("AcceptPlaintext", BooleanValue(!m_sas));
    // RFC 6618 §7: the MN re-runs the HAC exchange by itself before the SA validity end.
    m_reauth.Cancel();
    const Time end = Seconds(static_cast<double>(*Mip6MhAuthParseDate(*m.Get(SA_VALIDITY_END)) -
                                                 Mip6CertificateVerifier::DEFAULT_EPOCH));
    if (m_reauthMargin.IsStrictlyPositive())
    {
        const Time at =
            std::max(Simulator::Now() + (end - Simulator::Now()) / 2, end - m_reauthMargin);
        m_reauth =
            Simulator::Schedule(at - Simulator::Now(), &Mip6AltsecMnSecurity::Reauthenticate, this);
    }
    Finish(true, "");
}

void
Mip6AltsecMnSecurity::TlsError(const std::string& reason)
{
    if (m_state != 0 || !m_done.IsNull())
    {
        Finish(false, reason);
    }
}

void
Mip6AltsecMnSecurity::Finish(bool ok, const std::string& reason)
{
    NS_LOG_FUNCTION(this << ok << reason);
    m_timeout.Cancel();
    m_state = 0;
    if (m_tls)
    {
        m_tls->Close(); // RFC 6618 §4: TCP and TLS close after the exchange
    }
    if (!ok)
    {
        m_failure = reason;
        m_failureTrace(reason);
        // The HAC unreachable or the connection lost: try again with exponential back-off.
        if (IsTransientFailure(reason) && m_attempts < m_maxAttempts)
        {
            Time wait = m_initialBackoff;
            for (uint32_t i = 1; i < m_attempts && wait < m_maxBackoff; ++i)
            {
                wait = wait * 2;
            }
            wait = std::min(wait, m_maxBackoff);
            NS_LOG_INFO("HAC attempt " << m_attempts << " failed (" << reason << "), retry in "
                                       << wait.As(Time::S));
            m_retry = Simulator::Schedule(wait, &Mip6AltsecMnSecurity::StartAttempt, this);
            return;
        }
    }
    if (!m_done.IsNull())
    {
        Callback<void, bool> done = m_done;
        m_done = Callback<void, bool>();
        done(ok);
    }
}

void
Mip6AltsecMnSecurity::SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx)
{
    Mip6AltsecSa* sa = m_spi ? m_db->Find(*m_spi) : nullptr;
    if (sa == nullptr)
    {
        NS_LOG_WARN("altsec MN: no SA, MH not sent");
        return;
    }
    auto p = sa->Protect(Mip6AltsecPType::MH, mh);
    if (!p)
    {
        NS_LOG_WARN("altsec MN: " << p.GetError());
        return;
    }
    CarryTag(mh, p.Value(), std::nullopt);
    Mip6ProcessingDelay::SendToWhenIdle(m_udp, p.Value(), Inet6SocketAddress(m_haUdp, m_haPort));
}

void
Mip6AltsecMnSecurity::SendData(Ptr<Packet> inner, const Mip6SignalingContext& ctx)
{
    Mip6CpuScope cpu(m_node); // PType 1 protection charges the MN's CPU
    Mip6AltsecSa* sa = m_spi ? m_db->Find(*m_spi) : nullptr;
    Ptr<Packet> p;
    if (m_sas && sa != nullptr)
    {
        auto prot = sa->Protect(Mip6AltsecPType::IP, inner);
        if (!prot)
        {
            return;
        }
        p = prot.Value();
    }
    else
    {
        p = Mip6AltsecEncapsulatePlain(inner); // RFC 6618 §6 PType 0 (mip6-sas = 0)
    }
    // UDP header + everything the encapsulation added around the inner packet.
    CarryTag(inner, p, 8 + p->GetSize() - inner->GetSize());
    Mip6ProcessingDelay::SendToWhenIdle(m_udp, p, Inet6SocketAddress(m_haUdp, m_haPort));
}

void
Mip6AltsecMnSecurity::Read(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        Ipv6PacketInfoTag info;
        const Ipv6Address localAddress =
            p->RemovePacketTag(info) ? info.GetAddress() : Ipv6Address::GetAny();
        Mip6AltsecRxResult r;
        {
            Mip6CpuScope cpu(m_node); // ICV check and decryption charge the MN's CPU
            r = m_db->Receive(p);
        }
        if (!r.accepted)
        {
            continue; // counted and traced by the database
        }
        Mip6CategoryTag stale;
        r.payload->RemovePacketTag(stale);
        if (r.ptype == Mip6AltsecPType::MH)
        {
            Mip6RxContext ctx;
            // The session binds the peer: the checksum was computed for (HA, HoA).
            ctx.src = m_ha;
            ctx.dst = localAddress;
            ctx.rh2 = m_hoa;
            m_inRx = true;
            m_node->GetObject<Mip6L4Protocol>()->ReceiveMobilityHeader(r.payload, ctx, true);
            m_inRx = false;
            continue;
        }
        Ptr<Mip6Tunnel> tunnel = m_node->GetObject<Mip6Tunnel>();
        if (tunnel)
        {
            Ipv6Header outer;
            outer.SetSource(m_ha);
            outer.SetDestination(localAddress); // the CoA that carried it
            m_inDeliver = true;
            tunnel->Deliver(r.payload, outer);
            m_inDeliver = false;
        }
    }
}

Mip6Verdict
Mip6AltsecMnSecurity::ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx)
{
    // Only an MH that came in a verified altsec packet is acceptable.
    return m_inRx ? Mip6Verdict::Accept() : Mip6Verdict::Reject("unprotected-mh");
}

Mip6Verdict
Mip6AltsecMnSecurity::AcceptPlainTunnel(const Ipv6Header& outer)
{
    return m_inDeliver ? Mip6Verdict::Accept() : Mip6Verdict::Reject("not-altsec-udp");
}

Mip6SecurityState
Mip6AltsecMnSecurity::GetState() const
{
    Mip6SecurityState s;
    Mip6AltsecSa* sa = m_spi ? m_db->Find(*m_spi) : nullptr;
    if (sa != nullptr)
    {
        s.saCount = 2;
        s.keyBytes = sa->GetKeyBytes();
        s.stateBytes = sa->GetKeyBytes() + sa->GetReplayWindow().GetStateBytes() + 4 + 8 + 2;
    }
    return s;
}

Ptr<Mip6AltsecSaDatabase>
Mip6AltsecMnSecurity::GetSaDatabase() const
{
    return m_db;
}

std::optional<uint64_t>
Mip6AltsecMnSecurity::GetMhAuthPlaintextBytes() const
{
    return m_mhauthBytes;
}

Ptr<Mip6TlsStream>
Mip6AltsecMnSecurity::GetTlsStream() const
{
    return m_tls;
}

void
Mip6AltsecMnSecurity::RecoverFromRejection(const Mip6BindingAckHeader& ba,
                                           Callback<void, bool> done)
{
    // RFC 6618 §7: 176 REINIT_SA_WITH_HAC. The core asks only about a BA that ReceiveSignaling
    // verified under the SA, so a forged 176 never gets here; the MN runs the HAC exchange again
    // and the core registers at once with the new SA.
    if (ba.GetStatus() != kReinitSaWithHac)
    {
        done(false);
        return;
    }
    m_reinitializations++;
    m_failure.clear();
    Bootstrap(Ipv6Address(), done);
}

uint32_t
Mip6AltsecMnSecurity::GetReinitializations() const
{
    return m_reinitializations;
}

uint32_t
Mip6AltsecMnSecurity::GetReauthentications() const
{
    return m_reauthentications;
}

uint32_t
Mip6AltsecMnSecurity::GetAttempts() const
{
    return m_attempts;
}

std::string
Mip6AltsecMnSecurity::GetFailureReason() const
{
    return m_failure;
}

// =============================================================================================
// HA side.

TypeId
Mip6AltsecHaSecurity::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6AltsecHaSecurity")
            .SetParent<Mip6HaSecurity>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6AltsecHaSecurity>()
            .AddAttribute("Port",
                          "UDP port of the HA (mip6-port; IANA mipv6tls = 7872)",
                          UintegerValue(7872),
                          MakeUintegerAccessor(&Mip6AltsecHaSecurity::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("PullTimeout",
                          "Pull model: wait for the HAC's SA-RESPONSE before asking again",
                          TimeValue(MilliSeconds(500)),
                          MakeTimeAccessor(&Mip6AltsecHaSecurity::m_pullTimeout),
                          MakeTimeChecker())
            .AddAttribute("PullQueueLength",
                          "Pull model: packets held per SPI while its SA is being pulled (more are "
                          "dropped, pull-queue-full)",
                          UintegerValue(4),
                          MakeUintegerAccessor(&Mip6AltsecHaSecurity::m_pullQueueLength),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MaxPendingPulls",
                          "Pull model: SPIs asked for at the same time (more are dropped, "
                          "pull-limit): bounds what packets under random SPIs can make the HA do",
                          UintegerValue(64),
                          MakeUintegerAccessor(&Mip6AltsecHaSecurity::m_maxPendingPulls),
                          MakeUintegerChecker<uint32_t>())
            .AddTraceSource("HacHaEvent",
                            "An event at the HA's end of the HAC-HA protocol: event, SPI "
                            "(GetHacHaCount lists them)",
                            MakeTraceSourceAccessor(&Mip6AltsecHaSecurity::m_hacHaTrace),
                            "ns3::Mip6AltsecHaSecurity::HacHaEventTracedCallback");
    return tid;
}

Mip6AltsecHaSecurity::Mip6AltsecHaSecurity()
{
    m_hacFactory.SetTypeId(Mip6HaController::GetTypeId());
}

void
Mip6AltsecHaSecurity::DoDispose()
{
    for (auto& [spi, pull] : m_pulls)
    {
        pull.timer.Cancel();
    }
    m_pulls.clear();
    m_hacSocket = nullptr;
    m_hacHa = nullptr;
    m_udp = nullptr;
    m_db = nullptr;
    m_hac = nullptr;
    Mip6HaSecurity::DoDispose();
}

void
Mip6AltsecHaSecurity::Setup(Ptr<Node> node, Ipv6Address ha)
{
    Mip6HaSecurity::Setup(node, ha);
    m_db = CreateObject<Mip6AltsecSaDatabase>();
    m_udp = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    m_udp->Bind(Inet6SocketAddress(ha, m_port));
    m_udp->SetRecvCallback(MakeCallback(&Mip6AltsecHaSecurity::Read, this));

    if (m_remote)
    {
        // The remote HAC (RFC 6618 §4) announces this HA and reaches it over the HAC-HA protocol.
        NS_ABORT_MSG_IF(!m_hac, "altsec-tls:hac=remote: no controller installed");
        m_hac->SetHomeAgentAddress(ha);
        m_hac->m_haPort = m_port;
        m_hacHa = CreateObject<Mip6HacHaChannel>();
        NS_ABORT_MSG_IF(!m_hacHa->Setup(Mip6HacHaChannel::Role::HA, m_hacHaKey),
                        "altsec HA: the HAC-HA key must be " << Mip6HacHaChannel::KEY_SIZE
                                                             << " octets");
        m_hacSocket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        m_hacSocket->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), m_hacHaPort));
        m_hacSocket->SetRecvCallback(MakeCallback(&Mip6AltsecHaSecurity::ReadHac, this));
        return;
    }
    // The co-located HAC (RFC 6618 §4), delivering SAs in-node.
    m_hac = m_hacFactory.Create<Mip6HaController>();
    m_hac->SetKeyExport(m_hacKeyExport);
    if (m_provisioning)
    {
        m_hac->SetSubscriberDatabase(m_provisioning);
    }
    m_hac->SetFlowOwners(m_flows);
    m_hac->SetHomeAgentAddress(ha);
    m_hac->m_haPort = m_port;
    m_hac->SetSaDelivery(MakeCallback(&Mip6AltsecHaSecurity::DeliverInNode, this));
    node->AddApplication(m_hac);
}

void
Mip6AltsecHaSecurity::DeliverInNode(const Mip6HacSaDelivery& d)
{
    NS_ABORT_MSG_IF(!InstallSa(d), "altsec HA: the co-located HAC delivered an unusable SA");
}

bool
Mip6AltsecHaSecurity::InstallSa(const Mip6HacSaDelivery& d)
{
    auto sa = Mip6AltsecSa::Create(d.spi, d.suite, d.keys, Mip6AltsecSa::Role::HA);
    if (!sa)
    {
        NS_LOG_WARN("altsec HA: SA refused: " << sa.GetError());
        return false;
    }
    Peer peer;
    auto old = m_peers.find(d.hoa);
    if (old != m_peers.end())
    {
        // A new SA for a known MN (re-authentication): the MN has not moved, keep where it is.
        m_db->Remove(old->second.spi);
        m_hoaBySpi.erase(old->second.spi);
        peer = old->second;
    }
    m_db->Add(sa.Value());
    m_hoaBySpi[d.spi] = d.hoa;
    peer.spi = d.spi;
    peer.mnId = d.mnId;
    peer.sas = d.dataProtection;
    // mip6-sa-validity-end is on the simulated epoch's clock (Mip6HaController).
    peer.expiry =
        Seconds(static_cast<double>(d.validityEnd - Mip6CertificateVerifier::DEFAULT_EPOCH));
    m_peers[d.hoa] = peer;
    return true;
}

void
Mip6AltsecHaSecurity::HacHaEvent(const std::string& event, uint32_t spi)
{
    NS_LOG_INFO("altsec HA: HAC-HA " << event << " SPI " << spi);
    m_hacHaCounts[event]++;
    m_hacHaTrace(event, spi);
}

uint64_t
Mip6AltsecHaSecurity::GetHacHaCount(const std::string& event) const
{
    auto it = m_hacHaCounts.find(event);
    return it == m_hacHaCounts.end() ? 0 : it->second;
}

Ptr<Mip6HacHaChannel>
Mip6AltsecHaSecurity::GetHacHaChannel() const
{
    return m_hacHa;
}

// The HAC-HA protocol, HA end (doc/altsec-tls.rst): SA-PUSH → install, SA-ACK; SA-RESPONSE →
// install and release the held packets, or drop them when the HAC does not know the SPI.
void
Mip6AltsecHaSecurity::ReadHac(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        Mip6CpuScope cpu(m_node); // the channel's ICV and decryption charge the HA's CPU
        Mip6HacHaChannel::Rx rx = m_hacHa->Open(p);
        if (!rx.accepted)
        {
            continue; // forged, replayed, wrong key, malformed: counted and traced by the channel
        }
        if (rx.type == Mip6HacHaType::SA_PUSH)
        {
            // A retransmitted SA-PUSH (our SA-ACK was lost) is acknowledged again without
            // re-keying: the SA's counters and replay window stay as they are.
            auto peer = m_peers.find(rx.body.sa.hoa);
            const bool known =
                peer != m_peers.end() && peer->second.spi == rx.body.spi && m_db->Has(rx.body.spi);
            const bool ok = known || InstallSa(rx.body.sa);
            HacHaEvent(known ? "push-duplicate" : (ok ? "sa-installed" : "bad-sa"), rx.body.spi);
            Mip6HacHaBody ack;
            ack.status = ok ? Mip6HacHaBody::OK : Mip6HacHaBody::UNKNOWN;
            ack.spi = rx.body.spi;
            ack.acked = rx.sequence;
            Ptr<Packet> out = m_hacHa->Seal(Mip6HacHaType::SA_ACK, ack, rx.body.sa.mnId);
            if (out)
            {
                Mip6ProcessingDelay::SendToWhenIdle(socket, out, from);
                HacHaEvent("ack-sent", rx.body.spi);
            }
            continue;
        }
        // SA-RESPONSE.
        auto it = m_pulls.find(rx.body.spi);
        if (it == m_pulls.end())
        {
            HacHaEvent("unsolicited-response", rx.body.spi);
            continue;
        }
        PendingPull pull = it->second;
        pull.timer.Cancel();
        m_pulls.erase(it);
        if (rx.body.status != Mip6HacHaBody::OK)
        {
            // The HAC never handed out that SPI: each held packet is dropped, counted and traced.
            for (size_t i = 0; i < pull.queue.size(); ++i)
            {
                HacHaEvent("pull-unknown-spi", rx.body.spi);
            }
            continue;
        }
        if (!InstallSa(rx.body.sa))
        {
            HacHaEvent("bad-sa", rx.body.spi);
            continue;
        }
        HacHaEvent("pull-installed", rx.body.spi);
        for (auto& [held, src] : pull.queue)
        {
            Process(held, src);
        }
    }
}

void
Mip6AltsecHaSecurity::SendPullRequest(uint32_t spi)
{
    PendingPull& pull = m_pulls.at(spi);
    Mip6HacHaBody req;
    req.spi = spi;
    Ptr<Packet> out = m_hacHa->Seal(Mip6HacHaType::SA_REQUEST, req, 0);
    if (out)
    {
        Mip6ProcessingDelay::SendToWhenIdle(m_hacSocket,
                                            out,
                                            Inet6SocketAddress(m_hacAddress, m_hacHaPort));
        HacHaEvent("pull-request", spi);
    }
    pull.transmissions++;
    pull.timer = Simulator::Schedule(m_pullTimeout, &Mip6AltsecHaSecurity::PullTimeout, this, spi);
}

void
Mip6AltsecHaSecurity::PullTimeout(uint32_t spi)
{
    auto it = m_pulls.find(spi);
    if (it == m_pulls.end())
    {
        return;
    }
    if (it->second.transmissions <= m_pullRetransmissions)
    {
        SendPullRequest(spi);
        return;
    }
    HacHaEvent("pull-timeout", spi);
    m_pulls.erase(it);
}

void
Mip6AltsecHaSecurity::Read(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        const Inet6SocketAddress src = Inet6SocketAddress::ConvertFrom(from);
        if (m_pull && p->GetSize() >= Mip6AltsecHeader::SIZE)
        {
            Mip6AltsecHeader h;
            p->PeekHeader(h);
            if (h.GetPType() != static_cast<uint8_t>(Mip6AltsecPType::PLAINTEXT) &&
                !m_db->Has(h.GetSpi()))
            {
                // Pull model: an SPI the HA does not know yet. The packet is held (at most
                // PullQueueLength per SPI) and the SA asked for; the answer releases it.
                const uint32_t spi = h.GetSpi();
                auto it = m_pulls.find(spi);
                if (it == m_pulls.end())
                {
                    if (m_pulls.size() >= m_maxPendingPulls)
                    {
                        HacHaEvent("pull-limit", spi);
                        continue;
                    }
                    m_pulls[spi].queue.emplace_back(p, src);
                    HacHaEvent("pull-queued", spi);
                    SendPullRequest(spi);
                    continue;
                }
                if (it->second.queue.size() >= m_pullQueueLength)
                {
                    HacHaEvent("pull-queue-full", spi);
                    continue;
                }
                it->second.queue.emplace_back(p, src);
                HacHaEvent("pull-queued", spi);
                continue;
            }
        }
        Process(p, src);
    }
}

void
Mip6AltsecHaSecurity::Process(Ptr<Packet> p, const Inet6SocketAddress& src)
{
    {
        Mip6AltsecRxResult r;
        {
            Mip6CpuScope cpu(m_node); // ICV check and decryption charge the HA's CPU
            r = m_db->Receive(p);
        }
        if (!r.accepted)
        {
            return; // counted and traced by the database
        }
        Mip6CategoryTag stale;
        r.payload->RemovePacketTag(stale);
        Ipv6Address hoa;
        if (r.ptype == Mip6AltsecPType::PLAINTEXT)
        {
            Ipv6Header inner;
            r.payload->PeekHeader(inner);
            auto it = m_peers.find(inner.GetSource());
            if (it == m_peers.end() || it->second.sas)
            {
                // An unknown HoA, or an MN whose data must be protected (mip6-sas = 1).
                NS_LOG_INFO("altsec HA: PType 0 refused for " << inner.GetSource());
                return;
            }
            hoa = inner.GetSource();
        }
        else
        {
            hoa = m_hoaBySpi.at(r.spi);
            Peer& peer = m_peers[hoa];
            // The authenticated packet tells where the MN is (and through which NAPT).
            peer.known = true;
            peer.address = src.GetIpv6();
            peer.port = src.GetPort();
        }
        const bool expired =
            r.ptype != Mip6AltsecPType::PLAINTEXT && Simulator::Now() >= m_peers[hoa].expiry;
        if (r.ptype == Mip6AltsecPType::MH)
        {
            Mip6RxContext ctx;
            ctx.src = src.GetIpv6();
            ctx.dst = m_ha;
            ctx.hao = hoa; // the HoA comes from the SPI, not from a HAO (RFC 6618 §6)
            m_inRx = true;
            m_rxExpired = expired;
            m_node->GetObject<Mip6L4Protocol>()->ReceiveMobilityHeader(r.payload, ctx, true);
            m_inRx = false;
            m_rxExpired = false;
            return;
        }
        if (expired)
        {
            NS_LOG_INFO("altsec HA: data under the expired SA of " << hoa << " dropped");
            return;
        }
        Ptr<Mip6Tunnel> tunnel = m_node->GetObject<Mip6Tunnel>();
        if (tunnel)
        {
            Ipv6Header outer;
            outer.SetSource(src.GetIpv6());
            outer.SetDestination(m_ha);
            m_inDeliver = true;
            tunnel->Deliver(r.payload, outer);
            m_inDeliver = false;
        }
    }
}

Mip6Verdict
Mip6AltsecHaSecurity::ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx)
{
    if (!m_inRx)
    {
        return Mip6Verdict::Reject("unprotected-mh");
    }
    if (m_rxExpired)
    {
        // RFC 6618 §7: a known but expired SA is answered with 176 REINIT_SA_WITH_HAC, the BA
        // protected under that same SA (SendSignaling still finds it).
        return Mip6Verdict::Reject("sa-expired", kReinitSaWithHac);
    }
    return Mip6Verdict::Accept();
}

void
Mip6AltsecHaSecurity::SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx)
{
    auto it = m_peers.find(ctx.hoa);
    Mip6AltsecSa* sa = it != m_peers.end() ? m_db->Find(it->second.spi) : nullptr;
    if (sa == nullptr || !it->second.known)
    {
        NS_LOG_WARN("altsec HA: no session for " << ctx.hoa << ", MH not sent");
        return;
    }
    auto p = sa->Protect(Mip6AltsecPType::MH, mh);
    if (!p)
    {
        NS_LOG_WARN("altsec HA: " << p.GetError());
        return;
    }
    CarryTag(mh, p.Value(), std::nullopt);
    Mip6ProcessingDelay::SendToWhenIdle(m_udp,
                                        p.Value(),
                                        Inet6SocketAddress(it->second.address, it->second.port));
}

void
Mip6AltsecHaSecurity::SendData(Ptr<Packet> inner, const Mip6SignalingContext& ctx)
{
    Mip6CpuScope cpu(m_node); // PType 1 protection charges the HA's CPU
    auto it = m_peers.find(ctx.hoa);
    if (it == m_peers.end() || !it->second.known)
    {
        return;
    }
    Mip6AltsecSa* sa = m_db->Find(it->second.spi);
    Ptr<Packet> p;
    if (it->second.sas && sa != nullptr)
    {
        auto prot = sa->Protect(Mip6AltsecPType::IP, inner);
        if (!prot)
        {
            return;
        }
        p = prot.Value();
    }
    else
    {
        p = Mip6AltsecEncapsulatePlain(inner);
    }
    CarryTag(inner, p, 8 + p->GetSize() - inner->GetSize());
    Mip6ProcessingDelay::SendToWhenIdle(m_udp,
                                        p,
                                        Inet6SocketAddress(it->second.address, it->second.port));
}

Mip6Verdict
Mip6AltsecHaSecurity::AcceptPlainTunnel(const Ipv6Header& outer)
{
    return m_inDeliver ? Mip6Verdict::Accept() : Mip6Verdict::Reject("not-altsec-udp");
}

Mip6SecurityState
Mip6AltsecHaSecurity::GetState(Ipv6Address hoa) const
{
    Mip6SecurityState s;
    auto it = m_peers.find(hoa);
    if (it == m_peers.end())
    {
        return s;
    }
    Mip6AltsecSa* sa = m_db->Find(it->second.spi);
    if (sa != nullptr)
    {
        s.saCount = 2;
        s.keyBytes = sa->GetKeyBytes();
        // Keys, window, SPI, sequence counter, suite, peer address and port.
        s.stateBytes =
            sa->GetKeyBytes() + sa->GetReplayWindow().GetStateBytes() + 4 + 8 + 2 + 16 + 2;
    }
    // The co-located HAC's record of the MN is held on this node; a remote HAC holds it on its
    // own node (Mip6HaController::GetRecordCount), the HA then only the SA.
    s.hacRecords = (m_hac && !m_remote) ? 1 : 0;
    return s;
}

Ptr<Mip6HaController>
Mip6AltsecHaSecurity::GetController() const
{
    return m_hac;
}

Ptr<Mip6AltsecSaDatabase>
Mip6AltsecHaSecurity::GetSaDatabase() const
{
    return m_db;
}

// =============================================================================================
// The design.

TypeId
Mip6AltsecDesign::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6AltsecDesign")
            .SetParent<Mip6SecurityDesign>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6AltsecDesign>()
            .AddAttribute("KeyExportDirectory",
                          "When not empty, the TLS secrets of both ends are written to "
                          "<dir>/tls-keylog.txt (NSS key log) for tshark/Wireshark.",
                          StringValue(""),
                          MakeStringAccessor(&Mip6AltsecDesign::m_keyExportDirectory),
                          MakeStringChecker())
            .AddAttribute("Psk",
                          "Pre-shared key of every provisioned MN (ASCII)",
                          StringValue("mip6-altsec-test-psk"),
                          MakeStringAccessor(&Mip6AltsecDesign::m_psk),
                          MakeStringChecker())
            .AddAttribute("Auth",
                          "MHAuth method of the MNs: psk (RFC 6618 §5.5) or eap-md5 (EAP-MD5, "
                          "RFC 3748 §5.4, in MHAuth-Mid; the EAP secret is Psk)",
                          StringValue("psk"),
                          MakeStringAccessor(&Mip6AltsecDesign::m_auth),
                          MakeStringChecker())
            .AddAttribute("Suite",
                          "MN-HA ciphersuite the HAC picks (aes-128-cbc-sha, aes-128-cbc-sha256, "
                          "null-sha; RFC 6618 names also accepted)",
                          StringValue("aes-128-cbc-sha"),
                          MakeStringAccessor(&Mip6AltsecDesign::m_suite),
                          MakeStringChecker())
            .AddAttribute("Port",
                          "HAC TCP port and HA UDP port",
                          UintegerValue(7872),
                          MakeUintegerAccessor(&Mip6AltsecDesign::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("Resumption",
                          "TLS session resumption when the HAC exchange runs again (TLS 1.2: "
                          "session ID; TLS 1.3: stateful NewSessionTicket, PSK with (EC)DHE)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Mip6AltsecDesign::m_resumption),
                          MakeBooleanChecker())
            .AddAttribute("SaLifetime",
                          "Validity of the SAs the HAC hands out",
                          TimeValue(Hours(24)),
                          MakeTimeAccessor(&Mip6AltsecDesign::m_saLifetime),
                          MakeTimeChecker())
            .AddAttribute("Tls",
                          "TLS version to the HAC: 1.2 (RFC 6618's mandatory version) or 1.3",
                          StringValue("1.2"),
                          MakeStringAccessor(&Mip6AltsecDesign::SetTls, &Mip6AltsecDesign::GetTls),
                          MakeStringChecker())
            .AddAttribute("DataProtection",
                          "Payload protection: mip6-sas = 1, tunnelled data as PType 1",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Mip6AltsecDesign::m_dataProtection),
                          MakeBooleanChecker())
            .AddAttribute("Hac",
                          "Where the HA Controller runs: local (co-located with the HA, SAs "
                          "in-node) or remote (its own node behind the HA, SAs over the HAC-HA "
                          "protocol; the harness must provide the node, WantsControllerNode)",
                          StringValue("local"),
                          MakeStringAccessor(&Mip6AltsecDesign::m_hacMode),
                          MakeStringChecker())
            .AddAttribute("Pull",
                          "Remote HAC only: the HAC does not push SAs; the HA asks for the SA of "
                          "an unknown SPI (SA-REQUEST) and holds the packet meanwhile",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Mip6AltsecDesign::m_pull),
                          MakeBooleanChecker())
            .AddAttribute("HacHaKey",
                          "Pre-configured HAC-HA key, hex: 16 octets of AES-128-GCM key and 4 of "
                          "salt",
                          StringValue("6d6970362d6861632d68612d6b65792173616c74"),
                          MakeStringAccessor(&Mip6AltsecDesign::m_hacHaKeyHex),
                          MakeStringChecker())
            .AddAttribute("HacHaPort",
                          "UDP port of the HAC-HA protocol (the model's choice, none is assigned)",
                          UintegerValue(7873),
                          MakeUintegerAccessor(&Mip6AltsecDesign::m_hacHaPort),
                          MakeUintegerChecker<uint16_t>(1));
    return tid;
}

Mip6AltsecDesign::Mip6AltsecDesign()
    : m_provisioning(std::make_shared<std::map<std::string, Mip6HacSubscriber>>()),
      m_flows(std::make_shared<Mip6TlsFlowOwners>())
{
}

void
Mip6AltsecDesign::SetTls(std::string version)
{
    NS_ABORT_MSG_IF(version != "1.2" && version != "1.3",
                    "altsec-tls: Tls must be 1.2 or 1.3, not " << version);
    m_tlsVersion = version == "1.3" ? 13 : 12;
}

std::string
Mip6AltsecDesign::GetTls() const
{
    return m_tlsVersion == 13 ? "1.3" : "1.2";
}

std::string
Mip6AltsecDesign::GetId() const
{
    return "altsec-tls";
}

std::map<std::string, std::string>
Mip6AltsecDesign::GetTransportSettings() const
{
    return {{"hac-path", Mip6TcpSettings().ToString()}};
}

std::string
Mip6AltsecDesign::GetDataProtection() const
{
    return m_dataProtection ? "altsec PType 1 (RFC 6618 §6)"
                            : "none (PType 0: plaintext in UDP, RFC 6618 §6)";
}

void
Mip6AltsecDesign::OpenKeyExport()
{
    if (!m_keyExportDirectory.empty() && !m_ownKeyExport)
    {
        m_ownKeyExport = std::make_shared<Mip6KeyExport>(m_keyExportDirectory);
        m_keyExport = m_ownKeyExport.get();
    }
}

Ptr<Mip6MnSecurity>
Mip6AltsecDesign::CreateMnSide()
{
    OpenKeyExport();
    m_mn = CreateObject<Mip6AltsecMnSecurity>();
    NS_ABORT_MSG_IF(m_auth != "psk" && m_auth != "eap-md5",
                    "altsec-tls: Auth must be psk or eap-md5, not " << m_auth);
    m_mn->SetAttribute("Psk", StringValue(m_psk));
    m_mn->SetAttribute("AuthMethod", StringValue(m_auth));
    m_mn->SetAttribute("HacPort", UintegerValue(m_port));
    m_mn->SetAttribute("DataProtection", BooleanValue(m_dataProtection));
    m_mn->SetAttribute("TlsVersion", UintegerValue(m_tlsVersion));
    m_mn->SetAttribute("Resumption", BooleanValue(m_resumption));
    m_mn->m_haPort = m_port;
    m_mn->m_provisioning = m_provisioning;
    m_mn->m_provisionedPsk = m_psk;
    m_mn->m_flows = m_flows;
    if (WantsControllerNode())
    {
        NS_ABORT_MSG_IF(!m_controller,
                        "altsec-tls:hac=remote needs a controller node (InstallController)");
        m_mn->m_remoteHac = m_controllerAddress;
        m_mn->m_hacHaPush = !m_pull;
    }
    m_mn->SetKeyExport(m_keyExport);
    return m_mn;
}

void
Mip6AltsecDesign::ConfigureController(ObjectFactory& f) const
{
    const Mip6AltsecSuite* suite = SuiteByAnyName(m_suite);
    NS_ABORT_MSG_IF(suite == nullptr, "altsec-tls: unknown suite " << m_suite);
    f.SetTypeId(Mip6HaController::GetTypeId());
    f.Set("Port", UintegerValue(m_port));
    f.Set("Suite", StringValue(suite->name));
    f.Set("DataProtection", BooleanValue(m_dataProtection));
    f.Set("TlsVersion", UintegerValue(m_tlsVersion));
    f.Set("SaLifetime", TimeValue(m_saLifetime));
    f.Set("Resumption", BooleanValue(m_resumption));
    f.Set("HacHaPort", UintegerValue(m_hacHaPort));
    f.Set("PushSa", BooleanValue(!m_pull));
}

Mip6Bytes
Mip6AltsecDesign::GetHacHaKey() const
{
    auto key = Mip6FromHex(m_hacHaKeyHex);
    NS_ABORT_MSG_IF(!key || key.Value().size() != Mip6HacHaChannel::KEY_SIZE,
                    "altsec-tls: HacHaKey must be " << 2 * Mip6HacHaChannel::KEY_SIZE
                                                    << " hex digits");
    return key.Value();
}

bool
Mip6AltsecDesign::WantsControllerNode() const
{
    NS_ABORT_MSG_IF(m_hacMode != "local" && m_hacMode != "remote",
                    "altsec-tls: Hac must be local or remote, not " << m_hacMode);
    return m_hacMode == "remote";
}

void
Mip6AltsecDesign::InstallController(Ptr<Node> node, Ipv6Address address, Ipv6Address haAddress)
{
    if (!WantsControllerNode())
    {
        return;
    }
    NS_ABORT_MSG_IF(m_controller, "altsec-tls: the controller is installed once");
    OpenKeyExport();
    ObjectFactory f;
    ConfigureController(f);
    m_controller = f.Create<Mip6HaController>();
    m_controller->SetKeyExport(m_keyExport);
    m_controller->SetSubscriberDatabase(m_provisioning);
    m_controller->SetFlowOwners(m_flows);
    m_controller->SetRemoteHomeAgent(haAddress, GetHacHaKey());
    node->AddApplication(m_controller);
    m_controllerAddress = address;
    m_controllerHaAddress = haAddress;
}

Ptr<Mip6HaController>
Mip6AltsecDesign::GetRemoteController() const
{
    return m_controller;
}

Ptr<Mip6HaSecurity>
Mip6AltsecDesign::CreateHaSide()
{
    OpenKeyExport();
    m_ha = CreateObject<Mip6AltsecHaSecurity>();
    m_ha->SetAttribute("Port", UintegerValue(m_port));
    if (WantsControllerNode())
    {
        NS_ABORT_MSG_IF(!m_controller,
                        "altsec-tls:hac=remote needs a controller node: build the topology with "
                        "Mip6WlanAccessHelper HacNode=true and call InstallController first");
        m_ha->m_remote = true;
        m_ha->m_pull = m_pull;
        m_ha->m_hac = m_controller;
        m_ha->m_hacAddress = m_controllerAddress;
        m_ha->m_hacHaPort = m_hacHaPort;
        m_ha->m_hacHaKey = GetHacHaKey();
        return m_ha;
    }
    // The co-located HAC's configuration (the HA side builds it at Setup).
    ConfigureController(m_ha->m_hacFactory);
    m_ha->m_hacKeyExport = m_keyExport;
    m_ha->m_provisioning = m_provisioning;
    m_ha->m_flows = m_flows;
    return m_ha;
}

Ptr<Mip6AltsecMnSecurity>
Mip6AltsecDesign::GetMnSide() const
{
    return m_mn;
}

Ptr<Mip6AltsecHaSecurity>
Mip6AltsecDesign::GetHaSide() const
{
    return m_ha;
}

void
Mip6AltsecDesign::SetKeyExport(Mip6KeyExport* exporter)
{
    m_keyExport = exporter;
}

namespace
{
/// Registers `altsec-tls` with the factory when the library loads.
struct AltsecDesignRegistrar
{
    AltsecDesignRegistrar()
    {
        Mip6SecurityDesignFactory::Register(
            {"altsec-tls",
             "ns3::Mip6AltsecDesign",
             "RFC 6618: TLS 1.2 + MHAuth (PSK, or EAP-MD5) to the HA Controller, BU/BA and data in "
             "UDP 7872",
             {{"payload",
               "DataProtection",
               {"0", "1"},
               "0",
               "1: mip6-sas = 1, tunnelled data protected as PType 1"},
              {"resume",
               "Resumption",
               {"0", "1"},
               "0",
               "1: TLS session resumption on re-authentication (1.2: session ID, 1.3: ticket)"},
              {"suite",
               "Suite",
               {"aes-128-cbc-sha", "aes-128-cbc-sha256", "null-sha"},
               "aes-128-cbc-sha",
               "MN-HA ciphersuite (RFC 6618 §5.4)"},
              {"tls", "Tls", {"1.2", "1.3"}, "1.2", "TLS version to the HAC"},
              {"auth",
               "Auth",
               {"psk", "eap-md5"},
               "psk",
               "MHAuth method: PSK, or EAP-MD5 in MHAuth-Mid (RFC 3748 §5.4)"},
              {"hac",
               "Hac",
               {"local", "remote"},
               "local",
               "remote: the HAC on its own node behind the HA, SAs over the HAC-HA protocol"},
              {"pull",
               "Pull",
               {"0", "1"},
               "0",
               "1 (with hac=remote): the HA pulls the SA of an unknown SPI from the HAC",
               "hac=remote"}}});
    }
} g_altsecDesignRegistrar;
} // namespace

} // namespace ns3
