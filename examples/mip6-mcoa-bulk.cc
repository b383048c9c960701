/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * mip6-mcoa-bulk: one concept, multiple care-of addresses (RFC 5648 MCoA) with bulk
 * registration, on a Mobile Node with two accesses: a WLAN and a cellular link (the abstract
 * cell of Mip6CellularAccessHelper).
 *
 * With RFC 6275 alone the HA keeps one binding per home address: the MN can use one access at a
 * time. With MCoA every care-of address gets a Binding ID (BID; here 1 = WLAN, 2 = cell, in the
 * order the accesses were added), carried in a Binding Identifier option (type 35) with the CoA
 * and a priority (BID-PRI, lower = preferred: WLAN first). The HA keeps one binding per
 * (HoA, BID) and answers each BID with its own status inside the BA (RFC 5648 §6.1).
 * Bulk registration (§5) puts the BID options of several CoAs into ONE BU: here the WLAN is
 * registered first, the cell when it comes up at 2 s, and then the refresh of both bindings
 * travels as one bulk BU with BIDs 1 and 2.
 *
 * The output lists each BU with its BIDs and each per-BID status, the bytes of each BU and BA
 * on the air, and the HA's bindings after each BA.
 *
 * Try: --bulk=0 (one BU per BID at the refresh), --lifetime=60 (no refresh within the run),
 *      --pcap=1 then: tshark -r mcoa-bulk-mn-1.pcap -Y mipv6 -V | grep -A6 "Binding Identifier"
 */

#include "ns3/core-module.h"
#include "ns3/mip6-cellular-access-helper.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-wlan-access-helper.h"

#include <iomanip>
#include <iostream>

using namespace ns3;

namespace
{

Ptr<Mip6HomeAgent> g_ha; //!< the HA
Ipv6Address g_hoa;       //!< the MN's home address

void
Say(const std::string& who, const std::string& what)
{
    std::cout << std::fixed << std::setprecision(3) << std::setw(8) << Simulator::Now().GetSeconds()
              << " s  " << who << ": " << what << std::endl;
}

void
BuSent(uint16_t seq, Time lifetime, const std::vector<uint16_t>& bids, Ipv6Address from)
{
    std::ostringstream os;
    os << (bids.size() > 1 ? "sends a BULK BU" : "sends a BU") << " seq " << seq << " with BID";
    for (uint16_t bid : bids)
    {
        os << " " << bid;
    }
    os << ", lifetime " << lifetime.GetSeconds() << " s, from " << from;
    Say("MN", os.str());
}

void
BidStatus(uint16_t bid, uint8_t status, uint16_t seq)
{
    Say("MN",
        "BA seq " + std::to_string(seq) + ": BID " + std::to_string(bid) + " status " +
            std::to_string(status) + (status < 128 ? " (accepted)" : " (rejected)"));
}

void
McoaFallback()
{
    Say("MN",
        "the HA answered without Binding Identifier options (no MCoA support): one "
        "binding from now on (RFC 5648 §5)");
}

void
BaSent(Ipv6Address hoa, Ipv6Address coa, uint8_t status, uint16_t seq)
{
    std::ostringstream os;
    os << "after BA seq " << seq << " the HA holds " << g_ha->GetNBindings() << " binding(s):";
    for (const Mip6BindingCacheEntry& e : g_ha->GetBindings(g_hoa))
    {
        os << " [BID " << e.bindingId << ", BID-PRI " << +e.priority << ", " << e.careOfAddress
           << "]";
    }
    Say("HA", os.str());
}

void
OnAir(const Mip6OverheadMeter::Observation& o)
{
    if (o.point == Mip6OverheadMeter::POINT_MN_AIR && o.category == Mip6Category::MIP6)
    {
        Say("air",
            o.message + (o.direction == Mip6OverheadMeter::DIRECTION_TX ? " up " : " down ") +
                std::to_string(o.ipBytes) + " B IPv6 packet");
    }
}

} // namespace

int
main(int argc, char** argv)
{
    bool bulk = true;
    double lifetime = 8;
    double cellAttach = 2;
    double simTime = 10;
    bool pcap = false;
    CommandLine cmd(__FILE__);
    cmd.AddValue("bulk", "bulk registration: several BIDs in one BU (RFC 5648 §5)", bulk);
    cmd.AddValue("lifetime", "binding lifetime the MN requests, s (refresh at 80 %)", lifetime);
    cmd.AddValue("cellAttach", "when the cellular access comes up, s", cellAttach);
    cmd.AddValue("simTime", "simulated time, s", simTime);
    cmd.AddValue("pcap", "write mcoa-bulk-*.pcap for tshark", pcap);
    cmd.Parse(argc, argv);
    if (pcap)
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    }

    // A WLAN AP next to the MN, and a cell (point-to-point link to a cell router behind the HA).
    Ptr<Mip6WlanAccessHelper> access = CreateObject<Mip6WlanAccessHelper>();
    access->SetAttribute("NumAccessPoints", UintegerValue(1));
    access->SetAttribute("MnSpeed", DoubleValue(0));
    Mip6WlanTopology topo = access->Build();
    Ptr<Mip6CellularAccessHelper> cellHelper = CreateObject<Mip6CellularAccessHelper>();
    cellHelper->SetAttribute("Mode", StringValue("abstract"));
    cellHelper->SetAttribute("AttachTime", TimeValue(Seconds(cellAttach)));
    Mip6CellularAccess cell = cellHelper->Install(topo.mn, topo.ha);
    cellHelper->AssignStreams(1000 + access->AssignStreams(1000));

    // MCoA on at the MN (the HA supports it by default); the cell is the MN's second access.
    std::string error;
    Mip6Helper helper(Mip6SecurityDesignFactory::Create("none", error));
    helper.SetMobileNodeAttribute("MultipleCoa", BooleanValue(true));
    helper.SetMobileNodeAttribute("BulkRegistration", BooleanValue(bulk));
    helper.SetMobileNodeAttribute("BindingLifetime", TimeValue(Seconds(lifetime)));
    Mip6Helper::Installation inst =
        helper.InstallOnWlan(topo, Seconds(1), Seconds(simTime), {cell.monitor});
    Ptr<Mip6OverheadMeter> meter = helper.InstallOverheadMeter(topo, inst, {cell.coreInterface});
    meter->AttachIpInterface(topo.mn->GetId(), topo.mn, cell.mnInterface);
    g_ha = inst.homeAgent;
    g_hoa = topo.mnHomeAddress;

    inst.mobileNode->TraceConnectWithoutContext("McoaBindingUpdateSent", MakeCallback(&BuSent));
    inst.mobileNode->TraceConnectWithoutContext("BidStatus", MakeCallback(&BidStatus));
    inst.mobileNode->TraceConnectWithoutContext("McoaFallback", MakeCallback(&McoaFallback));
    inst.homeAgent->TraceConnectWithoutContext("BindingAckSent", MakeCallback(&BaSent));
    meter->TraceConnectWithoutContext("Observation", MakeCallback(&OnAir));
    if (pcap)
    {
        // Pcap names <prefix>-<node>-<device>.pcap: the MN's WLAN is mn-1, the HA's home link ha-1.
        Names::Add("mn", topo.mn);
        Names::Add("ha", topo.ha);
        access->EnablePcap("mcoa-bulk");
    }

    Simulator::Stop(Seconds(simTime));
    Simulator::Run();

    std::cout << "\nsummary: BID 1 (WLAN) " << (inst.mobileNode->IsBidRegistered(1) ? "" : "NOT ")
              << "registered, BID 2 (cell) " << (inst.mobileNode->IsBidRegistered(2) ? "" : "NOT ")
              << "registered; the HA holds " << inst.homeAgent->GetNBindings()
              << " bindings for one home address; probes received by the MN "
              << inst.mnProbe->GetReceived() << " of " << inst.cnProbe->GetSent() << std::endl;
    Simulator::Destroy();
    g_ha = nullptr;
    return 0;
}
