/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * mip6-tls-bootstrap: one concept, the RFC 6618 bootstrap over TLS (draft-korhonen-mext-mip6-
 * altsec, the `altsec-tls` design).
 *
 * Instead of IKEv2, the MN opens a TCP connection to the HA-Controller (HAC, here co-located
 * with the HA, port 7872) and runs a TLS handshake (real OpenSSL over ns-3 TCP; the HAC proves
 * itself with a certificate). Inside the TLS session the MN authenticates with MHAuth messages
 * (RFC 6618 §5: a pre-shared key here; EAP-MD5 as a variant), and the HAC answers with the
 * bootstrap data: the HoA, the HA address, an SPI, a ciphersuite and the four MN–HA keys.
 * The HAC hands the same SPI and keys to the HA. The first BU then travels in UDP (port 7872)
 * with the altsec header (PType 8, SPI, sequence number), encrypted and integrity-protected
 * with those keys; there is no Home Address option: the HA finds the HoA from the SPI.
 *
 * The output lists every TCP/TLS segment and the BU/BA on the air interface with its size, the
 * MHAuth result at the HAC, the SA each end holds, and the bootstrap's round trips.
 *
 * Try: --variant=altsec-tls:tls=1.3 (one round trip less), --variant=altsec-tls:auth=eap-md5,
 *      --pcap=1 then: tshark -r tls-bootstrap-mn-1.pcap -d tcp.port==7872,tls \
 *                       -o tls.keylog_file:keys-tls/tls-keylog.txt -Y tls.handshake.type
 */

#include "ns3/core-module.h"
#include "ns3/mip6-altsec-design.h"
#include "ns3/mip6-ha-controller.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-wlan-access-helper.h"

#include <filesystem>
#include <iomanip>
#include <iostream>

using namespace ns3;

namespace
{

uint64_t g_tlsBytes{0};    //!< TCP + TLS bytes on the air
uint32_t g_tlsSegments{0}; //!< TCP segments on the air

void
Say(const std::string& who, const std::string& what)
{
    std::cout << std::fixed << std::setprecision(3) << std::setw(8) << Simulator::Now().GetSeconds()
              << " s  " << who << ": " << what << std::endl;
}

/// TCP/TLS segments and the MN–HA signalling at the MN's air interface.
void
OnAir(const Mip6OverheadMeter::Observation& o)
{
    if (o.point != Mip6OverheadMeter::POINT_MN_AIR ||
        (o.category != Mip6Category::TLS && o.category != Mip6Category::MIP6))
    {
        return;
    }
    if (o.category == Mip6Category::TLS)
    {
        g_tlsSegments++;
        g_tlsBytes += o.ipBytes;
    }
    const bool up = o.direction == Mip6OverheadMeter::DIRECTION_TX;
    Say("air",
        (o.message.empty() ? Mip6CategoryName(o.category) : o.message) +
            (up ? " MN->HAC/HA " : " HAC/HA->MN ") + std::to_string(o.ipBytes) + " B IPv6 packet");
}

void
HacExchange(const std::string& mnId, uint16_t status)
{
    Say("HAC",
        "MHAuth exchange with " + mnId + " ended, status " + std::to_string(status) +
            (status == 200 ? " (OK: the HoA, an SPI and the MN-HA keys go to the MN, and the "
                             "same SA to the HA)"
                           : ""));
}

void
BaReceived(uint8_t status, uint16_t seq, Time lifetime)
{
    Say("MN",
        "Binding Ack seq " + std::to_string(seq) + " status " + std::to_string(status) +
            ": the first BU, protected with the keys from the HAC, was accepted");
}

void
PrintSas(const std::string& node, Ptr<Mip6AltsecSaDatabase> db)
{
    for (uint32_t spi : db->GetSpis())
    {
        const Mip6AltsecSa* sa = db->Find(spi);
        std::cout << "  " << node << ": SPI " << spi << ", suite " << sa->GetSuite().name << ", "
                  << sa->GetKeyBytes() << " B of keys (4 keys: MN->HA and HA->MN, enc + integ)\n";
    }
}

} // namespace

int
main(int argc, char** argv)
{
    std::string variant = "altsec-tls";
    double simTime = 3;
    bool pcap = false;
    CommandLine cmd(__FILE__);
    cmd.AddValue("variant",
                 "an altsec-tls variant with the co-located HAC, e.g. altsec-tls:tls=1.3",
                 variant);
    cmd.AddValue("simTime", "simulated time, s", simTime);
    cmd.AddValue("pcap", "write tls-bootstrap-*.pcap and the TLS key log in keys-tls/", pcap);
    cmd.Parse(argc, argv);
    if (pcap)
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    }

    std::string error;
    Ptr<Mip6SecurityDesign> design = Mip6SecurityDesignFactory::Create(variant, error);
    if (!design || variant.rfind("altsec-tls", 0) != 0 || design->WantsControllerNode())
    {
        std::cerr << "mip6-tls-bootstrap: "
                  << (design ? "not an altsec-tls variant with the co-located HAC" : error) << "\n";
        return 2;
    }
    Ptr<Mip6WlanAccessHelper> access = CreateObject<Mip6WlanAccessHelper>();
    access->SetAttribute("NumAccessPoints", UintegerValue(1));
    access->SetAttribute("MnSpeed", DoubleValue(0));
    Mip6WlanTopology topo = access->Build();
    access->AssignStreams(1000);
    if (pcap)
    {
        // The NSS key log (tls-keylog.txt) that lets tshark decrypt the handshake and MHAuth.
        std::filesystem::create_directories("keys-tls");
        design->SetAttribute("KeyExportDirectory", StringValue("keys-tls"));
        // Pcap names <prefix>-<node>-<device>.pcap: the MN's WLAN is mn-1, the HA's home link ha-1.
        Names::Add("mn", topo.mn);
        Names::Add("ha", topo.ha);
        access->EnablePcap("tls-bootstrap");
    }

    Mip6Helper helper(design);
    Mip6Helper::Installation inst = helper.InstallOnWlan(topo, Seconds(1), Seconds(simTime));
    // The meter learns the TCP connection to the HAC from the design (its TlsFlow trace).
    Ptr<Mip6OverheadMeter> meter = helper.InstallOverheadMeter(topo, inst);
    meter->TraceConnectWithoutContext("Observation", MakeCallback(&OnAir));
    inst.mobileNode->TraceConnectWithoutContext("BindingAckReceived", MakeCallback(&BaReceived));
    Ptr<Mip6AltsecHaSecurity> haSide =
        DynamicCast<Mip6AltsecHaSecurity>(inst.homeAgent->GetSecurity());
    Ptr<Mip6AltsecMnSecurity> mnSide =
        DynamicCast<Mip6AltsecMnSecurity>(inst.mobileNode->GetSecurity());
    // The co-located HAC is created when the HA starts (t = 0); the MN connects only after its
    // WLAN association, so listening from 1 ms on misses nothing.
    Simulator::Schedule(MilliSeconds(1), [haSide]() {
        haSide->GetController()->TraceConnectWithoutContext("Exchange", MakeCallback(&HacExchange));
    });

    Simulator::Stop(Seconds(simTime));
    Simulator::Run();

    std::cout << "\nMN-HA security associations handed out by the HAC:\n";
    PrintSas("MN", mnSide->GetSaDatabase());
    PrintSas("HA", haSide->GetSaDatabase());
    const Mip6SecurityState ha = inst.homeAgent->GetSecurity()->GetState(topo.mnHomeAddress);
    std::cout << "summary: " << g_tlsSegments << " TCP/TLS segments, " << g_tlsBytes
              << " B on the air, " << mnSide->GetBootstrapRoundTrips()
              << " round trips before the first BU, MHAuth plaintext "
              << mnSide->GetMhAuthPlaintextBytes().value_or(0) << " B; the HA holds " << ha.saCount
              << " SAs and " << ha.hacRecords << " HAC record for this MN" << std::endl;
    Simulator::Destroy();
    return 0;
}
