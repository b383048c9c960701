/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * mip6-esp-bu: one concept, a Binding Update protected by ESP with static keys (RFC 3776, the
 * `ipsec-manual` design; RFC 4303 ESP in transport mode).
 *
 * The operator configured the Security Associations (SAs) of the MN–HA pair by hand, as
 * RFC 3776 §4 describes: one for the BU (MN -> HA), one for the BA (HA -> MN) and, when payload
 * protection is on (ipsec-manual:payload=on), two tunnel SAs. The Security Policy Database (SPD)
 * says "MH type 5 (BU) from this HoA to the HA must use SA x". The ESP header (SPI + sequence
 * number) and trailer (padding, ICV) make the BU 148 B instead of 96 B (AES-128-CBC +
 * HMAC-SHA1-96).
 *
 * Then an attacker on the MN's link, who recorded the first protected BU, sends it again:
 *   1. unchanged: the HA's anti-replay window has seen its ESP sequence number -> "replay";
 *   2. with a fresh ESP sequence number written in: the ICV covers the sequence number, so the
 *      HA's integrity check fails -> "bad-icv".
 * The HA refuses both by its own checks (RFC 4303 §3.4.3, §3.4.4), counts and traces them, and
 * the binding keeps the real CoA.
 *
 * Try: --variant=ipsec-manual:esp=gcm (132 B BU), --pcap=1 then decrypt (doc/lab.rst):
 *   WIRESHARK_CONFIG_DIR=keys-esp-bu tshark -r esp-bu-mn-1.pcap -Y esp \
 *       -o esp.enable_encryption_decode:TRUE -o esp.enable_authentication_check:TRUE \
 *       -T fields -e frame.time_relative -e esp.spi -e esp.sequence -e esp.icv_good -e mip6.mhtype
 */

#include "ns3/core-module.h"
#include "ns3/mip6-esp-protocol.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-ipsec-sad.h"
#include "ns3/mip6-l4-protocol.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-wlan-access-helper.h"

#include <filesystem>
#include <iomanip>
#include <iostream>

using namespace ns3;

namespace
{

Mip6WlanTopology g_topo;         //!< the topology
Mip6Helper::Installation g_inst; //!< the agents
Ptr<Mip6IpsecSad> g_mnSad;       //!< the MN's SPD/SAD
Ptr<Packet> g_firstBu;           //!< the attacker's recording: the first ESP BU (from the SPI on)

void
Say(const std::string& who, const std::string& what)
{
    std::cout << std::fixed << std::setprecision(3) << std::setw(8) << Simulator::Now().GetSeconds()
              << " s  " << who << ": " << what << std::endl;
}

std::string
Hex(uint32_t v)
{
    std::ostringstream os;
    os << "0x" << std::hex << v;
    return os.str();
}

/// Prints one SA of a node's SAD.
void
PrintSa(const std::string& role, Ptr<Mip6EspSa> sa)
{
    if (!sa)
    {
        return;
    }
    const Mip6EspSaConfig& c = sa->GetConfig();
    std::ostringstream os;
    os << "  " << std::left << std::setw(22) << role << " SPI " << Hex(c.spi) << ", "
       << (c.mode == Mip6EspMode::TRANSPORT ? "transport" : "tunnel") << ", " << sa->GetInfo().name
       << " (key " << sa->GetKeyBytes() << " B, ICV " << sa->GetInfo().icvSize << " B), "
       << c.source << " -> " << c.destination;
    std::cout << os.str() << std::endl;
}

// The MN's ESP layer: keep the first BU the MN protects (what an attacker on the link records).
void
MnEspTx(Ptr<const Packet> esp, uint32_t spi)
{
    const Mip6IpsecSaSet* sas = g_mnSad->Find(g_topo.mnHomeAddress);
    if (!g_firstBu && sas && spi == sas->transportOut->GetSpi())
    {
        g_firstBu = esp->Copy();
        uint8_t b[8];
        esp->CopyData(b, 8);
        Say("attacker",
            "records the MN's first ESP packet: SPI " + Hex(spi) + ", ESP sequence number " +
                std::to_string((b[4] << 24) | (b[5] << 16) | (b[6] << 8) | b[7]) + ", " +
                std::to_string(esp->GetSize()) + " B from the SPI to the ICV");
    }
}

void
HaEspDrop(Ptr<const Packet> p, const std::string& reason)
{
    Say("HA", "ESP packet refused: " + reason + " (counted and traced)");
}

void
BuSent(uint16_t seq, Ipv6Address coa, Time lifetime, bool retransmission)
{
    Say("MN", "sends Binding Update seq " + std::to_string(seq) + " through the BU SA");
}

void
BaReceived(uint8_t status, uint16_t seq, Time lifetime)
{
    Say("MN", "Binding Ack seq " + std::to_string(seq) + " status " + std::to_string(status));
}

void
OnAir(const Mip6OverheadMeter::Observation& o)
{
    if (o.point == Mip6OverheadMeter::POINT_MN_AIR && o.category == Mip6Category::MIP6)
    {
        Say("air",
            o.message + (o.direction == Mip6OverheadMeter::DIRECTION_TX ? " MN->AP " : " AP->MN ") +
                std::to_string(o.ipBytes) + " B IPv6 packet (ESP inside)");
    }
}

/// The attacker sends bytes (starting at the SPI) as if from the MN: CoA -> HA with the HAO.
void
Inject(Ptr<Packet> esp, const std::string& what)
{
    Say("attacker", what);
    const Ipv6Address coa = g_inst.mobileNode->GetMovementDetector()->GetCareOfAddress();
    g_topo.mn->GetObject<Mip6L4Protocol>()
        ->Send(esp, 50, coa, g_topo.haHomeAddress, g_topo.mnHomeAddress, std::nullopt, nullptr);
}

void
Replay()
{
    NS_ABORT_MSG_IF(!g_firstBu, "no protected BU was recorded");
    Inject(g_firstBu->Copy(), "sends the recorded first BU again, unchanged");
}

void
ReplayWithNewSequence()
{
    // RFC 4303 §2.2: the 32-bit sequence number follows the 4-byte SPI.
    std::vector<uint8_t> b(g_firstBu->GetSize());
    g_firstBu->CopyData(b.data(), b.size());
    b[4] = 0x00;
    b[5] = 0x00;
    b[6] = 0x10;
    b[7] = 0x00; // 4096: far ahead of anything the HA has seen
    Inject(Create<Packet>(b.data(), b.size()),
           "sends it again with ESP sequence number 4096 written in");
}

} // namespace

int
main(int argc, char** argv)
{
    std::string variant = "ipsec-manual";
    double simTime = 10;
    bool pcap = false;
    CommandLine cmd(__FILE__);
    cmd.AddValue("variant", "an ipsec-manual variant, e.g. ipsec-manual:esp=gcm", variant);
    cmd.AddValue("simTime", "simulated time, s (the attacks are at 6 and 7 s)", simTime);
    cmd.AddValue("pcap", "write esp-bu-*.pcap and the ESP keys in keys-esp-bu/", pcap);
    cmd.Parse(argc, argv);
    if (pcap)
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    }

    std::string error;
    Ptr<Mip6SecurityDesign> design = Mip6SecurityDesignFactory::Create(variant, error);
    if (!design || variant.rfind("ipsec-manual", 0) != 0)
    {
        std::cerr << "mip6-esp-bu: " << (design ? "not an ipsec-manual variant" : error) << "\n";
        return 2;
    }
    Ptr<Mip6WlanAccessHelper> access = CreateObject<Mip6WlanAccessHelper>();
    access->SetAttribute("NumAccessPoints", UintegerValue(1));
    access->SetAttribute("MnSpeed", DoubleValue(0));
    g_topo = access->Build();
    access->AssignStreams(1000);

    if (pcap)
    {
        // The SA table tshark reads (uat:esp_sa), written when the SAs are installed.
        std::filesystem::create_directories("keys-esp-bu");
        design->SetAttribute("KeyExportDirectory", StringValue("keys-esp-bu"));
        // Pcap names <prefix>-<node>-<device>.pcap: the MN's WLAN is mn-1, the HA's home link ha-1.
        Names::Add("mn", g_topo.mn);
        Names::Add("ha", g_topo.ha);
        access->EnablePcap("esp-bu");
    }
    Mip6Helper helper(design);
    g_inst = helper.InstallOnWlan(g_topo, Seconds(1), Seconds(simTime));
    Ptr<Mip6OverheadMeter> meter = helper.InstallOverheadMeter(g_topo, g_inst);

    // The SPD/SAD of each node: the design fills them when the agents start (Install is
    // idempotent, so the ESP layers exist now for their traces).
    g_mnSad = Mip6IpsecSad::Install(g_topo.mn);
    Ptr<Mip6IpsecSad> haSad = Mip6IpsecSad::Install(g_topo.ha);
    Ptr<Mip6EspProtocol> mnEsp = g_topo.mn->GetObject<Mip6EspProtocol>();
    Ptr<Mip6EspProtocol> haEsp = g_topo.ha->GetObject<Mip6EspProtocol>();
    mnEsp->TraceConnectWithoutContext("Tx", MakeCallback(&MnEspTx));
    haEsp->TraceConnectWithoutContext("Drop", MakeCallback(&HaEspDrop));
    g_inst.mobileNode->TraceConnectWithoutContext("BindingUpdateSent", MakeCallback(&BuSent));
    g_inst.mobileNode->TraceConnectWithoutContext("BindingAckReceived", MakeCallback(&BaReceived));
    meter->TraceConnectWithoutContext("Observation", MakeCallback(&OnAir));

    // Static keys: the SAs are in place as soon as the agents start (t = 0).
    Simulator::Schedule(MilliSeconds(1), [haSad]() {
        const Mip6IpsecSaSet* mn = g_mnSad->Find(g_topo.mnHomeAddress);
        const Mip6IpsecSaSet* ha = haSad->Find(g_topo.mnHomeAddress);
        NS_ABORT_MSG_IF(!mn || !ha, "no SAs installed");
        std::cout << "SAs at the MN (" << mn->policies.size() << " SPD entries):\n";
        PrintSa("BU out (MN -> HA)", mn->transportOut);
        PrintSa("BA in", mn->transportIn);
        PrintSa("payload out", mn->tunnelOut);
        PrintSa("payload in", mn->tunnelIn);
        std::cout << "SAs at the HA (" << ha->policies.size() << " SPD entries):\n";
        PrintSa("BU in (MN -> HA)", ha->transportIn);
        PrintSa("BA out", ha->transportOut);
        PrintSa("payload out", ha->tunnelOut);
        PrintSa("payload in", ha->tunnelIn);
    });
    Simulator::Schedule(Seconds(6), &Replay);
    Simulator::Schedule(Seconds(7), &ReplayWithNewSequence);

    Simulator::Stop(Seconds(simTime));
    Simulator::Run();

    const Mip6BindingCacheEntry* e = g_inst.homeAgent->GetBinding(g_topo.mnHomeAddress);
    const Ipv6Address coa = g_inst.mobileNode->GetMovementDetector()->GetCareOfAddress();
    std::cout << "\nsummary: the HA accepted " << haEsp->GetRxCount() << " ESP packets, refused "
              << haEsp->GetDropCount(Mip6EspDropReason::REPLAY) << " as replay and "
              << haEsp->GetDropCount(Mip6EspDropReason::BAD_ICV) << " as bad-icv; binding "
              << (e && e->careOfAddress == coa ? "still points at the MN's real CoA"
                                               : "LOST the MN's CoA")
              << std::endl;
    Simulator::Destroy();
    g_firstBu = nullptr;
    g_mnSad = nullptr;
    g_inst = Mip6Helper::Installation();
    g_topo = Mip6WlanTopology();
    return 0;
}
