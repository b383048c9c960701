/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-probe-application.h"

#include "ns3/double.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/mip6-tunnel.h"
#include "ns3/seq-ts-header.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6ProbeApplication");

NS_OBJECT_ENSURE_REGISTERED(Mip6ProbeApplication);

TypeId
Mip6ProbeApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6ProbeApplication")
            .SetParent<Application>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6ProbeApplication>()
            .AddAttribute("Remote",
                          "Where probes go (:: = receive only).",
                          Ipv6AddressValue(),
                          MakeIpv6AddressAccessor(&Mip6ProbeApplication::m_remote),
                          MakeIpv6AddressChecker())
            .AddAttribute("Port",
                          "UDP port of the probe flow at both ends.",
                          UintegerValue(9000),
                          MakeUintegerAccessor(&Mip6ProbeApplication::m_port),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("Rate",
                          "Probes per second.",
                          DoubleValue(100),
                          MakeDoubleAccessor(&Mip6ProbeApplication::m_rate),
                          MakeDoubleChecker<double>(0.001))
            .AddAttribute(
                "Size",
                "UDP payload bytes of a probe (at least the 12-byte sequence/time header).",
                UintegerValue(200),
                MakeUintegerAccessor(&Mip6ProbeApplication::m_size),
                MakeUintegerChecker<uint32_t>(12, 1400))
            .AddTraceSource("ProbeTx",
                            "A probe was sent (sequence, time).",
                            MakeTraceSourceAccessor(&Mip6ProbeApplication::m_txTrace),
                            "ns3::Mip6ProbeApplication::ProbeTxTracedCallback")
            .AddTraceSource(
                "ProbeRx",
                "A probe was received (sequence, send time, CoA it came through or ::).",
                MakeTraceSourceAccessor(&Mip6ProbeApplication::m_rxTrace),
                "ns3::Mip6ProbeApplication::ProbeRxTracedCallback");
    return tid;
}

Mip6ProbeApplication::Mip6ProbeApplication() = default;

Mip6ProbeApplication::~Mip6ProbeApplication() = default;

uint32_t
Mip6ProbeApplication::GetSent() const
{
    return m_sent;
}

uint32_t
Mip6ProbeApplication::GetReceived() const
{
    return m_received;
}

void
Mip6ProbeApplication::StartApplication()
{
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_socket->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), m_port));
    m_socket->SetRecvCallback(MakeCallback(&Mip6ProbeApplication::HandleRead, this));
    if (!m_remote.IsAny())
    {
        m_sendEvent = Simulator::ScheduleNow(&Mip6ProbeApplication::SendProbe, this);
    }
}

void
Mip6ProbeApplication::StopApplication()
{
    m_sendEvent.Cancel();
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
}

void
Mip6ProbeApplication::SendProbe()
{
    SeqTsHeader seqTs;
    seqTs.SetSeq(m_sent);
    Ptr<Packet> p = Create<Packet>(m_size - seqTs.GetSerializedSize());
    p->AddHeader(seqTs);
    m_socket->SendTo(p, 0, Inet6SocketAddress(m_remote, m_port));
    m_txTrace(m_sent, Simulator::Now());
    m_sent++;
    m_sendEvent =
        Simulator::Schedule(Seconds(1.0 / m_rate), &Mip6ProbeApplication::SendProbe, this);
}

void
Mip6ProbeApplication::HandleRead(Ptr<Socket> socket)
{
    Ptr<Packet> p;
    Address from;
    while ((p = socket->RecvFrom(from)))
    {
        SeqTsHeader seqTs;
        if (p->GetSize() < seqTs.GetSerializedSize())
        {
            continue;
        }
        p->RemoveHeader(seqTs);
        Mip6TunnelTag tag;
        Ipv6Address coa;
        if (p->PeekPacketTag(tag))
        {
            coa = tag.outerDestination;
        }
        m_received++;
        m_rxTrace(seqTs.GetSeq(), seqTs.GetTs(), coa);
    }
}

void
Mip6ProbeApplication::DoDispose()
{
    m_socket = nullptr;
    Application::DoDispose();
}

} // namespace ns3
