/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mip6-ha-controller.h"

#include "ns3/boolean.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/mip6-category-tag.h"
#include "ns3/mip6-certificate.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-mac.h"
#include "ns3/mip6-processing-delay.h"
#include "ns3/mip6-test-pki.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <openssl/ssl.h>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6HaController");

NS_OBJECT_ENSURE_REGISTERED(Mip6HaController);

// RFC 6618 §5.5: auth = HMAC-SHA256(key, "MN" | "HAC" ‖ msg-octets ‖ CB-octets).
Mip6Bytes
Mip6MhAuthComputeAuth(const Mip6Bytes& key,
                      const std::string& label,
                      const Mip6MhAuthMessage& message,
                      const Mip6Bytes& channelBinding)
{
    Mip6Bytes input = Mip6BytesFromString(label);
    const Mip6Bytes octets = message.GetAuthOctets();
    input.insert(input.end(), octets.begin(), octets.end());
    input.insert(input.end(), channelBinding.begin(), channelBinding.end());
    return Mip6Hmac(Mip6HashAlgorithm::SHA256, key, input).Value();
}

bool
Mip6MhAuthVerify(const Mip6Bytes& key,
                 const std::string& label,
                 const Mip6MhAuthMessage& message,
                 const Mip6Bytes& channelBinding)
{
    auto received = message.GetHex(Mip6MhAuthName::AUTH);
    if (!received)
    {
        return false;
    }
    return Mip6ConstantTimeEqual(*received,
                                 Mip6MhAuthComputeAuth(key, label, message, channelBinding));
}

TypeId
Mip6HaController::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6HaController")
            .SetParent<Application>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6HaController>()
            .AddAttribute("Port",
                          "TCP port of the HAC. RFC 6618 assigns none; the default reuses the "
                          "number of the mipv6tls UDP service (7872)",
                          UintegerValue(7872),
                          MakeUintegerAccessor(&Mip6HaController::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("Suite",
                          "Preferred MN-HA ciphersuite (RFC 6618 §5.4 name); the HAC picks it when "
                          "the MN lists it, else the first suite of the MN's list it implements",
                          StringValue("AES_128_CBC_SHA"),
                          MakeStringAccessor(&Mip6HaController::m_suite),
                          MakeStringChecker())
            .AddAttribute("SaLifetime",
                          "Validity of a generated SA (mip6-sa-validity-end = epoch + now + this)",
                          TimeValue(Hours(24)),
                          MakeTimeAccessor(&Mip6HaController::m_saLifetime),
                          MakeTimeChecker())
            .AddAttribute("DataProtection",
                          "Answer mip6-sas = 1 (data as PType 1) when the MN asks for it",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Mip6HaController::m_dataProtection),
                          MakeBooleanChecker())
            .AddAttribute("TlsVersion",
                          "TLS version of the HAC: 12 (RFC 6618's mandatory TLS 1.2) or 13",
                          UintegerValue(12),
                          MakeUintegerAccessor(&Mip6HaController::m_tlsVersion),
                          MakeUintegerChecker<uint32_t>(12, 13))
            .AddAttribute("Resumption",
                          "Resume TLS sessions (RFC 6618 §4 suggests resumption): TLS 1.2 by "
                          "session ID, TLS 1.3 by a stateful NewSessionTicket",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Mip6HaController::m_resumption),
                          MakeBooleanChecker())
            .AddAttribute("CipherList",
                          "OpenSSL TLS 1.2 cipher list of the HAC",
                          StringValue("ECDHE-ECDSA-AES128-GCM-SHA256"),
                          MakeStringAccessor(&Mip6HaController::m_cipherList),
                          MakeStringChecker())
            .AddAttribute("PushSa",
                          "Remote HAC: push each new SA to the HA and answer the MN only after the "
                          "HA's SA-ACK; false: the HA pulls SAs by SPI (SA-REQUEST)",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Mip6HaController::m_pushSa),
                          MakeBooleanChecker())
            .AddAttribute("HacHaPort",
                          "UDP port of the HAC-HA protocol at the HAC and at the HA (the model's "
                          "choice; no port is assigned)",
                          UintegerValue(7873),
                          MakeUintegerAccessor(&Mip6HaController::m_hacHaPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("AckTimeout",
                          "Remote HAC: wait for the HA's SA-ACK before retransmitting an SA-PUSH",
                          TimeValue(MilliSeconds(500)),
                          MakeTimeAccessor(&Mip6HaController::m_ackTimeout),
                          MakeTimeChecker())
            .AddAttribute("MaxRetransmissions",
                          "Remote HAC: SA-PUSH retransmissions before the MN is answered 504",
                          UintegerValue(2),
                          MakeUintegerAccessor(&Mip6HaController::m_maxRetransmissions),
                          MakeUintegerChecker<uint32_t>())
            .AddTraceSource("Exchange",
                            "An MHAuth exchange ended: mn-id, status code",
                            MakeTraceSourceAccessor(&Mip6HaController::m_exchangeTrace),
                            "ns3::Mip6HaController::ExchangeTracedCallback")
            .AddTraceSource("Accept",
                            "A TCP connection was accepted: MN address, port, HAC address, port",
                            MakeTraceSourceAccessor(&Mip6HaController::m_acceptTrace),
                            "ns3::Mip6HaController::AcceptTracedCallback");
    return tid;
}

Mip6HaController::Mip6HaController()
    : m_subscribers(std::make_shared<std::map<std::string, Mip6HacSubscriber>>())
{
}

Mip6HaController::~Mip6HaController()
{
    if (m_ctx != nullptr)
    {
        SSL_CTX_free(m_ctx);
    }
}

void
Mip6HaController::DoDispose()
{
    for (auto& [spi, pending] : m_pushes)
    {
        pending.timer.Cancel();
    }
    m_pushes.clear();
    m_haSocket = nullptr;
    m_hacHa = nullptr;
    m_sessions.clear();
    m_listener = nullptr;
    m_delivery = Callback<void, const Mip6HacSaDelivery&>();
    Application::DoDispose();
}

void
Mip6HaController::AddSubscriber(const std::string& nai, const Mip6HacSubscriber& subscriber)
{
    (*m_subscribers)[nai] = subscriber;
}

void
Mip6HaController::SetSubscriberDatabase(
    std::shared_ptr<std::map<std::string, Mip6HacSubscriber>> db)
{
    m_subscribers = db;
}

void
Mip6HaController::SetFlowOwners(std::shared_ptr<Mip6TlsFlowOwners> owners)
{
    m_flowOwners = owners;
}

void
Mip6HaController::SetSaDelivery(Callback<void, const Mip6HacSaDelivery&> cb)
{
    m_delivery = cb;
}

void
Mip6HaController::SetHomeAgentAddress(Ipv6Address address)
{
    m_haAddress = address;
}

void
Mip6HaController::SetKeyExport(Mip6KeyExport* exporter)
{
    m_keyExport = exporter;
}

void
Mip6HaController::SetRemoteHomeAgent(Ipv6Address haAddress, const Mip6Bytes& key)
{
    m_remote = true;
    m_haCoreAddress = haAddress;
    m_hacHaKey = key;
    m_hacHa = CreateObject<Mip6HacHaChannel>();
    NS_ABORT_MSG_IF(!m_hacHa->Setup(Mip6HacHaChannel::Role::HAC, key),
                    "HAC: the HAC-HA key must be " << Mip6HacHaChannel::KEY_SIZE << " octets");
}

Ptr<Mip6HacHaChannel>
Mip6HaController::GetHacHaChannel() const
{
    return m_hacHa;
}

std::optional<Mip6HacSaDelivery>
Mip6HaController::GetSaRecord(uint32_t spi) const
{
    auto it = m_sas.find(spi);
    if (it == m_sas.end())
    {
        return std::nullopt;
    }
    return it->second;
}

uint64_t
Mip6HaController::GetRecordStateBytes() const
{
    uint64_t n = 0;
    for (const auto& [spi, sa] : m_sas)
    {
        // SPI, suite, flags, MN id, validity end, HoA, keys, NAI.
        n += 4 + 2 + 1 + 4 + 8 + 16 + sa.keys.mnToHaIkey.size() + sa.keys.mnToHaEkey.size() +
             sa.keys.haToMnIkey.size() + sa.keys.haToMnEkey.size() + m_spis.at(spi).size();
    }
    return n;
}

uint64_t
Mip6HaController::GetPullRequestCount() const
{
    return m_pullRequests;
}

uint32_t
Mip6HaController::GetRecordCount() const
{
    return static_cast<uint32_t>(m_records.size());
}

uint64_t
Mip6HaController::GetFailureCount(const std::string& reason) const
{
    auto it = m_failures.find(reason);
    return it == m_failures.end() ? 0 : it->second;
}

uint64_t
Mip6HaController::GetSuccessCount() const
{
    return m_successes;
}

uint16_t
Mip6HaController::GetPort() const
{
    return m_port;
}

const Mip6TcpSettings&
Mip6HaController::GetTcpSettings() const
{
    return m_tcp;
}

void
Mip6HaController::StartApplication()
{
    auto ctx = Mip6TlsStream::NewServerContext(Mip6TestPki::HacCertificatePem(),
                                               Mip6TestPki::HacKeyPem(),
                                               m_cipherList,
                                               static_cast<int>(m_tlsVersion));
    NS_ABORT_MSG_IF(!ctx, "HAC: " << ctx.GetError());
    m_ctx = ctx.Value();
    if (m_resumption)
    {
        Mip6TlsStream::EnableSessionResumption(m_ctx);
    }
    m_channelBinding = Mip6Certificate::FromPem(Mip6TestPki::HacCertificatePem())
                           .Value()
                           .GetTlsServerEndpoint()
                           .Value();
    m_listener = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    m_tcp.Apply(m_listener);
    m_listener->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), m_port));
    m_listener->Listen();
    m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  MakeCallback(&Mip6HaController::Accept, this));
    if (m_remote)
    {
        // The HAC-HA protocol (doc/altsec-tls.rst): UDP on the HAC's own port.
        m_haSocket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        m_haSocket->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), m_hacHaPort));
        m_haSocket->SetRecvCallback(MakeCallback(&Mip6HaController::ReadHa, this));
    }
}

void
Mip6HaController::StopApplication()
{
    if (m_listener)
    {
        m_listener->Close();
    }
    if (m_haSocket)
    {
        m_haSocket->Close();
    }
}

void
Mip6HaController::Accept(Ptr<Socket> socket, const Address& from)
{
    const uint32_t id = m_nextSession++;
    Session& s = m_sessions[id];
    s.tls = CreateObject<Mip6TlsStream>();
    s.tls->SetKeyExport(m_keyExport);
    s.tls->SetDataCallback(MakeCallback(&Mip6HaController::Data, this, id));
    s.tls->SetErrorCallback(MakeCallback(&Mip6HaController::SessionError, this, id));
    const Inet6SocketAddress peer = Inet6SocketAddress::ConvertFrom(from);
    if (m_flowOwners)
    {
        auto owner = m_flowOwners->find({peer.GetIpv6(), peer.GetPort()});
        if (owner != m_flowOwners->end())
        {
            s.tls->SetCategoryMn(owner->second);
        }
    }
    s.tls->Start(m_ctx, socket, false);
    Address local;
    socket->GetSockName(local);
    m_acceptTrace(peer.GetIpv6(),
                  peer.GetPort(),
                  Inet6SocketAddress::ConvertFrom(local).GetIpv6(),
                  Inet6SocketAddress::ConvertFrom(local).GetPort());
}

void
Mip6HaController::SessionError(uint32_t id, const std::string& reason)
{
    auto it = m_sessions.find(id);
    if (it == m_sessions.end() || it->second.state == 2)
    {
        return;
    }
    m_failures[reason]++;
    it->second.state = 2;
}

void
Mip6HaController::Data(uint32_t id, const Mip6Bytes& data)
{
    auto it = m_sessions.find(id);
    if (it == m_sessions.end())
    {
        return;
    }
    Session& s = it->second;
    s.rx.insert(s.rx.end(), data.begin(), data.end());
    while (s.state != 2)
    {
        size_t frame = 0;
        Mip6MhAuthParseResult err;
        auto state = Mip6MhAuthParser::Frame(s.rx.data(), s.rx.size(), frame, err);
        if (state == Mip6MhAuthParser::FrameState::NEED_MORE)
        {
            return;
        }
        if (state == Mip6MhAuthParser::FrameState::ERROR)
        {
            Refuse(id, s.rx.size() > 1 ? s.rx[1] : 1, err.status, err.error);
            return;
        }
        auto parsed = Mip6MhAuthParser::Parse(s.rx.data(), frame, Mip6MhAuthParser::Limits());
        const uint8_t identifier = s.rx[1];
        s.rx.erase(s.rx.begin(), s.rx.begin() + frame);
        if (!parsed.IsOk())
        {
            Refuse(id, identifier, parsed.status, parsed.error);
            return;
        }
        Handle(id, parsed.message);
    }
}

void
Mip6HaController::Respond(uint32_t id, const Mip6MhAuthMessage& response)
{
    m_sessions[id].tls->Send(response.Serialize());
}

void
Mip6HaController::Refuse(uint32_t id,
                         uint8_t identifier,
                         Mip6MhAuthStatus status,
                         const std::string& why)
{
    NS_LOG_INFO("HAC refuses session " << id << ": " << unsigned(status) << " " << why);
    Session& s = m_sessions[id];
    m_failures[why]++;
    Mip6MhAuthMessage r;
    r.SetIdentifier(identifier == 0 ? 1 : identifier);
    r.AddNumber(Mip6MhAuthName::STATUS_CODE, static_cast<uint16_t>(status));
    Respond(id, r);
    s.state = 2;
    m_exchangeTrace(s.nai, static_cast<uint16_t>(status));
    s.tls->Close();
}

// RFC 6618 §5.5 MHAuth-Mid carrying EAP-MD5 (RFC 3748 §5.1, §5.4): Response/Identity →
// Request/MD5-Challenge; Response/MD5-Challenge → Success (or 401, no SA).
void
Mip6HaController::HandleEap(uint32_t id, const Mip6MhAuthMessage& m)
{
    using namespace Mip6MhAuthName;
    Session& s = m_sessions[id];
    const uint8_t identifier = m.GetIdentifier();
    auto role = Mip6MhAuthParser::CheckRole(m, Mip6MhAuthRole::MID_REQUEST);
    if (!role.IsOk())
    {
        Refuse(id, identifier, Mip6MhAuthStatus::BAD_REQUEST, role.error);
        return;
    }
    const uint8_t expectedId = s.state == 3 ? 2 : 3;
    if (identifier != expectedId)
    {
        Refuse(id, identifier, Mip6MhAuthStatus::BAD_REQUEST, "bad-identifier");
        return;
    }
    auto eap = Mip6EapPacket::Parse(*m.GetHex(EAP_PAYLOAD));
    const uint8_t wantType = s.state == 3 ? Mip6EapPacket::IDENTITY : Mip6EapPacket::MD5_CHALLENGE;
    if (!eap || eap->code != Mip6EapPacket::RESPONSE || eap->identifier != s.eapId ||
        eap->type != wantType)
    {
        Refuse(id, identifier, Mip6MhAuthStatus::BAD_REQUEST, "bad-eap-payload");
        return;
    }
    const Mip6HacSubscriber& sub = m_subscribers->at(s.nai);
    Mip6MhAuthMessage r;
    r.SetIdentifier(identifier);
    r.AddNumber(STATUS_CODE, static_cast<uint16_t>(Mip6MhAuthStatus::CONTINUE));
    if (s.state == 3)
    {
        // The EAP identity must be the MHAuth mn-id (one identity per exchange).
        if (std::string(eap->data.begin(), eap->data.end()) != s.nai)
        {
            Refuse(id, identifier, Mip6MhAuthStatus::UNAUTHORIZED, "eap-identity-mismatch");
            return;
        }
        s.challenge = Mip6CryptoRandom::Bytes(16);
        Mip6EapPacket req;
        req.code = Mip6EapPacket::REQUEST;
        req.identifier = ++s.eapId;
        req.type = Mip6EapPacket::MD5_CHALLENGE;
        req.data = Mip6EapMd5TypeData(s.challenge, "");
        r.AddHex(EAP_PAYLOAD, req.Serialize());
        s.state = 4;
        Respond(id, r);
        return;
    }
    auto value = Mip6EapMd5ParseValue(eap->data);
    if (!value)
    {
        Refuse(id, identifier, Mip6MhAuthStatus::BAD_REQUEST, "bad-eap-payload");
        return;
    }
    const Mip6Bytes expected = Mip6EapMd5Value(s.eapId, sub.psk, s.challenge);
    if (expected.empty() || value->size() != expected.size() ||
        !Mip6ConstantTimeEqual(*value, expected))
    {
        Refuse(id, identifier, Mip6MhAuthStatus::UNAUTHORIZED, "eap-md5-failure");
        return;
    }
    Mip6EapPacket ok;
    ok.code = Mip6EapPacket::SUCCESS;
    ok.identifier = s.eapId;
    r.AddHex(EAP_PAYLOAD, ok.Serialize());
    s.state = 1;
    s.doneId = identifier + 1;
    Respond(id, r);
}

uint32_t
Mip6HaController::NewSpi()
{
    for (;;)
    {
        const Mip6Bytes b = Mip6CryptoRandom::Bytes(4);
        const uint32_t spi = ((uint32_t{b[0]} << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) &
                             Mip6AltsecHeader::MAX_SPI;
        if (spi != 0 && m_spis.count(spi) == 0)
        {
            return spi;
        }
    }
}

// RFC 6618 §5.5 (PSK method): Init and Done, each one request/response.
void
Mip6HaController::Handle(uint32_t id, const Mip6MhAuthMessage& m)
{
    using namespace Mip6MhAuthName;
    Session& s = m_sessions[id];
    const uint8_t identifier = m.GetIdentifier();
    if (s.state == 0)
    {
        auto role = Mip6MhAuthParser::CheckRole(m, Mip6MhAuthRole::INIT_REQUEST);
        if (!role.IsOk() || identifier != 1)
        {
            Refuse(id,
                   identifier,
                   Mip6MhAuthStatus::BAD_REQUEST,
                   role.IsOk() ? "bad-identifier" : role.error);
            return;
        }
        s.nai = *m.Get(MN_ID);
        // The first method of the MN's list that the HAC implements.
        std::string chosen;
        {
            std::stringstream ms(*m.Get(AUTH_METHOD));
            std::string token;
            while (chosen.empty() && std::getline(ms, token, ','))
            {
                if (token == "psk" || token == "eap-md5")
                {
                    chosen = token;
                }
            }
        }
        if (chosen.empty())
        {
            Refuse(id, identifier, Mip6MhAuthStatus::NOT_IMPLEMENTED, "unsupported-method");
            return;
        }
        s.eap = chosen == "eap-md5";
        if (m_subscribers->count(s.nai) == 0)
        {
            Refuse(id, identifier, Mip6MhAuthStatus::UNAUTHORIZED, "unknown-mn-id");
            return;
        }
        s.mnRand = *m.GetHex(MN_RAND);
        s.hacRand = Mip6CryptoRandom::Bytes(32);
        Mip6MhAuthMessage r;
        r.SetIdentifier(identifier);
        r.AddHex(MN_RAND, s.mnRand);
        r.AddHex(HAC_RAND, s.hacRand);
        if (s.eap)
        {
            // RFC 6618 §5.5 with EAP: the Init response starts EAP with a Request/Identity
            // (RFC 3748 §5.1). No `auth` yet: the HAC proves the secret in the Done response.
            r.Add(AUTH_METHOD, "eap-md5");
            Mip6EapPacket req;
            req.code = Mip6EapPacket::REQUEST;
            req.identifier = s.eapId = 1;
            req.type = Mip6EapPacket::IDENTITY;
            r.AddHex(EAP_PAYLOAD, req.Serialize());
            s.state = 3;
            Respond(id, r);
            return;
        }
        r.Add(AUTH_METHOD, "psk");
        r.AddHex(AUTH,
                 Mip6MhAuthComputeAuth(m_subscribers->at(s.nai).psk, "HAC", r, m_channelBinding));
        s.state = 1;
        s.doneId = 2;
        Respond(id, r);
        return;
    }
    if (s.state == 3 || s.state == 4)
    {
        HandleEap(id, m);
        return;
    }
    // Done request.
    auto role = Mip6MhAuthParser::CheckRole(m, Mip6MhAuthRole::DONE_REQUEST);
    if (!role.IsOk() || identifier != s.doneId)
    {
        Refuse(id,
               identifier,
               Mip6MhAuthStatus::BAD_REQUEST,
               role.IsOk() ? "bad-identifier" : role.error);
        return;
    }
    const Mip6HacSubscriber sub = m_subscribers->at(s.nai);
    if (*m.GetHex(MN_RAND) != s.mnRand || *m.GetHex(HAC_RAND) != s.hacRand)
    {
        Refuse(id, identifier, Mip6MhAuthStatus::UNAUTHORIZED, "rand-mismatch");
        return;
    }
    if (!Mip6MhAuthVerify(sub.psk, "MN", m, m_channelBinding))
    {
        Refuse(id, identifier, Mip6MhAuthStatus::UNAUTHORIZED, "bad-auth");
        return;
    }
    const std::vector<uint16_t> offered = *Mip6MhAuthParseSuiteList(*m.Get(SUITELIST));
    const Mip6AltsecSuite* preferred = Mip6AltsecSuite::FindByName(m_suite);
    const Mip6AltsecSuite* chosen = nullptr;
    for (uint16_t code : offered)
    {
        if (preferred && code == preferred->code)
        {
            chosen = preferred;
        }
    }
    for (size_t i = 0; chosen == nullptr && i < offered.size(); ++i)
    {
        chosen = Mip6AltsecSuite::Find(offered[i]);
    }
    if (chosen == nullptr)
    {
        Refuse(id, identifier, Mip6MhAuthStatus::NOT_IMPLEMENTED, "no-common-suite");
        return;
    }
    const bool sas = m_dataProtection && *m.Get(SAS) == "1";

    // A new SA replaces the MN's previous one at the HAC.
    auto old = m_records.find(s.nai);
    if (old != m_records.end())
    {
        m_spis.erase(old->second);
        m_sas.erase(old->second);
    }
    Mip6HacSaDelivery sa;
    sa.spi = NewSpi();
    sa.suite = chosen->code;
    sa.keys.mnToHaIkey = Mip6CryptoRandom::Bytes(chosen->GetIntegrityKeySize());
    sa.keys.mnToHaEkey = Mip6CryptoRandom::Bytes(chosen->GetEncryptionKeySize());
    sa.keys.haToMnIkey = Mip6CryptoRandom::Bytes(chosen->GetIntegrityKeySize());
    sa.keys.haToMnEkey = Mip6CryptoRandom::Bytes(chosen->GetEncryptionKeySize());
    sa.hoa = sub.hoa;
    sa.mnId = sub.mnId;
    sa.dataProtection = sas;
    sa.validityEnd = Mip6CertificateVerifier::DEFAULT_EPOCH + Simulator::Now().GetSeconds() +
                     m_saLifetime.GetSeconds();
    m_spis[sa.spi] = s.nai;
    m_records[s.nai] = sa.spi;
    m_sas[sa.spi] = sa;

    Mip6MhAuthMessage r;
    r.SetIdentifier(identifier);
    r.AddNumber(STATUS_CODE, 200);
    r.AddHex(MN_RAND, s.mnRand);
    r.AddHex(HAC_RAND, s.hacRand);
    r.AddNumber(SPI, sa.spi);
    r.AddHex(MN_TO_HA_IKEY, sa.keys.mnToHaIkey);
    if (!sa.keys.mnToHaEkey.empty())
    {
        r.AddHex(MN_TO_HA_EKEY, sa.keys.mnToHaEkey);
    }
    r.AddHex(HA_TO_MN_IKEY, sa.keys.haToMnIkey);
    if (!sa.keys.haToMnEkey.empty())
    {
        r.AddHex(HA_TO_MN_EKEY, sa.keys.haToMnEkey);
    }
    r.Add(SA_VALIDITY_END, Mip6MhAuthFormatDate(sa.validityEnd));
    r.Add(SAS, sas ? "1" : "0");
    r.Add(CIPHERSUITE, Mip6MhAuthFormatSuite(chosen->code));
    r.AddNumber(PORT, m_haPort);
    {
        std::ostringstream haa;
        haa << m_haAddress;
        r.Add(HAA_IP6, haa.str());
        std::ostringstream hoa;
        hoa << sub.hoa;
        r.Add(IP6_HOA, hoa.str());
        std::ostringstream hnp;
        hnp << sub.hoa.CombinePrefix(Ipv6Prefix(sub.prefixLength)) << "/"
            << unsigned(sub.prefixLength);
        r.Add(IP6_HNP, hnp.str());
    }
    r.AddHex(AUTH, Mip6MhAuthComputeAuth(sub.psk, "HAC", r, m_channelBinding));
    s.state = 2;
    if (m_remote && m_pushSa)
    {
        // RFC 6618 §4 push model with a remote HAC: the SA goes to the HA over the HAC-HA
        // protocol, and the MN hears 200 only once the HA acknowledged it, so its first BU finds
        // the SA at the HA.
        PendingPush& pending = m_pushes[sa.spi];
        pending.session = id;
        pending.identifier = identifier;
        pending.response = r;
        SendPush(sa.spi);
        return;
    }
    // Co-located: deliver in-node before the MN can send its first BU. Pull model: the SA stays
    // here until the HA asks for it.
    if (!m_remote && !m_delivery.IsNull())
    {
        m_delivery(sa);
    }
    m_successes++;
    m_exchangeTrace(s.nai, 200);
    Respond(id, r);
}

void
Mip6HaController::SendPush(uint32_t spi)
{
    PendingPush& pending = m_pushes.at(spi);
    Mip6HacHaBody body;
    body.sa = m_sas.at(spi);
    body.spi = spi;
    pending.seqs.push_back(m_hacHa->GetNextSequence());
    Ptr<Packet> p = m_hacHa->Seal(Mip6HacHaType::SA_PUSH, body, body.sa.mnId);
    if (p)
    {
        Mip6ProcessingDelay::SendToWhenIdle(m_haSocket,
                                            p,
                                            Inet6SocketAddress(m_haCoreAddress, m_hacHaPort));
    }
    pending.transmissions++;
    pending.timer = Simulator::Schedule(m_ackTimeout, &Mip6HaController::PushTimeout, this, spi);
}

void
Mip6HaController::PushTimeout(uint32_t spi)
{
    auto it = m_pushes.find(spi);
    if (it == m_pushes.end())
    {
        return;
    }
    if (it->second.transmissions <= m_maxRetransmissions)
    {
        NS_LOG_INFO("HAC: no SA-ACK for SPI " << spi << ", retransmitting");
        SendPush(spi);
        return;
    }
    // The HA never took the SA: the MN gets no SA it could not use (RFC 6618 §5.5 status 504).
    const PendingPush pending = it->second;
    m_pushes.erase(it);
    ForgetSa(spi);
    Refuse(pending.session, pending.identifier, Mip6MhAuthStatus::TIMEOUT, "ha-timeout");
}

void
Mip6HaController::ForgetSa(uint32_t spi)
{
    auto nai = m_spis.find(spi);
    if (nai != m_spis.end())
    {
        auto rec = m_records.find(nai->second);
        if (rec != m_records.end() && rec->second == spi)
        {
            m_records.erase(rec);
        }
        m_spis.erase(nai);
    }
    m_sas.erase(spi);
}

void
Mip6HaController::ReadHa(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        Mip6CpuScope cpu(socket->GetNode()); // the channel's crypto charges the HAC's CPU
        Mip6HacHaChannel::Rx rx = m_hacHa->Open(p);
        if (!rx.accepted)
        {
            continue; // counted and traced by the channel
        }
        if (rx.type == Mip6HacHaType::SA_REQUEST)
        {
            // Pull model: the HA saw an SPI it does not know.
            m_pullRequests++;
            Mip6HacHaBody answer;
            answer.spi = rx.body.spi;
            auto sa = m_sas.find(rx.body.spi);
            uint32_t mn = 0;
            if (sa != m_sas.end())
            {
                answer.status = Mip6HacHaBody::OK;
                answer.sa = sa->second;
                mn = sa->second.mnId;
            }
            else
            {
                answer.status = Mip6HacHaBody::UNKNOWN;
                m_failures["pull-unknown-spi"]++;
            }
            Ptr<Packet> out = m_hacHa->Seal(Mip6HacHaType::SA_RESPONSE, answer, mn);
            if (out)
            {
                Mip6ProcessingDelay::SendToWhenIdle(socket, out, from);
            }
            continue;
        }
        // SA-ACK: it must acknowledge one of the SA-PUSHes of that SPI.
        auto it = m_pushes.find(rx.body.spi);
        if (it == m_pushes.end() ||
            std::find(it->second.seqs.begin(), it->second.seqs.end(), rx.body.acked) ==
                it->second.seqs.end())
        {
            m_failures["unexpected-sa-ack"]++;
            continue;
        }
        PendingPush pending = it->second;
        pending.timer.Cancel();
        m_pushes.erase(it);
        if (rx.body.status != Mip6HacHaBody::OK)
        {
            ForgetSa(rx.body.spi);
            Refuse(pending.session,
                   pending.identifier,
                   Mip6MhAuthStatus::INTERNAL_ERROR,
                   "ha-refused-sa");
            continue;
        }
        Session& s = m_sessions[pending.session];
        m_successes++;
        m_exchangeTrace(s.nai, 200);
        Respond(pending.session, pending.response);
    }
}

} // namespace ns3
