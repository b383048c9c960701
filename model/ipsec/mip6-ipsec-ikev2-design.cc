/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-ipsec-ikev2-design.h"

#include "mip6-ikev2-auth.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/mip6-category-tag.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-processing-delay.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <filesystem>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6Ikev2Design");

NS_OBJECT_ENSURE_REGISTERED(Mip6Ikev2MnSide);
NS_OBJECT_ENSURE_REGISTERED(Mip6Ikev2HaSide);
NS_OBJECT_ENSURE_REGISTERED(Mip6Ikev2Design);

namespace
{
/// IKE's UDP port (RFC 7296 §2: 500; no NAT-T here, so never 4500).
const uint16_t IKE_PORT = 500;

/// RFC 7296 §3.10.1 error types used here.
const uint16_t NO_PROPOSAL_CHOSEN = 14;
const uint16_t INVALID_KE_PAYLOAD = 17;

/// A uint64 from the DRBG (never 0: RFC 7296 §3.1, an SPI of 0 means "unknown").
uint64_t
RandomSpi64()
{
    const Mip6Bytes b = Mip6CryptoRandom::Bytes(8);
    uint64_t v = 0;
    for (uint8_t x : b)
    {
        v = (v << 8) | x;
    }
    return v == 0 ? 1 : v;
}

/// An ESP SPI from the DRBG (RFC 4303 §2.1: 1–255 are reserved).
uint32_t
RandomSpi32()
{
    const Mip6Bytes b = Mip6CryptoRandom::Bytes(4);
    uint32_t v = (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3];
    return v < 256 ? v + 256 : v;
}

uint32_t
SpiFromBytes(const Mip6Bytes& b)
{
    if (b.size() != 4)
    {
        return 0;
    }
    return (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3];
}

/// The message name of the category tag (DESIGN.md §4.3: e.g. IKE_SA_INIT-req).
std::string
MessageName(uint8_t exchange, bool response)
{
    std::string n;
    switch (exchange)
    {
    case Mip6IkeHeader::IKE_SA_INIT:
        n = "IKE_SA_INIT";
        break;
    case Mip6IkeHeader::IKE_AUTH:
        n = "IKE_AUTH";
        break;
    case Mip6IkeHeader::INFORMATIONAL:
        n = "INFORMATIONAL";
        break;
    case Mip6IkeHeader::CREATE_CHILD_SA:
        n = "CREATE_CHILD_SA";
        break;
    default:
        n = "IKE";
        break;
    }
    return n + (response ? "-resp" : "-req");
}

/// The exchange type of an IKE message (byte 18 of the header), 0 if too short.
uint8_t
ExchangeOf(const Mip6Bytes& wire)
{
    return wire.size() > 18 ? wire[18] : 0;
}

template <class T>
Ptr<T>
FindPayload(const std::vector<Ptr<Mip6IkePayload>>& payloads, Mip6IkePayloadType type)
{
    for (const auto& p : payloads)
    {
        if (p->GetType() == type)
        {
            return Ptr<T>(dynamic_cast<T*>(PeekPointer(p)));
        }
    }
    return nullptr;
}

/// The first error notify (type < 16384, RFC 7296 §3.10.1), 0 if none.
uint16_t
ErrorNotifyOf(const std::vector<Ptr<Mip6IkePayload>>& payloads)
{
    for (const auto& p : payloads)
    {
        if (p->GetType() == Mip6IkePayloadType::NOTIFY)
        {
            auto n = dynamic_cast<const Mip6IkeNotifyPayload*>(PeekPointer(p));
            if (n && n->notifyType < 16384)
            {
                return n->notifyType;
            }
        }
    }
    return 0;
}

Ptr<Mip6IkeNotifyPayload>
MakeNotify(uint16_t type, const Mip6Bytes& data = {})
{
    Ptr<Mip6IkeNotifyPayload> n = Create<Mip6IkeNotifyPayload>();
    n->notifyType = type;
    n->data = data;
    return n;
}

/// TSi/TSr for the MH between one address and another (RFC 4877 §4.3: protocol MH).
Ptr<Mip6IkeTsPayload>
MhSelector(Ipv6Address addr, bool responder)
{
    Ptr<Mip6IkeTsPayload> ts = Create<Mip6IkeTsPayload>(responder);
    Mip6IkeTrafficSelector s = Mip6IkeTrafficSelector::Ipv6Range(addr, addr);
    s.protocol = 135;
    ts->selectors.push_back(s);
    return ts;
}

/// Sends an IKE datagram with its category tag (DESIGN.md §4.3).
void
SendIke(Ptr<Socket> socket, const Mip6Bytes& wire, Ipv6Address to, uint32_t mnId, bool response)
{
    Ptr<Packet> p = Create<Packet>(wire.data(), wire.size());
    p->AddPacketTag(
        Mip6CategoryTag(Mip6Category::IKE, MessageName(ExchangeOf(wire), response), mnId));
    socket->SendTo(p, 0, Inet6SocketAddress(to, IKE_PORT));
}
} // namespace

// ---------------------------------------------------------------------------------------------
// MN side (initiator)

TypeId
Mip6Ikev2MnSide::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6Ikev2MnSide")
            .SetParent<Mip6MnSecurity>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6Ikev2MnSide>()
            .AddAttribute("Psk",
                          "This MN's pre-shared key (RFC 7296 §2.15); empty takes the design's.",
                          StringValue(""),
                          MakeStringAccessor(&Mip6Ikev2MnSide::m_psk),
                          MakeStringChecker())
            .AddAttribute("Identity",
                          "IDi: with '@' an ID_RFC822_ADDR, otherwise an ID_FQDN (RFC 4877 §4.1); "
                          "empty: mn<node id>@mip6.example.",
                          StringValue(""),
                          MakeStringAccessor(&Mip6Ikev2MnSide::m_identity),
                          MakeStringChecker())
            .AddAttribute("EapSecret",
                          "This MN's EAP-MD5 secret (auth=eap-md5, RFC 3748 §5.4); empty takes "
                          "the design's.",
                          StringValue(""),
                          MakeStringAccessor(&Mip6Ikev2MnSide::m_eapSecret),
                          MakeStringChecker())
            .AddAttribute("TransportModeNotify",
                          "Send N(USE_TRANSPORT_MODE) when creating or rekeying the BU/BA "
                          "transport Child SA, as RFC 7296 §1.3.1 requires. false makes a "
                          "non-conforming initiator (the HA then answers NO_PROPOSAL_CHOSEN).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Mip6Ikev2MnSide::m_transportModeNotify),
                          MakeBooleanChecker())
            .AddTraceSource("Drop",
                            "An IKE message was dropped (reason).",
                            MakeTraceSourceAccessor(&Mip6Ikev2MnSide::m_dropTrace),
                            "ns3::Mip6Ikev2MnSide::DropTracedCallback")
            .AddTraceSource("Exchange",
                            "An exchange ended (exchange type, success).",
                            MakeTraceSourceAccessor(&Mip6Ikev2MnSide::m_exchangeTrace),
                            "ns3::Mip6Ikev2MnSide::ExchangeTracedCallback")
            .AddTraceSource("ErrorNotify",
                            "An error notify was received (notify type, e.g. 24 "
                            "AUTHENTICATION_FAILED).",
                            MakeTraceSourceAccessor(&Mip6Ikev2MnSide::m_notifyTrace),
                            "ns3::Mip6Ikev2MnSide::NotifyTracedCallback")
            .AddTraceSource("IkeSaDown",
                            "The IKE SA and its Child SAs ended (reason: deleted, peer-deleted, "
                            "dead-peer).",
                            MakeTraceSourceAccessor(&Mip6Ikev2MnSide::m_saDownTrace),
                            "ns3::Mip6Ikev2MnSide::SaDownTracedCallback");
    return tid;
}

void
Mip6Ikev2MnSide::SetDesign(Mip6Ikev2Design* design)
{
    m_design = design;
}

void
Mip6Ikev2MnSide::Setup(Ptr<Node> node, Ipv6Address hoa, Ipv6Address ha)
{
    Mip6MnSecurity::Setup(node, hoa, ha);
    NS_ABORT_MSG_IF(!m_design, "Mip6Ikev2MnSide: no design");
    m_sad = Mip6IpsecSad::Install(node);
    m_design->ConfigureExport(m_sad->GetEsp());
    m_design->WatchMigrate(m_sad, node);
    m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    m_socket->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), IKE_PORT));
    m_socket->SetRecvCallback(MakeCallback(&Mip6Ikev2MnSide::Read, this));
    if (m_design->GetNatTraversal())
    {
        // natt=1 (mip6-ikev2-mobike.cc): IKE on UDP 4500 from IKE_AUTH on (RFC 7296 §2.23).
        m_natt = std::make_unique<Mip6Ikev2NatT>(
            node,
            m_sad->GetEsp(),
            [this](const Mip6Bytes& data, Ipv6Address, uint32_t) { ReceiveIke(data); });
    }
    if (!hoa.IsAny() && !m_design->LookupPad(GetIdentity()))
    {
        m_design->AddPadEntry(GetIdentity(), hoa); // the operator provisions the HA's PAD
    }
}

std::vector<Mip6ControlEndpoint>
Mip6Ikev2MnSide::GetControlEndpoints() const
{
    // RFC 4877 §4.1: IKE runs between the CoA and the HA, outside the tunnel.
    return {{m_ha, 17, IKE_PORT}};
}

uint32_t
Mip6Ikev2MnSide::GetBootstrapRoundTrips() const
{
    // IKE_SA_INIT, IKE_AUTH (RFC 7296 §1.2) — three IKE_AUTH with EAP (§2.16; mip6-ikev2-auth.cc)
    // — and CREATE_CHILD_SA for the payload tunnel (§1.3.1).
    const uint32_t auth = m_design && m_design->IsEapMd5() ? 4 : 2;
    return auth + (m_design && m_design->GetPayloadProtection() ? 1 : 0);
}

void
Mip6Ikev2MnSide::Bootstrap(Ipv6Address coa, Callback<void, bool> done)
{
    m_done = done;
    m_coa = coa;
    m_old.reset();
    StartIkeSaInit();
}

void
Mip6Ikev2MnSide::StartIkeSaInit()
{
    // RFC 7296 §1.2: HDR, SAi1, KEi, Ni -->
    m_sa = std::make_unique<Mip6Ikev2Sa>();
    m_sa->spiI = RandomSpi64();
    m_sa->peer = m_ha;
    m_sa->hoa = m_hoa;
    m_sa->mnId = m_node->GetId();
    auto dh = Mip6DhKeyPair::Generate(m_design->GetDhGroup());
    NS_ABORT_MSG_IF(!dh, "ipsec-ikev2: " << dh.GetError());
    m_sa->dh = dh.Value();
    m_sa->ni = Mip6CryptoRandom::Bytes(32); // §2.10: at least half the PRF key size
    Mip6IkeMessage m;
    m.header.spiI = m_sa->spiI;
    m.header.exchange = Mip6IkeHeader::IKE_SA_INIT;
    m.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
    m.header.messageId = 0;
    m.payloads.push_back(m_design->MakeIkeProposal());
    Ptr<Mip6IkeKePayload> ke = Create<Mip6IkeKePayload>();
    ke->group = static_cast<uint16_t>(m_design->GetDhGroup());
    ke->data = m_sa->dh->GetPublicValue();
    m.payloads.push_back(ke);
    Ptr<Mip6IkeNoncePayload> n = Create<Mip6IkeNoncePayload>();
    n->nonce = m_sa->ni;
    m.payloads.push_back(n);
    if (m_natt)
    {
        // RFC 7296 §2.23: N(NAT_DETECTION_SOURCE_IP), N(NAT_DETECTION_DESTINATION_IP).
        for (const auto& p :
             Mip6IkeMakeNatDetection(m_sa->spiI, 0, m_coa, IKE_PORT, m_ha, IKE_PORT))
        {
            m.payloads.push_back(p);
        }
    }
    m_sa->msg1 = m.Serialize();
    m_state = INIT_SENT;
    SendRequest(m_sa->msg1, Mip6IkeHeader::IKE_SA_INIT);
}

void
Mip6Ikev2MnSide::SendRequest(const Mip6Bytes& wire, uint8_t exchange)
{
    m_exchanges[exchange]++;
    m_lastRequest = wire;
    m_lastExchange = exchange;
    m_tries = 1;
    m_timeout = m_design->GetRetransmitTimeout();
    Transmit(wire);
    m_timer.Cancel();
    m_timer = Simulator::Schedule(m_timeout, &Mip6Ikev2MnSide::Retransmit, this);
}

void
Mip6Ikev2MnSide::Retransmit()
{
    // RFC 7296 §2.1/§2.4: the initiator retransmits with a growing timeout, then gives up.
    if (m_tries >= m_design->GetMaxTries())
    {
        NS_LOG_INFO("ipsec-ikev2: no answer after " << m_tries << " tries");
        Drop("timeout");
        m_exchangeTrace(m_lastExchange, false);
        if (ChildExchangeFailed())
        {
            return;
        }
        if (m_state == DEL_SENT)
        {
            // The delete of the old IKE SA went unanswered: forget it (RFC 7296 §2.4).
            m_old.reset();
            m_state = IDLE;
            return;
        }
        Finish(false);
        return;
    }
    m_tries++;
    m_retransmissions++;
    m_timeout = Seconds(m_timeout.GetSeconds() * m_design->GetRetransmitBackoff());
    Transmit(m_lastRequest);
    m_timer = Simulator::Schedule(m_timeout, &Mip6Ikev2MnSide::Retransmit, this);
}

void
Mip6Ikev2MnSide::Transmit(const Mip6Bytes& wire)
{
    // The request leaves when the MN's CPU has finished computing it (Mip6ProcessingDelay).
    if (Ptr<Mip6ProcessingDelay> cpu = Mip6ProcessingDelay::Get(m_node); cpu && cpu->IsBusy())
    {
        Mip6ProcessingDelay::WhenIdle(m_node, [this, wire]() { Transmit(wire); });
        return;
    }
    if (m_natt && ExchangeOf(wire) != Mip6IkeHeader::IKE_SA_INIT)
    {
        // natt=1, RFC 7296 §2.23: after IKE_SA_INIT, IKE goes to port 4500 behind the marker.
        m_natt->Send(wire, m_ha, m_node->GetId(), false);
        return;
    }
    // mcoa=per-coa: a CoA's IKE SA whose CoA is gone speaks from the primary CoA
    // (mip6-ikev2-mcoa.cc).
    SendIke(m_viaParent && m_parent ? m_parent->m_socket : m_socket,
            wire,
            m_ha,
            m_node->GetId(),
            false);
}

void
Mip6Ikev2MnSide::Read(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        Mip6Bytes data(p->GetSize());
        p->CopyData(data.data(), data.size());
        Mip6CpuScope cpu(m_node); // the exchange's crypto charges the MN's CPU
        ReceiveIke(data);
    }
}

void
Mip6Ikev2MnSide::ReceiveIke(const Mip6Bytes& data)
{
    // RFC 7296 §2.1: the initiator accepts only a response to its outstanding request.
    Mip6IkeHeader h;
    if (data.size() < 28)
    {
        Drop("truncated");
        return;
    }
    {
        Buffer b;
        b.AddAtStart(28);
        b.Begin().Write(data.data(), 28);
        h.Deserialize(b.Begin());
    }
    for (const auto& c : m_perCoa)
    {
        if (c->m_sa && c->m_sa->spiI == h.spiI)
        {
            c->ReceiveIke(data); // mcoa=per-coa: a CoA's IKE SA answered on the primary CoA
            return;
        }
    }
    if (ReceiveIkeChild(h, data))
    {
        return;
    }
    if (!(h.flags & Mip6IkeHeader::FLAG_RESPONSE))
    {
        Drop("not-response");
        return;
    }
    if (m_state == DEL_SENT && m_old && h.spiI == m_old->spiI &&
        h.exchange == Mip6IkeHeader::INFORMATIONAL && h.messageId + 1 == m_old->ownNextId)
    {
        std::string reason;
        if (!m_old->skR->Open(data, reason))
        {
            Drop(reason);
            return;
        }
        m_timer.Cancel();
        m_exchangeTrace(Mip6IkeHeader::INFORMATIONAL, true);
        m_old.reset();
        m_state = IDLE;
        return;
    }
    if (!m_sa || h.spiI != m_sa->spiI)
    {
        Drop("unknown-spi");
        return;
    }
    if (m_state == INIT_SENT && h.exchange == Mip6IkeHeader::IKE_SA_INIT && h.messageId == 0)
    {
        HandleInitResponse(data);
    }
    else if (m_state == AUTH_SENT && h.exchange == Mip6IkeHeader::IKE_AUTH && m_sa->auth)
    {
        // auth=eap-md5 (mip6-ikev2-auth.cc): only the response to the outstanding request.
        if (h.messageId == m_sa->auth->messageId && h.spiR == m_sa->spiR)
        {
            HandleEapAuthResponse(data);
        }
        else
        {
            Drop("unexpected");
        }
    }
    else if (m_state == AUTH_SENT && h.exchange == Mip6IkeHeader::IKE_AUTH && h.messageId == 1 &&
             h.spiR == m_sa->spiR)
    {
        HandleAuthResponse(data);
    }
    else if ((m_state == UPDATE_SENT || m_state == PROBE_SENT || m_state == ADDR_SENT) &&
             h.exchange == Mip6IkeHeader::INFORMATIONAL && h.messageId == m_mobikeId &&
             h.spiR == m_sa->spiR)
    {
        HandleMobikeResponse(data); // mobike=1, RFC 4555 §3.5 (mip6-ikev2-mobike.cc)
    }
    else
    {
        Drop("unexpected");
    }
}

void
Mip6Ikev2MnSide::HandleInitResponse(const Mip6Bytes& data)
{
    Mip6IkeParseError error;
    uint8_t unsupported = 0;
    auto msg = Mip6IkeMessage::Parse(data.data(), data.size(), error, unsupported);
    if (!msg)
    {
        Drop(Mip6IkeParseErrorToString(error));
        return;
    }
    if (uint16_t e = ErrorNotifyOf(msg->payloads))
    {
        // §2.21.1: an error in IKE_SA_INIT ends the attempt.
        m_timer.Cancel();
        m_notifyTrace(e);
        m_exchangeTrace(Mip6IkeHeader::IKE_SA_INIT, false);
        Finish(false);
        return;
    }
    auto ke = FindPayload<Mip6IkeKePayload>(msg->payloads, Mip6IkePayloadType::KE);
    auto nr = FindPayload<Mip6IkeNoncePayload>(msg->payloads, Mip6IkePayloadType::NONCE);
    auto sa = FindPayload<Mip6IkeSaPayload>(msg->payloads, Mip6IkePayloadType::SA);
    if (!ke || !nr || !sa || msg->header.spiR == 0 ||
        ke->group != static_cast<uint16_t>(m_design->GetDhGroup()))
    {
        Drop("malformed");
        return;
    }
    auto gir = m_sa->dh->ComputeSharedSecret(ke->data);
    if (!gir)
    {
        Drop("bad-ke");
        return;
    }
    m_timer.Cancel();
    m_exchangeTrace(Mip6IkeHeader::IKE_SA_INIT, true);
    m_sa->spiR = msg->header.spiR;
    m_sa->nr = nr->nonce;
    m_sa->msg2 = data;
    if (m_natt)
    {
        m_natDetection = Mip6IkeCheckNatDetection(msg->payloads,
                                                  m_sa->spiI,
                                                  m_sa->spiR,
                                                  m_ha,
                                                  IKE_PORT,
                                                  m_coa,
                                                  IKE_PORT);
    }
    const std::string err = m_design->DeriveIkeKeys(*m_sa, gir.Value());
    NS_ABORT_MSG_IF(!err.empty(), "ipsec-ikev2: " << err);
    m_design->ExportIkeSa(*m_sa);
    if (m_design->IsEapMd5())
    {
        StartEapAuth(); // RFC 7296 §2.16 (mip6-ikev2-auth.cc)
        return;
    }

    // RFC 7296 §1.2: HDR, SK {IDi, AUTH, SAi2, TSi, TSr} -->; RFC 4877 §4.1: IDi is the MN's
    // FQDN or RFC 822 identity, TSi the HoA for the MH (§4.3).
    Mip6IkeIdPayload idi(false);
    const std::string identity = GetIdentity();
    idi.idType = identity.find('@') != std::string::npos ? Mip6IkeIdPayload::ID_RFC822_ADDR
                                                         : Mip6IkeIdPayload::ID_FQDN;
    idi.data = Mip6BytesFromString(identity);
    Ptr<Mip6IkeAuthPayload> auth = Create<Mip6IkeAuthPayload>();
    auth->method = Mip6IkeAuthPayload::SHARED_KEY_MIC;
    auth->data = m_design->ComputeAuth(m_psk.empty() ? m_design->GetPsk() : m_psk,
                                       m_sa->msg1,
                                       m_sa->nr,
                                       m_sa->keys.skPi,
                                       idi);
    m_childSpiIn = RandomSpi32();
    Mip6IkeMessage outer;
    outer.header.spiI = m_sa->spiI;
    outer.header.spiR = m_sa->spiR;
    outer.header.exchange = Mip6IkeHeader::IKE_AUTH;
    outer.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
    outer.header.messageId = 1;
    std::vector<Ptr<Mip6IkePayload>> inner{Create<Mip6IkeIdPayload>(idi),
                                           auth,
                                           m_design->MakeEspProposal(m_childSpiIn)};
    if (m_parent)
    {
        // mcoa=per-coa (mip6-ikev2-mcoa.cc): this CoA's Child SA is a tunnel mode pair.
        AddPerCoaSelectors(inner);
    }
    else
    {
        inner.push_back(MhSelector(m_hoa, false));
        inner.push_back(MhSelector(m_ha, true));
        AddCpRequest(inner);     // cp=1 (mip6-ikev2-auth.cc)
        AddTransportMode(inner); // RFC 7296 §1.3.1 (mip6-ikev2-auth.cc)
    }
    if (m_design->GetMobike() && !m_parent)
    {
        inner.push_back(MakeNotify(Mip6IkeNotifyPayload::MOBIKE_SUPPORTED)); // RFC 4555 §3.2
    }
    auto wire = m_sa->skI->Seal(outer, inner);
    NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
    m_state = AUTH_SENT;
    SendRequest(wire.Value(), Mip6IkeHeader::IKE_AUTH);
}

void
Mip6Ikev2MnSide::HandleAuthResponse(const Mip6Bytes& data)
{
    std::string reason;
    auto inner = m_sa->skR->Open(data, reason);
    if (!inner)
    {
        Drop(reason);
        return;
    }
    m_timer.Cancel();
    if (uint16_t e = ErrorNotifyOf(*inner))
    {
        // RFC 7296 §2.21.2: AUTHENTICATION_FAILED (or another error) in the IKE_AUTH response:
        // the IKE SA is not created.
        if (e == Mip6IkeNotifyPayload::AUTHENTICATION_FAILED)
        {
            m_authFailures++;
        }
        NS_LOG_INFO("ipsec-ikev2: IKE_AUTH refused, notify " << e);
        m_notifyTrace(e);
        m_exchangeTrace(Mip6IkeHeader::IKE_AUTH, false);
        m_sa.reset();
        Finish(false);
        return;
    }
    auto idr = FindPayload<Mip6IkeIdPayload>(*inner, Mip6IkePayloadType::IDR);
    auto auth = FindPayload<Mip6IkeAuthPayload>(*inner, Mip6IkePayloadType::AUTH);
    auto sa = FindPayload<Mip6IkeSaPayload>(*inner, Mip6IkePayloadType::SA);
    uint32_t spiOut = 0;
    if (sa && !sa->proposals.empty())
    {
        spiOut = SpiFromBytes(sa->proposals[0].spi);
    }
    if (!idr || !auth || spiOut == 0 ||
        auth->data != m_design->ComputeAuth(m_psk.empty() ? m_design->GetPsk() : m_psk,
                                            m_sa->msg2,
                                            m_sa->ni,
                                            m_sa->keys.skPr,
                                            *idr))
    {
        // §2.15: the responder's AUTH does not verify: the MN does not use the SA.
        Drop(auth && idr && spiOut ? "bad-auth" : "malformed");
        m_exchangeTrace(Mip6IkeHeader::IKE_AUTH, false);
        m_sa.reset();
        Finish(false);
        return;
    }
    if (m_parent)
    {
        InstallPerCoaTunnel(spiOut); // mcoa=per-coa (mip6-ikev2-mcoa.cc)
        AuthEstablished(2);
        return;
    }
    if (!CheckTransportMode(*inner) || !CheckCpReply(*inner))
    {
        return; // no USE_TRANSPORT_MODE; cp=1: no usable CFG_REPLY (mip6-ikev2-auth.cc)
    }
    // RFC 4555 §3.2: MOBIKE is on when both ends said MOBIKE_SUPPORTED.
    m_sa->mobike =
        m_design->GetMobike() && Mip6IkeHasNotify(*inner, Mip6IkeNotifyPayload::MOBIKE_SUPPORTED);
    const std::string err =
        m_design->InstallChildSa(m_sad, *m_sa, true, m_childSpiIn, spiOut, m_hoa, m_ha);
    NS_ABORT_MSG_IF(!err.empty(), "ipsec-ikev2: " << err);
    AuthEstablished(2);
}

void
Mip6Ikev2MnSide::AuthEstablished(uint32_t nextMessageId)
{
    m_sa->established = true;
    m_sa->ownNextId = nextMessageId;
    m_exchangeTrace(Mip6IkeHeader::IKE_AUTH, true);
    if (m_design->GetPayloadProtection() && !m_parent)
    {
        StartPayloadChild(); // completes the bootstrap / handover when the tunnel SA is up
        return;
    }
    m_state = IDLE;
    Finish(true);
    ArmTimers();
    if (m_old && m_old->established)
    {
        // K = 0 (RFC 4877 §4.4): the old IKE SA goes once the new one is up.
        SendOldIkeDelete();
    }
}

void
Mip6Ikev2MnSide::Finish(bool ok)
{
    if (ok && m_natt && m_sa && m_sa->established)
    {
        // natt=1, RFC 3948 §2.3: NAT-keepalives from the CoA once the IKE SA is up.
        m_natt->StartKeepalives(
            m_design->GetKeepaliveInterval(),
            [this]() { return m_coa; },
            m_ha,
            m_node->GetId());
    }
    if (!ok)
    {
        m_state = IDLE;
        if (m_old)
        {
            // K = 0: the new IKE SA failed; the old one (and its Child SA) stays in use.
            m_sa = std::move(m_old);
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
Mip6Ikev2MnSide::Drop(const std::string& reason)
{
    m_drops++;
    NS_LOG_INFO("ipsec-ikev2 MN: drop " << reason);
    m_dropTrace(reason);
}

void
Mip6Ikev2MnSide::DecorateBindingUpdate(Mip6BindingUpdateHeader& bu, const Mip6SignalingContext& ctx)
{
    // RFC 6275 §11.7.1 / RFC 4877 §4.4: K is set when the IKE SA is to follow the CoA.
    // mobike=1: K = 0, UPDATE_SA_ADDRESSES moves the IKE SA (RFC 4555 §3.5; doc/ipsec.rst).
    bu.SetFlag(Mip6BindingUpdateHeader::FLAG_K,
               m_design->GetKeyManagementMobility() && !m_design->GetMobike());
    NoteBindingUpdate(bu);
}

void
Mip6Ikev2MnSide::PrepareHandover(const Mip6CoaChange& change, Callback<void, bool> done)
{
    if (PrepareMcoa(change, done))
    {
        return; // mcoa=per-coa or mcoa=mobike (mip6-ikev2-mcoa.cc)
    }
    if (m_needBootstrap && change.kind == Mip6CoaChange::NEW_COA && !change.newCoa.IsAny())
    {
        // The IKE SA was deleted (de-registration, RFC 4877 §4.4): a new one from this CoA.
        m_needBootstrap = false;
        Bootstrap(change.newCoa, done);
        return;
    }
    if (change.kind != Mip6CoaChange::NEW_COA || change.newCoa.IsAny() || !m_sa ||
        !m_sa->established)
    {
        done(true);
        return;
    }
    if (m_design->GetMobike() && m_sa->mobike)
    {
        // mobike=1 (RFC 4555 §3.5): UPDATE_SA_ADDRESSES from the new CoA, then the BU. The MN
        // moves its own tunnel SAs (payload=1) as it sends the update, as the HA does on it.
        m_done = done;
        m_coa = change.newCoa;
        MigrateTunnel(change.newCoa);
        StartMobikeUpdate();
        return;
    }
    if (m_design->GetKeyManagementMobility())
    {
        // K = 1 (RFC 4877 §4.4, RFC 6275 §11.7.1): nothing before the BU; the MN moves its end of
        // the IKE SA to the new CoA as it sends the BU, the HA when it accepts it.
        m_coa = change.newCoa;
        MigrateTunnel(change.newCoa);
        done(true);
        return;
    }
    // K = 0 (RFC 4877 §4.4): a new IKE SA and Child SA from the new CoA before the BU, then the
    // old IKE SA is deleted.
    m_done = done;
    m_coa = change.newCoa;
    m_old = std::move(m_sa);
    StartIkeSaInit();
}

void
Mip6Ikev2MnSide::SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx)
{
    // RFC 4877 §4.2, RFC 3776 §3.1: IPv6(CoA→HA) + DestOpt(HAO) + ESP(MH).
    if (!m_sad->SendSignaling(mh, ctx, true))
    {
        Mip6MnSecurity::SendSignaling(mh, ctx);
    }
}

Mip6Verdict
Mip6Ikev2MnSide::ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx)
{
    Mip6Verdict v = m_sad->CheckSignaling(m_hoa, mh, ctx.mhType, false);
    if (v.accepted && ctx.mhType == Mip6Header::BA)
    {
        NoteBindingAck(mh);
    }
    return v;
}

Mip6SecurityState
Mip6Ikev2MnSide::GetState() const
{
    Mip6SecurityState s = m_sad ? m_sad->GetState(m_hoa) : Mip6SecurityState{};
    s.ikeSas = (m_sa && m_sa->established ? 1 : 0) + (m_old && m_old->established ? 1 : 0);
    AddPerCoaState(s); // mcoa=per-coa (mip6-ikev2-mcoa.cc)
    return s;
}

uint32_t
Mip6Ikev2MnSide::GetExchangeCount(uint8_t exchange) const
{
    auto it = m_exchanges.find(exchange);
    return it == m_exchanges.end() ? 0 : it->second;
}

uint32_t
Mip6Ikev2MnSide::GetAuthFailures() const
{
    return m_authFailures;
}

uint32_t
Mip6Ikev2MnSide::GetDrops() const
{
    return m_drops;
}

uint32_t
Mip6Ikev2MnSide::GetRetransmissions() const
{
    return m_retransmissions;
}

const Mip6Ikev2Sa*
Mip6Ikev2MnSide::GetIkeSa() const
{
    return m_sa.get();
}

const Mip6Ikev2NatT*
Mip6Ikev2MnSide::GetNatT() const
{
    return m_natt.get();
}

Mip6IkeNatDetection
Mip6Ikev2MnSide::GetNatDetection() const
{
    return m_natDetection;
}

void
Mip6Ikev2MnSide::DoDispose()
{
    m_timer.Cancel();
    m_childRekeyTimer.Cancel();
    m_ikeRekeyTimer.Cancel();
    m_dpdTimer.Cancel();
    m_rekeyed.reset();
    m_natt.reset();
    for (auto& c : m_perCoa)
    {
        c->Dispose();
    }
    m_perCoa.clear();
    m_parent = nullptr;
    m_coaTunnelOut = nullptr;
    m_coaTunnelIn = nullptr;
    if (m_socket)
    {
        m_socket->Close();
    }
    m_socket = nullptr;
    m_sad = nullptr;
    m_design = nullptr;
    m_sa.reset();
    m_old.reset();
    m_done = Callback<void, bool>();
    Mip6MnSecurity::DoDispose();
}

// ---------------------------------------------------------------------------------------------
// HA side (responder)

TypeId
Mip6Ikev2HaSide::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6Ikev2HaSide")
            .SetParent<Mip6HaSecurity>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6Ikev2HaSide>()
            .AddAttribute("HalfOpenTimeout",
                          "A responder IKE SA whose IKE_AUTH has not completed "
                          "this long after IKE_SA_INIT is forgotten (bounds the "
                          "half-open state, RFC 7296 §2.6).",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&Mip6Ikev2HaSide::m_halfOpenTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("CertificatePem",
                          "auth=eap-md5: the HA's certificate (CERT, RFC 7296 "
                          "§3.6); empty: Mip6TestPki's HA certificate.",
                          StringValue(""),
                          MakeStringAccessor(&Mip6Ikev2HaSide::m_certificatePem),
                          MakeStringChecker())
            .AddAttribute("KeyPem",
                          "auth=eap-md5: the HA's ECDSA P-256 signing key (AUTH "
                          "method 9, RFC 4754); empty: Mip6TestPki's HA key.",
                          StringValue(""),
                          MakeStringAccessor(&Mip6Ikev2HaSide::m_keyPem),
                          MakeStringChecker())
            .AddAttribute("TransportModeNotify",
                          "Accept transport mode for the BU/BA Child SA with "
                          "N(USE_TRANSPORT_MODE) in the response (RFC 7296 §1.3.1). false "
                          "makes a non-conforming responder that omits it (the MN then "
                          "refuses the SA).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Mip6Ikev2HaSide::m_transportModeNotify),
                          MakeBooleanChecker())
            .AddTraceSource("Drop",
                            "An IKE message was dropped (reason).",
                            MakeTraceSourceAccessor(&Mip6Ikev2HaSide::m_dropTrace),
                            "ns3::Mip6Ikev2MnSide::DropTracedCallback");
    return tid;
}

void
Mip6Ikev2HaSide::SetDesign(Mip6Ikev2Design* design)
{
    m_design = design;
}

void
Mip6Ikev2HaSide::Setup(Ptr<Node> node, Ipv6Address ha)
{
    Mip6HaSecurity::Setup(node, ha);
    NS_ABORT_MSG_IF(!m_design, "Mip6Ikev2HaSide: no design");
    m_sad = Mip6IpsecSad::Install(node);
    m_design->ConfigureExport(m_sad->GetEsp());
    m_design->WatchMigrate(m_sad, node);
    m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    m_socket->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), IKE_PORT));
    m_socket->SetRecvCallback(MakeCallback(&Mip6Ikev2HaSide::Read, this));
    if (m_design->GetNatTraversal())
    {
        // natt=1 (mip6-ikev2-mobike.cc): requests on port 4500 are answered on port 4500.
        m_natt = std::make_unique<Mip6Ikev2NatT>(
            node,
            m_sad->GetEsp(),
            [this](const Mip6Bytes& data, Ipv6Address from, uint32_t mn) {
                Mip6CpuScope cpu(m_node);
                if (auto resp = ReceiveIke(data, from))
                {
                    Mip6ProcessingDelay::WhenIdle(m_node, [this, r = *resp, from, mn]() {
                        m_natt->Send(r, from, mn, true);
                    });
                }
            });
    }
}

void
Mip6Ikev2HaSide::Read(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        Mip6Bytes data(p->GetSize());
        p->CopyData(data.data(), data.size());
        const Ipv6Address src = Inet6SocketAddress::ConvertFrom(from).GetIpv6();
        Mip6CategoryTag rxTag;
        m_rxMnId = p->PeekPacketTag(rxTag) ? rxTag.GetMnId() : 0;
        Mip6CpuScope cpu(m_node); // the exchange's crypto charges the HA's CPU
        if (auto resp = ReceiveIke(data, src))
        {
            // The MN the response is about: the request's classification carries it.
            Mip6CategoryTag tag;
            const uint32_t mn = p->PeekPacketTag(tag) ? tag.GetMnId() : 0;
            // It leaves when the HA's CPU has computed it (Mip6ProcessingDelay).
            Mip6ProcessingDelay::WhenIdle(m_node, [this, r = *resp, src, mn]() {
                SendIke(m_socket, r, src, mn, true);
            });
        }
    }
}

std::optional<Mip6Bytes>
Mip6Ikev2HaSide::Drop(const std::string& reason)
{
    m_drops++;
    NS_LOG_INFO("ipsec-ikev2 HA: drop " << reason);
    m_dropTrace(reason);
    return std::nullopt;
}

std::optional<Mip6Bytes>
Mip6Ikev2HaSide::ReceiveIke(const Mip6Bytes& data, Ipv6Address from)
{
    if (data.size() < 28)
    {
        return Drop("truncated");
    }
    Mip6IkeHeader h;
    {
        Buffer b;
        b.AddAtStart(28);
        b.Begin().Write(data.data(), 28);
        h.Deserialize(b.Begin());
    }
    if ((h.flags & Mip6IkeHeader::FLAG_RESPONSE) && ReceiveIkeResponse(h, data))
    {
        return std::nullopt; // a response to the HA's own Delete
    }
    if (h.flags & Mip6IkeHeader::FLAG_RESPONSE)
    {
        return Drop("not-request"); // the HA never initiates here
    }
    if (h.exchange == Mip6IkeHeader::IKE_SA_INIT && h.messageId == 0 && h.spiR == 0)
    {
        // §2.1: a retransmitted IKE_SA_INIT gets the same response again.
        auto it = m_sas.find(h.spiI);
        if (it != m_sas.end() && it->second.lastRequestId == 0 && !it->second.established)
        {
            return it->second.lastResponse;
        }
        if (it != m_sas.end())
        {
            return Drop("spi-in-use"); // never replace an established IKE SA
        }
        Mip6IkeParseError error;
        uint8_t unsupported = 0;
        auto msg = Mip6IkeMessage::Parse(data.data(), data.size(), error, unsupported);
        if (!msg)
        {
            if (error == Mip6IkeParseError::UNSUPPORTED_CRITICAL_PAYLOAD)
            {
                // §2.5: reject with UNSUPPORTED_CRITICAL_PAYLOAD naming the payload type.
                m_drops++;
                m_dropTrace("unsupported-critical-payload");
                Mip6IkeMessage r;
                r.header.spiI = h.spiI;
                r.header.exchange = Mip6IkeHeader::IKE_SA_INIT;
                r.header.flags = Mip6IkeHeader::FLAG_RESPONSE;
                r.payloads.push_back(
                    MakeNotify(Mip6IkeNotifyPayload::UNSUPPORTED_CRITICAL_PAYLOAD, {unsupported}));
                return r.Serialize();
            }
            return Drop(Mip6IkeParseErrorToString(error));
        }
        return HandleInit(*msg, data, from);
    }
    auto it = m_sas.find(h.spiI);
    if (it == m_sas.end() || it->second.spiR != h.spiR)
    {
        return Drop("unknown-spi");
    }
    Mip6Ikev2Sa& sa = it->second;
    if (h.messageId == sa.lastRequestId)
    {
        return sa.lastResponse; // §2.1: retransmitted request
    }
    if (h.messageId != sa.lastRequestId + 1)
    {
        return Drop("bad-message-id");
    }
    if (h.exchange == Mip6IkeHeader::IKE_AUTH && !sa.established && m_design->IsEapMd5())
    {
        return HandleEapAuth(sa, h, data, from); // RFC 7296 §2.16 (mip6-ikev2-auth.cc)
    }
    {
        std::optional<Mip6Bytes> response;
        if (ReceiveIkeChild(sa, h, data, from, response))
        {
            return response;
        }
    }
    if (h.exchange == Mip6IkeHeader::IKE_AUTH && h.messageId == 1)
    {
        return HandleAuth(sa, h, data, from);
    }
    if (h.exchange == Mip6IkeHeader::INFORMATIONAL && sa.established && sa.mobike)
    {
        return HandleMobike(sa, h, data, from); // RFC 4555 §3.5 (mip6-ikev2-mobike.cc)
    }
    if (h.exchange == Mip6IkeHeader::INFORMATIONAL && sa.established)
    {
        std::string reason;
        auto inner = sa.skI->Open(data, reason);
        if (!inner)
        {
            return Drop(reason);
        }
        Mip6IkeMessage outer;
        outer.header = h;
        outer.header.flags = Mip6IkeHeader::FLAG_RESPONSE;
        outer.payloads.clear();
        auto wire = sa.skR->Seal(outer, {});
        NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
        auto del = FindPayload<Mip6IkeDeletePayload>(*inner, Mip6IkePayloadType::DELETE);
        if (del && del->protocolId == 1)
        {
            // RFC 7296 §1.4.1: deleting the IKE SA; its Child SAs were replaced by the new
            // IKE SA's (same HoA) already.
            m_sas.erase(it);
        }
        else
        {
            sa.lastRequestId = h.messageId;
            sa.lastResponse = wire.Value();
        }
        return wire.Value();
    }
    return Drop("unexpected");
}

std::optional<Mip6Bytes>
Mip6Ikev2HaSide::HandleInit(const Mip6IkeMessage& req, const Mip6Bytes& data, Ipv6Address from)
{
    auto sai = FindPayload<Mip6IkeSaPayload>(req.payloads, Mip6IkePayloadType::SA);
    auto ke = FindPayload<Mip6IkeKePayload>(req.payloads, Mip6IkePayloadType::KE);
    auto ni = FindPayload<Mip6IkeNoncePayload>(req.payloads, Mip6IkePayloadType::NONCE);
    if (!sai || !ke || !ni || req.header.spiI == 0)
    {
        return Drop("malformed");
    }
    Mip6IkeMessage r;
    r.header.spiI = req.header.spiI;
    r.header.exchange = Mip6IkeHeader::IKE_SA_INIT;
    r.header.flags = Mip6IkeHeader::FLAG_RESPONSE;
    r.header.messageId = 0;
    // §2.7: one proposal, the configured suite, must be offered.
    Ptr<Mip6IkeSaPayload> mine = m_design->MakeIkeProposal();
    bool offered = false;
    for (const auto& p : sai->proposals)
    {
        offered |=
            p.protocolId == 1 && p.transforms.size() == mine->proposals[0].transforms.size() &&
            std::equal(p.transforms.begin(),
                       p.transforms.end(),
                       mine->proposals[0].transforms.begin(),
                       [](const Mip6IkeTransform& a, const Mip6IkeTransform& b) {
                           return a.type == b.type && a.id == b.id && a.keyLength == b.keyLength;
                       });
    }
    if (!offered)
    {
        r.payloads.push_back(MakeNotify(NO_PROPOSAL_CHOSEN));
        m_drops++;
        m_dropTrace("no-proposal-chosen");
        return r.Serialize();
    }
    const uint16_t group = static_cast<uint16_t>(m_design->GetDhGroup());
    if (ke->group != group)
    {
        // §1.2/§3.10.1: INVALID_KE_PAYLOAD with the group we want.
        r.payloads.push_back(MakeNotify(INVALID_KE_PAYLOAD, Mip6BigEndian(group, 2)));
        m_drops++;
        m_dropTrace("invalid-ke-payload");
        return r.Serialize();
    }
    Mip6Ikev2Sa sa;
    sa.spiI = req.header.spiI;
    sa.spiR = RandomSpi64();
    sa.ni = ni->nonce;
    sa.nr = Mip6CryptoRandom::Bytes(32);
    sa.peer = from;
    sa.msg1 = data;
    auto dh = Mip6DhKeyPair::Generate(m_design->GetDhGroup());
    NS_ABORT_MSG_IF(!dh, "ipsec-ikev2: " << dh.GetError());
    auto gir = dh.Value().ComputeSharedSecret(ke->data);
    if (!gir)
    {
        return Drop("bad-ke");
    }
    // RFC 7296 §1.2: <-- HDR, SAr1, KEr, Nr
    r.header.spiR = sa.spiR;
    r.payloads.push_back(mine);
    Ptr<Mip6IkeKePayload> ker = Create<Mip6IkeKePayload>();
    ker->group = group;
    ker->data = dh.Value().GetPublicValue();
    r.payloads.push_back(ker);
    Ptr<Mip6IkeNoncePayload> nr = Create<Mip6IkeNoncePayload>();
    nr->nonce = sa.nr;
    r.payloads.push_back(nr);
    if (m_natt)
    {
        // RFC 7296 §2.23: check the request's NAT detection, answer with our own.
        m_natDetections
            [Mip6IkeCheckNatDetection(req.payloads, sa.spiI, 0, from, IKE_PORT, m_ha, IKE_PORT)]++;
        for (const auto& p :
             Mip6IkeMakeNatDetection(sa.spiI, sa.spiR, m_ha, IKE_PORT, from, IKE_PORT))
        {
            r.payloads.push_back(p);
        }
    }
    sa.msg2 = r.Serialize();
    const std::string err = m_design->DeriveIkeKeys(sa, gir.Value());
    NS_ABORT_MSG_IF(!err.empty(), "ipsec-ikev2: " << err);
    sa.lastRequestId = 0;
    sa.lastResponse = sa.msg2;
    Mip6Bytes out = sa.msg2;
    Simulator::Schedule(m_halfOpenTimeout,
                        &Mip6Ikev2HaSide::ExpireHalfOpen,
                        this,
                        sa.spiI,
                        sa.spiR);
    m_sas[sa.spiI] = std::move(sa);
    return out;
}

std::optional<Mip6Bytes>
Mip6Ikev2HaSide::HandleAuth(Mip6Ikev2Sa& sa,
                            const Mip6IkeHeader& hdr,
                            const Mip6Bytes& data,
                            Ipv6Address from)
{
    std::string reason;
    auto inner = sa.skI->Open(data, reason);
    if (!inner)
    {
        return Drop(reason); // §2.21.2: an unverifiable message is dropped
    }
    Mip6IkeMessage outer;
    outer.header = hdr;
    outer.header.flags = Mip6IkeHeader::FLAG_RESPONSE;
    auto idi = FindPayload<Mip6IkeIdPayload>(*inner, Mip6IkePayloadType::IDI);
    auto auth = FindPayload<Mip6IkeAuthPayload>(*inner, Mip6IkePayloadType::AUTH);
    auto sai = FindPayload<Mip6IkeSaPayload>(*inner, Mip6IkePayloadType::SA);
    auto tsi = FindPayload<Mip6IkeTsPayload>(*inner, Mip6IkePayloadType::TSI);
    uint32_t spiOut = 0;
    if (sai && !sai->proposals.empty())
    {
        spiOut = SpiFromBytes(sai->proposals[0].spi);
    }
    if (!idi || !auth || !tsi || tsi->selectors.empty() ||
        tsi->selectors[0].startAddress.size() != 16 || spiOut == 0)
    {
        // §2.21.2: a syntax error in IKE_AUTH is answered with INVALID_SYNTAX.
        m_drops++;
        m_dropTrace("invalid-syntax");
        auto wire = sa.skR->Seal(outer, {MakeNotify(Mip6IkeNotifyPayload::INVALID_SYNTAX)});
        NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
        const uint64_t spi = sa.spiI;
        m_sas.erase(spi);
        return wire.Value();
    }
    if (auth->method != Mip6IkeAuthPayload::SHARED_KEY_MIC ||
        auth->data != m_design->ComputeAuth(m_design->GetPsk(), sa.msg1, sa.nr, sa.keys.skPi, *idi))
    {
        // §2.21.2: <-- HDR, SK {N(AUTHENTICATION_FAILED)}; the IKE SA is not created.
        m_authFailures++;
        m_drops++;
        m_dropTrace("authentication-failed");
        auto wire = sa.skR->Seal(outer, {MakeNotify(Mip6IkeNotifyPayload::AUTHENTICATION_FAILED)});
        NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
        const uint64_t spi = sa.spiI;
        m_sas.erase(spi);
        return wire.Value();
    }
    // mcoa=per-coa (NON-RFC, mip6-ikev2-mcoa.cc): a tunnel mode Child SA for the CoA the
    // request came from, for a HoA whose primary IKE SA is up.
    const bool perCoa = IsPerCoaRequest(*tsi, *inner);
    if (!perCoa && !Mip6IkeHasNotify(*inner, Mip6IkeNotifyPayload::USE_TRANSPORT_MODE))
    {
        // RFC 7296 §1.3.1: without USE_TRANSPORT_MODE the Child SA would be tunnel mode, which
        // RFC 4877 §7 does not allow for the MH; §3.10.1: NO_PROPOSAL_CHOSEN covers a
        // USE_TRANSPORT_MODE choice the responder cannot accept (mip6-ikev2-auth.cc).
        m_transportRefusals++;
        return RefuseAuth(sa,
                          hdr,
                          {MakeNotify(Mip6IkeNotifyPayload::NO_PROPOSAL_CHOSEN)},
                          "transport-mode-required");
    }
    Ipv6Address hoa = Ipv6Address(tsi->selectors[0].startAddress.data());
    if (const uint16_t refused = CheckPad(sa, *idi, *tsi, hoa))
    {
        // RFC 4877 §5 / RFC 4301 §4.4.3 (mip6-ikev2-auth.cc)
        return RefuseAuth(sa, hdr, {MakeNotify(refused)}, "pad-refused");
    }
    sa.hoa = hoa;
    sa.peer = from;
    // RFC 7296 §1.2: <-- HDR, SK {IDr, AUTH, SAr2, TSi, TSr}; the responder's SPI for the Child SA.
    Mip6IkeIdPayload idr(true);
    idr.idType = Mip6IkeIdPayload::ID_FQDN;
    idr.data = Mip6BytesFromString("ha" + std::to_string(m_node->GetId()) + ".mip6.example");
    Ptr<Mip6IkeAuthPayload> authR = Create<Mip6IkeAuthPayload>();
    authR->method = Mip6IkeAuthPayload::SHARED_KEY_MIC;
    authR->data = m_design->ComputeAuth(m_design->GetPsk(), sa.msg2, sa.ni, sa.keys.skPr, idr);
    const uint32_t spiIn = RandomSpi32();
    if (perCoa)
    {
        return AnswerPerCoaAuth(sa,
                                hdr,
                                spiIn,
                                spiOut,
                                from,
                                {Create<Mip6IkeIdPayload>(idr), authR});
    }
    sa.auth->childSpiIn = spiIn; // the BU's SA, for the PAD check of BUs
    const std::string err = m_design->InstallChildSa(m_sad, sa, false, spiIn, spiOut, m_ha, hoa);
    NS_ABORT_MSG_IF(!err.empty(), "ipsec-ikev2: " << err);
    sa.established = true;
    m_design->ExportIkeSa(sa);
    std::vector<Ptr<Mip6IkePayload>> reply{Create<Mip6IkeIdPayload>(idr),
                                           authR,
                                           m_design->MakeEspProposal(spiIn),
                                           MhSelector(hoa, false),
                                           MhSelector(m_ha, true)};
    if (Ptr<Mip6IkePayload> cp = MakeCpReply(*inner, hoa))
    {
        reply.push_back(cp); // cp=1: CFG_REPLY (RFC 4877 §9)
    }
    if (m_transportModeNotify)
    {
        // RFC 7296 §1.3.1: transport mode accepted.
        reply.push_back(MakeNotify(Mip6IkeNotifyPayload::USE_TRANSPORT_MODE));
    }
    if (m_design->GetMobike() && Mip6IkeHasNotify(*inner, Mip6IkeNotifyPayload::MOBIKE_SUPPORTED))
    {
        sa.mobike = true; // RFC 4555 §3.2
        reply.push_back(MakeNotify(Mip6IkeNotifyPayload::MOBIKE_SUPPORTED));
    }
    auto wire = sa.skR->Seal(outer, reply);
    NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
    sa.lastRequestId = hdr.messageId;
    sa.lastResponse = wire.Value();
    return wire.Value();
}

Mip6Verdict
Mip6Ikev2HaSide::ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx)
{
    // RFC 4877 §4.2 / RFC 3776 §4.2: the BU of a HoA must come in that HoA's Child SA.
    if (auto refused = CheckBuIdentity(mh, ctx))
    {
        return *refused; // the SA's identity does not own this HoA (mip6-ikev2-auth.cc)
    }
    return m_sad->CheckSignaling(ctx.hao.value_or(ctx.src), mh, ctx.mhType, true);
}

void
Mip6Ikev2HaSide::SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx)
{
    if (!m_sad->SendSignaling(mh, ctx, false))
    {
        Mip6HaSecurity::SendSignaling(mh, ctx);
    }
}

void
Mip6Ikev2HaSide::NotifyBindingUpdated(Ipv6Address hoa, Ipv6Address oldCoa, Ipv6Address newCoa)
{
    // RFC 4877 §4.4 / RFC 6275 §10.3.1 (K = 1): a protected BU from a new CoA moves the HA's end
    // of the MN's IKE SA to that CoA.
    m_bound[hoa] = true;
    MigrateTunnel(hoa, newCoa);
    if (!m_design->GetKeyManagementMobility() || newCoa.IsAny() || m_design->GetMobike())
    {
        return;
    }
    for (auto& [spi, sa] : m_sas)
    {
        if (sa.established && sa.hoa == hoa && !sa.perCoa)
        {
            sa.peer = newCoa; // mcoa=per-coa: the IKE SA of each other CoA stays on it
        }
    }
}

void
Mip6Ikev2HaSide::ExpireHalfOpen(uint64_t spiI, uint64_t spiR)
{
    auto it = m_sas.find(spiI);
    if (it != m_sas.end() && it->second.spiR == spiR && !it->second.established)
    {
        NS_LOG_INFO("ipsec-ikev2 HA: half-open IKE SA expired");
        m_sas.erase(it);
    }
}

uint32_t
Mip6Ikev2HaSide::GetHalfOpenCount() const
{
    return std::count_if(m_sas.begin(), m_sas.end(), [](const auto& e) {
        return !e.second.established;
    });
}

bool
Mip6Ikev2HaSide::SupportsKeyManagementMobility() const
{
    return m_design && m_design->GetKeyManagementMobility();
}

Mip6SecurityState
Mip6Ikev2HaSide::GetState(Ipv6Address hoa) const
{
    Mip6SecurityState s = m_sad ? m_sad->GetState(hoa) : Mip6SecurityState{};
    for (const auto& [spi, sa] : m_sas)
    {
        if (sa.established && !sa.deleting && sa.hoa == hoa)
        {
            s.ikeSas++;
            // SK_d, SK_ai/ar, SK_ei/er, SK_pi/pr (RFC 7296 §2.14)
            s.keyBytes += sa.keys.skD.size() + sa.keys.skAi.size() + sa.keys.skAr.size() +
                          sa.keys.skEi.size() + sa.keys.skEr.size() + sa.keys.skPi.size() +
                          sa.keys.skPr.size();
            s.stateBytes += sizeof(Mip6Ikev2Sa);
            // mcoa=per-coa: the CoA's tunnel SA pair; mcoa=mobike: the peer's address list
            for (const Ptr<Mip6EspSa>& esp : {sa.coaTunnelOut, sa.coaTunnelIn})
            {
                if (esp)
                {
                    s.saCount++;
                    s.keyBytes += esp->GetKeyBytes();
                    s.stateBytes += esp->GetStateBytes();
                }
            }
            s.stateBytes += 16 * sa.peerAdditional.size();
        }
    }
    return s;
}

uint32_t
Mip6Ikev2HaSide::GetDrops() const
{
    return m_drops;
}

uint32_t
Mip6Ikev2HaSide::GetAuthFailures() const
{
    return m_authFailures;
}

const Mip6Ikev2NatT*
Mip6Ikev2HaSide::GetNatT() const
{
    return m_natt.get();
}

uint32_t
Mip6Ikev2HaSide::GetNatDetectionCount(Mip6IkeNatDetection verdict) const
{
    auto it = m_natDetections.find(verdict);
    return it == m_natDetections.end() ? 0 : it->second;
}

Ipv6Address
Mip6Ikev2HaSide::GetIkePeer(Ipv6Address hoa) const
{
    for (const auto& [spi, sa] : m_sas)
    {
        if (sa.established && sa.hoa == hoa && !sa.perCoa)
        {
            return sa.peer;
        }
    }
    return Ipv6Address::GetAny();
}

void
Mip6Ikev2HaSide::DoDispose()
{
    for (auto& [spi, r] : m_haRequests)
    {
        r.timer.Cancel();
    }
    m_haRequests.clear();
    m_natt.reset();
    if (m_socket)
    {
        m_socket->Close();
    }
    m_socket = nullptr;
    m_sad = nullptr;
    m_design = nullptr;
    m_sas.clear();
    Mip6HaSecurity::DoDispose();
}

// ---------------------------------------------------------------------------------------------
// The design

TypeId
Mip6Ikev2Design::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6Ikev2Design")
            .SetParent<Mip6SecurityDesign>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6Ikev2Design>()
            .AddAttribute("DhGroup",
                          "Diffie-Hellman group of IKE_SA_INIT (variant key dh): 14 MODP-2048 "
                          "(default), 19 ECP-256, 31 Curve25519.",
                          EnumValue(14),
                          MakeEnumAccessor(&Mip6Ikev2Design::m_dh),
                          MakeEnumChecker(14, "14", 19, "19", 31, "31"))
            .AddAttribute("Sk",
                          "IKE SA protection (variant key sk): cbc (AES-CBC-128 + "
                          "HMAC-SHA-256-128, default), gcm (AES-GCM-16-128, RFC 5282).",
                          EnumValue(0),
                          MakeEnumAccessor(&Mip6Ikev2Design::m_sk),
                          MakeEnumChecker(0, "cbc", 1, "gcm"))
            .AddAttribute(
                "Esp",
                "ESP transform of the BU/BA Child SA (variant key esp): cbc-sha1 (AES-CBC-128 + "
                "HMAC-SHA1-96, the default of every ipsec-* design, DESIGN.md §1), "
                "cbc-sha256, gcm (AES-GCM-16).",
                EnumValue(static_cast<int>(Mip6EspTransform::AES_CBC_HMAC_SHA1_96)),
                MakeEnumAccessor(&Mip6Ikev2Design::m_esp),
                MakeEnumChecker(static_cast<int>(Mip6EspTransform::AES_CBC_HMAC_SHA1_96),
                                "cbc-sha1",
                                static_cast<int>(Mip6EspTransform::AES_CBC_HMAC_SHA256_128),
                                "cbc-sha256",
                                static_cast<int>(Mip6EspTransform::AES_GCM_16),
                                "gcm"))
            .AddAttribute("KeyManagementMobility",
                          "K (variant key k; RFC 4877 §4.4, RFC 6275 §11.7.1): true (1, default) "
                          "the IKE SA follows the CoA; false (0) a new IKE SA from every new CoA "
                          "before the BU, then the old one is deleted.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Mip6Ikev2Design::m_k),
                          MakeBooleanChecker())
            .AddAttribute("Psk",
                          "The pre-shared key of every MN and the HA (RFC 7296 §2.15).",
                          StringValue("mip6 ipsec-ikev2 pre-shared key"),
                          MakeStringAccessor(&Mip6Ikev2Design::m_psk),
                          MakeStringChecker())
            .AddAttribute("RetransmitTimeout",
                          "First retransmission timeout of an IKE request (RFC 7296 §2.1).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&Mip6Ikev2Design::m_rto),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("RetransmitBackoff",
                          "Factor applied to the timeout after each retransmission.",
                          DoubleValue(2.0),
                          MakeDoubleAccessor(&Mip6Ikev2Design::m_backoff),
                          MakeDoubleChecker<double>(1.0, 16.0))
            .AddAttribute("MaxTries",
                          "Transmissions of a request before the exchange fails.",
                          UintegerValue(5),
                          MakeUintegerAccessor(&Mip6Ikev2Design::m_maxTries),
                          MakeUintegerChecker<uint32_t>(1, 100))
            .AddAttribute("ReplayWindow",
                          "Anti-replay window of the inbound Child SAs (RFC 4303 §3.4.3).",
                          UintegerValue(64),
                          MakeUintegerAccessor(&Mip6Ikev2Design::m_replayWindow),
                          MakeUintegerChecker<uint32_t>(0, Mip6ReplayWindow::MAX_SIZE))
            .AddAttribute("KeyExportDirectory",
                          "When not empty, IKE SAs go to <dir>/ikev2_decryption_table and Child "
                          "SAs to <dir>/esp_sa for Wireshark/tshark (Mip6KeyExport).",
                          StringValue(""),
                          MakeStringAccessor(&Mip6Ikev2Design::m_keyExportDirectory),
                          MakeStringChecker())
            .AddAttribute("Auth",
                          "MN authentication (variant key auth): psk (default, RFC 7296 §2.15) "
                          "or eap-md5 (EAP-MD5 in IKE_AUTH, the HA by its certificate and an "
                          "ECDSA P-256 signature, RFC 7296 §2.16, RFC 4754).",
                          EnumValue(0),
                          MakeEnumAccessor(&Mip6Ikev2Design::m_auth),
                          MakeEnumChecker(0, "psk", 1, "eap-md5"))
            .AddAttribute("Cp",
                          "HoA by configuration payload (variant key cp; RFC 4877 §9): "
                          "CFG_REQUEST INTERNAL_IP6_ADDRESS in IKE_AUTH, CFG_REPLY with the HoA.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Mip6Ikev2Design::m_cp),
                          MakeBooleanChecker())
            .AddAttribute("EapSecret",
                          "The EAP-MD5 secret of every MN and the HA (auth=eap-md5).",
                          StringValue("mip6 ipsec-ikev2 eap-md5 secret"),
                          MakeStringAccessor(&Mip6Ikev2Design::m_eapSecret),
                          MakeStringChecker())
            .AddAttribute("Payload",
                          "Payload protection (variant key payload): 1 creates the ESP tunnel "
                          "mode Child SA pair (CoA↔HA, TSi = HoA, TSr = any) by CREATE_CHILD_SA "
                          "after IKE_AUTH (RFC 4877 §4.3, §7.2) and refuses plain IPv6-in-IPv6; "
                          "0 (default) leaves the tunnel unprotected.",
                          EnumValue(0),
                          MakeEnumAccessor(&Mip6Ikev2Design::m_payload),
                          MakeEnumChecker(0, "0", 1, "1"))
            .AddAttribute("Pfs",
                          "CREATE_CHILD_SA carries KE (a fresh DH exchange in the Child SA keys, "
                          "RFC 7296 §1.3.1, §2.17); false (default): new nonces only.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Mip6Ikev2Design::m_pfs),
                          MakeBooleanChecker())
            .AddAttribute("ChildSaLifetime",
                          "Lifetime of a Child SA: this long after its creation the MN rekeys "
                          "it by CREATE_CHILD_SA with REKEY_SA (RFC 7296 §1.3.3, §2.8); 0 "
                          "(default): never, so the default comparison has no rekey.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Mip6Ikev2Design::m_childLifetime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("IkeSaLifetime",
                          "Lifetime of the IKE SA: this long after its creation the MN rekeys "
                          "it by CREATE_CHILD_SA (RFC 7296 §1.3.2); 0 (default): never.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Mip6Ikev2Design::m_ikeLifetime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("DpdInterval",
                          "Dead-peer detection: the MN sends an empty INFORMATIONAL request "
                          "this often (RFC 7296 §2.4); after MaxTries unanswered transmissions "
                          "the IKE SA is torn down. 0 (default): no DPD.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Mip6Ikev2Design::m_dpdInterval),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("HaDeleteDelay",
                          "After a binding ends (expiry or de-registration) the HA waits this "
                          "long for the MN's Delete, then deletes the MN's Child SAs and IKE SA "
                          "itself with an INFORMATIONAL request (RFC 7296 §1.4.1).",
                          TimeValue(Seconds(2)),
                          MakeTimeAccessor(&Mip6Ikev2Design::m_haDeleteDelay),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("NatTraversal",
                          "NAT traversal (variant key natt; RFC 7296 §2.23, RFC 3948): NAT "
                          "detection in IKE_SA_INIT, then IKE and the Child SAs' ESP on UDP "
                          "4500 whatever it detects (UDP encapsulation forced, like strongSwan's "
                          "encap=yes), and the MN's NAT-keepalives.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Mip6Ikev2Design::m_natt),
                          MakeBooleanChecker())
            .AddAttribute("KeepaliveInterval",
                          "Period of the MN's NAT-keepalives with NatTraversal (RFC 3948 §2.3; "
                          "20 s as strongSwan's default); 0 sends none.",
                          TimeValue(Seconds(20)),
                          MakeTimeAccessor(&Mip6Ikev2Design::m_keepaliveInterval),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("Mobike",
                          "MOBIKE (variant key mobike; RFC 4555): MOBIKE_SUPPORTED in IKE_AUTH, "
                          "IKE on UDP 4500 (NAT-T on), and per new CoA an INFORMATIONAL "
                          "UPDATE_SA_ADDRESSES from it before the BU; BUs then carry K = 0.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Mip6Ikev2Design::m_mobike),
                          MakeBooleanChecker())
            .AddAttribute("Cookie2",
                          "With Mobike: UPDATE_SA_ADDRESSES carries a 16-byte COOKIE2 that the "
                          "HA echoes (return routability, RFC 4555 §3.8).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Mip6Ikev2Design::m_cookie2),
                          MakeBooleanChecker())
            .AddAttribute("MobikeProbe",
                          "With Mobike (variant key probe): before each UPDATE_SA_ADDRESSES an "
                          "address probe, an INFORMATIONAL with the NAT detection notifies and "
                          "COOKIE2 only, from the new CoA (RFC 4555 §3.6): two round trips.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Mip6Ikev2Design::m_mobikeProbe),
                          MakeBooleanChecker())
            .AddAttribute(
                "McoaPolicy",
                "With multiple care-of addresses (RFC 5648; variant key mcoa): primary "
                "(default, RFC 5648 §9) runs IKE and the tunnel SAs from the primary CoA only "
                "and moves them with a K = 1 BU; per-coa (NON-RFC) runs one IKE SA per CoA, "
                "each with its own tunnel mode Child SA pair (outer CoA↔HA, TSi = HoA, "
                "TSr = any): IKE_SA_INIT + IKE_AUTH from a CoA before its BID's BU, an "
                "INFORMATIONAL Delete when it is de-registered (local removal when it is "
                "gone); mobike (RFC 4555 §1.2, §3.6; needs mobike=1) keeps one IKE SA on one "
                "CoA and tells the HA the MN's other addresses with ADDITIONAL_IP6_ADDRESS "
                "(or NO_ADDITIONAL_ADDRESSES) in an INFORMATIONAL per added or removed CoA. "
                "The BU/BA transport SA pair is one, CoA-independent, under every policy.",
                EnumValue(MCOA_PRIMARY),
                MakeEnumAccessor(&Mip6Ikev2Design::m_mcoa),
                MakeEnumChecker(MCOA_PRIMARY,
                                "primary",
                                MCOA_PER_COA,
                                "per-coa",
                                MCOA_MOBIKE,
                                "mobike"));
    return tid;
}

Mip6Ikev2Design::~Mip6Ikev2Design() = default;

std::string
Mip6Ikev2Design::GetId() const
{
    return "ipsec-ikev2";
}

Ptr<Mip6MnSecurity>
Mip6Ikev2Design::CreateMnSide()
{
    Ptr<Mip6Ikev2MnSide> mn = CreateObject<Mip6Ikev2MnSide>();
    mn->SetDesign(this);
    m_mnSides.push_back(mn);
    return mn;
}

Ptr<Mip6HaSecurity>
Mip6Ikev2Design::CreateHaSide()
{
    Ptr<Mip6Ikev2HaSide> ha = CreateObject<Mip6Ikev2HaSide>();
    ha->SetDesign(this);
    m_haSides.push_back(ha);
    return ha;
}

Mip6DhGroup
Mip6Ikev2Design::GetDhGroup() const
{
    return static_cast<Mip6DhGroup>(m_dh);
}

Mip6IkeSkTransform
Mip6Ikev2Design::GetSkTransform() const
{
    return static_cast<Mip6IkeSkTransform>(m_sk);
}

Mip6EspTransform
Mip6Ikev2Design::GetEspTransform() const
{
    return static_cast<Mip6EspTransform>(m_esp);
}

const std::string&
Mip6Ikev2Design::GetPsk() const
{
    return m_psk;
}

bool
Mip6Ikev2Design::GetKeyManagementMobility() const
{
    return m_k;
}

bool
Mip6Ikev2Design::GetNatTraversal() const
{
    return m_natt || m_mobike; // RFC 4555 §3.3: MOBIKE runs IKE on port 4500
}

bool
Mip6Ikev2Design::GetMobike() const
{
    return m_mobike;
}

Mip6Ikev2Design::McoaPolicy
Mip6Ikev2Design::GetMcoaPolicy() const
{
    return static_cast<McoaPolicy>(m_mcoa);
}

bool
Mip6Ikev2Design::GetCookie2() const
{
    return m_cookie2;
}

bool
Mip6Ikev2Design::GetMobikeProbe() const
{
    return m_mobikeProbe;
}

Time
Mip6Ikev2Design::GetKeepaliveInterval() const
{
    return m_keepaliveInterval;
}

Time
Mip6Ikev2Design::GetRetransmitTimeout() const
{
    return m_rto;
}

double
Mip6Ikev2Design::GetRetransmitBackoff() const
{
    return m_backoff;
}

uint32_t
Mip6Ikev2Design::GetMaxTries() const
{
    return m_maxTries;
}

const std::vector<Ptr<Mip6Ikev2MnSide>>&
Mip6Ikev2Design::GetMnSides() const
{
    return m_mnSides;
}

const std::vector<Ptr<Mip6Ikev2HaSide>>&
Mip6Ikev2Design::GetHaSides() const
{
    return m_haSides;
}

Ptr<Mip6IkeSaPayload>
Mip6Ikev2Design::MakeIkeProposal() const
{
    // RFC 7296 §3.3.2 transform IDs: ENCR_AES_CBC 12, ENCR_AES_GCM_16 20 (RFC 5282),
    // PRF_HMAC_SHA2_256 5, AUTH_HMAC_SHA2_256_128 12 (RFC 4868); DH = the group number.
    Mip6IkeProposal p;
    p.protocolId = 1;
    const bool gcm = GetSkTransform() == Mip6IkeSkTransform::AES_GCM_16_128;
    p.transforms.push_back({1, static_cast<uint16_t>(gcm ? 20 : 12), uint16_t(128)});
    p.transforms.push_back({2, 5, std::nullopt});
    if (!gcm)
    {
        p.transforms.push_back({3, 12, std::nullopt});
    }
    p.transforms.push_back({4, static_cast<uint16_t>(m_dh), std::nullopt});
    Ptr<Mip6IkeSaPayload> sa = Create<Mip6IkeSaPayload>();
    sa->proposals.push_back(p);
    return sa;
}

Ptr<Mip6IkeSaPayload>
Mip6Ikev2Design::MakeEspProposal(uint32_t spi) const
{
    // RFC 7296 §3.3.1: ESP proposal with a 4-byte SPI; INTEG 2 HMAC-SHA1-96, 12 HMAC-SHA-256-128;
    // ESN 0 (no extended sequence numbers).
    Mip6IkeProposal p;
    p.protocolId = 3;
    p.spi = Mip6BigEndian(spi, 4);
    switch (GetEspTransform())
    {
    case Mip6EspTransform::AES_GCM_16:
        p.transforms.push_back({1, 20, uint16_t(128)});
        break;
    case Mip6EspTransform::AES_CBC_HMAC_SHA1_96:
        p.transforms.push_back({1, 12, uint16_t(128)});
        p.transforms.push_back({3, 2, std::nullopt});
        break;
    case Mip6EspTransform::NULL_HMAC_SHA1_96:
        p.transforms.push_back({1, 11, std::nullopt});
        p.transforms.push_back({3, 2, std::nullopt});
        break;
    default:
        p.transforms.push_back({1, 12, uint16_t(128)});
        p.transforms.push_back({3, 12, std::nullopt});
        break;
    }
    p.transforms.push_back({5, 0, std::nullopt});
    Ptr<Mip6IkeSaPayload> sa = Create<Mip6IkeSaPayload>();
    sa->proposals.push_back(p);
    return sa;
}

std::string
Mip6Ikev2Design::DeriveIkeKeys(Mip6Ikev2Sa& sa, const Mip6Bytes& gir) const
{
    const bool gcm = GetSkTransform() == Mip6IkeSkTransform::AES_GCM_16_128;
    const size_t integ = gcm ? 0 : 32;
    const size_t encr = gcm ? 20 : 16;
    auto keys = Mip6DeriveIkev2Keys(Mip6Prf(), sa.ni, sa.nr, gir, sa.spiI, sa.spiR, integ, encr);
    if (!keys)
    {
        return keys.GetError();
    }
    sa.keys = keys.Value();
    std::string error;
    sa.skI = Mip6IkeSkProtector::Create(GetSkTransform(), sa.keys.skEi, sa.keys.skAi, error);
    if (!sa.skI)
    {
        return error;
    }
    sa.skR = Mip6IkeSkProtector::Create(GetSkTransform(), sa.keys.skEr, sa.keys.skAr, error);
    if (!sa.skR)
    {
        return error;
    }
    return "";
}

Mip6Bytes
Mip6Ikev2Design::ComputeAuth(const std::string& psk,
                             const Mip6Bytes& message,
                             const Mip6Bytes& peerNonce,
                             const Mip6Bytes& skP,
                             const Mip6IkeIdPayload& id) const
{
    // RFC 7296 §2.15: octets = message ‖ peer's nonce data ‖ prf(SK_p, RestOfIDPayload), where
    // RestOfIDPayload is the ID payload body (type, 3 reserved bytes, data);
    // AUTH = prf(prf(Shared Secret, "Key Pad for IKEv2"), octets).
    const Mip6Prf prf;
    Mip6Bytes idBody{id.idType, 0, 0, 0};
    idBody.insert(idBody.end(), id.data.begin(), id.data.end());
    auto macedId = prf.Compute(skP, idBody);
    NS_ABORT_MSG_IF(!macedId, "ipsec-ikev2: " << macedId.GetError());
    Mip6Bytes octets = message;
    octets.insert(octets.end(), peerNonce.begin(), peerNonce.end());
    octets.insert(octets.end(), macedId.Value().begin(), macedId.Value().end());
    auto padKey = prf.Compute(Mip6BytesFromString(psk), Mip6BytesFromString("Key Pad for IKEv2"));
    NS_ABORT_MSG_IF(!padKey, "ipsec-ikev2: " << padKey.GetError());
    auto auth = prf.Compute(padKey.Value(), octets);
    NS_ABORT_MSG_IF(!auth, "ipsec-ikev2: " << auth.GetError());
    return auth.Value();
}

std::string
Mip6Ikev2Design::InstallChildSa(Ptr<Mip6IpsecSad> sad,
                                const Mip6Ikev2Sa& sa,
                                bool initiator,
                                uint32_t spiIn,
                                uint32_t spiOut,
                                Ipv6Address local,
                                Ipv6Address remote)
{
    // RFC 7296 §2.17: KEYMAT = prf+(SK_d, Ni ‖ Nr); the initiator→responder SA's keys first
    // (encryption then integrity), then the responder→initiator SA's.
    const Mip6EspTransformInfo& info = Mip6EspGetTransformInfo(GetEspTransform());
    const size_t one = info.encKeySize + info.integKeySize;
    auto keymat = Mip6DeriveChildSaKeymat(Mip6Prf(), sa.keys.skD, {}, sa.ni, sa.nr, 2 * one);
    if (!keymat)
    {
        return keymat.GetError();
    }
    const Mip6Bytes& k = keymat.Value();
    auto make = [&](uint32_t spi, size_t offset, Ipv6Address src, Ipv6Address dst) {
        Mip6EspSaConfig c;
        c.spi = spi;
        c.transform = GetEspTransform();
        c.encKey.assign(k.begin() + offset, k.begin() + offset + info.encKeySize);
        c.integKey.assign(k.begin() + offset + info.encKeySize, k.begin() + offset + one);
        c.mode = Mip6EspMode::TRANSPORT;
        c.source = src;
        c.destination = dst;
        c.replayWindow = m_replayWindow;
        if (GetNatTraversal())
        {
            // natt=1: ESP in UDP 4500 both ways (RFC 3948 §2.1, RFC 7296 §2.23).
            c.udpEncapSourcePort = Mip6EspProtocol::NAT_T_PORT;
            c.udpEncapDestinationPort = Mip6EspProtocol::NAT_T_PORT;
        }
        std::string error;
        Ptr<Mip6EspSa> esp = Mip6EspSa::Create(c, error);
        NS_ABORT_MSG_IF(!esp, "ipsec-ikev2: " << error);
        return esp;
    };
    // Outbound at the initiator = initiator→responder = offset 0.
    const size_t outOffset = initiator ? 0 : one;
    const size_t inOffset = initiator ? one : 0;
    Mip6IpsecSaSet set;
    set.mnId = sa.mnId;
    set.hoa = initiator ? local : remote;
    set.transportOut = make(spiOut, outOffset, local, remote);
    set.transportIn = make(spiIn, inOffset, remote, local);
    // RFC 4877 §4.3 / RFC 3776 §4.1: BU MN→HA, BA HA→MN, MH type selectors.
    if (initiator)
    {
        set.policies.push_back(Mip6IpsecSad::TransportPolicy(Mip6IpsecPolicy::OUT,
                                                             local,
                                                             remote,
                                                             Mip6Header::BU,
                                                             spiOut));
        set.policies.push_back(Mip6IpsecSad::TransportPolicy(Mip6IpsecPolicy::IN,
                                                             local,
                                                             remote,
                                                             Mip6Header::BA,
                                                             spiIn));
    }
    else
    {
        set.policies.push_back(Mip6IpsecSad::TransportPolicy(Mip6IpsecPolicy::IN,
                                                             local,
                                                             remote,
                                                             Mip6Header::BU,
                                                             spiIn));
        set.policies.push_back(Mip6IpsecSad::TransportPolicy(Mip6IpsecPolicy::OUT,
                                                             local,
                                                             remote,
                                                             Mip6Header::BA,
                                                             spiOut));
    }
    sad->Add(set);
    return "";
}

void
Mip6Ikev2Design::ConfigureExport(Ptr<Mip6EspProtocol> esp)
{
    if (m_keyExportDirectory.empty())
    {
        return;
    }
    if (!m_export)
    {
        std::error_code ec;
        std::filesystem::create_directories(m_keyExportDirectory, ec);
        m_export = std::make_shared<Mip6KeyExport>(m_keyExportDirectory);
    }
    esp->SetKeyExport(m_export);
}

void
Mip6Ikev2Design::ExportIkeSa(const Mip6Ikev2Sa& sa)
{
    if (!m_export)
    {
        return;
    }
    Mip6IkeSaExport e;
    e.spii = sa.spiI;
    e.spir = sa.spiR;
    const bool gcm = GetSkTransform() == Mip6IkeSkTransform::AES_GCM_16_128;
    e.cipher = gcm ? Mip6ExportCipher::AES_GCM_16 : Mip6ExportCipher::AES_CBC;
    e.integrity = gcm ? Mip6IntegAlgorithm::NONE : Mip6IntegAlgorithm::HMAC_SHA256_128;
    e.skEi = sa.keys.skEi;
    e.skEr = sa.keys.skEr;
    e.skAi = sa.keys.skAi;
    e.skAr = sa.keys.skAr;
    Mip6CryptoStatus st = m_export->AddIkeSa(e);
    if (!st)
    {
        NS_LOG_WARN("ipsec-ikev2: key export: " << st.GetError());
    }
}

void
Mip6Ikev2Design::DoDispose()
{
    m_mnSides.clear();
    m_haSides.clear();
    m_export.reset();
    Mip6SecurityDesign::DoDispose();
}

namespace
{
/// Registers `ipsec-ikev2` with the factory when the library loads.
struct Ikev2DesignRegistrar
{
    Ikev2DesignRegistrar()
    {
        Mip6SecurityDesignFactory::Register(
            {"ipsec-ikev2",
             "ns3::Mip6Ikev2Design",
             "RFC 4877: IKEv2 (PSK, or EAP-MD5 with the HA's certificate) keys the BU/BA ESP "
             "transport SA; K=1 by default",
             {{"dh", "DhGroup", {"14", "19", "31"}, "14", "IKE_SA_INIT DH group"},
              {"sk", "Sk", {"cbc", "gcm"}, "cbc", "IKE SA protection"},
              {"esp",
               "Esp",
               {"cbc-sha1", "cbc-sha256", "gcm"},
               "cbc-sha1",
               "ESP transform of the BU/BA Child SA"},
              {"k", "KeyManagementMobility", {"1", "0"}, "1", "K flag (IKE SA follows CoA)"},
              {"auth",
               "Auth",
               {"psk", "eap-md5"},
               "psk",
               "MN authentication (EAP-MD5: HA by certificate)"},
              {"cp", "Cp", {"0", "1"}, "0", "HoA by CFG_REQUEST/CFG_REPLY"},
              {"payload",
               "Payload",
               {"0", "1"},
               "0",
               "ESP tunnel Child SA for the payload (CREATE_CHILD_SA)"},
              {"natt", "NatTraversal", {"0", "1"}, "0", "IKE and ESP on UDP 4500 (RFC 7296 §2.23)"},
              {"mcoa",
               "McoaPolicy",
               {"primary", "per-coa", "mobike"},
               "primary",
               "MCoA: IKE on the primary CoA (RFC 5648 §9); per-coa: one IKE SA and tunnel SA "
               "pair per CoA (NON-RFC); mobike: ADDITIONAL_IP6_ADDRESS lists (RFC 4555 §3.6)",
               "",
               {{"per-coa", "auth=psk,mobike=0,natt=0"}, {"mobike", "mobike=1"}}},
              {"mobike",
               "Mobike",
               {"0", "1"},
               "0",
               "RFC 4555: UPDATE_SA_ADDRESSES per handover (UDP 4500, K=0)"},
              {"probe",
               "MobikeProbe",
               {"0", "1"},
               "0",
               "RFC 4555 §3.6 address probe before each update",
               "mobike=1"}}});
    }
} g_ikev2DesignRegistrar;
} // namespace

} // namespace ns3
