/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-lte-access-monitor.h"

#include "ns3/ipv6-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/lte-ue-phy.h"
#include "ns3/lte-ue-rrc.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6LteAccessMonitor");

NS_OBJECT_ENSURE_REGISTERED(Mip6LteAccessMonitor);

TypeId
Mip6LteAccessMonitor::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6LteAccessMonitor")
            .SetParent<Mip6AccessMonitor>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6LteAccessMonitor>()
            .AddAttribute("CoaLostTimeout",
                          "After a radio link failure or a failed handover, CoaLost fires if the "
                          "UE is not connected to a cell again within this time (0 s: never).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&Mip6LteAccessMonitor::m_coaLostTimeout),
                          MakeTimeChecker(Seconds(0)));
    return tid;
}

Mip6LteAccessMonitor::Mip6LteAccessMonitor() = default;

Mip6LteAccessMonitor::~Mip6LteAccessMonitor() = default;

void
Mip6LteAccessMonitor::SetDevice(Ptr<LteUeNetDevice> device)
{
    m_device = device;
}

void
Mip6LteAccessMonitor::Start(Ptr<Node> node,
                            uint32_t ifIndex,
                            Ipv6Address homePrefix,
                            uint8_t homePrefixLength)
{
    NS_LOG_FUNCTION(this << node << ifIndex);
    NS_ABORT_MSG_UNLESS(m_device, "Mip6LteAccessMonitor: SetDevice() before Start()");
    m_node = node;
    m_ifIndex = ifIndex;
    m_started = true;
    Ptr<LteUeRrc> rrc = m_device->GetRrc();
    Ptr<EpcUeNas> nas = m_device->GetNas();
    if (!m_connected)
    {
        rrc->TraceConnectWithoutContext(
            "ConnectionEstablished",
            MakeCallback(&Mip6LteAccessMonitor::ConnectionEstablished, this));
        rrc->TraceConnectWithoutContext("HandoverStart",
                                        MakeCallback(&Mip6LteAccessMonitor::HandoverStart, this));
        rrc->TraceConnectWithoutContext("HandoverEndOk",
                                        MakeCallback(&Mip6LteAccessMonitor::HandoverEndOk, this));
        rrc->TraceConnectWithoutContext(
            "HandoverEndError",
            MakeCallback(&Mip6LteAccessMonitor::HandoverEndError, this));
        rrc->TraceConnectWithoutContext(
            "RadioLinkFailure",
            MakeCallback(&Mip6LteAccessMonitor::RadioLinkFailure, this));
        rrc->TraceConnectWithoutContext("DrbCreated",
                                        MakeCallback(&Mip6LteAccessMonitor::DrbCreated, this));
        nas->TraceConnectWithoutContext("StateTransition",
                                        MakeCallback(&Mip6LteAccessMonitor::NasState, this));
        m_device->GetPhy()->TraceConnectWithoutContext(
            "ReportCurrentCellRsrpSinr",
            MakeCallback(&Mip6LteAccessMonitor::PhyReport, this));
        m_connected = true;
    }
    // Starting after the attach: report the current state (connected, CoA ready) at once.
    const LteUeRrc::State s = rrc->GetState();
    if (s == LteUeRrc::CONNECTED_NORMALLY || s == LteUeRrc::CONNECTED_REESTABLISHING)
    {
        m_nasActive = nas->GetState() == EpcUeNas::ACTIVE;
        m_drb = m_nasActive; // an ACTIVE NAS on a connected RRC has its default bearer
        Simulator::ScheduleNow(&Mip6LteAccessMonitor::Up, this, rrc->GetCellId());
    }
}

void
Mip6LteAccessMonitor::Stop()
{
    NS_LOG_FUNCTION(this);
    m_started = false;
    m_usableEvent.Cancel();
    m_coaLostEvent.Cancel();
}

Ptr<NetDevice>
Mip6LteAccessMonitor::GetDevice() const
{
    return m_device;
}

std::string
Mip6LteAccessMonitor::GetTechnology() const
{
    return "lte";
}

Ipv6Address
Mip6LteAccessMonitor::GetCareOfAddress() const
{
    return m_coaValid ? m_coa : Ipv6Address::GetAny();
}

bool
Mip6LteAccessMonitor::IsUp() const
{
    return m_up;
}

uint16_t
Mip6LteAccessMonitor::GetCellId() const
{
    return m_cellId;
}

void
Mip6LteAccessMonitor::ConnectionEstablished(uint64_t imsi, uint16_t cellId, uint16_t rnti)
{
    NS_LOG_FUNCTION(this << imsi << cellId << rnti);
    m_drb = false; // a new connection: its bearers are created next
    Up(cellId);
}

void
Mip6LteAccessMonitor::HandoverStart(uint64_t imsi,
                                    uint16_t cellId,
                                    uint16_t rnti,
                                    uint16_t targetCellId)
{
    NS_LOG_FUNCTION(this << imsi << cellId << rnti << targetCellId);
    Lost(false);
}

void
Mip6LteAccessMonitor::HandoverEndOk(uint64_t imsi, uint16_t cellId, uint16_t rnti)
{
    NS_LOG_FUNCTION(this << imsi << cellId << rnti);
    Up(cellId);
}

void
Mip6LteAccessMonitor::HandoverEndError(uint64_t imsi, uint16_t cellId, uint16_t rnti)
{
    NS_LOG_FUNCTION(this << imsi << cellId << rnti);
    Lost(true);
}

void
Mip6LteAccessMonitor::RadioLinkFailure(uint64_t imsi, uint16_t cellId, uint16_t rnti)
{
    NS_LOG_FUNCTION(this << imsi << cellId << rnti);
    Lost(true);
}

void
Mip6LteAccessMonitor::DrbCreated(uint64_t imsi, uint16_t cellId, uint16_t rnti, uint8_t lcid)
{
    NS_LOG_FUNCTION(this << imsi << cellId << rnti << +lcid);
    m_drb = true;
    MaybeFormCoa();
}

void
Mip6LteAccessMonitor::NasState(EpcUeNas::State oldState, EpcUeNas::State newState)
{
    NS_LOG_FUNCTION(this << oldState << newState);
    m_nasActive = newState == EpcUeNas::ACTIVE;
    if (!m_nasActive)
    {
        m_drb = false;
    }
    MaybeFormCoa();
}

void
Mip6LteAccessMonitor::PhyReport(uint16_t cellId,
                                uint16_t rnti,
                                double rsrp,
                                double sinr,
                                uint8_t cc)
{
    if (m_up && cellId == m_cellId)
    {
        m_lastFrame = Simulator::Now();
    }
}

void
Mip6LteAccessMonitor::Up(uint16_t cellId)
{
    if (!m_started)
    {
        return;
    }
    m_coaLostEvent.Cancel();
    m_cellId = cellId;
    m_lastFrame = Simulator::Now();
    if (!m_up)
    {
        m_up = true;
        m_l2UpTrace(GetCellAddress(cellId));
    }
    MaybeFormCoa();
}

void
Mip6LteAccessMonitor::Lost(bool mayLoseCoa)
{
    if (!m_started)
    {
        return;
    }
    if (m_up)
    {
        m_up = false;
        m_l2LostTrace(m_lastFrame);
        m_reconfirm = m_coaValid; // a multihomed MN stops using the CoA until it is usable again
    }
    if (mayLoseCoa && m_coaValid && m_coaLostTimeout.IsStrictlyPositive() &&
        !m_coaLostEvent.IsRunning())
    {
        m_coaLostEvent =
            Simulator::Schedule(m_coaLostTimeout, &Mip6LteAccessMonitor::LoseCoa, this);
    }
}

void
Mip6LteAccessMonitor::MaybeFormCoa()
{
    if (!m_started || !m_up || !m_nasActive || !m_drb)
    {
        return;
    }
    if (m_coaValid)
    {
        // Back after an L2 loss that kept the CoA (X2 handover, reconnection within
        // CoaLostTimeout): the same CoA is usable again at once (no new address, no DAD), unless
        // its first DAD wait is still running.
        if (m_reconfirm && !m_usableEvent.IsRunning())
        {
            m_reconfirm = false;
            m_coaUsableTrace(m_coa);
        }
        return;
    }
    const Ipv6Address coa = FindEpcAddress();
    if (coa.IsAny())
    {
        NS_LOG_WARN("NAS ACTIVE but the LTE interface has no global address");
        return;
    }
    m_coa = coa;
    m_coaValid = true;
    m_coaFormedTrace(m_coa);
    m_usableEvent.Cancel();
    m_usableEvent = Simulator::Schedule(m_dadWait, &Mip6LteAccessMonitor::CoaUsable, this);
}

void
Mip6LteAccessMonitor::CoaUsable()
{
    if (m_started && m_coaValid)
    {
        m_reconfirm = false;
        m_coaUsableTrace(m_coa);
    }
}

void
Mip6LteAccessMonitor::LoseCoa()
{
    if (!m_started || m_up || !m_coaValid)
    {
        return;
    }
    m_coaValid = false;
    m_reconfirm = false;
    m_usableEvent.Cancel();
    m_coaLostTrace(m_coa);
}

Ipv6Address
Mip6LteAccessMonitor::FindEpcAddress() const
{
    Ptr<Ipv6L3Protocol> ipv6 = m_node->GetObject<Ipv6L3Protocol>();
    for (uint32_t i = 0; i < ipv6->GetNAddresses(m_ifIndex); ++i)
    {
        Ipv6InterfaceAddress a = ipv6->GetAddress(m_ifIndex, i);
        if (a.GetScope() == Ipv6InterfaceAddress::GLOBAL)
        {
            return a.GetAddress();
        }
    }
    return Ipv6Address::GetAny();
}

void
Mip6LteAccessMonitor::DoDispose()
{
    Stop();
    m_node = nullptr;
    m_device = nullptr;
    Mip6AccessMonitor::DoDispose();
}

} // namespace ns3
