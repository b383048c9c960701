/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * mip6-ikev2-exchange: one concept, the IKEv2 exchange that keys the BU/BA before the first
 * registration (RFC 4877 + RFC 7296, the `ipsec-ikev2` design).
 *
 * The MN (IKE initiator) talks to UDP port 500 of the HA (responder) from its care-of address:
 *   IKE_SA_INIT  HDR, SAi1, KEi, Ni  <->  HDR, SAr1, KEr, Nr        (Diffie-Hellman, nonces)
 *   IKE_AUTH     HDR, SK{IDi, AUTH, SAi2, TSi, TSr}  <->  HDR, SK{IDr, CERT, AUTH, SAr2, ...}
 * Two round trips: the first agrees on algorithms and a shared secret, the second (encrypted
 * with keys derived from it) proves who both ends are (by a pre-shared key; with auth=eap-md5 the
 * MN by EAP-MD5 and the HA by its certificate) and creates the first Child SA pair: ESP transport
 * SAs for the BU and the BA, with USE_TRANSPORT_MODE (RFC 4877 §4.2). Only then does the first BU
 * go out, protected.
 *
 * The output lists each IKE message on the air interface with its size, the round-trip time of
 * each exchange, the Child SAs both ends installed and what the HA holds for this MN.
 *
 * Try: --variant=ipsec-ikev2:dh=19 (ECP-256: much smaller KE payloads),
 *      --variant=ipsec-ikev2:auth=eap-md5 (more IKE_AUTH round trips),
 *      --pcap=1 then: WIRESHARK_CONFIG_DIR=keys-ikev2 tshark -r ikev2-mn-1.pcap -Y isakmp \
 *                       -T fields -e isakmp.exchangetype -e isakmp.flag_r -e isakmp.typepayload
 */

#include "ns3/core-module.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-ipsec-sad.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-wlan-access-helper.h"

#include <filesystem>
#include <iomanip>
#include <iostream>

using namespace ns3;

namespace
{

std::map<std::string, Time> g_requestSent; //!< exchange name -> when its request left the MN
uint32_t g_ikeMessages{0};                 //!< IKE messages seen on the air
uint64_t g_ikeBytes{0};                    //!< their IPv6 bytes

void
Say(const std::string& who, const std::string& what)
{
    std::cout << std::fixed << std::setprecision(3) << std::setw(8) << Simulator::Now().GetSeconds()
              << " s  " << who << ": " << what << std::endl;
}

/// Every IKE and Mobility Header packet at the MN's air interface, with the exchanges' RTTs.
void
OnAir(const Mip6OverheadMeter::Observation& o)
{
    if (o.point != Mip6OverheadMeter::POINT_MN_AIR ||
        (o.category != Mip6Category::IKE && o.category != Mip6Category::MIP6))
    {
        return;
    }
    const bool up = o.direction == Mip6OverheadMeter::DIRECTION_TX;
    std::string line =
        o.message + (up ? " MN->HA " : " HA->MN ") + std::to_string(o.ipBytes) + " B IPv6 packet";
    if (o.category == Mip6Category::IKE)
    {
        g_ikeMessages++;
        g_ikeBytes += o.ipBytes;
        // Message names end in -req / -resp: the RTT of an exchange is request out -> response in.
        const size_t dash = o.message.rfind('-');
        const std::string exchange = o.message.substr(0, dash);
        if (up && o.message.substr(dash) == "-req")
        {
            g_requestSent[exchange] = o.t;
        }
        else if (!up && g_requestSent.count(exchange))
        {
            std::ostringstream rtt;
            rtt << std::fixed << std::setprecision(1)
                << (o.t - g_requestSent[exchange]).GetMicroSeconds() / 1e3;
            line += ", RTT " + rtt.str() + " ms";
        }
    }
    Say("air", line);
}

void
ExchangeDone(uint8_t exchange, bool ok)
{
    // RFC 7296 §3.1 exchange types.
    static const std::map<uint8_t, std::string> names{{34, "IKE_SA_INIT"},
                                                      {35, "IKE_AUTH"},
                                                      {36, "CREATE_CHILD_SA"},
                                                      {37, "INFORMATIONAL"}};
    const auto it = names.find(exchange);
    Say("MN",
        (it == names.end() ? "exchange " + std::to_string(exchange) : it->second) +
            (ok ? " done" : " FAILED") +
            (exchange == 34 ? ": IKE SA keys derived (SKEYSEED from the DH secret)" : "") +
            (exchange == 35 ? ": both ends authenticated, Child SAs installed" : ""));
}

void
BaReceived(uint8_t status, uint16_t seq, Time lifetime)
{
    Say("MN",
        "Binding Ack seq " + std::to_string(seq) + " status " + std::to_string(status) +
            ": registered through the Child SA");
}

void
PrintChildSas(const std::string& node, const Mip6IpsecSaSet* set)
{
    if (!set)
    {
        std::cout << "  " << node << ": no Child SA\n";
        return;
    }
    for (const auto& [what, sa] : {std::make_pair("out", set->transportOut),
                                   std::make_pair("in ", set->transportIn),
                                   std::make_pair("tunnel out", set->tunnelOut),
                                   std::make_pair("tunnel in ", set->tunnelIn)})
    {
        if (sa)
        {
            std::cout << "  " << node << " " << what << ": SPI 0x" << std::hex << sa->GetSpi()
                      << std::dec << ", " << sa->GetInfo().name << ", " << sa->GetKeyBytes()
                      << " B of keys, " << sa->GetConfig().source << " -> "
                      << sa->GetConfig().destination << "\n";
        }
    }
}

} // namespace

int
main(int argc, char** argv)
{
    std::string variant = "ipsec-ikev2";
    double simTime = 3;
    bool pcap = false;
    CommandLine cmd(__FILE__);
    cmd.AddValue("variant", "an ipsec-ikev2 variant, e.g. ipsec-ikev2:dh=19", variant);
    cmd.AddValue("simTime", "simulated time, s", simTime);
    cmd.AddValue("pcap", "write ikev2-*.pcap and the IKE and ESP keys in keys-ikev2/", pcap);
    cmd.Parse(argc, argv);
    if (pcap)
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    }

    std::string error;
    Ptr<Mip6SecurityDesign> design = Mip6SecurityDesignFactory::Create(variant, error);
    if (!design || variant.rfind("ipsec-ikev2", 0) != 0)
    {
        std::cerr << "mip6-ikev2-exchange: " << (design ? "not an ipsec-ikev2 variant" : error)
                  << "\n";
        return 2;
    }
    Ptr<Mip6WlanAccessHelper> access = CreateObject<Mip6WlanAccessHelper>();
    access->SetAttribute("NumAccessPoints", UintegerValue(1));
    access->SetAttribute("MnSpeed", DoubleValue(0));
    Mip6WlanTopology topo = access->Build();
    access->AssignStreams(1000);

    if (pcap)
    {
        // ikev2_decryption_table (IKE SAs) and esp_sa (Child SAs) for tshark.
        std::filesystem::create_directories("keys-ikev2");
        design->SetAttribute("KeyExportDirectory", StringValue("keys-ikev2"));
        // Pcap names <prefix>-<node>-<device>.pcap: the MN's WLAN is mn-1, the HA's home link ha-1.
        Names::Add("mn", topo.mn);
        Names::Add("ha", topo.ha);
        access->EnablePcap("ikev2");
    }
    Mip6Helper helper(design);
    Mip6Helper::Installation inst = helper.InstallOnWlan(topo, Seconds(1), Seconds(simTime));
    Ptr<Mip6OverheadMeter> meter = helper.InstallOverheadMeter(topo, inst);
    meter->TraceConnectWithoutContext("Observation", MakeCallback(&OnAir));
    inst.mobileNode->GetSecurity()->TraceConnectWithoutContext("Exchange",
                                                               MakeCallback(&ExchangeDone));
    inst.mobileNode->TraceConnectWithoutContext("BindingAckReceived", MakeCallback(&BaReceived));
    // The Child SAs land in each node's SPD/SAD (Install is idempotent: the design uses these).
    Ptr<Mip6IpsecSad> mnSad = Mip6IpsecSad::Install(topo.mn);
    Ptr<Mip6IpsecSad> haSad = Mip6IpsecSad::Install(topo.ha);

    Simulator::Stop(Seconds(simTime));
    Simulator::Run();

    std::cout << "\nChild SAs (keyed from the IKE SA, RFC 7296 §2.17):\n";
    PrintChildSas("MN", mnSad->Find(topo.mnHomeAddress));
    PrintChildSas("HA", haSad->Find(topo.mnHomeAddress));
    const Mip6SecurityState ha = inst.homeAgent->GetSecurity()->GetState(topo.mnHomeAddress);
    std::cout << "summary: " << g_ikeMessages << " IKE messages, " << g_ikeBytes
              << " B on the air, " << inst.mobileNode->GetSecurity()->GetBootstrapRoundTrips()
              << " round trips before the first BU; the HA holds " << ha.ikeSas << " IKE SA, "
              << ha.saCount << " SAs, " << ha.spdEntries << " SPD entries, " << ha.stateBytes
              << " B of state for this MN" << std::endl;
    Simulator::Destroy();
    return 0;
}
