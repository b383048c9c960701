/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-security-design.h"

#include "ns3/ipv6-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/mip6-processing-delay.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6SecurityDesign");

NS_OBJECT_ENSURE_REGISTERED(Mip6MnSecurity);
NS_OBJECT_ENSURE_REGISTERED(Mip6HaSecurity);
NS_OBJECT_ENSURE_REGISTERED(Mip6SecurityDesign);

Mip6Verdict
Mip6Verdict::Accept()
{
    return Mip6Verdict{};
}

Mip6Verdict
Mip6Verdict::Reject(const std::string& reason, uint8_t baStatus)
{
    Mip6Verdict v;
    v.accepted = false;
    v.reason = reason;
    v.baStatus = baStatus;
    return v;
}

namespace
{
/// Sends an inner IPv6 packet in IPv6-in-IPv6 (RFC 2473), the tunnel of RFC 6275 §10.4.5/§11.3.1.
void
SendIpv6InIpv6(Ptr<Node> node, Ptr<Packet> inner, const Mip6SignalingContext& ctx)
{
    Ptr<Ipv6L3Protocol> ipv6 = node->GetObject<Ipv6L3Protocol>();
    ipv6->Send(inner, ctx.src, ctx.dst, 41, ctx.route);
}
} // namespace

// ---------------------------------------------------------------------------------------------
// Mobile Node side: the defaults are the unprotected RFC 6275 behaviour.

TypeId
Mip6MnSecurity::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6MnSecurity").SetParent<Object>().SetGroupName("Mip6");
    return tid;
}

void
Mip6MnSecurity::Setup(Ptr<Node> node, Ipv6Address hoa, Ipv6Address ha)
{
    m_node = node;
    m_hoa = hoa;
    m_ha = ha;
}

void
Mip6MnSecurity::Bootstrap(Ipv6Address coa, Callback<void, bool> done)
{
    done(true);
}

void
Mip6MnSecurity::PrepareHandover(const Mip6CoaChange& change, Callback<void, bool> done)
{
    done(true);
}

bool
Mip6MnSecurity::WantsAllCoaChanges() const
{
    return false;
}

std::optional<uint64_t>
Mip6MnSecurity::GetMhAuthPlaintextBytes() const
{
    return std::nullopt;
}

bool
Mip6MnSecurity::AssignsHomeAddress() const
{
    return false;
}

std::optional<Ipv6Address>
Mip6MnSecurity::GetAssignedHomeAddress() const
{
    return std::nullopt;
}

std::map<std::string, std::string>
Mip6SecurityDesign::GetTransportSettings() const
{
    return {};
}

std::string
Mip6SecurityDesign::GetDataProtection() const
{
    return "none (plain IPv6-in-IPv6)";
}

bool
Mip6SecurityDesign::WantsControllerNode() const
{
    return false;
}

void
Mip6SecurityDesign::InstallController(Ptr<Node> node, Ipv6Address address, Ipv6Address haAddress)
{
}

void
Mip6MnSecurity::RecoverFromRejection(const Mip6BindingAckHeader& ba, Callback<void, bool> done)
{
    // Nothing an unprotected design could correct: the core retries after its back-off.
    done(false);
}

void
Mip6MnSecurity::DecorateBindingUpdate(Mip6BindingUpdateHeader& bu, const Mip6SignalingContext& ctx)
{
}

void
Mip6MnSecurity::SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx)
{
    // RFC 6275 §6.3, §11.7.1: a BU from a CoA carries the HoA in a Home Address option.
    std::optional<Ipv6Address> hao;
    if (ctx.away)
    {
        hao = ctx.hoa;
    }
    // Leaves once the node's CPU has finished what the message needed (Mip6ProcessingDelay).
    Mip6ProcessingDelay::WhenIdle(ctx.node, [mh, ctx, hao]() {
        ctx.l4
            ->Send(mh, Mip6L4Protocol::PROT_NUMBER, ctx.src, ctx.dst, hao, std::nullopt, ctx.route);
    });
}

Mip6Verdict
Mip6MnSecurity::ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx)
{
    return Mip6Verdict::Accept();
}

void
Mip6MnSecurity::SendData(Ptr<Packet> inner, const Mip6SignalingContext& ctx)
{
    SendIpv6InIpv6(m_node, inner, ctx);
}

Mip6Verdict
Mip6MnSecurity::AcceptPlainTunnel(const Ipv6Header& outer)
{
    return Mip6Verdict::Accept();
}

std::vector<Mip6ControlEndpoint>
Mip6MnSecurity::GetControlEndpoints() const
{
    return {};
}

Mip6SecurityState
Mip6MnSecurity::GetState() const
{
    return Mip6SecurityState{};
}

uint32_t
Mip6MnSecurity::GetBootstrapRoundTrips() const
{
    return 0;
}

void
Mip6MnSecurity::DoDispose()
{
    m_node = nullptr;
    Object::DoDispose();
}

// ---------------------------------------------------------------------------------------------
// Home Agent side.

TypeId
Mip6HaSecurity::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6HaSecurity").SetParent<Object>().SetGroupName("Mip6");
    return tid;
}

void
Mip6HaSecurity::Setup(Ptr<Node> node, Ipv6Address ha)
{
    m_node = node;
    m_ha = ha;
}

Mip6Verdict
Mip6HaSecurity::ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx)
{
    return Mip6Verdict::Accept();
}

void
Mip6HaSecurity::DecorateBindingAck(Mip6BindingAckHeader& ba, const Mip6SignalingContext& ctx)
{
}

void
Mip6HaSecurity::SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx)
{
    // RFC 6275 §6.4, §9.5.4: a BA to a CoA carries the HoA in a Type 2 Routing Header.
    std::optional<Ipv6Address> rh2;
    if (ctx.away)
    {
        rh2 = ctx.hoa;
    }
    Mip6ProcessingDelay::WhenIdle(ctx.node, [mh, ctx, rh2]() {
        ctx.l4
            ->Send(mh, Mip6L4Protocol::PROT_NUMBER, ctx.src, ctx.dst, std::nullopt, rh2, ctx.route);
    });
}

void
Mip6HaSecurity::NotifyBindingUpdated(Ipv6Address hoa, Ipv6Address oldCoa, Ipv6Address newCoa)
{
}

void
Mip6HaSecurity::SendData(Ptr<Packet> inner, const Mip6SignalingContext& ctx)
{
    SendIpv6InIpv6(m_node, inner, ctx);
}

Mip6Verdict
Mip6HaSecurity::AcceptPlainTunnel(const Ipv6Header& outer)
{
    return Mip6Verdict::Accept();
}

void
Mip6HaSecurity::NotifyBindingRemoved(Ipv6Address hoa)
{
}

bool
Mip6HaSecurity::SupportsKeyManagementMobility() const
{
    return false;
}

void
Mip6HaSecurity::ProvisionHomeAddress(uint32_t mnId, Ipv6Address hoa)
{
}

Mip6SecurityState
Mip6HaSecurity::GetState(Ipv6Address hoa) const
{
    return Mip6SecurityState{};
}

void
Mip6HaSecurity::DoDispose()
{
    m_node = nullptr;
    Object::DoDispose();
}

// ---------------------------------------------------------------------------------------------

TypeId
Mip6SecurityDesign::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6SecurityDesign")
            .SetParent<Object>()
            .SetGroupName("Mip6")
            .AddTraceSource("LocalMessage",
                            "An in-node message that never crosses a link (DESIGN.md §4.3 point "
                            "local), e.g. the PF_KEY MIGRATE of a tunnel policy moved to a new "
                            "CoA: MN, node label, message name, size. The scenarios connect it to "
                            "Mip6OverheadMeter::RecordLocal.",
                            MakeTraceSourceAccessor(&Mip6SecurityDesign::m_localTrace),
                            "ns3::Mip6SecurityDesign::LocalMessageTracedCallback");
    return tid;
}

void
Mip6SecurityDesign::NotifyLocalMessage(uint32_t mn,
                                       const std::string& node,
                                       const std::string& message,
                                       uint32_t bytes)
{
    m_localTrace(mn, node, message, bytes);
}

void
Mip6SecurityDesign::SetVariantName(const std::string& name)
{
    m_variantName = name;
}

std::string
Mip6SecurityDesign::GetVariantName() const
{
    return m_variantName.empty() ? GetId() : m_variantName;
}

} // namespace ns3
