/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_MULTIHOMED_RUN_H
#define MIP6_MULTIHOMED_RUN_H

// A Mobile Node with two accesses (a "wlan" and a "cell" one) over point-to-point links, driven by
// a test access monitor, shared by the multihoming and MCoA test suites (test-only, not part of
// the library).

#include "ns3/core-module.h"
#include "ns3/error-model.h"
#include "ns3/internet-module.h"
#include "ns3/mip6-access-monitor.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-probe-application.h"
#include "ns3/mip6-result-writer.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/point-to-point-module.h"

#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace ns3
{
namespace mip6test
{

/**
 * A test-only access monitor: the test says when L2 comes up or is lost and when the CoA (a
 * static address of the access interface) is formed, usable or lost. Losing L2 also breaks the
 * link (a receive error model on both ends), so packets in flight on it are lost.
 */
class TestAccessMonitor : public Mip6AccessMonitor
{
  public:
    TestAccessMonitor(Ptr<NetDevice> device,
                      std::string technology,
                      Ipv6Address coa,
                      std::vector<Ptr<RateErrorModel>> link)
        : m_device(device),
          m_technology(std::move(technology)),
          m_address(coa),
          m_link(std::move(link))
    {
    }

    void Start(Ptr<Node> node, uint32_t ifIndex, Ipv6Address, uint8_t) override
    {
        m_ifIndex = ifIndex;
    }

    void Stop() override
    {
    }

    Ptr<NetDevice> GetDevice() const override
    {
        return m_device;
    }

    std::string GetTechnology() const override
    {
        return m_technology;
    }

    Ipv6Address GetCareOfAddress() const override
    {
        return m_coa;
    }

    bool IsUp() const override
    {
        return m_up;
    }

    /// L2 up, then the CoA formed and usable after \p dad.
    void Attach(uint16_t cell, Time dad)
    {
        for (auto& em : m_link)
        {
            em->Disable();
        }
        m_up = true;
        m_l2UpTrace(GetCellAddress(cell));
        m_coa = m_address;
        m_coaFormedTrace(m_coa);
        Simulator::Schedule(dad, &TestAccessMonitor::Usable, this);
    }

    /// L2 lost (and the link broken); the last frame was received now.
    void Lose()
    {
        for (auto& em : m_link)
        {
            em->Enable();
        }
        m_up = false;
        m_l2LostTrace(Simulator::Now());
    }

    /// L2 back with the same CoA (an intra handover): usable again at once.
    void Reattach(uint16_t cell)
    {
        for (auto& em : m_link)
        {
            em->Disable();
        }
        m_up = true;
        m_l2UpTrace(GetCellAddress(cell));
        m_coaUsableTrace(m_coa);
    }

  private:
    void Usable()
    {
        if (m_up)
        {
            m_coaUsableTrace(m_coa);
        }
    }

    Ptr<NetDevice> m_device;
    std::string m_technology;
    Ipv6Address m_address;
    Ipv6Address m_coa;
    bool m_up{false};
    std::vector<Ptr<RateErrorModel>> m_link;
};

/// What a run saw.
struct BuSeen
{
    Time at;
    uint16_t seq;
    Ipv6Address coa;
    Time lifetime;
};

/**
 * MN with a WLAN-like and a cellular-like access, two access routers, the HA (home-prefix router
 * with a one-node home link) and a CN behind it, all on point-to-point links; seed 1, run 1 and a
 * fresh crypto DRBG, so reruns are identical. \p configure sets MN and HA attributes before the MN
 * starts; the test schedules the accesses' Attach/Lose and runs the simulation.
 */
struct MultihomedRun
{
    MultihomedRun(const std::string& design,
                  const std::function<void(Ptr<Mip6MobileNode>, Ptr<Mip6HomeAgent>)>& configure)
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Mip6CryptoRandom::Install();
        Mip6CryptoRandom::Reset();
        mn = CreateObject<Node>();
        Ptr<Node> ar1 = CreateObject<Node>();
        Ptr<Node> ar2 = CreateObject<Node>();
        ha = CreateObject<Node>();
        cn = CreateObject<Node>();
        Ptr<Node> homeNeighbour = CreateObject<Node>();
        Ipv6ListRoutingHelper listRouting;
        listRouting.Add(Ipv6StaticRoutingHelper(), 0);
        InternetStackHelper stack;
        stack.SetRoutingHelper(listRouting);
        stack.SetIpv4StackInstall(false);
        stack.Install(NodeContainer(mn, ar1, ar2, ha, cn, homeNeighbour));
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("2ms"));
        Ipv6AddressHelper addr;
        auto link = [&](Ptr<Node> a, Ptr<Node> b, const char* prefix) {
            NetDeviceContainer d = p2p.Install(a, b);
            addr.SetBase(Ipv6Address(prefix), Ipv6Prefix(64));
            Ipv6InterfaceContainer ifs = addr.Assign(d);
            return std::make_pair(d, ifs);
        };
        auto [wlanDev, wlanIf] = link(mn, ar1, "fd00:1::");
        auto [cellDev, cellIf] = link(mn, ar2, "fd00:2::");
        auto [ar1Ha, ar1HaIf] = link(ar1, ha, "fd00:11::");
        auto [ar2Ha, ar2HaIf] = link(ar2, ha, "fd00:12::");
        auto [cnHa, cnHaIf] = link(cn, ha, "fd00:200::");
        auto [home, homeIf] = link(ha, homeNeighbour, "fd00:100::");
        for (Ptr<Node> r : {ar1, ar2, ha})
        {
            r->GetObject<Ipv6>()->SetAttribute("IpForward", BooleanValue(true));
        }
        // Ipv6AddressHelper numbers from ::1: the MN end is fd00:1::1 / fd00:2::1.
        wlanCoa = wlanIf.GetAddress(0, 1);
        cellCoa = cellIf.GetAddress(0, 1);
        haAddress = homeIf.GetAddress(0, 1);
        hoa = Ipv6Address("fd00:100::10");
        cnAddress = cnHaIf.GetAddress(0, 1);

        Ipv6StaticRoutingHelper rh;
        Ptr<Ipv6StaticRouting> mnr = rh.GetStaticRouting(mn->GetObject<Ipv6>());
        mnr->SetDefaultRoute(wlanIf.GetAddress(1, 1), wlanIf.GetInterfaceIndex(0));
        mnr->SetDefaultRoute(cellIf.GetAddress(1, 1), cellIf.GetInterfaceIndex(0));
        rh.GetStaticRouting(ar1->GetObject<Ipv6>())
            ->SetDefaultRoute(ar1HaIf.GetAddress(1, 1), ar1HaIf.GetInterfaceIndex(0));
        rh.GetStaticRouting(ar2->GetObject<Ipv6>())
            ->SetDefaultRoute(ar2HaIf.GetAddress(1, 1), ar2HaIf.GetInterfaceIndex(0));
        rh.GetStaticRouting(cn->GetObject<Ipv6>())
            ->SetDefaultRoute(cnHaIf.GetAddress(1, 1), cnHaIf.GetInterfaceIndex(0));
        Ptr<Ipv6StaticRouting> har = rh.GetStaticRouting(ha->GetObject<Ipv6>());
        har->AddNetworkRouteTo(Ipv6Address("fd00:1::"),
                               Ipv6Prefix(64),
                               ar1HaIf.GetAddress(0, 1),
                               ar1HaIf.GetInterfaceIndex(1));
        har->AddNetworkRouteTo(Ipv6Address("fd00:2::"),
                               Ipv6Prefix(64),
                               ar2HaIf.GetAddress(0, 1),
                               ar2HaIf.GetInterfaceIndex(1));

        auto breaker = [](NetDeviceContainer d) {
            std::vector<Ptr<RateErrorModel>> v;
            for (uint32_t i = 0; i < d.GetN(); ++i)
            {
                Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
                em->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
                em->SetRate(1.0);
                em->Disable();
                d.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(em));
                v.push_back(em);
            }
            return v;
        };
        wlan = CreateObject<TestAccessMonitor>(wlanDev.Get(0), "wlan", wlanCoa, breaker(wlanDev));
        cell = CreateObject<TestAccessMonitor>(cellDev.Get(0), "cell", cellCoa, breaker(cellDev));

        std::string error;
        // The design outlives the run: its two sides refer to it.
        securityDesign = Mip6SecurityDesignFactory::Create(design, error);
        NS_ABORT_MSG_IF(!securityDesign, error);
        Ptr<Mip6SecurityDesign> d = securityDesign;
        Mip6Helper helper(d);
        helper.SetHomeAgentAttribute("DadDelay", TimeValue(MilliSeconds(100)));
        homeAgent = helper.InstallHomeAgent(ha,
                                            haAddress,
                                            Ipv6Address("fd00:100::"),
                                            64,
                                            homeIf.GetInterfaceIndex(0));
        homeAgent->SetMnId(hoa, mn->GetId());
        mobileNode = CreateObject<Mip6MobileNode>();
        mobileNode->SetAttribute("HomeAddress", Ipv6AddressValue(hoa));
        mobileNode->SetAttribute("HomeAgentAddress", Ipv6AddressValue(haAddress));
        mobileNode->SetAttribute("HomePrefix", Ipv6AddressValue(Ipv6Address("fd00:100::")));
        mobileNode->SetSecurity(d->CreateMnSide());
        mobileNode->AddAccess(wlan);
        mobileNode->AddAccess(cell);
        if (configure)
        {
            configure(mobileNode, homeAgent);
        }
        mn->AddApplication(mobileNode);

        cnProbe = CreateObject<Mip6ProbeApplication>();
        cnProbe->SetAttribute("Remote", Ipv6AddressValue(hoa));
        cn->AddApplication(cnProbe);
        mnProbe = CreateObject<Mip6ProbeApplication>();
        mnProbe->SetAttribute("Remote", Ipv6AddressValue(cnAddress));
        mn->AddApplication(mnProbe);
        for (Ptr<Application> app : {Ptr<Application>(cnProbe), Ptr<Application>(mnProbe)})
        {
            app->SetStartTime(Seconds(1));
            app->SetStopTime(Seconds(9));
        }
        timeline = CreateObject<Mip6HandoverTimeline>();
        timeline->Attach(mobileNode, mnProbe);
        mn->AggregateObject(timeline);

        mobileNode->TraceConnectWithoutContext("BindingUpdateSent",
                                               MakeCallback(&MultihomedRun::BuSent, this));
        mobileNode->TraceConnectWithoutContext("McoaBindingUpdateSent",
                                               MakeCallback(&MultihomedRun::McoaBuSent, this));
        mobileNode->TraceConnectWithoutContext("BidStatus",
                                               MakeCallback(&MultihomedRun::BidStatus, this));
        mnProbe->TraceConnectWithoutContext("ProbeRx", MakeCallback(&MultihomedRun::ProbeRx, this));
    }

    ~MultihomedRun()
    {
        Simulator::Destroy();
    }

    MultihomedRun(const MultihomedRun&) = delete;
    MultihomedRun& operator=(const MultihomedRun&) = delete;

    void Run(Time stop)
    {
        Simulator::Stop(stop);
        Simulator::Run();
    }

    void BuSent(uint16_t seq, Ipv6Address coa, Time lifetime, bool retx)
    {
        bus.push_back({Simulator::Now(), seq, coa, lifetime});
    }

    void McoaBuSent(uint16_t seq, Time lifetime, const std::vector<uint16_t>& bids, Ipv6Address src)
    {
        mcoaBus.push_back(bids);
        mcoaLifetimes.push_back(lifetime);
    }

    void BidStatus(uint16_t bid, uint8_t status, uint16_t seq)
    {
        bidStatus.emplace_back(bid, status);
    }

    void ProbeRx(uint32_t seq, Time sent, Ipv6Address coa)
    {
        rx.emplace_back(Simulator::Now(), coa);
    }

    /// \return probes received through \p coa in [from, to)
    uint32_t ReceivedVia(Ipv6Address coa, Time from, Time to) const
    {
        uint32_t n = 0;
        for (const auto& [at, c] : rx)
        {
            n += (c == coa && at >= from && at < to) ? 1 : 0;
        }
        return n;
    }

    /// \return handovers.csv as text
    std::string Csv() const
    {
        Mip6CsvTable table(Mip6Schema::HandoverColumns());
        timeline->FillHandovers(Mip6RunInfo{1, 1, "test"}, table);
        std::ostringstream os;
        for (size_t i = 0; i < table.GetRowCount(); ++i)
        {
            const auto& cells = table.GetRow(i);
            for (size_t c = 0; c < cells.size(); ++c)
            {
                os << (c ? "," : "") << cells[c];
            }
            os << "\n";
        }
        return os.str();
    }

    /// \return the cell of handovers.csv row \p row in column \p column ("" if none)
    std::string Cell(size_t row, const std::string& column) const
    {
        Mip6CsvTable table(Mip6Schema::HandoverColumns());
        timeline->FillHandovers(Mip6RunInfo{1, 1, "test"}, table);
        const auto& cols = table.GetColumns();
        for (size_t c = 0; c < cols.size(); ++c)
        {
            if (cols[c] == column && row < table.GetRowCount())
            {
                return table.GetRow(row)[c];
            }
        }
        return "";
    }

    Ptr<Mip6SecurityDesign> securityDesign;
    Ptr<Node> mn;
    Ptr<Node> ha;
    Ptr<Node> cn;
    Ipv6Address wlanCoa;
    Ipv6Address cellCoa;
    Ipv6Address haAddress;
    Ipv6Address hoa;
    Ipv6Address cnAddress;
    Ptr<TestAccessMonitor> wlan;
    Ptr<TestAccessMonitor> cell;
    Ptr<Mip6HomeAgent> homeAgent;
    Ptr<Mip6MobileNode> mobileNode;
    Ptr<Mip6ProbeApplication> cnProbe;
    Ptr<Mip6ProbeApplication> mnProbe;
    Ptr<Mip6HandoverTimeline> timeline;
    std::vector<BuSeen> bus;
    std::vector<std::vector<uint16_t>> mcoaBus;
    std::vector<Time> mcoaLifetimes;
    std::vector<std::pair<uint16_t, uint8_t>> bidStatus;
    std::vector<std::pair<Time, Ipv6Address>> rx;
};

} // namespace mip6test
} // namespace ns3

#endif /* MIP6_MULTIHOMED_RUN_H */
