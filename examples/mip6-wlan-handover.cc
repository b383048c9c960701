/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * mip6-wlan-handover: one Mobile Node, unprotected RFC 6275 signalling, walking past WLAN access
 * points. Prints each step of each handover as it happens, so the components of handover latency
 * (DESIGN.md §4.1) can be seen one by one:
 *
 *   last frame --l2_detect--> L2 lost --l2_attach--> L2 up --md--> CoA formed --dad--> CoA usable
 *   --sec--> BU sent --reg--> BA received
 *
 * Try: --aps=3 --maxMissedBeacons=3 (faster loss detection), or --dadWait=1 (RFC 4862 DAD).
 */

#include "ns3/core-module.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-wlan-access-helper.h"

#include <iostream>

using namespace ns3;

namespace
{

void
Say(const std::string& what)
{
    std::cout << Simulator::Now().As(Time::MS) << "  " << what << std::endl;
}

void
L2Lost(Time lastFrame)
{
    Say("L2 lost (last frame from the old AP at " + std::to_string(lastFrame.GetSeconds()) + " s)");
}

void
L2Up(Mac48Address bssid)
{
    std::ostringstream os;
    os << "L2 up with " << bssid << "; Router Solicitation sent";
    Say(os.str());
}

void
CoaFormed(Ipv6Address coa)
{
    std::ostringstream os;
    os << "new care-of address " << coa << " (RA with a new prefix)";
    Say(os.str());
}

void
BuSent(uint16_t seq, Ipv6Address coa, Time lifetime, bool retransmission)
{
    Say("Binding Update seq " + std::to_string(seq) + (retransmission ? " (retransmission)" : ""));
}

void
BaReceived(uint8_t status, uint16_t seq, Time lifetime)
{
    Say("Binding Ack seq " + std::to_string(seq) + " status " + std::to_string(status));
}

} // namespace

int
main(int argc, char** argv)
{
    uint32_t aps = 3;
    uint32_t maxMissedBeacons = 10;
    double dadWait = 0;
    double simTime = 40;
    CommandLine cmd(__FILE__);
    cmd.AddValue("aps", "number of access points", aps);
    cmd.AddValue("maxMissedBeacons",
                 "beacons missed before the MN declares the AP lost",
                 maxMissedBeacons);
    cmd.AddValue("dadWait", "DAD wait for a new CoA, s (0 = optimistic)", dadWait);
    cmd.AddValue("simTime", "simulated time, s", simTime);
    cmd.Parse(argc, argv);

    // The topology: APs 80 m apart, each its own access router; the HA; a CN behind it.
    Ptr<Mip6WlanAccessHelper> access = CreateObject<Mip6WlanAccessHelper>();
    access->SetAttribute("NumAccessPoints", UintegerValue(aps));
    access->SetAttribute("MaxMissedBeacons", UintegerValue(maxMissedBeacons));
    Mip6WlanTopology topo = access->Build();
    access->AssignStreams(1000);

    // The agents, with the `none` design (no protection).
    std::string error;
    Mip6Helper helper(Mip6SecurityDesignFactory::Create("none", error));
    Mip6Helper::Installation inst = helper.InstallOnWlan(topo, Seconds(1), Seconds(simTime));
    inst.mobileNode->GetMovementDetector()->SetAttribute("DadWait", TimeValue(Seconds(dadWait)));

    // Watch the steps.
    Ptr<Mip6AccessMonitor> md = inst.mobileNode->GetMovementDetector();
    md->TraceConnectWithoutContext("L2Lost", MakeCallback(&L2Lost));
    md->TraceConnectWithoutContext("L2Up", MakeCallback(&L2Up));
    md->TraceConnectWithoutContext("CoaFormed", MakeCallback(&CoaFormed));
    inst.mobileNode->TraceConnectWithoutContext("BindingUpdateSent", MakeCallback(&BuSent));
    inst.mobileNode->TraceConnectWithoutContext("BindingAckReceived", MakeCallback(&BaReceived));

    Simulator::Stop(Seconds(simTime));
    Simulator::Run();

    // The same steps as the handover table rows (DESIGN.md §4.1).
    Mip6CsvTable table(Mip6Schema::HandoverColumns());
    inst.timeline->FillHandovers({1, 1, "none"}, table);
    std::cout << "\n" << table.ToString();
    std::cout << "probes received by the MN: " << inst.mnProbe->GetReceived() << " of "
              << inst.cnProbe->GetSent() << std::endl;
    Simulator::Destroy();
    return 0;
}
