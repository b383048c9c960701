/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mip6-processing-delay.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6ProcessingDelay");
NS_OBJECT_ENSURE_REGISTERED(Mip6ProcessingDelay);

namespace
{

/// The model of the innermost Mip6CpuScope (ns-3 runs one event at a time).
Mip6ProcessingDelay* g_current = nullptr;

/// One profile: every cost attribute, in nanoseconds (doc/processing-delay.rst, "Profiles").
struct Profile
{
    int64_t dhKeygen14;
    int64_t dhShared14;
    int64_t dhKeygen19;
    int64_t dhShared19;
    int64_t dhKeygen31;
    int64_t dhShared31;
    int64_t sign;
    int64_t verify;
    int64_t macPerOp;
    double macPerByte;
    int64_t cipherPerOp;
    double cipherPerByte;
    int64_t tlsClient;
    int64_t tlsServer;
};

/**
 * The "server" profile is crypto-bench's CPU time per operation on the reference machine (AMD
 * EPYC at 2.1 GHz, OpenSSL 3.0.19; doc/processing-delay.rst); "phone" is the same figures times
 * kPhoneFactor, the ratio of AES-256-CBC throughput (openssl speed, 1024-byte blocks) of the
 * reference machine to a Cortex-A72 (Raspberry Pi 4, a phone-class core without ARMv8 crypto
 * extensions) published in openssl/openssl issue #11377. TLS: client = ECDHE P-256 key pair +
 * shared secret + two ECDSA verifications (server certificate and ServerKeyExchange /
 * CertificateVerify); server = key pair + shared secret
 * + one ECDSA signature.
 */
Profile
MakeServerProfile()
{
    Profile p{};
    p.dhKeygen14 = 294000;
    p.dhShared14 = 2127000;
    p.dhKeygen19 = 27800;
    p.dhShared19 = 105000;
    p.dhKeygen31 = 32100;
    p.dhShared31 = 37000;
    p.sign = 22400;
    p.verify = 58700;
    // HMAC-SHA-256: 1077 ns at 64 bytes, 1712 ns at 1024 bytes.
    p.macPerByte = (1712.0 - 1077.0) / 960.0;
    p.macPerOp = static_cast<int64_t>(1077.0 - 64 * p.macPerByte + 0.5);
    // AES-128-CBC: 218 ns at 64 bytes, 968 ns at 1024 bytes.
    p.cipherPerByte = (968.0 - 218.0) / 960.0;
    p.cipherPerOp = static_cast<int64_t>(218.0 - 64 * p.cipherPerByte + 0.5);
    p.tlsClient = p.dhKeygen19 + p.dhShared19 + 2 * p.verify;
    p.tlsServer = p.dhKeygen19 + p.dhShared19 + p.sign;
    return p;
}

/// AES-256-CBC, 1024-byte blocks: 879,302 kB/s on the reference machine, 64,420 kB/s on a
/// Raspberry Pi 4 (Cortex-A72, 32-bit OpenSSL 1.1.1n; openssl/openssl issue #11377).
constexpr double kPhoneFactor = 879301.97 / 64419.87;

/// \return \p p with every cost multiplied by \p f
Profile
ScaleProfile(const Profile& p, double f)
{
    auto t = [f](int64_t ns) { return static_cast<int64_t>(ns * f + 0.5); };
    Profile s{};
    s.dhKeygen14 = t(p.dhKeygen14);
    s.dhShared14 = t(p.dhShared14);
    s.dhKeygen19 = t(p.dhKeygen19);
    s.dhShared19 = t(p.dhShared19);
    s.dhKeygen31 = t(p.dhKeygen31);
    s.dhShared31 = t(p.dhShared31);
    s.sign = t(p.sign);
    s.verify = t(p.verify);
    s.macPerOp = t(p.macPerOp);
    s.macPerByte = p.macPerByte * f;
    s.cipherPerOp = t(p.cipherPerOp);
    s.cipherPerByte = p.cipherPerByte * f;
    s.tlsClient = t(p.tlsClient);
    s.tlsServer = t(p.tlsServer);
    return s;
}

} // namespace

TypeId
Mip6ProcessingDelay::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6ProcessingDelay")
            .SetParent<Object>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6ProcessingDelay>()
            .AddAttribute("DhKeygenModp2048",
                          "CPU time to generate a DH key pair in group 14 (MODP-2048).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Mip6ProcessingDelay::m_dhKeygen14),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("DhSharedModp2048",
                          "CPU time to compute a DH shared secret in group 14 (MODP-2048), "
                          "peer value import and check included.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Mip6ProcessingDelay::m_dhShared14),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("DhKeygenEcp256",
                          "CPU time to generate a key pair in group 19 (ECP-256, NIST P-256); "
                          "also the ECDHE key pair of a TLS handshake.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Mip6ProcessingDelay::m_dhKeygen19),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("DhSharedEcp256",
                          "CPU time to compute a shared secret in group 19 (ECP-256).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Mip6ProcessingDelay::m_dhShared19),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("DhKeygenCurve25519",
                          "CPU time to generate a key pair in group 31 (Curve25519).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Mip6ProcessingDelay::m_dhKeygen31),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("DhSharedCurve25519",
                          "CPU time to compute a shared secret in group 31 (Curve25519).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Mip6ProcessingDelay::m_dhShared31),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("Sign",
                          "CPU time of one ECDSA P-256 signature (SHA-256 of the message "
                          "included).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Mip6ProcessingDelay::m_sign),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("Verify",
                          "CPU time of one ECDSA P-256 verification.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Mip6ProcessingDelay::m_verify),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MacPerOperation",
                          "Fixed CPU time of one HMAC, PRF or ICV computation or check (IKEv2 "
                          "PRF and prf+ steps, ESP and altsec ICVs, RFC 4285 AUTH).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Mip6ProcessingDelay::m_macPerOp),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MacPerByteNs",
                          "CPU time in nanoseconds per input byte of an HMAC, PRF or ICV (added to "
                          "MacPerOperation; a double because ns-3 Time has nanosecond resolution).",
                          DoubleValue(0),
                          MakeDoubleAccessor(&Mip6ProcessingDelay::m_macPerByte),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("CipherPerOperation",
                          "Fixed CPU time of one symmetric encryption or decryption (AES-CBC, "
                          "AES-GCM: ESP, IKEv2 SK, altsec).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Mip6ProcessingDelay::m_cipherPerOp),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute(
                "CipherPerByteNs",
                "CPU time in nanoseconds per byte of a symmetric encryption or decryption (added "
                "to CipherPerOperation; a double because ns-3 Time has nanosecond resolution).",
                DoubleValue(0),
                MakeDoubleAccessor(&Mip6ProcessingDelay::m_cipherPerByte),
                MakeDoubleChecker<double>(0))
            .AddAttribute("TlsClientHandshake",
                          "CPU time of the client side of a full TLS handshake (OpenSSL does it, "
                          "outside the crypto core), charged once per handshake before the "
                          "client's flight that answers the server's first flight.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Mip6ProcessingDelay::m_tlsClient),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("TlsServerHandshake",
                          "CPU time of the server side of a full TLS handshake, charged once "
                          "per handshake before the server's first flight.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Mip6ProcessingDelay::m_tlsServer),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("Operation",
                            "An operation was charged: its name, its cost and when it finishes "
                            "on this CPU.",
                            MakeTraceSourceAccessor(&Mip6ProcessingDelay::m_operationTrace),
                            "ns3::Mip6ProcessingDelay::OperationTracedCallback");
    return tid;
}

Mip6ProcessingDelay::Mip6ProcessingDelay() = default;

Ptr<Mip6ProcessingDelay>
Mip6ProcessingDelay::Install(Ptr<Node> node)
{
    NS_ABORT_MSG_IF(!node, "Mip6ProcessingDelay::Install: no node");
    Ptr<Mip6ProcessingDelay> m = node->GetObject<Mip6ProcessingDelay>();
    if (!m)
    {
        m = CreateObject<Mip6ProcessingDelay>();
        node->AggregateObject(m);
    }
    return m;
}

Ptr<Mip6ProcessingDelay>
Mip6ProcessingDelay::Get(Ptr<Node> node)
{
    return node ? node->GetObject<Mip6ProcessingDelay>() : nullptr;
}

void
Mip6ProcessingDelay::WhenIdle(Ptr<Node> node, std::function<void()> fn)
{
    Ptr<Mip6ProcessingDelay> m = Get(node);
    if (!m || !m->IsBusy())
    {
        fn(); // no model or an idle CPU: no event, the event order of a run without the model
        return;
    }
    Simulator::Schedule(m->m_busyUntil - Simulator::Now(), std::move(fn));
}

void
Mip6ProcessingDelay::SendToWhenIdle(Ptr<Socket> socket, Ptr<Packet> packet, const Address& to)
{
    WhenIdle(socket->GetNode(), [socket, packet, to]() { socket->SendTo(packet, 0, to); });
}

void
Mip6ProcessingDelay::ChargeCurrent(const std::string& op, Time cost)
{
    if (g_current != nullptr)
    {
        g_current->Charge(op, cost);
    }
}

Time
Mip6ProcessingDelay::GetDhKeygenCost(Mip6DhGroup group) const
{
    switch (group)
    {
    case Mip6DhGroup::MODP_2048:
        return m_dhKeygen14;
    case Mip6DhGroup::ECP_256:
        return m_dhKeygen19;
    case Mip6DhGroup::CURVE25519:
        return m_dhKeygen31;
    }
    return Seconds(0);
}

Time
Mip6ProcessingDelay::GetDhSharedCost(Mip6DhGroup group) const
{
    switch (group)
    {
    case Mip6DhGroup::MODP_2048:
        return m_dhShared14;
    case Mip6DhGroup::ECP_256:
        return m_dhShared19;
    case Mip6DhGroup::CURVE25519:
        return m_dhShared31;
    }
    return Seconds(0);
}

Time
Mip6ProcessingDelay::GetMacCost(uint64_t bytes) const
{
    return m_macPerOp + NanoSeconds(static_cast<int64_t>(m_macPerByte * bytes + 0.5));
}

Time
Mip6ProcessingDelay::GetCipherCost(uint64_t bytes) const
{
    return m_cipherPerOp + NanoSeconds(static_cast<int64_t>(m_cipherPerByte * bytes + 0.5));
}

Time
Mip6ProcessingDelay::GetSignCost() const
{
    return m_sign;
}

Time
Mip6ProcessingDelay::GetVerifyCost() const
{
    return m_verify;
}

Time
Mip6ProcessingDelay::GetTlsHandshakeCost(bool server) const
{
    return server ? m_tlsServer : m_tlsClient;
}

Time
Mip6ProcessingDelay::Charge(const std::string& op, Time cost)
{
    NS_ABORT_MSG_IF(cost.IsStrictlyNegative(),
                    "Mip6ProcessingDelay: negative cost " << cost << " for " << op);
    const Time now = Simulator::Now();
    const Time start = std::max(now, m_busyUntil);
    const Time finish = start + cost;
    if (cost.IsStrictlyPositive())
    {
        m_busyUntil = finish;
    }
    m_total += cost;
    m_operations++;
    NS_LOG_LOGIC(op << " " << cost << " finishes at " << finish);
    m_operationTrace(op, cost, finish);
    return finish;
}

bool
Mip6ProcessingDelay::IsBusy() const
{
    return m_busyUntil > Simulator::Now();
}

Time
Mip6ProcessingDelay::GetBusyUntil() const
{
    return m_busyUntil;
}

Time
Mip6ProcessingDelay::GetTotalCharged() const
{
    return m_total;
}

uint64_t
Mip6ProcessingDelay::GetOperationCount() const
{
    return m_operations;
}

bool
Mip6ProcessingDelay::IsKnownProfile(const std::string& profile)
{
    return profile == "none" || profile == "phone" || profile == "server";
}

bool
Mip6ProcessingDelay::SplitProfilePair(const std::string& pair, std::string& mn, std::string& ha)
{
    if (pair == "none")
    {
        mn = ha = "none";
        return true;
    }
    const size_t dash = pair.find('-');
    if (dash == std::string::npos)
    {
        return false;
    }
    const std::string a = pair.substr(0, dash);
    const std::string b = pair.substr(dash + 1);
    if (!IsKnownProfile(a) || !IsKnownProfile(b))
    {
        return false;
    }
    mn = a;
    ha = b;
    return true;
}

bool
Mip6ProcessingDelay::ApplyProfile(const std::string& profile)
{
    if (!IsKnownProfile(profile))
    {
        return false;
    }
    Profile p{};
    if (profile != "none")
    {
        p = MakeServerProfile();
        if (profile == "phone")
        {
            p = ScaleProfile(p, kPhoneFactor);
        }
    }
    m_dhKeygen14 = NanoSeconds(p.dhKeygen14);
    m_dhShared14 = NanoSeconds(p.dhShared14);
    m_dhKeygen19 = NanoSeconds(p.dhKeygen19);
    m_dhShared19 = NanoSeconds(p.dhShared19);
    m_dhKeygen31 = NanoSeconds(p.dhKeygen31);
    m_dhShared31 = NanoSeconds(p.dhShared31);
    m_sign = NanoSeconds(p.sign);
    m_verify = NanoSeconds(p.verify);
    m_macPerOp = NanoSeconds(p.macPerOp);
    m_macPerByte = p.macPerByte;
    m_cipherPerOp = NanoSeconds(p.cipherPerOp);
    m_cipherPerByte = p.cipherPerByte;
    m_tlsClient = NanoSeconds(p.tlsClient);
    m_tlsServer = NanoSeconds(p.tlsServer);
    return true;
}

Mip6CpuScope::Mip6CpuScope(Ptr<Node> node)
    : m_previous(g_current)
{
    Ptr<Mip6ProcessingDelay> m = Mip6ProcessingDelay::Get(node);
    g_current = PeekPointer(m);
}

Mip6CpuScope::~Mip6CpuScope()
{
    g_current = m_previous;
}

Mip6ProcessingDelay*
Mip6CpuScope::Current()
{
    return g_current;
}

} // namespace ns3
