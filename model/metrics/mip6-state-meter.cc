/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-state-meter.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6StateMeter");

NS_OBJECT_ENSURE_REGISTERED(Mip6StateMeter);

Mip6StateCounts&
Mip6StateCounts::operator+=(const Mip6StateCounts& o)
{
    bindings += o.bindings;
    saCount += o.saCount;
    spdEntries += o.spdEntries;
    ikeSas += o.ikeSas;
    hacRecords += o.hacRecords;
    keyBytes += o.keyBytes;
    stateBytes += o.stateBytes;
    return *this;
}

bool
Mip6StateCounts::operator==(const Mip6StateCounts& o) const
{
    return bindings == o.bindings && saCount == o.saCount && spdEntries == o.spdEntries &&
           ikeSas == o.ikeSas && hacRecords == o.hacRecords && keyBytes == o.keyBytes &&
           stateBytes == o.stateBytes;
}

TypeId
Mip6StateMeter::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6StateMeter")
            .SetParent<Object>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6StateMeter>()
            .AddAttribute("Interval",
                          "Time between two periodic snapshots of state.csv (DESIGN.md §4.4).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&Mip6StateMeter::m_interval),
                          MakeTimeChecker(TimeStep(1)))
            .AddTraceSource("Snapshot",
                            "A snapshot was taken: its time and the `all` row.",
                            MakeTraceSourceAccessor(&Mip6StateMeter::m_snapshotTrace),
                            "ns3::Mip6StateMeter::SnapshotTracedCallback");
    return tid;
}

Mip6StateMeter::Mip6StateMeter()
{
    NS_LOG_FUNCTION(this);
}

Mip6StateMeter::~Mip6StateMeter()
{
    NS_LOG_FUNCTION(this);
}

void
Mip6StateMeter::DoDispose()
{
    m_event.Cancel();
    m_providers.clear();
    Object::DoDispose();
}

void
Mip6StateMeter::AddProvider(Provider provider)
{
    NS_ABORT_MSG_IF(!provider, "Mip6StateMeter::AddProvider: empty provider");
    m_providers.push_back(std::move(provider));
}

void
Mip6StateMeter::AddMn(uint32_t mn)
{
    m_mns.insert(mn);
}

void
Mip6StateMeter::Start()
{
    NS_LOG_FUNCTION(this);
    m_event.Cancel();
    m_event = Simulator::Schedule(m_interval, &Mip6StateMeter::Periodic, this);
}

void
Mip6StateMeter::Periodic()
{
    Snapshot();
    m_event = Simulator::Schedule(m_interval, &Mip6StateMeter::Periodic, this);
}

void
Mip6StateMeter::Finish()
{
    NS_LOG_FUNCTION(this);
    m_event.Cancel();
    // The end may coincide with a periodic snapshot: one row set per instant.
    if (!m_haveLast || m_last != Simulator::Now())
    {
        Snapshot();
    }
}

void
Mip6StateMeter::Snapshot()
{
    Time now = Simulator::Now();
    NS_LOG_FUNCTION(this << now);
    std::map<uint32_t, Mip6StateCounts> perMn;
    for (uint32_t mn : m_mns)
    {
        perMn[mn];
    }
    for (const auto& provider : m_providers)
    {
        for (const auto& [mn, counts] : provider())
        {
            perMn[mn] += counts;
        }
    }
    Mip6StateCounts total;
    for (const auto& [mn, counts] : perMn)
    {
        m_rows.push_back(Row{now, false, mn, counts});
        total += counts;
    }
    m_rows.push_back(Row{now, true, 0, total});
    m_haveLast = true;
    m_last = now;
    m_snapshotTrace(now, total);
}

const std::vector<Mip6StateMeter::Row>&
Mip6StateMeter::GetRows() const
{
    return m_rows;
}

void
Mip6StateMeter::AppendRows(Mip6CsvTable& table, const Mip6RunInfo& info) const
{
    NS_ABORT_MSG_IF(table.GetColumns() != Mip6Schema::StateColumns(),
                    "Mip6StateMeter::AppendRows: table is not state.csv");
    for (const auto& r : m_rows)
    {
        Mip6CsvRow row(info);
        row.AddSeconds(r.t);
        if (r.all)
        {
            row.Add("all");
        }
        else
        {
            row.AddUint(r.mn);
        }
        const Mip6StateCounts& c = r.counts;
        row.AddUint(c.bindings)
            .AddUint(c.saCount)
            .AddUint(c.spdEntries)
            .AddUint(c.ikeSas)
            .AddUint(c.hacRecords)
            .AddUint(c.keyBytes)
            .AddUint(c.stateBytes);
        table.AddRow(row);
    }
}

} // namespace ns3
