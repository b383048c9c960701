/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-handover-timeline.h"

#include "ns3/log.h"
#include "ns3/mip6-mobile-node.h"
#include "ns3/mip6-probe-application.h"
#include "ns3/simulator.h"

#include <set>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6HandoverTimeline");

NS_OBJECT_ENSURE_REGISTERED(Mip6HandoverTimeline);

TypeId
Mip6HandoverTimeline::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6HandoverTimeline")
            .SetParent<Object>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6HandoverTimeline>()
            .AddAttribute("IntraGrace",
                          "For the phase of overhead (DESIGN.md §4.3): a handover whose L2 came "
                          "back without a new CoA counts as ended this long after L2 up.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&Mip6HandoverTimeline::m_intraGrace),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("HandoverComplete",
                            "A handover ended with a final BA (its record).",
                            MakeTraceSourceAccessor(&Mip6HandoverTimeline::m_completeTrace),
                            "ns3::Mip6HandoverTimeline::RecordTracedCallback");
    return tid;
}

Mip6HandoverTimeline::Mip6HandoverTimeline() = default;

Mip6HandoverTimeline::~Mip6HandoverTimeline() = default;

void
Mip6HandoverTimeline::Attach(Ptr<Mip6MobileNode> mn, Ptr<Mip6ProbeApplication> probeSink)
{
    m_mn = mn->GetNode()->GetId();
    m_hoa = mn->GetHomeAddress();
    Ptr<Mip6AccessMonitor> md = mn->GetMovementDetector();
    md->TraceConnectWithoutContext("Home", MakeCallback(&Mip6HandoverTimeline::HomeReached, this));
    md->TraceConnectWithoutContext("L2Lost", MakeCallback(&Mip6HandoverTimeline::L2Lost, this));
    md->TraceConnectWithoutContext("L2Up", MakeCallback(&Mip6HandoverTimeline::L2Up, this));
    md->TraceConnectWithoutContext("CoaFormed",
                                   MakeCallback(&Mip6HandoverTimeline::CoaFormed, this));
    md->TraceConnectWithoutContext("CoaUsable",
                                   MakeCallback(&Mip6HandoverTimeline::CoaUsable, this));
    mn->TraceConnectWithoutContext("SecurityStarted",
                                   MakeCallback(&Mip6HandoverTimeline::SecurityStarted, this));
    mn->TraceConnectWithoutContext("SecurityDone",
                                   MakeCallback(&Mip6HandoverTimeline::SecurityDone, this));
    mn->TraceConnectWithoutContext("BindingUpdateSent",
                                   MakeCallback(&Mip6HandoverTimeline::BuSent, this));
    mn->TraceConnectWithoutContext("BindingAckReceived",
                                   MakeCallback(&Mip6HandoverTimeline::BaReceived, this));
    if (probeSink)
    {
        probeSink->TraceConnectWithoutContext("ProbeRx",
                                              MakeCallback(&Mip6HandoverTimeline::ProbeRx, this));
    }
}

void
Mip6HandoverTimeline::SetAccessNames(const std::map<Mac48Address, std::string>& names)
{
    m_names = names;
}

std::string
Mip6HandoverTimeline::AccessName(Mac48Address bssid) const
{
    auto it = m_names.find(bssid);
    if (it != m_names.end())
    {
        return it->second;
    }
    std::ostringstream os;
    os << bssid;
    return os.str();
}

Mip6HandoverTimeline::Record*
Mip6HandoverTimeline::Open()
{
    if (m_records.empty() || m_records.back().complete)
    {
        return nullptr;
    }
    return &m_records.back();
}

void
Mip6HandoverTimeline::L2Lost(Time lastFrame)
{
    if (!m_registeredOnce)
    {
        return; // lost before the first registration: part of the bootstrap, not a handover
    }
    Record r;
    r.index = m_records.size() + 1;
    r.kind = "hard"; // the old access was lost first (DESIGN.md §4.1)
    r.fromAccess = m_access;
    r.fromCoa = m_coa;
    r.lastFrame = lastFrame;
    r.l2Lost = Simulator::Now();
    if (Record* open = Open())
    {
        open->complete = true; // superseded before it finished: its missing columns stay NA
    }
    m_records.push_back(r);
}

void
Mip6HandoverTimeline::L2Up(Mac48Address bssid)
{
    m_access = AccessName(bssid);
    if (Record* r = Open(); r && !r->l2Up)
    {
        r->l2Up = Simulator::Now();
        r->toAccess = m_access;
    }
}

void
Mip6HandoverTimeline::CoaFormed(Ipv6Address coa)
{
    if (Record* r = Open(); r && r->l2Up && !r->coaFormed)
    {
        r->coaFormed = Simulator::Now();
    }
}

void
Mip6HandoverTimeline::CoaUsable(Ipv6Address coa)
{
    if (!m_bootstrap.start)
    {
        m_bootstrap.start = Simulator::Now();
    }
    m_coa = coa;
    if (Record* r = Open(); r && r->coaFormed && !r->coaUsable)
    {
        r->coaUsable = Simulator::Now();
        r->toCoa = coa;
    }
}

void
Mip6HandoverTimeline::HomeReached(Ipv6Address prefix)
{
    // RFC 6275 §11.5.4: at home the HoA is the care-of address, formed and usable at once (no
    // DAD for it); the de-registration BU/BA closes the row.
    m_coa = m_hoa;
    if (Record* r = Open(); r && r->l2Up && !r->coaFormed)
    {
        r->coaFormed = Simulator::Now();
        r->coaUsable = Simulator::Now();
        r->toCoa = m_hoa;
    }
}

void
Mip6HandoverTimeline::SecurityStarted(Ipv6Address coa, bool bootstrap)
{
    if (bootstrap && !m_bootstrap.securityStart)
    {
        m_bootstrap.securityStart = Simulator::Now();
    }
}

void
Mip6HandoverTimeline::SecurityDone(Ipv6Address coa, bool ok)
{
    if (!m_registeredOnce && ok && m_bootstrap.securityStart && !m_bootstrap.securityDone)
    {
        m_bootstrap.securityDone = Simulator::Now();
    }
}

void
Mip6HandoverTimeline::BuSent(uint16_t seq, Ipv6Address coa, Time lifetime, bool retransmission)
{
    if (!m_registeredOnce)
    {
        if (!m_bootstrap.buSent)
        {
            m_bootstrap.buSent = Simulator::Now();
        }
        return;
    }
    if (Record* r = Open(); r && r->coaUsable && coa == r->toCoa)
    {
        if (!r->buSent)
        {
            r->buSent = Simulator::Now();
        }
        r->buCount++;
    }
}

void
Mip6HandoverTimeline::BaReceived(uint8_t status, uint16_t seq, Time lifetime)
{
    if (status == 135)
    {
        return; // sequence resynchronisation: the registration goes on
    }
    if (!m_registeredOnce)
    {
        if (status < 128)
        {
            m_bootstrap.baReceived = Simulator::Now();
            m_registeredOnce = true;
        }
        return;
    }
    Record* r = Open();
    if (!r || !r->buSent)
    {
        return; // a refresh or de-registration
    }
    r->baStatus = status;
    if (status >= 128)
    {
        // A rejection is not the end: the MN corrects the cause or retries after a back-off
        // (RFC 6275 §11.7.3); reg_s runs on to the accepted BA. A handover never accepted keeps
        // the last status and NA times.
        return;
    }
    r->baReceived = Simulator::Now();
    r->complete = true;
    m_completeTrace(*r);
}

void
Mip6HandoverTimeline::ProbeRx(uint32_t seq, Time sent, Ipv6Address coa)
{
    // A probe that came through no tunnel reached the HoA directly: the MN is at home.
    m_receptions.push_back({Simulator::Now(), seq, coa.IsAny() ? m_hoa : coa});
}

std::string
Mip6HandoverTimeline::GetPhase(Time now) const
{
    if (!m_bootstrap.baReceived || now < *m_bootstrap.baReceived)
    {
        return "bootstrap";
    }
    for (std::size_t i = 0; i < m_records.size(); ++i)
    {
        const Record& r = m_records[i];
        const Time start = r.lastFrame.value_or(*r.l2Lost);
        std::optional<Time> end = r.baReceived;
        if (!end && r.l2Up && !r.coaFormed)
        {
            // L2 came back without a new prefix: an intra (L2-only) handover ends with L2 up,
            // once the RA that would have shown a new prefix had time to arrive.
            end = *r.l2Up + m_intraGrace;
        }
        if (!end && i + 1 < m_records.size())
        {
            end = m_records[i + 1].lastFrame;
        }
        if (now >= start && (!end || now <= *end))
        {
            return "handover";
        }
    }
    return "steady";
}

const std::vector<Mip6HandoverTimeline::Record>&
Mip6HandoverTimeline::GetRecords() const
{
    return m_records;
}

const Mip6HandoverTimeline::Bootstrap&
Mip6HandoverTimeline::GetBootstrap() const
{
    return m_bootstrap;
}

void
Mip6HandoverTimeline::Outage(const Record& r,
                             std::optional<Time>& outage,
                             std::optional<uint64_t>& lost) const
{
    // DESIGN.md §4.1: from the last probe received on the old path to the first received on the
    // new path; the probes sent between them and never received are lost.
    if (r.toCoa.IsAny() || !r.lastFrame)
    {
        return;
    }
    const Reception* firstNew = nullptr;
    for (const auto& rx : m_receptions)
    {
        if (rx.coa == r.toCoa && rx.at >= *r.lastFrame)
        {
            firstNew = &rx;
            break;
        }
    }
    if (!firstNew)
    {
        return;
    }
    const Reception* lastOld = nullptr;
    for (const auto& rx : m_receptions)
    {
        if (rx.at >= firstNew->at)
        {
            break;
        }
        if (rx.coa != r.toCoa)
        {
            lastOld = &rx;
        }
    }
    if (!lastOld)
    {
        return;
    }
    outage = firstNew->at - lastOld->at;
    std::set<uint32_t> received;
    for (const auto& rx : m_receptions)
    {
        received.insert(rx.seq);
    }
    uint64_t n = 0;
    for (uint32_t s = lastOld->seq + 1; s < firstNew->seq; ++s)
    {
        n += received.count(s) ? 0 : 1;
    }
    lost = n;
}

namespace
{
/// b - a when both exist.
std::optional<Time>
Span(const std::optional<Time>& a, const std::optional<Time>& b)
{
    if (a && b)
    {
        return *b - *a;
    }
    return std::nullopt;
}
} // namespace

void
Mip6HandoverTimeline::FillHandovers(const Mip6RunInfo& info, Mip6CsvTable& table) const
{
    for (const Record& r : m_records)
    {
        // A handover with no new CoA is an L2-only (intra) handover: only the L2 columns apply.
        const bool intra = r.l2Up && !r.coaFormed;
        Mip6CsvRow row(info);
        row.AddUint(m_mn).AddUint(r.index).Add(intra ? "intra" : r.kind);
        row.Add(r.fromAccess.empty() ? Mip6Format::NA : r.fromAccess);
        row.Add(r.toAccess.empty() ? Mip6Format::NA : r.toAccess);
        row.AddSeconds(r.lastFrame);
        row.AddSeconds(Span(r.lastFrame, r.l2Lost));
        row.AddSeconds(Span(r.l2Lost, r.l2Up));
        if (intra)
        {
            row.AddNa().AddNa().AddNa().AddNa().AddNa().AddNa().AddNa().AddNa().AddNa();
            table.AddRow(row);
            continue;
        }
        row.AddSeconds(Span(r.l2Up, r.coaFormed));
        row.AddSeconds(Span(r.coaFormed, r.coaUsable));
        row.AddSeconds(Span(r.coaUsable, r.buSent));
        row.AddSeconds(Span(r.buSent, r.baReceived));
        row.AddSeconds(Span(r.lastFrame, r.baReceived));
        std::optional<Time> outage;
        std::optional<uint64_t> lost;
        Outage(r, outage, lost);
        row.AddSeconds(outage);
        row.AddUint(lost);
        row.AddUint(r.buCount);
        if (r.baStatus)
        {
            row.AddUint(*r.baStatus);
        }
        else
        {
            row.AddNa();
        }
        table.AddRow(row);
    }
}

void
Mip6HandoverTimeline::FillBootstrap(const Mip6RunInfo& info,
                                    Mip6CsvTable& table,
                                    uint32_t roundTrips,
                                    uint64_t messages,
                                    uint64_t bytesUp,
                                    uint64_t bytesDown,
                                    std::optional<uint64_t> mhauthBytes) const
{
    Mip6CsvRow row(info);
    row.AddUint(m_mn);
    row.AddSeconds(m_bootstrap.start);
    row.AddSeconds(Span(m_bootstrap.securityStart, m_bootstrap.securityDone));
    row.AddSeconds(Span(m_bootstrap.buSent, m_bootstrap.baReceived));
    row.AddSeconds(Span(m_bootstrap.start, m_bootstrap.baReceived));
    row.AddUint(roundTrips).AddUint(messages).AddUint(bytesUp).AddUint(bytesDown);
    if (mhauthBytes)
    {
        row.AddUint(*mhauthBytes);
    }
    else
    {
        row.AddNa(); // a design with no authentication protocol inside a secure channel
    }
    row.Add("initial");
    table.AddRow(row);
}

void
Mip6HandoverTimeline::DoDispose()
{
    m_receptions.clear();
    m_records.clear();
    Object::DoDispose();
}

} // namespace ns3
