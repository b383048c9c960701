/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * mip6-home-registration: one concept, the RFC 6275 home registration, with no protection (the
 * `none` design, the reference every secured design is compared with).
 *
 * The Mobile Node (MN) stands next to one WLAN access point that is not on its home link. When
 * it has a care-of address (CoA) it tells its Home Agent (HA) with a Binding Update (BU): "my
 * home address (HoA) is now reachable at this CoA, for this lifetime, and this is BU number
 * <sequence>". The HA checks it, creates a binding cache entry and answers with a Binding
 * Acknowledgement (BA) carrying a status (0 = accepted) and the lifetime it grants.
 *
 * What to watch in the output:
 *   - the sequence number grows by one with every BU (RFC 6275 §11.7.1), the HA keeps the last
 *     accepted one in its binding cache entry (§10.3.1) and would refuse an older one (status 135);
 *   - the lifetime is sent in units of 4 s (§6.1.7); the MN refreshes the binding before it runs
 *     out (attribute RefreshFraction), and a BU with lifetime 0 removes it (de-registration);
 *   - the sizes on the air: BU 96 B (IPv6 40 + Home Address option 24 + MH 32), BA 80 B
 *     (IPv6 40 + Type 2 routing header 24 + MH 16), as in DESIGN.md §1.
 *
 * Try: --lifetime=60 (no refresh within the run), --deregisterAt=0 (no de-registration),
 *      --pcap=1 then: tshark -r home-registration-mn-1.pcap -Y mipv6 -V
 */

#include "ns3/core-module.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-wlan-access-helper.h"

#include <iomanip>
#include <iostream>

using namespace ns3;

namespace
{

Ptr<Mip6HomeAgent> g_ha; //!< the HA (to read its binding cache)
Ipv6Address g_hoa;       //!< the MN's home address

void
Say(const std::string& who, const std::string& what)
{
    std::cout << std::fixed << std::setprecision(3) << std::setw(8) << Simulator::Now().GetSeconds()
              << " s  " << who << ": " << what << std::endl;
}

std::string
Secs(Time t)
{
    std::ostringstream os;
    os << t.GetSeconds() << " s";
    return os.str();
}

std::string
Str(const Ipv6Address& a)
{
    std::ostringstream os;
    os << a;
    return os.str();
}

// The MN's side (Mip6MobileNode traces).
void
CoaUsable(Ipv6Address coa)
{
    Say("MN", "care-of address " + Str(coa) + " is usable");
}

void
BuSent(uint16_t seq, Ipv6Address coa, Time lifetime, bool retransmission)
{
    Say("MN",
        "sends Binding Update seq " + std::to_string(seq) + ", lifetime " + Secs(lifetime) +
            (lifetime.IsZero() ? " (de-registration)" : "") +
            (retransmission ? " (retransmission)" : ""));
}

void
BaReceived(uint8_t status, uint16_t seq, Time lifetime)
{
    Say("MN",
        "receives Binding Ack seq " + std::to_string(seq) + " status " + std::to_string(status) +
            (status < 128 ? " (accepted)" : " (rejected)") + ", lifetime granted " +
            Secs(lifetime));
}

// The HA's side (Mip6HomeAgent traces and its binding cache).
void
BuReceived(Ipv6Address hoa, Ipv6Address coa, uint16_t seq)
{
    Say("HA",
        "Binding Update seq " + std::to_string(seq) + " for " + Str(hoa) + " via " + Str(coa));
    const Mip6BindingCacheEntry* e = g_ha->GetBinding(hoa);
    if (!e || !e->active)
    {
        // RFC 6275 §10.3.1: DAD for the HoA on the home link before the BA of a new binding.
        TimeValue dad;
        g_ha->GetAttribute("DadDelay", dad);
        Say("HA",
            "new binding: Duplicate Address Detection for the home address first (" +
                Secs(dad.Get()) + ")");
    }
}

void
BaSent(Ipv6Address hoa, Ipv6Address coa, uint8_t status, uint16_t seq)
{
    Say("HA", "sends Binding Ack seq " + std::to_string(seq) + " status " + std::to_string(status));
    const Mip6BindingCacheEntry* e = g_ha->GetBinding(g_hoa);
    if (e)
    {
        const Time left = e->registered + e->lifetime - Simulator::Now();
        Say("HA",
            "binding cache entry: " + Str(e->homeAddress) + " -> " + Str(e->careOfAddress) +
                ", last sequence " + std::to_string(e->lastSequence) + ", lifetime " +
                Secs(e->lifetime) + " (" + Secs(left) + " left)");
    }
}

void
BindingRemoved(Ipv6Address hoa)
{
    Say("HA",
        "binding of " + Str(hoa) +
            " removed; bindings held: " + std::to_string(g_ha->GetNBindings()));
}

// The bytes on the air interface, from the overhead meter (DESIGN.md §4.3).
void
OnAir(const Mip6OverheadMeter::Observation& o)
{
    if (o.point == Mip6OverheadMeter::POINT_MN_AIR && o.category == Mip6Category::MIP6)
    {
        Say("air",
            o.message + (o.direction == Mip6OverheadMeter::DIRECTION_TX ? " MN->AP " : " AP->MN ") +
                std::to_string(o.ipBytes) + " B IPv6 packet, " +
                std::to_string(o.l2Bytes.value_or(0)) + " B WLAN frame");
    }
}

} // namespace

int
main(int argc, char** argv)
{
    double lifetime = 16;
    double deregisterAt = 25;
    double simTime = 30;
    bool pcap = false;
    CommandLine cmd(__FILE__);
    cmd.AddValue("lifetime", "binding lifetime the MN requests, s (sent in 4-s units)", lifetime);
    cmd.AddValue("deregisterAt", "when the MN de-registers, s (0: never)", deregisterAt);
    cmd.AddValue("simTime", "simulated time, s", simTime);
    cmd.AddValue("pcap", "write home-registration-*.pcap (checksums on) for tshark", pcap);
    cmd.Parse(argc, argv);
    if (pcap)
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    }

    // One AP with its own access router (a foreign link), the HA, a CN behind it; the MN stands.
    Ptr<Mip6WlanAccessHelper> access = CreateObject<Mip6WlanAccessHelper>();
    access->SetAttribute("NumAccessPoints", UintegerValue(1));
    access->SetAttribute("MnSpeed", DoubleValue(0));
    Mip6WlanTopology topo = access->Build();
    access->AssignStreams(1000);

    // The agents with the `none` design; the MN asks for the lifetime given on the command line.
    std::string error;
    Ptr<Mip6SecurityDesign> design = Mip6SecurityDesignFactory::Create("none", error);
    Mip6Helper helper(design);
    helper.SetMobileNodeAttribute("BindingLifetime", TimeValue(Seconds(lifetime)));
    Mip6Helper::Installation inst = helper.InstallOnWlan(topo, Seconds(1), Seconds(simTime));
    Ptr<Mip6OverheadMeter> meter = helper.InstallOverheadMeter(topo, inst);
    g_ha = inst.homeAgent;
    g_hoa = topo.mnHomeAddress;
    std::cout << "MN home address " << topo.mnHomeAddress << ", HA " << topo.haHomeAddress
              << ", requested lifetime " << lifetime << " s\n";

    // Watch both ends.
    inst.mobileNode->GetMovementDetector()->TraceConnectWithoutContext("CoaUsable",
                                                                       MakeCallback(&CoaUsable));
    inst.mobileNode->TraceConnectWithoutContext("BindingUpdateSent", MakeCallback(&BuSent));
    inst.mobileNode->TraceConnectWithoutContext("BindingAckReceived", MakeCallback(&BaReceived));
    inst.homeAgent->TraceConnectWithoutContext("BindingUpdateReceived", MakeCallback(&BuReceived));
    inst.homeAgent->TraceConnectWithoutContext("BindingAckSent", MakeCallback(&BaSent));
    inst.homeAgent->TraceConnectWithoutContext("BindingRemoved", MakeCallback(&BindingRemoved));
    meter->TraceConnectWithoutContext("Observation", MakeCallback(&OnAir));
    if (deregisterAt > 0)
    {
        Simulator::Schedule(Seconds(deregisterAt), &Mip6MobileNode::Deregister, inst.mobileNode);
    }
    if (pcap)
    {
        // Pcap names <prefix>-<node>-<device>.pcap: the MN's WLAN is mn-1, the HA's home link ha-1.
        Names::Add("mn", topo.mn);
        Names::Add("ha", topo.ha);
        access->EnablePcap("home-registration");
    }

    Simulator::Stop(Seconds(simTime));
    Simulator::Run();

    std::cout << "\nsummary: last BU sequence "
              << inst.mobileNode->GetBindingUpdateListEntry().sequence << ", "
              << inst.homeAgent->GetNBindings() << " binding(s) at the HA at the end" << std::endl;
    Simulator::Destroy();
    g_ha = nullptr;
    return 0;
}
