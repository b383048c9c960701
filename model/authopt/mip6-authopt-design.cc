/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-authopt-design.h"

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/integer.h"
#include "ns3/log.h"
#include "ns3/mip6-mac.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <cstdio>
#include <cstdlib>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6AuthOptDesign");

NS_OBJECT_ENSURE_REGISTERED(Mip6AuthOptMnSecurity);
NS_OBJECT_ENSURE_REGISTERED(Mip6AuthOptHaSecurity);
NS_OBJECT_ENSURE_REGISTERED(Mip6AuthOptDesign);

namespace
{

/// How many sent BUs the MN remembers to match BAs' MESG-ID echoes.
const size_t kSentMemory = 16;
const uint64_t kHigh32 = 0xffffffff00000000ULL;
const uint64_t kLow32 = 0x00000000ffffffffULL;

/// Parses a hex key attribute; aborts on a configuration error.
Mip6Bytes
KeyFromHex(const std::string& hex, const std::string& what)
{
    auto r = Mip6FromHex(hex);
    NS_ABORT_MSG_IF(!r, what << ": not a hex string: " << hex);
    NS_ABORT_MSG_IF(r.Value().empty(), what << ": empty key");
    return r.Value();
}

/// The bytes of a packet.
std::vector<uint8_t>
BytesOf(Ptr<const Packet> p)
{
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

/// The Alternate CoA of a serialised BU (walks the options; never trusts a length).
std::optional<Ipv6Address>
AltCoaOf(const std::vector<uint8_t>& mh)
{
    const auto fixed = Mip6Header::GetMessageDataSizeOfType(Mip6Header::BU);
    for (size_t off = 6 + *fixed; off < mh.size();)
    {
        if (mh[off] == Mip6OptionType::PAD1)
        {
            off++;
            continue;
        }
        if (off + 2 > mh.size() || off + 2 + mh[off + 1] > mh.size())
        {
            return std::nullopt;
        }
        if (mh[off] == Mip6OptionType::ALTERNATE_COA && mh[off + 1] == 16)
        {
            return Ipv6Address::Deserialize(&mh[off + 2]);
        }
        off += 2 + mh[off + 1];
    }
    return std::nullopt;
}

} // namespace

// ------------------------------------------------------------------------------------------
// Configuration

Mip6Bytes
Mip6AuthOptConfig::DeriveKey(const std::string& label, const std::string& nai) const
{
    const std::string input = label + nai;
    auto mac = Mip6Hmac(Mip6HashAlgorithm::SHA256,
                        masterSecret,
                        reinterpret_cast<const uint8_t*>(input.data()),
                        input.size());
    NS_ABORT_MSG_IF(!mac, "key derivation failed");
    Mip6Bytes key = mac.Value();
    key.resize(16); // RFC 4285 §5.1: the MN-HA key is 16 octets
    return key;
}

uint32_t
Mip6AuthOptConfig::DeriveSpi(const std::string& nai) const
{
    const std::string input = "SPI" + nai;
    auto mac = Mip6Hmac(Mip6HashAlgorithm::SHA256,
                        masterSecret,
                        reinterpret_cast<const uint8_t*>(input.data()),
                        input.size());
    NS_ABORT_MSG_IF(!mac, "SPI derivation failed");
    const Mip6Bytes& m = mac.Value();
    const uint64_t v =
        (uint64_t(m[0]) << 24) | (uint64_t(m[1]) << 16) | (uint64_t(m[2]) << 8) | uint64_t(m[3]);
    const uint64_t range = (uint64_t{1} << 32) - (Mip6AuthOpt::RESERVED_SPI_MAX + 1);
    return static_cast<uint32_t>(Mip6AuthOpt::RESERVED_SPI_MAX + 1 + v % range);
}

// ------------------------------------------------------------------------------------------
// MN side

TypeId
Mip6AuthOptMnSecurity::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6AuthOptMnSecurity")
            .SetParent<Mip6MnSecurity>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6AuthOptMnSecurity>()
            .AddAttribute("Nai",
                          "The MN's NAI for the MN-ID option (RFC 4283). Empty: "
                          "mn<node id, 3 digits>@home.arpa (15 characters below node 1000).",
                          StringValue(""),
                          MakeStringAccessor(&Mip6AuthOptMnSecurity::m_nai),
                          MakeStringChecker())
            .AddAttribute("MnHaKey",
                          "The MN-HA key, hex. Empty: derived from the design's MasterSecret "
                          "and the NAI (as the HA derives it).",
                          StringValue(""),
                          MakeStringAccessor(&Mip6AuthOptMnSecurity::m_mnHaKeyHex),
                          MakeStringChecker())
            .AddAttribute("MnAaaKey",
                          "The MN-AAA key, hex (MN-AAA variant). Empty: derived like MnHaKey.",
                          StringValue(""),
                          MakeStringAccessor(&Mip6AuthOptMnSecurity::m_mnAaaKeyHex),
                          MakeStringChecker())
            .AddAttribute("Spi",
                          "The MN-HA mobility SPI. 0: derived from the MasterSecret and NAI.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&Mip6AuthOptMnSecurity::m_spiAttr),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("ClockSkewMax",
                          "The MN's clock offset is drawn uniformly in [-ClockSkewMax, "
                          "+ClockSkewMax] at Setup from its own stream. 0: use ClockOffset.",
                          TimeValue(Seconds(2)),
                          MakeTimeAccessor(&Mip6AuthOptMnSecurity::m_clockSkewMax),
                          MakeTimeChecker())
            .AddAttribute("ClockOffset",
                          "The MN's clock minus the HA's (the simulation time). Used as is "
                          "when ClockSkewMax is 0; setting it later models a clock jump.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Mip6AuthOptMnSecurity::m_clockOffset),
                          MakeTimeChecker())
            .AddTraceSource("Reject",
                            "A BA refused by the MN (bad or missing AUTH, MESG-ID mismatch, "
                            "malformed option) and the reason.",
                            MakeTraceSourceAccessor(&Mip6AuthOptMnSecurity::m_rejectTrace),
                            "ns3::Mip6AuthOptMnSecurity::RejectTracedCallback")
            .AddTraceSource("Resync",
                            "The MN adopted the HA's clock from a 144 BA: old and new offset.",
                            MakeTraceSourceAccessor(&Mip6AuthOptMnSecurity::m_resyncTrace),
                            "ns3::Mip6AuthOptMnSecurity::ResyncTracedCallback");
    return tid;
}

Mip6AuthOptMnSecurity::Mip6AuthOptMnSecurity()
    : m_clockRng(CreateObject<UniformRandomVariable>())
{
}

void
Mip6AuthOptMnSecurity::SetConfig(const Mip6AuthOptConfig& config)
{
    m_config = config;
}

int64_t
Mip6AuthOptMnSecurity::AssignStreams(int64_t stream)
{
    m_clockRng->SetStream(stream);
    m_streamAssigned = true;
    return 1;
}

void
Mip6AuthOptMnSecurity::SetStreamBase(int64_t base)
{
    m_streamBase = base;
}

void
Mip6AuthOptMnSecurity::Setup(Ptr<Node> node, Ipv6Address hoa, Ipv6Address ha)
{
    Mip6MnSecurity::Setup(node, hoa, ha);
    if (m_nai.empty())
    {
        char buf[32];
        std::snprintf(buf, sizeof(buf), "mn%03u@home.arpa", node->GetId());
        m_nai = buf;
    }
    m_mnHaKey = m_mnHaKeyHex.empty() ? m_config.DeriveKey("MN-HA", m_nai)
                                     : KeyFromHex(m_mnHaKeyHex, "MnHaKey");
    m_mnAaaKey = m_mnAaaKeyHex.empty() ? m_config.DeriveKey("MN-AAA", m_nai)
                                       : KeyFromHex(m_mnAaaKeyHex, "MnAaaKey");
    m_spi = m_spiAttr != 0 ? m_spiAttr : m_config.DeriveSpi(m_nai);
    if (m_clockSkewMax.IsStrictlyPositive())
    {
        // Each MN draws from its own stream: the design's base plus the node id, unless
        // AssignStreams fixed it; the mobility and channel streams are untouched.
        if (!m_streamAssigned)
        {
            m_clockRng->SetStream(m_streamBase + node->GetId());
        }
        const double max = m_clockSkewMax.GetSeconds();
        m_clockOffset = Seconds(m_clockRng->GetValue(-max, max));
    }
    NS_LOG_INFO("authopt MN " << m_nai << " spi " << m_spi << " clock offset "
                              << m_clockOffset.As(Time::S));
}

void
Mip6AuthOptMnSecurity::DoDispose()
{
    m_clockRng = nullptr;
    Mip6MnSecurity::DoDispose();
}

Time
Mip6AuthOptMnSecurity::GetClock() const
{
    return Simulator::Now() + m_clockOffset;
}

uint64_t
Mip6AuthOptMnSecurity::NextMesgId()
{
    // RFC 4285 §6: the timestamp of the MN's clock, strictly increasing.
    uint64_t id = Mip6AuthOpt::ToNtp(GetClock());
    if (id <= m_lastMesgId)
    {
        id = m_lastMesgId + 1;
    }
    m_lastMesgId = id;
    return id;
}

void
Mip6AuthOptMnSecurity::DecorateBindingUpdate(Mip6BindingUpdateHeader& bu,
                                             const Mip6SignalingContext& ctx)
{
    // RFC 4285 §4/§5 (and RFC 4283 §3): MN-ID, then MESG-ID, then AUTH, which comes last and
    // covers CoA ‖ HoA ‖ the MH up to its SPI with checksum 0.
    bu.AddOption(Mip6AuthOpt::MnIdNai(m_nai));
    std::optional<uint64_t> mesgId;
    if (m_config.mesgId)
    {
        mesgId = NextMesgId();
        bu.AddOption(Mip6AuthOpt::MesgId(*mesgId));
    }
    const bool aaa = m_config.authSubtype == Mip6AuthOpt::AUTH_SUBTYPE_MN_AAA;
    bu.AddOption(Mip6AuthOpt::Auth(m_config.authSubtype, aaa ? Mip6AuthOpt::HMAC_SHA1_SPI : m_spi));
    Mip6AuthOpt::FillAuthenticator(bu, aaa ? m_mnAaaKey : m_mnHaKey, ctx.coa, ctx.hoa);
    m_sent.emplace_back(bu.GetSequence(), mesgId);
    while (m_sent.size() > kSentMemory)
    {
        m_sent.pop_front();
    }
}

Mip6Verdict
Mip6AuthOptMnSecurity::Reject(Ptr<const Packet> mh, const std::string& reason)
{
    NS_LOG_INFO("authopt MN " << m_nai << " refuses a BA: " << reason);
    m_rejects[reason]++;
    m_rejectTrace(mh, reason);
    return Mip6Verdict::Reject(reason);
}

Mip6Verdict
Mip6AuthOptMnSecurity::ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx)
{
    // RFC 4285 protects BU and BA only; BE and BRR are taken as RFC 6275 defines them.
    if (ctx.mhType != Mip6Header::BA)
    {
        return Mip6Verdict::Accept();
    }
    const std::vector<uint8_t> bytes = BytesOf(mh);
    Mip6AuthOpt::Decoded d;
    const std::string error = Mip6AuthOpt::Decode(bytes.data(), bytes.size(), d);
    if (!error.empty())
    {
        return Reject(mh, error);
    }
    // RFC 4285 §5.1: the BA carries the MN-HA option (also when the BU carried MN-AAA).
    if (!d.hasAuth)
    {
        return Reject(mh, "auth-missing");
    }
    if (d.authSubtype != Mip6AuthOpt::AUTH_SUBTYPE_MN_HA)
    {
        return Reject(mh, "unexpected-auth-subtype");
    }
    if (d.spi != m_spi)
    {
        return Reject(mh, "unknown-spi");
    }
    const Ipv6Address coa = ctx.dst;
    const Ipv6Address hoa = ctx.rh2.value_or(ctx.dst);
    const Mip6Bytes expected = Mip6AuthOpt::ComputeAuthenticator(Mip6AuthOpt::AUTH_SUBTYPE_MN_HA,
                                                                 m_mnHaKey,
                                                                 coa,
                                                                 hoa,
                                                                 bytes.data(),
                                                                 d.macEnd);
    if (!Mip6ConstantTimeEqual(expected, d.authenticator))
    {
        return Reject(mh, "auth-failed");
    }
    if (m_config.mesgId)
    {
        // §6.1: the BA echoes the BU's MESG-ID; under 144 only its low 32 bits (the high 32
        // carry the HA's time).
        if (!d.mesgId)
        {
            return Reject(mh, "mesg-id-missing");
        }
        Mip6BindingAckHeader ba;
        mh->PeekHeader(ba);
        auto it = std::find_if(m_sent.rbegin(), m_sent.rend(), [&ba](const auto& s) {
            return s.first == ba.GetSequence();
        });
        if (it == m_sent.rend() || !it->second)
        {
            return Reject(mh, "mesg-id-mismatch");
        }
        const bool mismatch = ba.GetStatus() == Mip6BaStatus::MIPV6_ID_MISMATCH;
        const uint64_t mask = mismatch ? kLow32 : ~uint64_t{0};
        if ((*d.mesgId & mask) != (*it->second & mask))
        {
            return Reject(mh, "mesg-id-mismatch");
        }
        if (ba.GetStatus() < 128)
        {
            m_lastAcceptedMesgId = std::max(m_lastAcceptedMesgId, *it->second);
            m_resyncsSinceAccept = 0;
        }
    }
    return Mip6Verdict::Accept();
}

void
Mip6AuthOptMnSecurity::RecoverFromRejection(const Mip6BindingAckHeader& ba,
                                            Callback<void, bool> done)
{
    // RFC 4285 §6.1: after MIPV6-ID-MISMATCH the MN takes the HA's time from the BA's MESG-ID
    // (high 32 bits: seconds) and sends a new BU. ReceiveSignaling verified the BA already.
    const Mip6Option* opt = ba.FindOption(Mip6OptionType::MESG_ID);
    if (ba.GetStatus() != Mip6BaStatus::MIPV6_ID_MISMATCH || !m_config.mesgId || !opt ||
        opt->GetData().size() != 8)
    {
        done(false);
        return;
    }
    if (m_resyncsSinceAccept >= 2)
    {
        // Two resynchronisations did not help: leave the retry to the core's back-off rather
        // than answer every 144 with a new BU at once.
        NS_LOG_WARN("authopt MN " << m_nai << ": 144 again after resynchronising; back off");
        done(false);
        return;
    }
    m_resyncsSinceAccept++;
    uint64_t v = 0;
    for (uint8_t b : opt->GetData())
    {
        v = (v << 8) | b;
    }
    const Time haClock = Mip6AuthOpt::FromNtp(v & kHigh32);
    const Time oldOffset = m_clockOffset;
    m_clockOffset = haClock - Simulator::Now();
    // The MESG-IDs sent with the wrong clock no longer bound the next one; the last one the HA
    // accepted still does (the HA wants every MESG-ID above it): a clock that was accepted ahead
    // of the HA's, inside the window, and then jumped out of it would otherwise be refused as a
    // replay, BU after BU, until the HA's clock caught up.
    m_lastMesgId = m_lastAcceptedMesgId;
    m_resyncs++;
    NS_LOG_INFO("authopt MN " << m_nai << " resynchronised: offset " << oldOffset.As(Time::S)
                              << " -> " << m_clockOffset.As(Time::S));
    m_resyncTrace(oldOffset, m_clockOffset);
    done(true);
}

Mip6SecurityState
Mip6AuthOptMnSecurity::GetState() const
{
    Mip6SecurityState s;
    const bool aaa = m_config.authSubtype == Mip6AuthOpt::AUTH_SUBTYPE_MN_AAA;
    s.saCount = aaa ? 2 : 1;
    s.keyBytes = m_mnHaKey.size() + (aaa ? m_mnAaaKey.size() : 0);
    s.stateBytes = m_nai.size() + 4 + s.keyBytes + (aaa ? 4 : 0) + (m_config.mesgId ? 8 : 0);
    return s;
}

std::string
Mip6AuthOptMnSecurity::GetNai() const
{
    return m_nai;
}

uint32_t
Mip6AuthOptMnSecurity::GetSpi() const
{
    return m_spi;
}

Mip6Bytes
Mip6AuthOptMnSecurity::GetMnHaKey() const
{
    return m_mnHaKey;
}

Time
Mip6AuthOptMnSecurity::GetClockOffset() const
{
    return m_clockOffset;
}

uint32_t
Mip6AuthOptMnSecurity::GetResyncCount() const
{
    return m_resyncs;
}

uint32_t
Mip6AuthOptMnSecurity::GetRejectCount(const std::string& reason) const
{
    auto it = m_rejects.find(reason);
    return it == m_rejects.end() ? 0 : it->second;
}

// ------------------------------------------------------------------------------------------
// HA side

TypeId
Mip6AuthOptHaSecurity::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6AuthOptHaSecurity")
            .SetParent<Mip6HaSecurity>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6AuthOptHaSecurity>()
            .AddTraceSource("Reject",
                            "A BU refused by the HA (missing or bad AUTH or MN-ID, stale, "
                            "skewed or replayed MESG-ID, malformed option) and the reason.",
                            MakeTraceSourceAccessor(&Mip6AuthOptHaSecurity::m_rejectTrace),
                            "ns3::Mip6AuthOptMnSecurity::RejectTracedCallback");
    return tid;
}

void
Mip6AuthOptHaSecurity::SetConfig(const Mip6AuthOptConfig& config)
{
    m_config = config;
}

void
Mip6AuthOptHaSecurity::DoDispose()
{
    m_mns.clear();
    m_accepted.clear();
    m_reply.reset();
    Mip6HaSecurity::DoDispose();
}

void
Mip6AuthOptHaSecurity::SetMnSecret(const std::string& nai,
                                   const Mip6Bytes& mnHaKey,
                                   const Mip6Bytes& mnAaaKey,
                                   uint32_t spi)
{
    MnState& s = m_mns[nai];
    s.nai = nai;
    s.mnHaKey = mnHaKey;
    s.mnAaaKey = mnAaaKey;
    s.spi = spi;
}

Mip6AuthOptHaSecurity::MnState
Mip6AuthOptHaSecurity::Lookup(const std::string& nai) const
{
    auto it = m_mns.find(nai);
    if (it != m_mns.end())
    {
        return it->second;
    }
    MnState s;
    s.nai = nai;
    s.mnHaKey = m_config.DeriveKey("MN-HA", nai);
    s.mnAaaKey = m_config.DeriveKey("MN-AAA", nai);
    s.spi = m_config.DeriveSpi(nai);
    return s;
}

Time
Mip6AuthOptHaSecurity::GetClock() const
{
    return Simulator::Now();
}

Mip6Verdict
Mip6AuthOptHaSecurity::Reject(Ptr<const Packet> mh, const std::string& reason, uint8_t status)
{
    NS_LOG_INFO("authopt HA refuses a BU: " << reason << " (BA status " << unsigned(status) << ")");
    m_rejects[reason]++;
    m_rejectTrace(mh, reason);
    return Mip6Verdict::Reject(reason, status);
}

Mip6Verdict
Mip6AuthOptHaSecurity::ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx)
{
    if (ctx.mhType != Mip6Header::BU)
    {
        return Mip6Verdict::Accept();
    }
    const std::vector<uint8_t> bytes = BytesOf(mh);
    Mip6AuthOpt::Decoded d;
    const std::string error = Mip6AuthOpt::Decode(bytes.data(), bytes.size(), d);
    if (!error.empty())
    {
        return Reject(mh, error);
    }
    // RFC 4285 §5: an HA configured for the option drops a BU without it; RFC 4283 §3: the
    // MN-ID names the mobility security association.
    if (!d.hasAuth)
    {
        return Reject(mh, "auth-missing");
    }
    if (!d.nai)
    {
        return Reject(mh, "mn-id-missing");
    }
    MnState st = Lookup(*d.nai);
    const Ipv6Address hoa = ctx.hao.value_or(ctx.src);
    const Ipv6Address coa = AltCoaOf(bytes).value_or(ctx.src);
    // A refusal with a status is answered at once (DecorateBindingAck): it echoes this BU.
    m_reply = Pending{hoa, *d.nai, d.mesgId, false};

    // §5.1 (MN-HA, the MN's SPI) or §5.2 (MN-AAA, HMAC_SHA1_SPI; no AAA server is modelled, the
    // HA holds the MN-AAA key itself).
    const bool aaa = d.authSubtype == Mip6AuthOpt::AUTH_SUBTYPE_MN_AAA;
    if (d.spi != (aaa ? Mip6AuthOpt::HMAC_SHA1_SPI : st.spi))
    {
        return Reject(mh, "unknown-spi", Mip6BaStatus::MIPV6_AUTH_FAIL);
    }
    const Mip6Bytes expected = Mip6AuthOpt::ComputeAuthenticator(d.authSubtype,
                                                                 aaa ? st.mnAaaKey : st.mnHaKey,
                                                                 coa,
                                                                 hoa,
                                                                 bytes.data(),
                                                                 d.macEnd);
    if (!Mip6ConstantTimeEqual(expected, d.authenticator))
    {
        return Reject(mh, "auth-failed", Mip6BaStatus::MIPV6_AUTH_FAIL);
    }
    // One NAI per HoA: an authenticated MN cannot register another MN's home address.
    auto bound = m_hoaToNai.find(hoa);
    if (bound != m_hoaToNai.end() && bound->second != *d.nai)
    {
        return Reject(mh, "hoa-not-owned", Mip6BaStatus::ADMIN_PROHIBITED);
    }
    if (m_config.mesgId)
    {
        // §6: 145 without MESG-ID; 144 when it is not within the window of the HA's clock or
        // not above every value accepted before from this MN.
        if (!d.mesgId)
        {
            return Reject(mh, "mesg-id-missing", Mip6BaStatus::MIPV6_MESG_ID_REQD);
        }
        const Time skew = Mip6AuthOpt::FromNtp(*d.mesgId) - GetClock();
        if (skew > m_config.window || skew < Seconds(0) - m_config.window)
        {
            m_reply->mismatch = true;
            return Reject(mh, "mesg-id-skew", Mip6BaStatus::MIPV6_ID_MISMATCH);
        }
        if (*d.mesgId <= st.lastMesgId)
        {
            m_reply->mismatch = true;
            return Reject(mh, "mesg-id-replay", Mip6BaStatus::MIPV6_ID_MISMATCH);
        }
        st.lastMesgId = *d.mesgId;
    }
    st.seen = true;
    m_mns[*d.nai] = st;
    m_hoaToNai[hoa] = *d.nai;
    m_accepted[hoa] = *m_reply;
    m_reply.reset();
    return Mip6Verdict::Accept();
}

void
Mip6AuthOptHaSecurity::DecorateBindingAck(Mip6BindingAckHeader& ba, const Mip6SignalingContext& ctx)
{
    // A BA refusing the BU just verified echoes it; any other BA (accepted, or refused later by
    // the core, e.g. 135) echoes the last BU accepted from this HoA.
    Pending p;
    if (m_reply && m_reply->hoa == ctx.hoa && ba.GetStatus() >= 128)
    {
        p = *m_reply;
    }
    else if (auto it = m_accepted.find(ctx.hoa); it != m_accepted.end())
    {
        p = it->second;
    }
    else
    {
        NS_LOG_WARN("authopt HA: a BA for " << ctx.hoa << " without an identified BU");
        return;
    }
    m_reply.reset();
    const MnState st = Lookup(p.nai);
    // RFC 4285 §6.1: the BA echoes the MESG-ID; under 144 the high 32 bits carry the HA's time.
    if (m_config.mesgId && p.mesgId)
    {
        const uint64_t v = p.mismatch
                               ? (Mip6AuthOpt::ToNtp(GetClock()) & kHigh32) | (*p.mesgId & kLow32)
                               : *p.mesgId;
        ba.AddOption(Mip6AuthOpt::MesgId(v));
    }
    // §5.1: the BA carries the MN-HA option, last.
    ba.AddOption(Mip6AuthOpt::Auth(Mip6AuthOpt::AUTH_SUBTYPE_MN_HA, st.spi));
    Mip6AuthOpt::FillAuthenticator(ba, st.mnHaKey, ctx.coa, ctx.hoa);
}

Mip6SecurityState
Mip6AuthOptHaSecurity::GetState(Ipv6Address hoa) const
{
    Mip6SecurityState s;
    auto it = m_hoaToNai.find(hoa);
    if (it == m_hoaToNai.end())
    {
        return s;
    }
    const MnState& st = m_mns.at(it->second);
    // One mobility SA (key, SPI) per MN; the MN-AAA variant also holds the MN-AAA SA here,
    // because no AAA server is modelled.
    const bool aaa = m_config.authSubtype == Mip6AuthOpt::AUTH_SUBTYPE_MN_AAA;
    s.saCount = aaa ? 2 : 1;
    s.keyBytes = st.mnHaKey.size() + (aaa ? st.mnAaaKey.size() : 0);
    // NAI, HoA, SPI, keys, the last MESG-ID.
    s.stateBytes = st.nai.size() + 16 + 4 + s.keyBytes + (aaa ? 4 : 0) + (m_config.mesgId ? 8 : 0);
    return s;
}

uint32_t
Mip6AuthOptHaSecurity::GetRejectCount(const std::string& reason) const
{
    auto it = m_rejects.find(reason);
    return it == m_rejects.end() ? 0 : it->second;
}

uint64_t
Mip6AuthOptHaSecurity::GetLastMesgId(Ipv6Address hoa) const
{
    auto it = m_hoaToNai.find(hoa);
    return it == m_hoaToNai.end() ? 0 : m_mns.at(it->second).lastMesgId;
}

// ------------------------------------------------------------------------------------------
// Design

TypeId
Mip6AuthOptDesign::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6AuthOptDesign")
            .SetParent<Mip6SecurityDesign>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6AuthOptDesign>()
            .AddAttribute("AuthSubtype",
                          "The AUTH option the BU carries (variant key `auth`): mn-ha (RFC 4285 "
                          "§5.1, First(96, HMAC-SHA1)) or mn-aaa (§5.2, HMAC_SHA1_SPI; the HA "
                          "holds the MN-AAA key, no AAA server is modelled). BAs carry MN-HA.",
                          EnumValue(Mip6AuthOpt::AUTH_SUBTYPE_MN_HA),
                          MakeEnumAccessor(&Mip6AuthOptDesign::m_authSubtype),
                          MakeEnumChecker(Mip6AuthOpt::AUTH_SUBTYPE_MN_HA,
                                          "mn-ha",
                                          Mip6AuthOpt::AUTH_SUBTYPE_MN_AAA,
                                          "mn-aaa"))
            .AddAttribute("MesgId",
                          "Whether BU and BA carry the MESG-ID option and the HA enforces its "
                          "freshness (variant key `mesgid`): on or off (replay protection is "
                          "then the BU sequence number alone).",
                          EnumValue(1),
                          MakeEnumAccessor(&Mip6AuthOptDesign::m_mesgId),
                          MakeEnumChecker(1, "on", 0, "off"))
            .AddAttribute("MesgIdWindow",
                          "How far a MESG-ID may be from the HA's clock (RFC 4285 §6: 7 s by "
                          "default, more than 3 s).",
                          TimeValue(Seconds(7)),
                          MakeTimeAccessor(&Mip6AuthOptDesign::m_window),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("ClockSkewMax",
                          "Each MN's clock offset is drawn uniformly in [-ClockSkewMax, "
                          "+ClockSkewMax] (copied into every MN side; variant key `skew`). 2 s "
                          "by default: "
                          "network-synchronised clocks, so a default run needs no "
                          "resynchronisation; larger values model unsynchronised devices.",
                          TimeValue(Seconds(2)),
                          MakeTimeAccessor(&Mip6AuthOptDesign::m_clockSkewMax),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("ClockStreamBase",
                          "The clock-offset draw of an MN uses stream ClockStreamBase + its "
                          "node id, apart from the mobility, channel and crypto streams.",
                          IntegerValue(int64_t{1} << 41),
                          MakeIntegerAccessor(&Mip6AuthOptDesign::m_streamBase),
                          MakeIntegerChecker<int64_t>(0))
            .AddAttribute("MasterSecret",
                          "Hex secret from which the per-MN MN-HA and MN-AAA keys (16 bytes) "
                          "and MN-HA SPIs are derived from the NAI (doc/authopt.rst).",
                          StringValue("6d697036206175746f70742064656d6f"),
                          MakeStringAccessor(&Mip6AuthOptDesign::SetMasterSecretHex,
                                             &Mip6AuthOptDesign::GetMasterSecretHex),
                          MakeStringChecker());
    return tid;
}

Mip6AuthOptDesign::Mip6AuthOptDesign()
    : m_clockSkewMax(Seconds(2)),
      m_streamBase(int64_t{1} << 41)
{
}

void
Mip6AuthOptDesign::SetMasterSecretHex(std::string hex)
{
    m_masterHex = hex;
    m_config.masterSecret = KeyFromHex(hex, "MasterSecret");
}

std::string
Mip6AuthOptDesign::GetMasterSecretHex() const
{
    return m_masterHex;
}

std::string
Mip6AuthOptDesign::GetId() const
{
    return "authopt";
}

Mip6AuthOptConfig
Mip6AuthOptDesign::GetConfig() const
{
    Mip6AuthOptConfig c = m_config;
    c.authSubtype = static_cast<uint8_t>(m_authSubtype);
    c.mesgId = m_mesgId != 0;
    c.window = m_window;
    return c;
}

Ptr<Mip6MnSecurity>
Mip6AuthOptDesign::CreateMnSide()
{
    Ptr<Mip6AuthOptMnSecurity> mn = CreateObject<Mip6AuthOptMnSecurity>();
    mn->SetConfig(GetConfig());
    mn->SetAttribute("ClockSkewMax", TimeValue(m_clockSkewMax));
    mn->SetStreamBase(m_streamBase);
    return mn;
}

Ptr<Mip6HaSecurity>
Mip6AuthOptDesign::CreateHaSide()
{
    Ptr<Mip6AuthOptHaSecurity> ha = CreateObject<Mip6AuthOptHaSecurity>();
    ha->SetConfig(GetConfig());
    return ha;
}

namespace
{
/// Registers `authopt` with the factory when the library loads.
struct AuthOptDesignRegistrar
{
    AuthOptDesignRegistrar()
    {
        Mip6SecurityDesignFactory::Register(
            {"authopt",
             "ns3::Mip6AuthOptDesign",
             "RFC 4285 AUTH + MESG-ID and RFC 4283 MN-ID on BU/BA; no data protection",
             {{"auth",
               "AuthSubtype",
               {"mn-aaa", "mn-ha"},
               "mn-ha",
               "AUTH option in the BU: MN-HA or MN-AAA (the HA holds the AAA key)"},
              {"mesgid", "MesgId", {"off", "on"}, "on", "MESG-ID timestamps for replay protection"},
              {"skew",
               "ClockSkewMax",
               {"2s", "30s"},
               "2s",
               "MN clock offset range: synchronised (2s) or not (30s: most MNs resynchronise)"}}});
    }
} g_authOptDesignRegistrar;
} // namespace

} // namespace ns3
