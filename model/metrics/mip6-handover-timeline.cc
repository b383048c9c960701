/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-handover-timeline.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/mip6-mobile-node.h"
#include "ns3/mip6-probe-application.h"
#include "ns3/simulator.h"

#include <algorithm>
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
    BooleanValue mcoa;
    mn->GetAttribute("MultipleCoa", mcoa);
    const std::vector<Ptr<Mip6AccessMonitor>> monitors = mn->GetAccessMonitors();
    m_multi = monitors.size() > 1 || mcoa.Get();
    if (m_multi)
    {
        for (uint32_t i = 0; i < monitors.size(); ++i)
        {
            Ptr<Mip6AccessMonitor> m = monitors[i];
            AccessState st;
            st.technology = m->GetTechnology();
            st.name = st.technology;
            m_accesses.push_back(st);
            m->TraceConnectWithoutContext("Home",
                                          MakeCallback(&Mip6HandoverTimeline::HomeReached, this));
            m->TraceConnectWithoutContext(
                "L2Lost",
                MakeCallback(&Mip6HandoverTimeline::MultiL2Lost, this, i));
            m->TraceConnectWithoutContext("L2Up",
                                          MakeCallback(&Mip6HandoverTimeline::MultiL2Up, this, i));
            m->TraceConnectWithoutContext(
                "CoaFormed",
                MakeCallback(&Mip6HandoverTimeline::MultiCoaFormed, this, i));
            m->TraceConnectWithoutContext(
                "CoaUsable",
                MakeCallback(&Mip6HandoverTimeline::MultiCoaUsable, this, i));
            m->TraceConnectWithoutContext(
                "CoaLost",
                MakeCallback(&Mip6HandoverTimeline::MultiCoaLost, this, i));
        }
        mn->TraceConnectWithoutContext("Handover",
                                       MakeCallback(&Mip6HandoverTimeline::Decision, this));
        mn->TraceConnectWithoutContext("McoaBindingUpdateSent",
                                       MakeCallback(&Mip6HandoverTimeline::McoaBuSent, this));
        mn->TraceConnectWithoutContext("BidStatus",
                                       MakeCallback(&Mip6HandoverTimeline::BidStatus, this));
    }
    Ptr<Mip6AccessMonitor> md = mn->GetMovementDetector();
    if (!m_multi)
    {
        md->TraceConnectWithoutContext("Home",
                                       MakeCallback(&Mip6HandoverTimeline::HomeReached, this));
        md->TraceConnectWithoutContext("L2Lost", MakeCallback(&Mip6HandoverTimeline::L2Lost, this));
        md->TraceConnectWithoutContext("L2Up", MakeCallback(&Mip6HandoverTimeline::L2Up, this));
        md->TraceConnectWithoutContext("CoaFormed",
                                       MakeCallback(&Mip6HandoverTimeline::CoaFormed, this));
        md->TraceConnectWithoutContext("CoaUsable",
                                       MakeCallback(&Mip6HandoverTimeline::CoaUsable, this));
    }
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
    if (m_multi)
    {
        // Single binding on a multihomed MN: the BU from the record's new CoA (MCoA BUs are
        // matched by BID in McoaBuSent).
        for (Record& r : m_records)
        {
            if (r.complete || r.kind == "pending" || r.bid != 0 || (!r.coaUsable && !r.removal) ||
                coa != r.buCoa || lifetime.IsZero() != r.removal)
            {
                continue;
            }
            if (!r.buSent)
            {
                r.buSent = Simulator::Now();
            }
            r.buCount++;
            r.seqs.push_back(seq);
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
    if (m_multi)
    {
        BidStatus(0, status, seq); // a single binding: the records without a BID
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
        if (r.kind == "pending" && !r.l2Up)
        {
            continue; // a multihomed MN's access lost for good: no handover
        }
        const Time start = StartOf(r);
        std::optional<Time> end = r.baReceived;
        if (!end && r.l2Up && !r.coaFormed)
        {
            // L2 came back without a new prefix: an intra (L2-only) handover ends with L2 up,
            // once the RA that would have shown a new prefix had time to arrive.
            end = *r.l2Up + m_intraGrace;
        }
        if (!end && i + 1 < m_records.size())
        {
            end = StartOf(m_records[i + 1]);
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
    if (r.toCoa.IsAny() || (!r.lastFrame && !r.l2Up))
    {
        return;
    }
    const Time start = StartOf(r);
    // The window belongs to this handover only: if the probes have not come through the new CoA
    // before the next handover starts (e.g. an add-coa whose CoA the HA does not send to), this
    // handover caused no outage of its own (NA), rather than the next one's counted twice.
    Time next = Time::Max();
    for (const auto& other : m_records)
    {
        const Time s = StartOf(other);
        if (&other != &r && s > start && s < next)
        {
            next = s;
        }
    }
    const Reception* firstNew = nullptr;
    for (const auto& rx : m_receptions)
    {
        if (rx.coa == r.toCoa && rx.at >= start)
        {
            firstNew = &rx;
            break;
        }
    }
    if (!firstNew || firstNew->at >= next)
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
    uint32_t index = 0;
    for (const Record& r : m_records)
    {
        if (m_multi && r.kind == "pending" && !r.l2Up)
        {
            continue; // an access lost for good while another carried the binding
        }
        // A handover with no new CoA is an L2-only (intra) handover: only the L2 columns apply.
        const bool intra = m_multi ? r.kind == "pending" : (r.l2Up && !r.coaFormed);
        Mip6CsvRow row(info);
        row.AddUint(m_mn).AddUint(m_multi ? ++index : r.index).Add(intra ? "intra" : r.kind);
        row.Add(r.fromAccess.empty() ? Mip6Format::NA : r.fromAccess);
        row.Add(r.toAccess.empty() ? Mip6Format::NA : r.toAccess);
        row.AddSeconds(StartOf(r));
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
        // remove-coa: no new CoA; the design's part runs from the loss to the BU.
        row.AddSeconds(Span(r.removal ? r.l2Lost : r.coaUsable, r.buSent));
        row.AddSeconds(Span(r.buSent, r.baReceived));
        row.AddSeconds(Span(std::optional<Time>(StartOf(r)), r.baReceived));
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

Time
Mip6HandoverTimeline::StartOf(const Record& r)
{
    // DESIGN.md §4.1: the last frame from the old access (hard, intra, remove-coa), else the
    // trigger, the new access up (soft, add-coa).
    if (r.lastFrame)
    {
        return *r.lastFrame;
    }
    if (r.l2Lost)
    {
        return *r.l2Lost;
    }
    if (r.l2Up)
    {
        return *r.l2Up;
    }
    if (r.coaFormed)
    {
        return *r.coaFormed;
    }
    return r.coaUsable.value_or(Seconds(0));
}

std::string
Mip6HandoverTimeline::MultiName(uint32_t i) const
{
    return i < m_accesses.size() ? m_accesses[i].name : std::string();
}

Mip6HandoverTimeline::Record&
Mip6HandoverTimeline::TakeOpen(uint32_t i)
{
    AccessState& st = m_accesses[i];
    if (st.open < 0)
    {
        // The CoA went away with no L2 loss reported first: the loss is now.
        Record r;
        r.index = m_records.size() + 1;
        r.access = static_cast<int32_t>(i);
        r.fromAccess = st.name;
        r.fromCoa = st.coa;
        r.lastFrame = Simulator::Now();
        r.l2Lost = Simulator::Now();
        m_records.push_back(r);
        st.open = static_cast<int64_t>(m_records.size() - 1);
    }
    Record& r = m_records[st.open];
    st.open = -1;
    return r;
}

void
Mip6HandoverTimeline::MultiL2Lost(uint32_t i, Time lastFrame)
{
    if (!m_registeredOnce)
    {
        return;
    }
    AccessState& st = m_accesses[i];
    if (st.open >= 0)
    {
        m_records[st.open].complete = true; // lost again before anything was decided
    }
    Record r;
    r.index = m_records.size() + 1;
    r.kind = "pending"; // intra unless the MN moves a binding because of it
    r.access = static_cast<int32_t>(i);
    r.fromAccess = st.name;
    r.fromCoa = st.coa;
    r.lastFrame = lastFrame;
    r.l2Lost = Simulator::Now();
    m_records.push_back(r);
    st.open = static_cast<int64_t>(m_records.size() - 1);
}

void
Mip6HandoverTimeline::MultiL2Up(uint32_t i, Mac48Address id)
{
    AccessState& st = m_accesses[i];
    auto it = m_names.find(id);
    if (it != m_names.end())
    {
        st.name = it->second;
    }
    else
    {
        std::ostringstream os;
        uint8_t b[6];
        id.CopyTo(b);
        if (b[0] == 0x02 && b[1] == 0 && b[2] == 0 && b[3] == 0)
        {
            os << st.technology << "-cell" << ((b[4] << 8) | b[5]); // GetCellAddress
        }
        else
        {
            os << st.technology << "-" << id;
        }
        st.name = os.str();
    }
    st.l2Up = Simulator::Now();
    st.coaFormed.reset();
    if (st.open >= 0 && !m_records[st.open].l2Up)
    {
        m_records[st.open].l2Up = Simulator::Now();
        m_records[st.open].toAccess = st.name;
    }
}

void
Mip6HandoverTimeline::MultiCoaFormed(uint32_t i, Ipv6Address coa)
{
    AccessState& st = m_accesses[i];
    st.coaFormed = Simulator::Now();
    if (st.open >= 0)
    {
        Record& r = m_records[st.open];
        if (r.l2Up && !r.coaFormed)
        {
            r.coaFormed = Simulator::Now();
        }
    }
}

void
Mip6HandoverTimeline::MultiCoaUsable(uint32_t i, Ipv6Address coa)
{
    if (!m_bootstrap.start)
    {
        m_bootstrap.start = Simulator::Now();
    }
    AccessState& st = m_accesses[i];
    st.coa = coa;
    if (st.open >= 0)
    {
        Record& r = m_records[st.open];
        if (r.coaFormed && !r.coaUsable)
        {
            r.coaUsable = Simulator::Now();
            r.toCoa = coa;
            r.buCoa = coa;
        }
    }
}

void
Mip6HandoverTimeline::MultiCoaLost(uint32_t i, Ipv6Address coa)
{
}

void
Mip6HandoverTimeline::Decision(const std::string& kind,
                               int32_t from,
                               int32_t to,
                               Ipv6Address oldCoa,
                               Ipv6Address newCoa,
                               uint16_t bid)
{
    if (!m_registeredOnce || to < 0 || static_cast<uint32_t>(to) >= m_accesses.size())
    {
        return; // the first registration (of every CoA) belongs to the bootstrap
    }
    const Time now = Simulator::Now();
    if (kind == "remove-coa" || (kind == "hard" && from >= 0 && from != to))
    {
        // The lost access's record: a hard handover to an access that was already up (attach,
        // MD and DAD took no time), or the de-registration of the lost CoA's BID.
        Record& r = TakeOpen(from);
        r.kind = kind;
        r.fromAccess = MultiName(from);
        r.toAccess = MultiName(to);
        r.fromCoa = oldCoa;
        r.toCoa = newCoa;
        r.buCoa = newCoa;
        r.bid = bid;
        if (kind == "hard")
        {
            r.l2Up = now;
            r.coaFormed = now;
            r.coaUsable = now;
        }
        else
        {
            r.removal = true;
        }
        return;
    }
    AccessState& st = m_accesses[to];
    if (kind == "hard")
    {
        // A new CoA on the access that carried the binding (e.g. a new WLAN AP): its L2 loss
        // opened the record, which runs on as a single-access hard handover.
        if (st.open >= 0)
        {
            Record& r = m_records[st.open];
            st.open = -1;
            r.kind = "hard";
            r.toAccess = st.name;
            r.toCoa = newCoa;
            r.buCoa = newCoa;
            if (!r.coaUsable)
            {
                r.l2Up = r.l2Up.value_or(now);
                r.coaFormed = r.coaFormed.value_or(now);
                r.coaUsable = now;
            }
            return;
        }
    }
    // soft, add-coa (and a hard change of CoA with no L2 loss seen): from the new access's L2 up.
    if (st.open >= 0)
    {
        m_records[st.open].complete = true; // its loss was overtaken by this registration
        st.open = -1;
    }
    Record r;
    r.index = m_records.size() + 1;
    r.kind = kind;
    r.access = to;
    r.fromAccess = from >= 0 ? MultiName(from) : std::string();
    r.toAccess = st.name;
    r.fromCoa = oldCoa;
    r.toCoa = newCoa;
    r.buCoa = newCoa;
    r.bid = bid;
    r.l2Up = st.l2Up.value_or(now);
    r.coaFormed = st.coaFormed.value_or(*r.l2Up);
    r.coaUsable = now;
    m_records.push_back(r);
}

void
Mip6HandoverTimeline::McoaBuSent(uint16_t seq,
                                 Time lifetime,
                                 const std::vector<uint16_t>& bids,
                                 Ipv6Address src)
{
    if (!m_registeredOnce)
    {
        return;
    }
    for (Record& r : m_records)
    {
        if (r.complete || r.bid == 0 || lifetime.IsZero() != r.removal ||
            std::find(bids.begin(), bids.end(), r.bid) == bids.end())
        {
            continue;
        }
        if (!r.buSent)
        {
            r.buSent = Simulator::Now();
        }
        r.buCount++;
        r.seqs.push_back(seq);
    }
}

void
Mip6HandoverTimeline::BidStatus(uint16_t bid, uint8_t status, uint16_t seq)
{
    // The answer to a BU sent for a record (BID 0: a single binding) ends it when it accepts.
    for (Record& r : m_records)
    {
        if (r.complete || r.bid != bid ||
            std::find(r.seqs.begin(), r.seqs.end(), seq) == r.seqs.end())
        {
            continue;
        }
        r.baStatus = status;
        if (status < 128)
        {
            r.baReceived = Simulator::Now();
            r.complete = true;
            m_completeTrace(r);
        }
    }
}

void
Mip6HandoverTimeline::DoDispose()
{
    m_receptions.clear();
    m_records.clear();
    Object::DoDispose();
}

} // namespace ns3
