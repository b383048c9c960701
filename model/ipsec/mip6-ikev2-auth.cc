/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-ikev2-auth.h"

#include "mip6-ipsec-ikev2-design.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/mip6-category-tag.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-ecdsa.h"
#include "ns3/mip6-esp-protocol.h"
#include "ns3/mip6-header.h"
#include "ns3/mip6-mac.h"
#include "ns3/mip6-prf.h"
#include "ns3/mip6-test-pki.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6Ikev2Auth");

namespace
{
/// RFC 7296 §3.10.1 error types used here.
const uint16_t TS_UNACCEPTABLE = 38;
/// RFC 3748 §4: EAP codes; §5.4: type 4 = MD5-Challenge.
const uint8_t EAP_REQUEST = 1;
const uint8_t EAP_RESPONSE = 2;
const uint8_t EAP_SUCCESS = 3;
const uint8_t EAP_FAILURE = 4;
const uint8_t EAP_MD5_CHALLENGE = 4;
/// RFC 7296 §3.15.1: INTERNAL_IP6_ADDRESS = 16-byte address ‖ 1-byte prefix length.
const size_t INTERNAL_IP6_ADDRESS_SIZE = 17;
/// Prefix length of the home link (DESIGN.md: /64 home prefixes).
const uint8_t HOME_PREFIX_LENGTH = 64;

/// An ESP SPI from the DRBG (RFC 4303 §2.1: 1–255 are reserved).
uint32_t
RandomSpi32()
{
    const Mip6Bytes b = Mip6CryptoRandom::Bytes(4);
    uint32_t v = (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3];
    return v < 256 ? v + 256 : v;
}

uint32_t
SpiOf(const Ptr<Mip6IkeSaPayload>& sa)
{
    if (!sa || sa->proposals.empty() || sa->proposals[0].spi.size() != 4)
    {
        return 0;
    }
    const Mip6Bytes& b = sa->proposals[0].spi;
    return (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3];
}

template <class T>
Ptr<T>
Find(const std::vector<Ptr<Mip6IkePayload>>& payloads, Mip6IkePayloadType type)
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
ErrorNotify(const std::vector<Ptr<Mip6IkePayload>>& payloads)
{
    for (const auto& p : payloads)
    {
        auto n = dynamic_cast<const Mip6IkeNotifyPayload*>(PeekPointer(p));
        if (n && n->notifyType < 16384)
        {
            return n->notifyType;
        }
    }
    return 0;
}

Ptr<Mip6IkeNotifyPayload>
Notify(uint16_t type)
{
    Ptr<Mip6IkeNotifyPayload> n = Create<Mip6IkeNotifyPayload>();
    n->notifyType = type;
    return n;
}

/// TSi/TSr for the MH from one address to another (RFC 4877 §4.3).
Ptr<Mip6IkeTsPayload>
MhRange(Ipv6Address from, Ipv6Address to, bool responder)
{
    Ptr<Mip6IkeTsPayload> ts = Create<Mip6IkeTsPayload>(responder);
    Mip6IkeTrafficSelector s = Mip6IkeTrafficSelector::Ipv6Range(from, to);
    s.protocol = 135;
    ts->selectors.push_back(s);
    return ts;
}

Ptr<Mip6IkeEapPayload>
Eap(uint8_t code, uint8_t identifier, std::optional<uint8_t> type = {}, const Mip6Bytes& data = {})
{
    Ptr<Mip6IkeEapPayload> e = Create<Mip6IkeEapPayload>();
    e->code = code;
    e->identifier = identifier;
    e->eapType = type;
    e->data = data;
    return e;
}

Mip6Bytes
AddressBytes(Ipv6Address a)
{
    Mip6Bytes b(16);
    a.GetBytes(b.data());
    return b;
}

Mip6IkeIdPayload
IdOf(const std::string& identity, bool responder)
{
    Mip6IkeIdPayload id(responder);
    id.idType = identity.find('@') != std::string::npos ? Mip6IkeIdPayload::ID_RFC822_ADDR
                                                        : Mip6IkeIdPayload::ID_FQDN;
    id.data = Mip6BytesFromString(identity);
    return id;
}

/// The test CA every MN trusts (Mip6TestPki).
const Mip6Certificate&
TestCa()
{
    static const Mip6Certificate ca = [] {
        auto c = Mip6Certificate::FromPem(Mip6TestPki::CaCertificatePem());
        NS_ABORT_MSG_UNLESS(c, "ipsec-ikev2: test CA: " << c.GetError());
        return c.Value();
    }();
    return ca;
}
} // namespace

// ---------------------------------------------------------------------------------------------
// Helpers

Mip6Bytes
Mip6IkeEapMd5Value(uint8_t identifier, const Mip6Bytes& secret, const Mip6Bytes& challenge)
{
    // RFC 3748 §5.4 → RFC 1994 §4.1: MD5 over Identifier ‖ secret ‖ Challenge Value.
    Mip6Bytes in{identifier};
    in.insert(in.end(), secret.begin(), secret.end());
    in.insert(in.end(), challenge.begin(), challenge.end());
    auto md = Mip6Digest(Mip6HashAlgorithm::MD5, in);
    NS_ABORT_MSG_IF(!md, "ipsec-ikev2: MD5: " << md.GetError());
    return md.Value();
}

Mip6Bytes
Mip6IkeEapMd5TypeData(const Mip6Bytes& value)
{
    Mip6Bytes d{static_cast<uint8_t>(value.size())};
    d.insert(d.end(), value.begin(), value.end());
    return d;
}

std::optional<Mip6Bytes>
Mip6IkeEapMd5ParseValue(const Mip6Bytes& data)
{
    // RFC 1994 §4.1: Value-Size, Value, Name (the rest).
    if (data.empty() || data[0] == 0 || size_t(data[0]) + 1 > data.size())
    {
        return std::nullopt;
    }
    return Mip6Bytes(data.begin() + 1, data.begin() + 1 + data[0]);
}

Mip6Bytes
Mip6IkeSignedOctets(const Mip6Bytes& message,
                    const Mip6Bytes& peerNonce,
                    const Mip6Bytes& skP,
                    const Mip6IkeIdPayload& id)
{
    // RFC 7296 §2.15: message ‖ nonce ‖ prf(SK_p, RestOfIDPayload); RestOfIDPayload = ID type,
    // 3 reserved bytes, ID data.
    Mip6Bytes idBody{id.idType, 0, 0, 0};
    idBody.insert(idBody.end(), id.data.begin(), id.data.end());
    auto maced = Mip6Prf().Compute(skP, idBody);
    NS_ABORT_MSG_IF(!maced, "ipsec-ikev2: " << maced.GetError());
    Mip6Bytes octets = message;
    octets.insert(octets.end(), peerNonce.begin(), peerNonce.end());
    octets.insert(octets.end(), maced.Value().begin(), maced.Value().end());
    return octets;
}

Mip6Bytes
Mip6IkeSharedKeyAuth(const Mip6Bytes& key, const Mip6Bytes& octets)
{
    const Mip6Prf prf;
    auto pad = prf.Compute(key, Mip6BytesFromString("Key Pad for IKEv2"));
    NS_ABORT_MSG_IF(!pad, "ipsec-ikev2: " << pad.GetError());
    auto auth = prf.Compute(pad.Value(), octets);
    NS_ABORT_MSG_IF(!auth, "ipsec-ikev2: " << auth.GetError());
    return auth.Value();
}

Mip6Bytes
Mip6IkeCaKeyHash(const Mip6Certificate& ca)
{
    // RFC 7296 §3.7: "SHA-1 hash of the Subject Public Key Info element of the CA".
    auto h = Mip6Digest(Mip6HashAlgorithm::SHA1, ca.GetSubjectPublicKeyInfoDer());
    NS_ABORT_MSG_IF(!h, "ipsec-ikev2: " << h.GetError());
    return h.Value();
}

// ---------------------------------------------------------------------------------------------
// The design: PAD and configuration

bool
Mip6Ikev2Design::IsEapMd5() const
{
    return m_auth == 1;
}

bool
Mip6Ikev2Design::GetCp() const
{
    return m_cp;
}

const std::string&
Mip6Ikev2Design::GetEapSecret() const
{
    return m_eapSecret;
}

std::string
Mip6Ikev2Design::DefaultIdentity(uint32_t nodeId)
{
    return "mn" + std::to_string(nodeId) + "@mip6.example";
}

void
Mip6Ikev2Design::AddPadEntry(const std::string& identity, Ipv6Address hoa)
{
    m_pad[identity] = hoa;
}

std::optional<Ipv6Address>
Mip6Ikev2Design::LookupPad(const std::string& identity) const
{
    auto it = m_pad.find(identity);
    if (it == m_pad.end())
    {
        return std::nullopt;
    }
    return it->second;
}

// ---------------------------------------------------------------------------------------------
// MN side (initiator)

std::string
Mip6Ikev2MnSide::GetIdentity() const
{
    if (!m_identity.empty())
    {
        return m_identity;
    }
    return Mip6Ikev2Design::DefaultIdentity(m_node ? m_node->GetId() : 0);
}

uint32_t
Mip6Ikev2MnSide::GetPeerAuthFailures() const
{
    return m_peerAuthFailures;
}

uint32_t
Mip6Ikev2MnSide::GetCpMismatches() const
{
    return m_cpMismatches;
}

bool
Mip6Ikev2MnSide::AssignsHomeAddress() const
{
    return m_design && m_design->GetCp();
}

std::optional<Ipv6Address>
Mip6Ikev2MnSide::GetAssignedHomeAddress() const
{
    return m_assignedHoa;
}

uint32_t
Mip6Ikev2MnSide::GetTransportModeRefusals() const
{
    return m_transportRefusals;
}

void
Mip6Ikev2MnSide::AddTransportMode(std::vector<Ptr<Mip6IkePayload>>& inner) const
{
    // RFC 7296 §1.3.1: "the initiator MUST include" N(USE_TRANSPORT_MODE) to get a transport
    // SA; RFC 4877 §7: the BU/BA SAs are transport mode. A status notify with no SPI and no
    // data: 8 bytes.
    if (m_transportModeNotify)
    {
        inner.push_back(Notify(Mip6IkeNotifyPayload::USE_TRANSPORT_MODE));
    }
}

bool
Mip6Ikev2MnSide::CheckTransportMode(const std::vector<Ptr<Mip6IkePayload>>& inner)
{
    // RFC 7296 §1.3.1: "If the responder declines the request, the Child SA will be established
    // in tunnel mode. If this is unacceptable to the initiator, the initiator MUST delete the
    // SA." A tunnel-mode BU/BA SA is (RFC 4877 §7), so the MN does not install it.
    if (Mip6IkeHasNotify(inner, Mip6IkeNotifyPayload::USE_TRANSPORT_MODE))
    {
        return true;
    }
    m_transportRefusals++;
    FailAuth("no-transport-mode");
    return false;
}

void
Mip6Ikev2MnSide::FailAuth(const std::string& reason)
{
    Drop(reason);
    m_exchangeTrace(Mip6IkeHeader::IKE_AUTH, false);
    m_sa.reset();
    Finish(false);
}

void
Mip6Ikev2MnSide::AddCpRequest(std::vector<Ptr<Mip6IkePayload>>& inner) const
{
    if (!m_design->GetCp())
    {
        return;
    }
    // RFC 4877 §9, RFC 7296 §2.19: CP(CFG_REQUEST) with an empty INTERNAL_IP6_ADDRESS, and a TSi
    // covering any address (the HA narrows it to the HoA it assigns, §2.9).
    for (auto& p : inner)
    {
        if (p->GetType() == Mip6IkePayloadType::TSI)
        {
            p = MhRange(Ipv6Address::GetAny(),
                        Ipv6Address("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
                        false);
        }
    }
    Ptr<Mip6IkeCpPayload> cp = Create<Mip6IkeCpPayload>();
    cp->cfgType = Mip6IkeCpPayload::CFG_REQUEST;
    cp->attributes.push_back({Mip6IkeConfigAttribute::INTERNAL_IP6_ADDRESS, {}});
    // §1.2 order: ..., [AUTH,] CP(CFG_REQUEST), SAi2, TSi, TSr.
    auto sa = std::find_if(inner.begin(), inner.end(), [](const Ptr<Mip6IkePayload>& p) {
        return p->GetType() == Mip6IkePayloadType::SA;
    });
    inner.insert(sa, cp);
}

bool
Mip6Ikev2MnSide::CheckCpReply(const std::vector<Ptr<Mip6IkePayload>>& inner)
{
    if (!m_design->GetCp())
    {
        return true;
    }
    // RFC 4877 §9, RFC 7296 §3.15.1: the CFG_REPLY's INTERNAL_IP6_ADDRESS (address ‖ prefix
    // length) is the HoA the HA assigns.
    auto cp = Find<Mip6IkeCpPayload>(inner, Mip6IkePayloadType::CP);
    std::optional<Ipv6Address> assigned;
    uint8_t prefixLength = 0;
    if (cp && cp->cfgType == Mip6IkeCpPayload::CFG_REPLY)
    {
        for (const auto& a : cp->attributes)
        {
            if (a.type == Mip6IkeConfigAttribute::INTERNAL_IP6_ADDRESS &&
                a.value.size() == INTERNAL_IP6_ADDRESS_SIZE)
            {
                Mip6Bytes addr(a.value.begin(), a.value.begin() + 16);
                assigned = Ipv6Address(addr.data());
                prefixLength = a.value[16];
                break;
            }
        }
    }
    std::string refused;
    if (!assigned)
    {
        refused = "no-cp-reply"; // no CFG_REPLY, or one without a well-formed address
    }
    else if (!m_hoa.IsAny() && *assigned != m_hoa)
    {
        refused = "cp-hoa-mismatch"; // a HoA is configured (or was assigned) and this is another
    }
    else if (prefixLength != HOME_PREFIX_LENGTH ||
             assigned->CombinePrefix(Ipv6Prefix(HOME_PREFIX_LENGTH)) !=
                 m_ha.CombinePrefix(Ipv6Prefix(HOME_PREFIX_LENGTH)) ||
             *assigned == m_ha)
    {
        refused = "cp-not-home-prefix"; // the MN's policy: a HoA on the HA's home link /64
    }
    if (!refused.empty())
    {
        m_cpMismatches++;
        FailAuth(refused);
        return false;
    }
    // The policies narrow to the assigned HoA: the Child SA and TSi use it from here on.
    m_assignedHoa = *assigned;
    m_hoa = *assigned;
    m_sa->hoa = *assigned;
    return true;
}

void
Mip6Ikev2MnSide::StartEapAuth()
{
    // RFC 7296 §2.16: HDR, SK {IDi, [CERTREQ,] SAi2, TSi, TSr} --> without AUTH: the initiator
    // wants EAP. CERTREQ names the test CA (§3.7). IDi is also the EAP identity, so the HA goes
    // straight to the MD5-Challenge (RFC 3748 §5.1: Identity "MAY" be skipped when the identity
    // is known by other means, as strongSwan's eap_identity=%identity does).
    auto st = std::make_shared<Mip6Ikev2AuthState>();
    st->identity = GetIdentity();
    st->idi = IdOf(st->identity, false);
    st->messageId = 1;
    m_sa->auth = st;
    Ptr<Mip6IkeCertPayload> certreq = Create<Mip6IkeCertPayload>(true);
    certreq->encoding = Mip6IkeCertPayload::X509_SIGNATURE;
    certreq->data = Mip6IkeCaKeyHash(TestCa());
    m_childSpiIn = RandomSpi32();
    std::vector<Ptr<Mip6IkePayload>> inner{Create<Mip6IkeIdPayload>(st->idi),
                                           certreq,
                                           m_design->MakeEspProposal(m_childSpiIn),
                                           MhRange(m_hoa, m_hoa, false),
                                           MhRange(m_ha, m_ha, true)};
    AddCpRequest(inner);
    AddTransportMode(inner); // with SAi2 (RFC 7296 §1.3.1)
    Mip6IkeMessage outer;
    outer.header.spiI = m_sa->spiI;
    outer.header.spiR = m_sa->spiR;
    outer.header.exchange = Mip6IkeHeader::IKE_AUTH;
    outer.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
    outer.header.messageId = st->messageId;
    auto wire = m_sa->skI->Seal(outer, inner);
    NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
    m_state = AUTH_SENT;
    SendRequest(wire.Value(), Mip6IkeHeader::IKE_AUTH);
}

void
Mip6Ikev2MnSide::HandleEapAuthResponse(const Mip6Bytes& data)
{
    Mip6Ikev2AuthState& st = *m_sa->auth;
    std::string reason;
    auto inner = m_sa->skR->Open(data, reason);
    if (!inner)
    {
        Drop(reason);
        return;
    }
    m_timer.Cancel();
    if (uint16_t e = ErrorNotify(*inner))
    {
        // RFC 7296 §2.16/§2.21.2: EAP-Failure with AUTHENTICATION_FAILED (or another error): the
        // IKE SA is not created.
        if (e == Mip6IkeNotifyPayload::AUTHENTICATION_FAILED)
        {
            m_authFailures++;
        }
        NS_LOG_INFO("ipsec-ikev2: EAP IKE_AUTH refused, notify " << e);
        m_notifyTrace(e);
        m_exchangeTrace(Mip6IkeHeader::IKE_AUTH, false);
        m_sa.reset();
        Finish(false);
        return;
    }
    auto eap = Find<Mip6IkeEapPayload>(*inner, Mip6IkePayloadType::EAP);
    Mip6IkeMessage outer;
    outer.header.spiI = m_sa->spiI;
    outer.header.spiR = m_sa->spiR;
    outer.header.exchange = Mip6IkeHeader::IKE_AUTH;
    outer.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
    std::vector<Ptr<Mip6IkePayload>> next;
    switch (st.stage)
    {
    case Mip6Ikev2AuthState::FIRST: {
        // <-- HDR, SK {IDr, CERT, AUTH, EAP}: the HA proves itself with its certificate and an
        // ECDSA P-256 signature (RFC 4754 method 9) over its signed octets (§2.15).
        auto idr = Find<Mip6IkeIdPayload>(*inner, Mip6IkePayloadType::IDR);
        auto cert = Find<Mip6IkeCertPayload>(*inner, Mip6IkePayloadType::CERT);
        auto auth = Find<Mip6IkeAuthPayload>(*inner, Mip6IkePayloadType::AUTH);
        if (!idr || !cert || !auth || !eap)
        {
            FailAuth("malformed");
            return;
        }
        auto c = cert->encoding == Mip6IkeCertPayload::X509_SIGNATURE
                     ? Mip6Certificate::FromDer(cert->data)
                     : Mip6CryptoResult<Mip6Certificate>(
                           Mip6CryptoError{"certificate encoding is not X.509"});
        Mip6CertificateVerifier verifier = Mip6CertificateVerifier::ForTestPki();
        // The crypto core's simulated epoch, advanced by the simulation time.
        verifier.SetEpoch(Mip6CertificateVerifier::DEFAULT_EPOCH +
                          static_cast<int64_t>(Simulator::Now().GetSeconds()));
        // RFC 4945 §3.1 (as strongSwan): IDr must be the name the certificate carries.
        const std::string idrName(idr->data.begin(), idr->data.end());
        Mip6CryptoStatus ok = c ? verifier.Verify(c.Value(), {}, idrName)
                                : Mip6CryptoStatus(Mip6CryptoError{c.GetError()});
        if (!ok)
        {
            NS_LOG_INFO("ipsec-ikev2: HA certificate refused: " << ok.GetError());
            m_peerAuthFailures++;
            FailAuth("bad-certificate");
            return;
        }
        auto key = c.Value().GetPublicKey();
        const Mip6Bytes octets = Mip6IkeSignedOctets(m_sa->msg2, m_sa->ni, m_sa->keys.skPr, *idr);
        if (!key || auth->method != Mip6IkeAuthPayload::ECDSA_SHA256_P256 ||
            !key.Value().VerifyRaw(octets, auth->data))
        {
            m_peerAuthFailures++;
            FailAuth("bad-signature");
            return;
        }
        auto challenge = eap->code == EAP_REQUEST && eap->eapType == EAP_MD5_CHALLENGE
                             ? Mip6IkeEapMd5ParseValue(eap->data)
                             : std::nullopt;
        if (!challenge)
        {
            FailAuth("malformed-eap");
            return;
        }
        st.idr = *idr;
        // HDR, SK {EAP(Response/MD5-Challenge)} --> (RFC 3748 §5.4)
        const std::string secret = m_eapSecret.empty() ? m_design->GetEapSecret() : m_eapSecret;
        next.push_back(
            Eap(EAP_RESPONSE,
                eap->identifier,
                EAP_MD5_CHALLENGE,
                Mip6IkeEapMd5TypeData(
                    Mip6IkeEapMd5Value(eap->identifier, Mip6BytesFromString(secret), *challenge))));
        st.stage = Mip6Ikev2AuthState::CHALLENGE;
        break;
    }
    case Mip6Ikev2AuthState::CHALLENGE: {
        if (!eap || eap->code != EAP_SUCCESS)
        {
            FailAuth("malformed-eap");
            return;
        }
        // HDR, SK {AUTH} -->: EAP-MD5 derives no MSK, so the AUTH key is SK_pi (§2.16).
        Ptr<Mip6IkeAuthPayload> auth = Create<Mip6IkeAuthPayload>();
        auth->method = Mip6IkeAuthPayload::SHARED_KEY_MIC;
        auth->data = Mip6IkeSharedKeyAuth(
            m_sa->keys.skPi,
            Mip6IkeSignedOctets(m_sa->msg1, m_sa->nr, m_sa->keys.skPi, st.idi));
        next.push_back(auth);
        st.stage = Mip6Ikev2AuthState::SUCCESS;
        break;
    }
    case Mip6Ikev2AuthState::SUCCESS: {
        // <-- HDR, SK {AUTH, SAr2, TSi, TSr, [CP(CFG_REPLY)]}, AUTH keyed with SK_pr (§2.16).
        auto auth = Find<Mip6IkeAuthPayload>(*inner, Mip6IkePayloadType::AUTH);
        const uint32_t spiOut = SpiOf(Find<Mip6IkeSaPayload>(*inner, Mip6IkePayloadType::SA));
        if (!auth || spiOut == 0 || auth->method != Mip6IkeAuthPayload::SHARED_KEY_MIC ||
            auth->data != Mip6IkeSharedKeyAuth(
                              m_sa->keys.skPr,
                              Mip6IkeSignedOctets(m_sa->msg2, m_sa->ni, m_sa->keys.skPr, st.idr)))
        {
            FailAuth(auth && spiOut ? "bad-auth" : "malformed");
            return;
        }
        if (!CheckTransportMode(*inner) || !CheckCpReply(*inner))
        {
            return;
        }
        const std::string err =
            m_design->InstallChildSa(m_sad, *m_sa, true, m_childSpiIn, spiOut, m_hoa, m_ha);
        NS_ABORT_MSG_IF(!err.empty(), "ipsec-ikev2: " << err);
        st.stage = Mip6Ikev2AuthState::DONE;
        // The next request of this IKE SA follows the three IKE_AUTH exchanges (Message ID 4).
        AuthEstablished(st.messageId + 1);
        return;
    }
    default:
        Drop("unexpected");
        return;
    }
    m_exchangeTrace(Mip6IkeHeader::IKE_AUTH, true);
    st.messageId++;
    outer.header.messageId = st.messageId;
    auto wire = m_sa->skI->Seal(outer, next);
    NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
    SendRequest(wire.Value(), Mip6IkeHeader::IKE_AUTH);
}

// ---------------------------------------------------------------------------------------------
// HA side (responder)

uint32_t
Mip6Ikev2HaSide::GetPadRefusals() const
{
    return m_padRefusals;
}

uint32_t
Mip6Ikev2HaSide::GetTransportModeRefusals() const
{
    return m_transportRefusals;
}

void
Mip6Ikev2HaSide::ProvisionHomeAddress(uint32_t mnId, Ipv6Address hoa)
{
    // RFC 4301 §4.4.3: the operator's PAD entry for the MN's (default) identity.
    const std::string identity = Mip6Ikev2Design::DefaultIdentity(mnId);
    if (m_design && !hoa.IsAny() && !m_design->LookupPad(identity))
    {
        m_design->AddPadEntry(identity, hoa);
    }
}

std::optional<Mip6Bytes>
Mip6Ikev2HaSide::RefuseAuth(Mip6Ikev2Sa& sa,
                            const Mip6IkeHeader& hdr,
                            const std::vector<Ptr<Mip6IkePayload>>& payloads,
                            const std::string& reason)
{
    // RFC 7296 §2.21.2: <-- HDR, SK {[EAP(Failure),] N(error)}. After TS_UNACCEPTABLE the IKE
    // SA could live on without a Child SA; an RFC 4877 IKE SA without its BU/BA SA has no use, so
    // it goes too (as strongSwan deletes an IKE SA whose first Child SA failed).
    if (ErrorNotify(payloads) == Mip6IkeNotifyPayload::AUTHENTICATION_FAILED)
    {
        m_authFailures++;
    }
    m_drops++;
    m_dropTrace(reason);
    Mip6IkeMessage outer;
    outer.header = hdr;
    outer.header.flags = Mip6IkeHeader::FLAG_RESPONSE;
    auto wire = sa.skR->Seal(outer, payloads);
    NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
    const uint64_t spi = sa.spiI;
    m_sas.erase(spi);
    return wire.Value();
}

uint16_t
Mip6Ikev2HaSide::CheckPad(Mip6Ikev2Sa& sa,
                          const Mip6IkeIdPayload& idi,
                          const Mip6IkeTsPayload& tsi,
                          Ipv6Address& hoa)
{
    // RFC 4301 §4.4.3: the PAD links an authenticated IKE identity to the Child SA selectors it
    // may ask for; RFC 4877 §5: the HA checks that the MN's identity owns the HoA in TSi.
    if (!sa.auth)
    {
        sa.auth = std::make_shared<Mip6Ikev2AuthState>();
    }
    sa.auth->identity.assign(idi.data.begin(), idi.data.end());
    auto pad = m_design->LookupPad(sa.auth->identity);
    if (!pad)
    {
        // RFC 4301 §4.4.3.4: no PAD entry for the identity: not authorised at all.
        m_padRefusals++;
        return Mip6IkeNotifyPayload::AUTHENTICATION_FAILED;
    }
    // RFC 7296 §2.9: the responder narrows TSi to the HoA when TSi covers it (with CP, TSi asks
    // for any address); otherwise TS_UNACCEPTABLE (§3.10.1: "none of the traffic selectors are
    // acceptable").
    const Mip6Bytes want = AddressBytes(*pad);
    for (const auto& s : tsi.selectors)
    {
        if (s.type == Mip6IkeTrafficSelector::TS_IPV6_ADDR_RANGE && s.startAddress.size() == 16 &&
            s.endAddress.size() == 16 && (s.protocol == 0 || s.protocol == 135) &&
            s.startAddress <= want && want <= s.endAddress)
        {
            hoa = *pad;
            sa.auth->hoa = *pad;
            return 0;
        }
    }
    m_padRefusals++;
    NS_LOG_INFO("ipsec-ikev2 HA: " << sa.auth->identity << " asked for a HoA other than " << *pad);
    return TS_UNACCEPTABLE;
}

Ptr<Mip6IkePayload>
Mip6Ikev2HaSide::MakeCpReply(const std::vector<Ptr<Mip6IkePayload>>& inner, Ipv6Address hoa) const
{
    // RFC 7296 §3.15.1, RFC 4877 §9: CFG_REPLY INTERNAL_IP6_ADDRESS = HoA ‖ prefix length.
    auto req = Find<Mip6IkeCpPayload>(inner, Mip6IkePayloadType::CP);
    if (!req || req->cfgType != Mip6IkeCpPayload::CFG_REQUEST ||
        std::none_of(req->attributes.begin(), req->attributes.end(), [](const auto& a) {
            return a.type == Mip6IkeConfigAttribute::INTERNAL_IP6_ADDRESS;
        }))
    {
        return nullptr;
    }
    Ptr<Mip6IkeCpPayload> cp = Create<Mip6IkeCpPayload>();
    cp->cfgType = Mip6IkeCpPayload::CFG_REPLY;
    Mip6Bytes value = AddressBytes(hoa);
    value.push_back(HOME_PREFIX_LENGTH);
    cp->attributes.push_back({Mip6IkeConfigAttribute::INTERNAL_IP6_ADDRESS, value});
    return cp;
}

std::optional<Mip6Verdict>
Mip6Ikev2HaSide::CheckBuIdentity(Ptr<const Packet> mh, const Mip6RxContext& ctx)
{
    // RFC 4877 §5 / RFC 4301 §4.4.3: a BU verified by a Child SA must be for the HoA that SA's
    // IKE identity was authorised for.
    Mip6EspRxTag tag;
    if (ctx.mhType != Mip6Header::BU || !mh->PeekPacketTag(tag) || tag.spi == 0)
    {
        return std::nullopt;
    }
    const Ipv6Address claimed = ctx.hao.value_or(ctx.src);
    for (const auto& [spi, sa] : m_sas)
    {
        if (sa.established && sa.auth && sa.auth->childSpiIn == tag.spi)
        {
            if (claimed == sa.hoa)
            {
                return std::nullopt;
            }
            m_padRefusals++;
            m_drops++;
            m_dropTrace("pad-mismatch");
            NS_LOG_INFO("ipsec-ikev2 HA: BU for " << claimed << " in the SA of "
                                                  << sa.auth->identity << " (" << sa.hoa << ")");
            return Mip6Verdict::Reject("pad-mismatch");
        }
    }
    return std::nullopt;
}

std::optional<Mip6Bytes>
Mip6Ikev2HaSide::HandleEapAuth(Mip6Ikev2Sa& sa,
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
    if (!sa.auth)
    {
        sa.auth = std::make_shared<Mip6Ikev2AuthState>();
    }
    Mip6Ikev2AuthState& st = *sa.auth;
    Mip6IkeMessage outer;
    outer.header = hdr;
    outer.header.flags = Mip6IkeHeader::FLAG_RESPONSE;
    std::vector<Ptr<Mip6IkePayload>> reply;
    auto eap = Find<Mip6IkeEapPayload>(*inner, Mip6IkePayloadType::EAP);
    if (hdr.messageId == 1 && st.stage == Mip6Ikev2AuthState::FIRST)
    {
        auto idi = Find<Mip6IkeIdPayload>(*inner, Mip6IkePayloadType::IDI);
        auto tsi = Find<Mip6IkeTsPayload>(*inner, Mip6IkePayloadType::TSI);
        const uint32_t spiOut = SpiOf(Find<Mip6IkeSaPayload>(*inner, Mip6IkePayloadType::SA));
        if (!idi || !tsi || tsi->selectors.empty() || spiOut == 0)
        {
            return RefuseAuth(sa,
                              hdr,
                              {Notify(Mip6IkeNotifyPayload::INVALID_SYNTAX)},
                              "invalid-syntax");
        }
        if (PeekPointer(Find<Mip6IkePayload>(*inner, Mip6IkePayloadType::AUTH)) != nullptr)
        {
            // The MN authenticates with a PSK where this HA wants EAP (§2.16).
            return RefuseAuth(sa,
                              hdr,
                              {Notify(Mip6IkeNotifyPayload::AUTHENTICATION_FAILED)},
                              "authentication-failed");
        }
        st.idi = *idi;
        st.identity.assign(idi->data.begin(), idi->data.end());
        st.childSpiOut = spiOut;
        st.tsi = tsi;
        st.cpRequested =
            PeekPointer(Find<Mip6IkeCpPayload>(*inner, Mip6IkePayloadType::CP)) != nullptr;
        st.transportMode = Mip6IkeHasNotify(*inner, Mip6IkeNotifyPayload::USE_TRANSPORT_MODE);
        auto cert = Mip6Certificate::FromPem(
            m_certificatePem.empty() ? Mip6TestPki::HaCertificatePem() : m_certificatePem);
        NS_ABORT_MSG_UNLESS(cert, "ipsec-ikev2: HA certificate: " << cert.GetError());
        auto key = Mip6EcdsaP256Key::FromPem(m_keyPem.empty() ? Mip6TestPki::HaKeyPem() : m_keyPem);
        NS_ABORT_MSG_UNLESS(key, "ipsec-ikev2: HA key: " << key.GetError());
        // <-- HDR, SK {IDr, CERT, AUTH, EAP(Request/MD5-Challenge)} (RFC 7296 §2.16). IDr is the
        // certificate's name; AUTH method 9 (RFC 4754 §7): r ‖ s of ECDSA-SHA-256 over the
        // responder's signed octets (§2.15).
        st.idr = IdOf(cert.Value().GetSubjectCommonName(), true);
        Ptr<Mip6IkeCertPayload> certP = Create<Mip6IkeCertPayload>(false);
        certP->encoding = Mip6IkeCertPayload::X509_SIGNATURE;
        certP->data = cert.Value().GetDer();
        Ptr<Mip6IkeAuthPayload> auth = Create<Mip6IkeAuthPayload>();
        auth->method = Mip6IkeAuthPayload::ECDSA_SHA256_P256;
        auto sig = key.Value().SignRaw(Mip6IkeSignedOctets(sa.msg2, sa.ni, sa.keys.skPr, st.idr));
        NS_ABORT_MSG_UNLESS(sig, "ipsec-ikev2: signing: " << sig.GetError());
        auth->data = sig.Value();
        st.eapIdentifier = Mip6CryptoRandom::Bytes(1)[0];
        st.challenge = Mip6CryptoRandom::Bytes(16);
        reply = {Create<Mip6IkeIdPayload>(st.idr),
                 certP,
                 auth,
                 Eap(EAP_REQUEST,
                     st.eapIdentifier,
                     EAP_MD5_CHALLENGE,
                     Mip6IkeEapMd5TypeData(st.challenge))};
        st.stage = Mip6Ikev2AuthState::CHALLENGE;
    }
    else if (hdr.messageId == 2 && st.stage == Mip6Ikev2AuthState::CHALLENGE)
    {
        // RFC 3748 §5.4: the Response must answer this Request with MD5(id ‖ secret ‖ chal).
        auto value = eap && eap->code == EAP_RESPONSE && eap->eapType == EAP_MD5_CHALLENGE &&
                             eap->identifier == st.eapIdentifier
                         ? Mip6IkeEapMd5ParseValue(eap->data)
                         : std::nullopt;
        if (!value || *value != Mip6IkeEapMd5Value(st.eapIdentifier,
                                                   Mip6BytesFromString(m_design->GetEapSecret()),
                                                   st.challenge))
        {
            // §2.16: EAP-Failure ends it; AUTHENTICATION_FAILED tells the initiator why.
            return RefuseAuth(sa,
                              hdr,
                              {Eap(EAP_FAILURE, st.eapIdentifier),
                               Notify(Mip6IkeNotifyPayload::AUTHENTICATION_FAILED)},
                              "eap-failure");
        }
        reply = {Eap(EAP_SUCCESS, st.eapIdentifier)};
        st.stage = Mip6Ikev2AuthState::SUCCESS;
    }
    else if (hdr.messageId == 3 && st.stage == Mip6Ikev2AuthState::SUCCESS)
    {
        // HDR, SK {AUTH} keyed with SK_pi (§2.16: EAP-MD5 derives no MSK).
        auto auth = Find<Mip6IkeAuthPayload>(*inner, Mip6IkePayloadType::AUTH);
        if (!auth || auth->method != Mip6IkeAuthPayload::SHARED_KEY_MIC ||
            auth->data !=
                Mip6IkeSharedKeyAuth(sa.keys.skPi,
                                     Mip6IkeSignedOctets(sa.msg1, sa.nr, sa.keys.skPi, st.idi)))
        {
            return RefuseAuth(sa,
                              hdr,
                              {Notify(Mip6IkeNotifyPayload::AUTHENTICATION_FAILED)},
                              "authentication-failed");
        }
        if (!st.transportMode)
        {
            // RFC 7296 §1.3.1, §3.10.1: SAi2 came without USE_TRANSPORT_MODE (as in HandleAuth).
            m_transportRefusals++;
            return RefuseAuth(sa,
                              hdr,
                              {Notify(Mip6IkeNotifyPayload::NO_PROPOSAL_CHOSEN)},
                              "transport-mode-required");
        }
        Ipv6Address hoa;
        if (const uint16_t refused = CheckPad(sa, st.idi, *st.tsi, hoa))
        {
            return RefuseAuth(sa, hdr, {Notify(refused)}, "pad-refused");
        }
        const uint32_t spiIn = RandomSpi32();
        const std::string err =
            m_design->InstallChildSa(m_sad, sa, false, spiIn, st.childSpiOut, m_ha, hoa);
        NS_ABORT_MSG_IF(!err.empty(), "ipsec-ikev2: " << err);
        st.childSpiIn = spiIn;
        sa.hoa = hoa;
        sa.peer = from;
        sa.established = true;
        m_design->ExportIkeSa(sa);
        // <-- HDR, SK {AUTH, SAr2, TSi, TSr, [CP(CFG_REPLY)]}, AUTH keyed with SK_pr.
        Ptr<Mip6IkeAuthPayload> authR = Create<Mip6IkeAuthPayload>();
        authR->method = Mip6IkeAuthPayload::SHARED_KEY_MIC;
        authR->data =
            Mip6IkeSharedKeyAuth(sa.keys.skPr,
                                 Mip6IkeSignedOctets(sa.msg2, sa.ni, sa.keys.skPr, st.idr));
        reply = {authR,
                 m_design->MakeEspProposal(spiIn),
                 MhRange(hoa, hoa, false),
                 MhRange(m_ha, m_ha, true)};
        if (st.cpRequested)
        {
            Ptr<Mip6IkeCpPayload> req = Create<Mip6IkeCpPayload>();
            req->attributes.push_back({Mip6IkeConfigAttribute::INTERNAL_IP6_ADDRESS, {}});
            reply.push_back(MakeCpReply({req}, hoa));
        }
        if (m_transportModeNotify)
        {
            reply.push_back(Notify(Mip6IkeNotifyPayload::USE_TRANSPORT_MODE)); // §1.3.1
        }
        st.stage = Mip6Ikev2AuthState::DONE;
    }
    else
    {
        return Drop("unexpected");
    }
    auto wire = sa.skR->Seal(outer, reply);
    NS_ABORT_MSG_IF(!wire, "ipsec-ikev2: " << wire.GetError());
    sa.lastRequestId = hdr.messageId;
    sa.lastResponse = wire.Value();
    return wire.Value();
}

} // namespace ns3
