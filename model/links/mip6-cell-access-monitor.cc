/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-cell-access-monitor.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6CellAccessMonitor");

NS_OBJECT_ENSURE_REGISTERED(Mip6CellAccessMonitor);

TypeId
Mip6CellAccessMonitor::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6CellAccessMonitor")
            .SetParent<Mip6AccessMonitor>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6CellAccessMonitor>()
            .AddAttribute("CoaLostAfter",
                          "An outage longer than this loses the CoA (CoaLost at its start + this "
                          "value); 0 s: outages never lose it.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Mip6CellAccessMonitor::m_coaLostAfter),
                          MakeTimeChecker(Seconds(0)));
    return tid;
}

Mip6CellAccessMonitor::Mip6CellAccessMonitor() = default;

Mip6CellAccessMonitor::~Mip6CellAccessMonitor() = default;

void
Mip6CellAccessMonitor::SetCell(Ptr<NetDevice> device,
                               Ipv6Address coa,
                               uint16_t cellId,
                               Time attach,
                               const std::vector<Mip6CellOutage>& outages)
{
    NS_LOG_FUNCTION(this << device << coa << cellId << attach);
    m_device = device;
    m_coa = coa;
    m_cellId = cellId;
    m_attach = attach;
    m_outages = outages;
}

void
Mip6CellAccessMonitor::Start(Ptr<Node> node,
                             uint32_t ifIndex,
                             Ipv6Address homePrefix,
                             uint8_t homePrefixLength)
{
    NS_LOG_FUNCTION(this << node << ifIndex);
    NS_ABORT_MSG_UNLESS(m_device, "Mip6CellAccessMonitor: SetCell() before Start()");
    m_ifIndex = ifIndex;
    m_started = true;
    if (!m_connected)
    {
        m_device->TraceConnectWithoutContext(
            "MacRx",
            MakeCallback(&Mip6CellAccessMonitor::FrameReceived, this));
        m_connected = true;
    }
    const Time now = Simulator::Now();
    // The link changes at the attach time and at both ends of each outage. Events in the past
    // are folded into the current state, reported at once.
    bool availableNow = now >= m_attach;
    if (!availableNow)
    {
        m_events.push_back(
            Simulator::Schedule(m_attach - now, &Mip6CellAccessMonitor::CellUp, this));
    }
    for (const auto& o : m_outages)
    {
        const Time end = o.GetEnd();
        if (end <= now)
        {
            continue;
        }
        if (o.start <= now)
        {
            availableNow = false; // inside this outage
        }
        else
        {
            m_events.push_back(
                Simulator::Schedule(o.start - now, &Mip6CellAccessMonitor::CellDown, this));
        }
        if (end != Time::Max())
        {
            m_events.push_back(
                Simulator::Schedule(end - now, &Mip6CellAccessMonitor::CellUp, this));
        }
        if (m_coaLostAfter.IsStrictlyPositive() && o.duration > m_coaLostAfter)
        {
            const Time lost = o.start + m_coaLostAfter;
            m_events.push_back(Simulator::Schedule(std::max(lost - now, Time(0)),
                                                   &Mip6CellAccessMonitor::LoseCoa,
                                                   this));
        }
    }
    if (availableNow)
    {
        m_events.push_back(Simulator::ScheduleNow(&Mip6CellAccessMonitor::CellUp, this));
    }
}

void
Mip6CellAccessMonitor::Stop()
{
    NS_LOG_FUNCTION(this);
    m_started = false;
    for (auto& e : m_events)
    {
        e.Cancel();
    }
    m_events.clear();
    m_usableEvent.Cancel();
    m_coaLostEvent.Cancel();
}

Ptr<NetDevice>
Mip6CellAccessMonitor::GetDevice() const
{
    return m_device;
}

std::string
Mip6CellAccessMonitor::GetTechnology() const
{
    return "cell";
}

Ipv6Address
Mip6CellAccessMonitor::GetCareOfAddress() const
{
    return m_coaValid ? m_coa : Ipv6Address::GetAny();
}

bool
Mip6CellAccessMonitor::IsUp() const
{
    return m_up;
}

void
Mip6CellAccessMonitor::CellUp()
{
    NS_LOG_FUNCTION(this);
    if (!m_started || m_up)
    {
        return;
    }
    m_up = true;
    m_lastFrame = Simulator::Now();
    m_l2UpTrace(GetCellAddress(m_cellId));
    if (!m_coaValid)
    {
        // Attach (or re-attach after the CoA was lost): the cell gives the address, no RS/RA.
        m_coaValid = true;
        m_coaFormedTrace(m_coa);
        m_usableEvent.Cancel();
        m_usableEvent = Simulator::Schedule(m_dadWait, &Mip6CellAccessMonitor::CoaUsable, this);
    }
    else if (!m_usableEvent.IsRunning())
    {
        // The end of an outage that kept the CoA: the same CoA is usable again at once, so that
        // a multihomed MN (which stopped using it at L2Lost) offers it to its policy again.
        m_coaUsableTrace(m_coa);
    }
}

void
Mip6CellAccessMonitor::CellDown()
{
    NS_LOG_FUNCTION(this);
    if (!m_started || !m_up)
    {
        return;
    }
    m_up = false;
    m_l2LostTrace(m_lastFrame);
}

void
Mip6CellAccessMonitor::LoseCoa()
{
    NS_LOG_FUNCTION(this);
    if (!m_started || m_up || !m_coaValid)
    {
        return;
    }
    m_coaValid = false;
    m_usableEvent.Cancel();
    m_coaLostTrace(m_coa);
}

void
Mip6CellAccessMonitor::CoaUsable()
{
    NS_LOG_FUNCTION(this);
    if (m_started && m_coaValid)
    {
        m_coaUsableTrace(m_coa);
    }
}

void
Mip6CellAccessMonitor::FrameReceived(Ptr<const Packet> p)
{
    m_lastFrame = Simulator::Now();
}

void
Mip6CellAccessMonitor::DoDispose()
{
    Stop();
    m_device = nullptr;
    Mip6AccessMonitor::DoDispose();
}

} // namespace ns3
