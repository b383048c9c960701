/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-ipsec-manual-design.h"

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/mip6-category-tag.h"
#include "ns3/mip6-prf.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-tunnel.h"
#include "ns3/names.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <filesystem>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6IpsecManualDesign");

NS_OBJECT_ENSURE_REGISTERED(Mip6IpsecManualMnSide);
NS_OBJECT_ENSURE_REGISTERED(Mip6IpsecManualHaSide);
NS_OBJECT_ENSURE_REGISTERED(Mip6IpsecManualDesign);

namespace
{
Mip6IpsecPolicy
TunnelPolicy(Mip6IpsecPolicy::Direction dir,
             Ipv6Address hoa,
             Ipv6Address tunnelLocal,
             Ipv6Address tunnelRemote,
             uint32_t spi)
{
    // RFC 4877 §7.2: "tunnel interface, src HoA → ESP tunnel" (any upper layer, inner 41).
    Mip6IpsecPolicy p;
    p.direction = dir;
    p.local = hoa;
    p.protocol = Mip6Tunnel::PROT_NUMBER;
    p.mode = Mip6EspMode::TUNNEL;
    p.spi = spi;
    p.tunnelLocal = tunnelLocal;
    p.tunnelRemote = tunnelRemote;
    return p;
}
} // namespace

// ---------------------------------------------------------------------------------------------
// MN side

TypeId
Mip6IpsecManualMnSide::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6IpsecManualMnSide")
            .SetParent<Mip6MnSecurity>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6IpsecManualMnSide>()
            .AddAttribute("FirstSpi",
                          "First of this MN's four SPIs (BU, BA, payload up, payload down); 0 "
                          "takes the design's FirstSpi + 4n for the n-th MN installed.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&Mip6IpsecManualMnSide::m_firstSpi),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("KeySeed",
                          "Seed of this MN's static keys (prf+ input key); empty takes the "
                          "design's KeySeed.",
                          StringValue(""),
                          MakeStringAccessor(&Mip6IpsecManualMnSide::m_keySeed),
                          MakeStringChecker());
    return tid;
}

void
Mip6IpsecManualMnSide::SetDesign(Mip6IpsecManualDesign* design)
{
    m_design = design;
}

void
Mip6IpsecManualMnSide::Setup(Ptr<Node> node, Ipv6Address hoa, Ipv6Address ha)
{
    Mip6MnSecurity::Setup(node, hoa, ha);
    NS_ABORT_MSG_IF(!m_design, "Mip6IpsecManualMnSide: no design");
    m_sad = Mip6IpsecSad::Install(node);
    m_design->ConfigureExport(m_sad->GetEsp());
    m_design->WatchLocalMessages(m_sad, node);
    m_keys = m_design->Provision(node->GetId(), hoa, ha, m_firstSpi, m_keySeed);
    // RFC 3776 §4.1 / RFC 4877 §7.2, the MN's SPD: BU out and BA in, ESP transport bound to the
    // HoA with the MH type as selector; payload in ESP tunnel (outer CoA ↔ HA) when enabled.
    Mip6IpsecSaSet set;
    set.mnId = node->GetId();
    set.hoa = hoa;
    set.transportOut =
        m_design->MakeSa(m_keys.spiBu, m_keys.keyBu, Mip6EspMode::TRANSPORT, hoa, ha);
    set.transportIn = m_design->MakeSa(m_keys.spiBa, m_keys.keyBa, Mip6EspMode::TRANSPORT, ha, hoa);
    set.policies.push_back(
        Mip6IpsecSad::TransportPolicy(Mip6IpsecPolicy::OUT, hoa, ha, Mip6Header::BU, m_keys.spiBu));
    set.policies.push_back(
        Mip6IpsecSad::TransportPolicy(Mip6IpsecPolicy::IN, hoa, ha, Mip6Header::BA, m_keys.spiBa));
    if (m_design->GetPayloadProtection())
    {
        // The outer CoA is not known yet (::): the first Migrate sets it.
        const Ipv6Address any = Ipv6Address::GetAny();
        set.tunnelOut = m_design->MakeSa(m_keys.spiUp, m_keys.keyUp, Mip6EspMode::TUNNEL, any, ha);
        set.tunnelIn =
            m_design->MakeSa(m_keys.spiDown, m_keys.keyDown, Mip6EspMode::TUNNEL, ha, any);
        set.policies.push_back(TunnelPolicy(Mip6IpsecPolicy::OUT, hoa, any, ha, m_keys.spiUp));
        set.policies.push_back(TunnelPolicy(Mip6IpsecPolicy::IN, hoa, any, ha, m_keys.spiDown));
    }
    m_sad->Add(set);
    m_tunnelCoa = Ipv6Address::GetAny();
    if (m_design->GetUdpEncapsulation())
    {
        m_sad->GetEsp()->EnableUdpEncapsulation();
        m_keepaliveInterval = m_design->GetKeepaliveInterval();
    }
}

void
Mip6IpsecManualMnSide::Bootstrap(Ipv6Address coa, Callback<void, bool> done)
{
    // RFC 3776: static keys, no exchange before the first BU; the tunnel SAs get their first
    // outer endpoint.
    if (!coa.IsAny())
    {
        m_sad->Migrate(m_hoa, m_tunnelCoa, coa);
        m_tunnelCoa = coa;
    }
    if (m_keepaliveInterval.IsStrictlyPositive() && !m_keepalive.IsRunning())
    {
        m_keepalive =
            Simulator::Schedule(m_keepaliveInterval, &Mip6IpsecManualMnSide::SendKeepalive, this);
    }
    done(true);
}

void
Mip6IpsecManualMnSide::SendKeepalive()
{
    // RFC 3948 §2.3/§4: while away, keep the (modelled) NAT binding of the 4500 flow alive. Sent
    // on the period even when ESP went out meanwhile, as the Linux kernel does.
    if (!m_atHome && !m_tunnelCoa.IsAny())
    {
        m_sad->GetEsp()->SendKeepalive(m_tunnelCoa,
                                       m_ha,
                                       Mip6EspProtocol::NAT_T_PORT,
                                       Mip6EspProtocol::NAT_T_PORT,
                                       m_node->GetId());
    }
    m_keepalive =
        Simulator::Schedule(m_keepaliveInterval, &Mip6IpsecManualMnSide::SendKeepalive, this);
}

void
Mip6IpsecManualMnSide::DecorateBindingUpdate(Mip6BindingUpdateHeader& bu,
                                             const Mip6SignalingContext& ctx)
{
    // RFC 4877 §4.4 / RFC 6275 §11.7.1: with manual SAs there is no key management endpoint to
    // move, so K is never set.
    bu.SetFlag(Mip6BindingUpdateHeader::FLAG_K, false);
}

void
Mip6IpsecManualMnSide::PrepareHandover(const Mip6CoaChange& change, Callback<void, bool> done)
{
    // RFC 3776 §4.1 / RFC 4877 §4.4 with manual SAs (K = 0): nothing to negotiate; the tunnel
    // SAs' outer endpoint follows the CoA (PF_KEY MIGRATE, as UMIP does when the BU is sent).
    m_atHome = change.kind == Mip6CoaChange::RETURN_HOME;
    if (change.kind == Mip6CoaChange::NEW_COA && !change.newCoa.IsAny())
    {
        m_sad->Migrate(m_hoa, m_tunnelCoa, change.newCoa);
        m_tunnelCoa = change.newCoa;
    }
    done(true);
}

void
Mip6IpsecManualMnSide::SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx)
{
    // RFC 3776 §3.1, RFC 6275 §6.3: IPv6(CoA→HA) + DestOpt(HAO) + ESP(MH) while away; what the
    // SPD does not cover (e.g. a Binding Error) bypasses, as RFC 3776 §4.1 leaves it.
    if (!m_sad->SendSignaling(mh, ctx, true))
    {
        Mip6MnSecurity::SendSignaling(mh, ctx);
    }
}

Mip6Verdict
Mip6IpsecManualMnSide::ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx)
{
    // RFC 4301 §5.2: the BA must have been protected by the BA SA.
    return m_sad->CheckSignaling(m_hoa, mh, ctx.mhType, false);
}

void
Mip6IpsecManualMnSide::SendData(Ptr<Packet> inner, const Mip6SignalingContext& ctx)
{
    // RFC 3776 §4.4 / RFC 4877 §7.2: payload in ESP tunnel mode, CoA → HA.
    if (!m_sad->SendTunnelData(m_hoa, inner, ctx))
    {
        Mip6MnSecurity::SendData(inner, ctx);
    }
}

Mip6Verdict
Mip6IpsecManualMnSide::AcceptPlainTunnel(const Ipv6Header& outer)
{
    const Mip6IpsecSaSet* set = m_sad ? m_sad->Find(m_hoa) : nullptr;
    return set && set->tunnelIn ? m_sad->CheckPlainTunnel(outer) : Mip6Verdict::Accept();
}

Mip6SecurityState
Mip6IpsecManualMnSide::GetState() const
{
    return m_sad ? m_sad->GetState(m_hoa) : Mip6SecurityState{};
}

const Mip6IpsecManualKeys&
Mip6IpsecManualMnSide::GetKeys() const
{
    return m_keys;
}

Ptr<Mip6IpsecSad>
Mip6IpsecManualMnSide::GetSad() const
{
    return m_sad;
}

void
Mip6IpsecManualMnSide::DoDispose()
{
    m_keepalive.Cancel();
    m_sad = nullptr;
    m_design = nullptr;
    Mip6MnSecurity::DoDispose();
}

// ---------------------------------------------------------------------------------------------
// HA side

TypeId
Mip6IpsecManualHaSide::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6IpsecManualHaSide")
                            .SetParent<Mip6HaSecurity>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6IpsecManualHaSide>();
    return tid;
}

void
Mip6IpsecManualHaSide::SetDesign(Mip6IpsecManualDesign* design)
{
    m_design = design;
}

void
Mip6IpsecManualHaSide::Setup(Ptr<Node> node, Ipv6Address ha)
{
    Mip6HaSecurity::Setup(node, ha);
    m_sad = Mip6IpsecSad::Install(node);
    if (m_design)
    {
        m_design->ConfigureExport(m_sad->GetEsp());
        m_design->WatchLocalMessages(m_sad, node);
        m_payload = m_design->GetPayloadProtection();
        if (m_design->GetUdpEncapsulation())
        {
            m_sad->GetEsp()->EnableUdpEncapsulation();
        }
    }
    auto pending = std::move(m_pending);
    m_pending.clear();
    for (const auto& [hoa, keys] : pending)
    {
        AddMn(keys, true);
    }
}

void
Mip6IpsecManualHaSide::AddMn(const Mip6IpsecManualKeys& keys, bool replace)
{
    if (!m_sad)
    {
        if (replace || m_pending.find(keys.hoa) == m_pending.end())
        {
            m_pending[keys.hoa] = keys;
        }
        return;
    }
    if (!replace && m_sad->Find(keys.hoa))
    {
        return;
    }
    NS_ABORT_MSG_IF(!m_design, "Mip6IpsecManualHaSide: no design");
    // RFC 3776 §4.2 / RFC 4877 §7.2, the HA's SPD per MN: BU in, BA out (transport, HoA-bound,
    // MH type selectors); tunnel out, in and forward for the payload when enabled.
    const Ipv6Address hoa = keys.hoa;
    const Ipv6Address ha = keys.ha;
    Mip6IpsecSaSet set;
    set.mnId = keys.mnId;
    set.hoa = hoa;
    set.transportOut = m_design->MakeSa(keys.spiBa, keys.keyBa, Mip6EspMode::TRANSPORT, ha, hoa);
    set.transportIn = m_design->MakeSa(keys.spiBu, keys.keyBu, Mip6EspMode::TRANSPORT, hoa, ha);
    set.policies.push_back(
        Mip6IpsecSad::TransportPolicy(Mip6IpsecPolicy::IN, ha, hoa, Mip6Header::BU, keys.spiBu));
    set.policies.push_back(
        Mip6IpsecSad::TransportPolicy(Mip6IpsecPolicy::OUT, ha, hoa, Mip6Header::BA, keys.spiBa));
    if (m_design->GetPayloadProtection())
    {
        const Ipv6Address any = Ipv6Address::GetAny();
        set.tunnelOut = m_design->MakeSa(keys.spiDown, keys.keyDown, Mip6EspMode::TUNNEL, ha, any);
        set.tunnelIn = m_design->MakeSa(keys.spiUp, keys.keyUp, Mip6EspMode::TUNNEL, any, ha);
        set.policies.push_back(TunnelPolicy(Mip6IpsecPolicy::OUT, hoa, ha, any, keys.spiDown));
        set.policies.push_back(TunnelPolicy(Mip6IpsecPolicy::IN, hoa, ha, any, keys.spiUp));
        set.policies.push_back(TunnelPolicy(Mip6IpsecPolicy::FWD, hoa, ha, any, keys.spiUp));
    }
    m_sad->Add(set);
    m_tunnelCoa[hoa] = Ipv6Address::GetAny();
}

Mip6Verdict
Mip6IpsecManualHaSide::ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx)
{
    // RFC 3776 §4.2: a BU for a HoA must come in the ESP SA configured for that HoA.
    return m_sad->CheckSignaling(ctx.hao.value_or(ctx.src), mh, ctx.mhType, true);
}

void
Mip6IpsecManualHaSide::SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx)
{
    // RFC 3776 §3.2, RFC 6275 §6.4: IPv6(HA→CoA) + RH2(HoA) + ESP(MH) while away.
    if (!m_sad->SendSignaling(mh, ctx, false))
    {
        Mip6HaSecurity::SendSignaling(mh, ctx);
    }
}

void
Mip6IpsecManualHaSide::NotifyBindingUpdated(Ipv6Address hoa, Ipv6Address oldCoa, Ipv6Address newCoa)
{
    // UMIP ha.c: the HA migrates the MN's tunnel SAs while it processes the accepted, protected
    // BU, before the BA (protocols.md §5).
    auto it = m_tunnelCoa.find(hoa);
    if (it == m_tunnelCoa.end() || newCoa.IsAny())
    {
        return;
    }
    m_sad->Migrate(hoa, it->second, newCoa);
    it->second = newCoa;
}

void
Mip6IpsecManualHaSide::SendData(Ptr<Packet> inner, const Mip6SignalingContext& ctx)
{
    if (!m_sad->SendTunnelData(ctx.hoa, inner, ctx))
    {
        Mip6HaSecurity::SendData(inner, ctx);
    }
}

Mip6Verdict
Mip6IpsecManualHaSide::AcceptPlainTunnel(const Ipv6Header& outer)
{
    return m_payload ? m_sad->CheckPlainTunnel(outer) : Mip6Verdict::Accept();
}

Mip6SecurityState
Mip6IpsecManualHaSide::GetState(Ipv6Address hoa) const
{
    return m_sad ? m_sad->GetState(hoa) : Mip6SecurityState{};
}

Ptr<Mip6IpsecSad>
Mip6IpsecManualHaSide::GetSad() const
{
    return m_sad;
}

void
Mip6IpsecManualHaSide::DoDispose()
{
    m_sad = nullptr;
    m_design = nullptr;
    Mip6HaSecurity::DoDispose();
}

// ---------------------------------------------------------------------------------------------
// The design

TypeId
Mip6IpsecManualDesign::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6IpsecManualDesign")
            .SetParent<Mip6SecurityDesign>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6IpsecManualDesign>()
            .AddAttribute(
                "Esp",
                "ESP transform of every SA (variant key esp): cbc-sha1 (AES-CBC-128 + "
                "HMAC-SHA1-96, the default), cbc-sha256 (AES-CBC-128 + "
                "HMAC-SHA-256-128), gcm (AES-GCM-16, RFC 4106), null-sha1 (NULL + "
                "HMAC-SHA1-96).",
                EnumValue(static_cast<int>(Mip6EspTransform::AES_CBC_HMAC_SHA1_96)),
                MakeEnumAccessor(&Mip6IpsecManualDesign::m_transform),
                MakeEnumChecker(static_cast<int>(Mip6EspTransform::AES_CBC_HMAC_SHA1_96),
                                "cbc-sha1",
                                static_cast<int>(Mip6EspTransform::AES_CBC_HMAC_SHA256_128),
                                "cbc-sha256",
                                static_cast<int>(Mip6EspTransform::AES_GCM_16),
                                "gcm",
                                static_cast<int>(Mip6EspTransform::NULL_HMAC_SHA1_96),
                                "null-sha1"))
            .AddAttribute("Payload",
                          "Payload protection (variant key payload): on puts the MN–HA tunnel in "
                          "ESP tunnel mode (CoA↔HA) and refuses plain IPv6-in-IPv6; off leaves "
                          "the tunnel unprotected (RFC 3776 §4.4 makes it optional).",
                          EnumValue(0),
                          MakeEnumAccessor(&Mip6IpsecManualDesign::m_payload),
                          MakeEnumChecker(0, "off", 1, "on"))
            .AddAttribute("UdpEncapsulation",
                          "ESP in UDP (variant key udp; RFC 3948): on sends every SA's packets "
                          "in UDP 4500 ↔ 4500 (+8 bytes) as behind a NAT, and the MN sends "
                          "NAT-keepalives; off is plain ESP (next header 50).",
                          EnumValue(0),
                          MakeEnumAccessor(&Mip6IpsecManualDesign::m_udpEncap),
                          MakeEnumChecker(0, "off", 1, "on"))
            .AddAttribute("KeepaliveInterval",
                          "Period of the MN's NAT-keepalives with UdpEncapsulation on (RFC 3948 "
                          "§4: 20 s by default); 0 sends none.",
                          TimeValue(Seconds(20)),
                          MakeTimeAccessor(&Mip6IpsecManualDesign::m_keepaliveInterval),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("FirstSpi",
                          "SPI of the first MN's BU SA; the n-th MN installed gets FirstSpi + 4n "
                          "… FirstSpi + 4n + 3 (BU, BA, payload up, payload down).",
                          UintegerValue(0x1000),
                          MakeUintegerAccessor(&Mip6IpsecManualDesign::m_firstSpi),
                          MakeUintegerChecker<uint32_t>(256))
            .AddAttribute("KeySeed",
                          "prf+ key from which every MN's static keys are derived "
                          "(prf+(HMAC-SHA-256, KeySeed, \"mip6 ipsec-manual\" ‖ HoA ‖ SPI)).",
                          StringValue("mip6 ipsec-manual static keys"),
                          MakeStringAccessor(&Mip6IpsecManualDesign::m_keySeed),
                          MakeStringChecker())
            .AddAttribute("ReplayWindow",
                          "Anti-replay window of the inbound SAs (RFC 4303 §3.4.3; 0 disables).",
                          UintegerValue(64),
                          MakeUintegerAccessor(&Mip6IpsecManualDesign::m_replayWindow),
                          MakeUintegerChecker<uint32_t>(0, Mip6ReplayWindow::MAX_SIZE))
            .AddAttribute("KeyExportDirectory",
                          "When not empty, every SA used is written to <dir>/esp_sa for "
                          "Wireshark/tshark (Mip6KeyExport).",
                          StringValue(""),
                          MakeStringAccessor(&Mip6IpsecManualDesign::m_keyExportDirectory),
                          MakeStringChecker());
    return tid;
}

Mip6IpsecManualDesign::~Mip6IpsecManualDesign()
{
    *m_alive = false;
}

std::string
Mip6IpsecManualDesign::GetId() const
{
    return "ipsec-manual";
}

Ptr<Mip6MnSecurity>
Mip6IpsecManualDesign::CreateMnSide()
{
    Ptr<Mip6IpsecManualMnSide> mn = CreateObject<Mip6IpsecManualMnSide>();
    mn->SetDesign(this);
    return mn;
}

Ptr<Mip6HaSecurity>
Mip6IpsecManualDesign::CreateHaSide()
{
    Ptr<Mip6IpsecManualHaSide> ha = CreateObject<Mip6IpsecManualHaSide>();
    ha->SetDesign(this);
    for (const auto& [hoa, keys] : m_mns)
    {
        ha->AddMn(keys, false);
    }
    m_haSides.push_back(ha);
    return ha;
}

Mip6EspTransform
Mip6IpsecManualDesign::GetTransform() const
{
    return static_cast<Mip6EspTransform>(m_transform);
}

std::string
Mip6IpsecManualDesign::GetDataProtection() const
{
    return GetPayloadProtection() ? "esp-tunnel (RFC 4877 §7.2)" : "none (plain IPv6-in-IPv6)";
}

bool
Mip6IpsecManualDesign::GetPayloadProtection() const
{
    return m_payload != 0;
}

bool
Mip6IpsecManualDesign::GetUdpEncapsulation() const
{
    return m_udpEncap != 0;
}

Time
Mip6IpsecManualDesign::GetKeepaliveInterval() const
{
    return m_keepaliveInterval;
}

Mip6IpsecManualKeys
Mip6IpsecManualDesign::Provision(uint32_t mnId,
                                 Ipv6Address hoa,
                                 Ipv6Address ha,
                                 uint32_t firstSpi,
                                 const std::string& keySeed)
{
    auto it = m_mns.find(hoa);
    if (it != m_mns.end())
    {
        return it->second;
    }
    Mip6IpsecManualKeys k;
    k.mnId = mnId;
    k.hoa = hoa;
    k.ha = ha;
    const uint32_t first =
        firstSpi != 0 ? firstSpi : m_firstSpi + 4 * static_cast<uint32_t>(m_mns.size());
    k.spiBu = first;
    k.spiBa = first + 1;
    k.spiUp = first + 2;
    k.spiDown = first + 3;
    const Mip6EspTransformInfo& info = Mip6EspGetTransformInfo(GetTransform());
    const Mip6Bytes seedKey = Mip6BytesFromString(keySeed.empty() ? m_keySeed : keySeed);
    uint8_t hoaBytes[16];
    hoa.GetBytes(hoaBytes);
    auto derive = [&](uint32_t spi) {
        // prf+ (RFC 7296 §2.13) over a label, the HoA and the SPI: distinct keys per SA.
        Mip6Bytes s = Mip6BytesFromString("mip6 ipsec-manual");
        s.insert(s.end(), hoaBytes, hoaBytes + 16);
        const Mip6Bytes spiBytes = Mip6BigEndian(spi, 4);
        s.insert(s.end(), spiBytes.begin(), spiBytes.end());
        auto out = Mip6Prf().PrfPlus(seedKey, s, info.encKeySize + info.integKeySize);
        NS_ABORT_MSG_IF(!out, "ipsec-manual key derivation: " << out.GetError());
        return out.Value();
    };
    k.keyBu = derive(k.spiBu);
    k.keyBa = derive(k.spiBa);
    k.keyUp = derive(k.spiUp);
    k.keyDown = derive(k.spiDown);
    m_mns[hoa] = k;
    for (const Ptr<Mip6IpsecManualHaSide>& side : m_haSides)
    {
        side->AddMn(k, false);
    }
    return k;
}

Ptr<Mip6EspSa>
Mip6IpsecManualDesign::MakeSa(uint32_t spi,
                              const Mip6Bytes& keys,
                              Mip6EspMode mode,
                              Ipv6Address source,
                              Ipv6Address destination) const
{
    const Mip6EspTransformInfo& info = Mip6EspGetTransformInfo(GetTransform());
    NS_ABORT_MSG_IF(keys.size() != info.encKeySize + info.integKeySize,
                    "ipsec-manual: key material of " << keys.size() << " bytes for " << info.name);
    Mip6EspSaConfig c;
    c.spi = spi;
    c.transform = GetTransform();
    c.encKey.assign(keys.begin(), keys.begin() + info.encKeySize);
    c.integKey.assign(keys.begin() + info.encKeySize, keys.end());
    c.mode = mode;
    c.source = source;
    c.destination = destination;
    c.replayWindow = m_replayWindow;
    if (m_udpEncap)
    {
        // RFC 3948 §2.1, without a NAT on the path: 4500 ↔ 4500.
        c.udpEncapSourcePort = Mip6EspProtocol::NAT_T_PORT;
        c.udpEncapDestinationPort = Mip6EspProtocol::NAT_T_PORT;
    }
    std::string error;
    Ptr<Mip6EspSa> sa = Mip6EspSa::Create(c, error);
    NS_ABORT_MSG_IF(!sa, "ipsec-manual: " << error);
    return sa;
}

void
Mip6IpsecManualDesign::WatchLocalMessages(Ptr<Mip6IpsecSad> sad, Ptr<Node> node)
{
    std::string label = Names::FindName(node);
    if (label.empty())
    {
        label = "node" + std::to_string(node->GetId());
    }
    // The SAD holds a reference to the design through this callback, so the design outlives it.
    sad->TraceConnectWithoutContext("Migrate",
                                    MakeBoundCallback(
                                        +[](Ptr<Mip6IpsecManualDesign> d,
                                            std::string n,
                                            uint32_t mn,
                                            Ipv6Address o,
                                            Ipv6Address c,
                                            uint32_t bytes) { d->Migrated(n, mn, o, c, bytes); },
                                        Ptr<Mip6IpsecManualDesign>(this),
                                        label));
}

void
Mip6IpsecManualDesign::Migrated(std::string node,
                                uint32_t mn,
                                Ipv6Address oldCoa,
                                Ipv6Address newCoa,
                                uint32_t bytes)
{
    NotifyLocalMessage(mn, node, "MIGRATE", bytes);
}

void
Mip6IpsecManualDesign::ConfigureExport(Ptr<Mip6EspProtocol> esp)
{
    if (m_keyExportDirectory.empty())
    {
        return;
    }
    if (!m_keys)
    {
        std::error_code ec;
        std::filesystem::create_directories(m_keyExportDirectory, ec);
        m_keys = std::make_shared<Mip6KeyExport>(m_keyExportDirectory);
    }
    esp->SetKeyExport(m_keys);
}

void
Mip6IpsecManualDesign::DoDispose()
{
    m_haSides.clear();
    m_keys.reset();
    Mip6SecurityDesign::DoDispose();
}

namespace
{
/// Registers `ipsec-manual` with the factory when the library loads.
struct IpsecManualDesignRegistrar
{
    IpsecManualDesignRegistrar()
    {
        Mip6SecurityDesignFactory::Register(
            {"ipsec-manual",
             "ns3::Mip6IpsecManualDesign",
             "RFC 3776 ESP with static keys: BU/BA in ESP transport, optional ESP tunnel",
             {{"esp",
               "Esp",
               {"cbc-sha1", "cbc-sha256", "gcm", "null-sha1"},
               "cbc-sha1",
               "ESP transform"},
              {"payload", "Payload", {"off", "on"}, "off", "ESP tunnel mode for the payload"},
              {"udp",
               "UdpEncapsulation",
               {"off", "on"},
               "off",
               "ESP in UDP 4500 with NAT-keepalives (RFC 3948)"}}});
    }
} g_ipsecManualDesignRegistrar;
} // namespace

} // namespace ns3
