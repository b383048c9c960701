/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The `ipsec-manual` design (RFC 3776 static keys) end to end over the WLAN topology: exact
 * packet sizes measured on the air interface, every handover registered, the HA's SA set per MN,
 * payload protection with PF_KEY MIGRATE, and the receiver's own checks against a wrong key, a
 * replayed ESP packet and one modified byte. Also the SPD/SAD on its own.
 */

#include "mip6-test-util.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-esp-protocol.h"
#include "ns3/mip6-extensions.h"
#include "ns3/mip6-header.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-ipsec-manual-design.h"
#include "ns3/mip6-ipsec-sad.h"
#include "ns3/mip6-l4-protocol.h"
#include "ns3/mip6-overhead-meter.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-wlan-access-helper.h"

#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <unistd.h>

using namespace ns3;
using mip6test::RunCommand;

namespace
{

/// One WLAN run with an `ipsec-manual` variant.
struct ManualRun
{
    /// Hooks.
    struct Options
    {
        std::function<void(ManualRun&)> installed; ///< after installation, before the run
        std::string keyDir;                        ///< KeyExportDirectory
        std::string pcapPrefix;                    ///< pcaps (with checksums) when not empty
        std::optional<bool> checksums;             ///< ns-3 checksums on without pcaps (set: on)
    };

    ManualRun(const std::string& variant, uint32_t aps, Time simTime, const Options& o = Options())
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Mip6CryptoRandom::Install();
        Mip6CryptoRandom::Reset();
        if (!o.pcapPrefix.empty() || o.checksums.value_or(false))
        {
            GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        }
        access = CreateObject<Mip6WlanAccessHelper>();
        access->SetAttribute("NumAccessPoints", UintegerValue(aps));
        topo = access->Build();
        access->AssignStreams(100);
        std::string error;
        design = Mip6SecurityDesignFactory::Create(variant, error);
        NS_ABORT_MSG_IF(!design, error);
        if (!o.keyDir.empty())
        {
            design->SetAttribute("KeyExportDirectory", StringValue(o.keyDir));
        }
        design->TraceConnectWithoutContext("LocalMessage",
                                           MakeCallback(&ManualRun::LocalMessage, this));
        Mip6Helper helper(design);
        inst = helper.InstallOnWlan(topo, Seconds(1), simTime);
        meter = CreateObject<Mip6OverheadMeter>();
        meter->AttachWifiMn(topo.mn->GetId(), topo.mnWifiDevice);
        for (const auto& ar : topo.accessRouters)
        {
            meter->AttachWifiAp(ar.apDevice);
        }
        inst.timeline->TraceConnectWithoutContext("HandoverComplete",
                                                  MakeCallback(&ManualRun::HandoverComplete, this));
        inst.mobileNode->TraceConnectWithoutContext("BindingAckReceived",
                                                    MakeCallback(&ManualRun::BaReceived, this));
        if (!o.pcapPrefix.empty())
        {
            access->EnablePcap(o.pcapPrefix);
        }
        // The agents' designs find these databases (Install is idempotent) when they start.
        Mip6IpsecSad::Install(topo.mn);
        Mip6IpsecSad::Install(topo.ha);
        Connect();
        if (o.installed)
        {
            o.installed(*this);
        }
        Simulator::Stop(simTime);
        Simulator::Run();
        const Mip6BindingCacheEntry* e = inst.homeAgent->GetBinding(topo.mnHomeAddress);
        haCoa = e ? e->careOfAddress : Ipv6Address();
        mnCoa = inst.mobileNode->GetMovementDetector()->GetCareOfAddress();
        haState = inst.homeAgent->GetSecurity()->GetState(topo.mnHomeAddress);
        mnState = inst.mobileNode->GetSecurity()->GetState();
    }

    ~ManualRun()
    {
        Simulator::Destroy();
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    }

    void Connect()
    {
        mnEsp = topo.mn->GetObject<Mip6EspProtocol>();
        haEsp = topo.ha->GetObject<Mip6EspProtocol>();
        haEsp->TraceConnectWithoutContext("Drop", MakeCallback(&ManualRun::HaDrop, this));
        mnEsp->TraceConnectWithoutContext("Tx", MakeCallback(&ManualRun::MnEspTx, this));
        topo.mn->GetObject<Mip6IpsecSad>()->TraceConnectWithoutContext(
            "Migrate",
            MakeCallback(&ManualRun::MnMigrate, this));
        topo.ha->GetObject<Mip6IpsecSad>()->TraceConnectWithoutContext(
            "Migrate",
            MakeCallback(&ManualRun::HaMigrate, this));
        inst.homeAgent->TraceConnectWithoutContext("Drop",
                                                   MakeCallback(&ManualRun::HaAgentDrop, this));
    }

    void HandoverComplete(const Mip6HandoverTimeline::Record& r)
    {
        const Mip6BindingCacheEntry* e = inst.homeAgent->GetBinding(topo.mnHomeAddress);
        bindingFollowed.push_back(e && e->careOfAddress == r.toCoa && r.baStatus &&
                                  *r.baStatus == 0);
    }

    void BaReceived(uint8_t status, uint16_t seq, Time lifetime)
    {
        baCount++;
    }

    void HaDrop(Ptr<const Packet>, const std::string& reason)
    {
        haDrops[reason]++;
    }

    void HaAgentDrop(Ptr<const Packet>, const std::string& reason)
    {
        haAgentDrops[reason]++;
    }

    void MnEspTx(Ptr<const Packet> p, uint32_t spi)
    {
        mnEspTx.push_back({p->Copy(), spi});
    }

    void MnMigrate(uint32_t mn, Ipv6Address from, Ipv6Address to, uint32_t bytes)
    {
        mnMigrations.push_back({to, bytes});
    }

    void HaMigrate(uint32_t mn, Ipv6Address from, Ipv6Address to, uint32_t bytes)
    {
        haMigrations.push_back({to, bytes});
    }

    void LocalMessage(uint32_t mn, const std::string& node, const std::string& msg, uint32_t bytes)
    {
        NS_ABORT_MSG_IF(msg != "MIGRATE" || mn != topo.mn->GetId(), "unexpected local message");
        localMessages.push_back({node, bytes});
        // DESIGN.md §4.3 point `local`: what a scenario wires with one line.
        meter->RecordLocal(mn, node, Mip6Category::MIP6, msg, bytes);
    }

    /// \return mn-air ip_bytes of a category (every phase and direction)
    uint64_t CategoryBytes(const std::string& category) const
    {
        uint64_t n = 0;
        for (const auto& [key, counts] : meter->GetCounts())
        {
            if (key.point == Mip6OverheadMeter::POINT_MN_AIR && key.category == category)
            {
                n += counts.ipBytes;
            }
        }
        return n;
    }

    /// \return ip_bytes of every mn-air message with that name
    std::vector<uint64_t> MessageSizes(const std::string& name) const
    {
        std::vector<uint64_t> v;
        for (const auto& m : meter->GetMessages())
        {
            if (m.point == Mip6OverheadMeter::POINT_MN_AIR && m.message == name)
            {
                v.push_back(m.ipBytes);
            }
        }
        return v;
    }

    Ptr<Mip6WlanAccessHelper> access;
    Mip6WlanTopology topo;
    Ptr<Mip6SecurityDesign> design;
    Mip6Helper::Installation inst;
    Ptr<Mip6OverheadMeter> meter;
    Ptr<Mip6EspProtocol> mnEsp;
    Ptr<Mip6EspProtocol> haEsp;
    std::vector<bool> bindingFollowed;
    uint32_t baCount{0};
    std::map<std::string, uint32_t> haDrops;
    std::map<std::string, uint32_t> haAgentDrops;
    std::vector<std::pair<Ptr<Packet>, uint32_t>> mnEspTx;
    std::vector<std::pair<Ipv6Address, uint32_t>> mnMigrations;
    std::vector<std::pair<Ipv6Address, uint32_t>> haMigrations;
    std::vector<std::pair<std::string, uint32_t>> localMessages;
    Ipv6Address haCoa;
    Ipv6Address mnCoa;
    Mip6SecurityState haState;
    Mip6SecurityState mnState;
};

/**
 * \ingroup mip6-ipsec
 * Default and GCM variants over three APs: every handover is registered through ESP, every BU
 * and BA measured on the air has the DESIGN.md §1 size (148/132 B, GCM 132/116 B), the HA holds
 * one SA set for the MN (2 SAs, 2 SPD entries), and the ESP receivers dropped nothing.
 */
class ManualRegistrationTestCase : public TestCase
{
  public:
    /**
     * \param variant the design variant
     * \param bu expected BU bytes
     * \param ba expected BA bytes
     */
    ManualRegistrationTestCase(const std::string& variant, uint64_t bu, uint64_t ba)
        : TestCase(variant + ": every handover registered through ESP; BU " + std::to_string(bu) +
                   " B, BA " + std::to_string(ba) + " B on the air"),
          m_variant(variant),
          m_bu(bu),
          m_ba(ba)
    {
    }

  private:
    void DoRun() override
    {
        ManualRun run(m_variant, 3, Seconds(30));
        NS_TEST_ASSERT_MSG_EQ(run.bindingFollowed.size(), 2, "two handovers completed");
        for (bool ok : run.bindingFollowed)
        {
            NS_TEST_ASSERT_MSG_EQ(ok, true, "accepted BA and the HA's binding follows the MN");
        }
        NS_TEST_ASSERT_MSG_EQ(run.haCoa, run.mnCoa, "binding holds the current CoA");
        NS_TEST_ASSERT_MSG_GT(run.baCount, 2u, "bootstrap and handover BAs accepted");
        const auto bus = run.MessageSizes("BU");
        const auto bas = run.MessageSizes("BA");
        NS_TEST_ASSERT_MSG_GT(bus.size(), 2u, "BUs measured");
        NS_TEST_ASSERT_MSG_GT(bas.size(), 2u, "BAs measured");
        for (uint64_t b : bus)
        {
            NS_TEST_ASSERT_MSG_EQ(b, m_bu, "protected home BU bytes");
        }
        for (uint64_t b : bas)
        {
            NS_TEST_ASSERT_MSG_EQ(b, m_ba, "protected BA bytes");
        }
        NS_TEST_ASSERT_MSG_EQ(run.haEsp->GetDropCount(), 0, "HA: no ESP drop");
        NS_TEST_ASSERT_MSG_EQ(run.mnEsp->GetDropCount(), 0, "MN: no ESP drop");
        // One BU per registration at least (a last one may still be in flight at the end).
        NS_TEST_ASSERT_MSG_GT_OR_EQ(run.haEsp->GetRxCount(), 3u, "BUs came through ESP");
        for (const char* reason : {"unprotected", "wrong-sa", "no-sa"})
        {
            NS_TEST_ASSERT_MSG_EQ(run.haAgentDrops[reason], 0, "HA refused a BU: " << reason);
        }
        NS_TEST_ASSERT_MSG_EQ(run.haState.saCount, 2, "HA: BU and BA SAs for this MN");
        NS_TEST_ASSERT_MSG_EQ(run.haState.spdEntries, 2, "HA: BU in, BA out");
        NS_TEST_ASSERT_MSG_GT(run.haState.keyBytes, 0u, "key bytes reported");
        NS_TEST_ASSERT_MSG_GT(run.haState.stateBytes, run.haState.keyBytes, "state bytes");
        NS_TEST_ASSERT_MSG_EQ(run.mnState.saCount, 2, "MN: two SAs");
        NS_TEST_ASSERT_MSG_EQ(run.haMigrations.size(), 0, "no tunnel SA, nothing to migrate");
        NS_TEST_ASSERT_MSG_EQ(run.CategoryBytes("data-protection"), 0, "plain tunnel");
        NS_TEST_ASSERT_MSG_GT(run.inst.mnProbe->GetReceived(), 2000u, "payload still flows");
    }

    std::string m_variant; //!< variant
    uint64_t m_bu;         //!< BU bytes
    uint64_t m_ba;         //!< BA bytes
};

/**
 * \ingroup mip6-ipsec
 * payload=on: the probes flow in ESP tunnel mode both ways, the tunnel SAs migrate on each new
 * CoA at both ends (PF_KEY MIGRATE of 256 B per policy: MN out+in, HA out+in+fwd), the HA holds
 * 4 SAs and 5 SPD entries, and a plain IPv6-in-IPv6 packet is refused by both ends.
 */
class ManualPayloadTestCase : public TestCase
{
  public:
    ManualPayloadTestCase()
        : TestCase("payload=on: ESP tunnel both ways, MIGRATE per CoA, plain tunnel refused")
    {
    }

  private:
    void DoRun() override
    {
        ManualRun::Options o;
        o.installed = [](ManualRun& r) {
            // A plain IPv6-in-IPv6 packet from the MN's current CoA, with the HoA inside.
            Simulator::Schedule(Seconds(20), [&r]() {
                Ipv6Header inner;
                inner.SetSource(r.topo.mnHomeAddress);
                inner.SetDestination(r.topo.cnAddress);
                inner.SetNextHeader(59); // no next header
                inner.SetPayloadLength(8);
                inner.SetHopLimit(64);
                Ptr<Packet> p = Create<Packet>(8);
                p->AddHeader(inner);
                const Ipv6Address coa =
                    r.inst.mobileNode->GetMovementDetector()->GetCareOfAddress();
                r.topo.mn->GetObject<Ipv6L3Protocol>()->Send(p,
                                                             coa,
                                                             r.topo.haHomeAddress,
                                                             41,
                                                             nullptr);
            });
        };
        ManualRun run("ipsec-manual:payload=on", 3, Seconds(30), o);
        NS_TEST_ASSERT_MSG_EQ(run.bindingFollowed.size(), 2, "two handovers completed");
        for (bool ok : run.bindingFollowed)
        {
            NS_TEST_ASSERT_MSG_EQ(ok, true, "registered");
        }
        NS_TEST_ASSERT_MSG_EQ(run.haAgentDrops["unprotected-tunnel"],
                              1,
                              "the HA refused the plain tunnelled packet, traced");
        NS_TEST_ASSERT_MSG_GT(run.inst.mnProbe->GetReceived(), 2000u, "CN→MN probes delivered");
        NS_TEST_ASSERT_MSG_GT(run.inst.cnProbe->GetReceived(), 2000u, "MN→CN probes delivered");
        // Every probe crossed the tunnel inside ESP: the ESP receivers saw them.
        NS_TEST_ASSERT_MSG_GT(run.mnEsp->GetRxCount(), run.inst.mnProbe->GetReceived(), "MN");
        NS_TEST_ASSERT_MSG_GT(run.haEsp->GetRxCount(), run.inst.cnProbe->GetReceived(), "HA");
        NS_TEST_ASSERT_MSG_EQ(run.haEsp->GetDropCount(), 0, "HA: no ESP drop");
        NS_TEST_ASSERT_MSG_EQ(run.haState.saCount, 4, "HA: 4 SAs");
        NS_TEST_ASSERT_MSG_EQ(run.haState.spdEntries, 5, "HA: BU, BA, tunnel out/in/fwd");
        NS_TEST_ASSERT_MSG_EQ(run.mnState.saCount, 4, "MN: 4 SAs");
        // ESP tunnel overhead is classified as data-protection (DESIGN.md §4.3), from the tags.
        NS_TEST_ASSERT_MSG_GT(run.CategoryBytes("data-protection"), 0u, "ESP overhead counted");
        NS_TEST_ASSERT_MSG_GT(run.CategoryBytes("data"), run.CategoryBytes("data-protection"), "");
        // Three CoAs (bootstrap + 2 handovers): MN migrates 2 policies, HA 3, per CoA.
        NS_TEST_ASSERT_MSG_EQ(run.mnMigrations.size(), 3 * 2, "MN MIGRATE messages");
        NS_TEST_ASSERT_MSG_EQ(run.haMigrations.size(), 3 * 3, "HA MIGRATE messages");
        for (const auto& [to, bytes] : run.haMigrations)
        {
            NS_TEST_ASSERT_MSG_EQ(bytes, Mip6IpsecSad::GetPfKeyMigrateSize(false), "size");
        }
        NS_TEST_ASSERT_MSG_EQ(run.haMigrations.back().first, run.mnCoa, "HA moved to the CoA");
        // The design relays every MIGRATE as a local message (for Mip6OverheadMeter::RecordLocal).
        NS_TEST_ASSERT_MSG_EQ(run.localMessages.size(), 3 * 2 + 3 * 3, "LocalMessage per policy");
        for (const auto& [node, bytes] : run.localMessages)
        {
            NS_TEST_ASSERT_MSG_EQ(bytes, 256, "PF_KEY MIGRATE bytes");
        }
        NS_TEST_ASSERT_MSG_EQ(run.localMessages.front().first,
                              "node" + std::to_string(run.topo.mn->GetId()),
                              "the MN migrates first");
        uint64_t localPackets = 0;
        uint64_t localBytes = 0;
        for (const auto& [key, counts] : run.meter->GetCounts())
        {
            if (key.point == Mip6OverheadMeter::POINT_LOCAL)
            {
                localPackets += counts.packets;
                localBytes += counts.ipBytes;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(localPackets, 15, "recorded at point local");
        NS_TEST_ASSERT_MSG_EQ(localBytes, 15 * 256, "never as on-air bytes, but counted");
        const Mip6IpsecSaSet* set =
            run.topo.ha->GetObject<Mip6IpsecSad>()->Find(run.topo.mnHomeAddress);
        NS_TEST_ASSERT_MSG_EQ(set->tunnelOut->GetConfig().destination, run.mnCoa, "outer dst");
        NS_TEST_ASSERT_MSG_EQ(set->tunnelIn->GetConfig().source, run.mnCoa, "outer src");
        // Plain IPv6-in-IPv6 is refused (the ESP path says when it delivers).
        Ipv6Header outer;
        outer.SetSource(run.mnCoa);
        outer.SetDestination(run.topo.haHomeAddress);
        const Mip6Verdict v = run.inst.homeAgent->GetSecurity()->AcceptPlainTunnel(outer);
        NS_TEST_ASSERT_MSG_EQ(v.accepted, false, "HA refuses plain tunnel");
        NS_TEST_ASSERT_MSG_EQ(v.reason, "unprotected-tunnel", "reason");
        const Mip6Verdict m = run.inst.mobileNode->GetSecurity()->AcceptPlainTunnel(outer);
        NS_TEST_ASSERT_MSG_EQ(m.accepted, false, "MN refuses plain tunnel");
    }
};

/// Sends bytes in UDP from the MN's CoA to the HA's NAT-T port (outside the tunnel), with a
/// correct checksum or a wrong one.
void
SendUdpToHa(ManualRun* run, std::vector<uint8_t> bytes, bool goodChecksum)
{
    Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
    const Ipv6Address coa = run->inst.mobileNode->GetMovementDetector()->GetCareOfAddress();
    UdpHeader udp;
    udp.SetSourcePort(Mip6EspProtocol::NAT_T_PORT);
    udp.SetDestinationPort(Mip6EspProtocol::NAT_T_PORT);
    udp.EnableChecksums();
    udp.InitializeChecksum(coa,
                           goodChecksum ? run->topo.haHomeAddress : run->topo.cnAddress,
                           UdpL4Protocol::PROT_NUMBER);
    p->AddHeader(udp);
    run->topo.mn->GetObject<Ipv6L3Protocol>()->Send(p,
                                                    coa,
                                                    run->topo.haHomeAddress,
                                                    UdpL4Protocol::PROT_NUMBER,
                                                    nullptr);
}

/**
 * \ingroup mip6-ipsec
 * udp=on (RFC 3948) with payload=on: BU and BA 8 B larger (156/140 B), every handover
 * registered, the probes in UDP-encapsulated ESP tunnel mode both ways (data-protection = ESP +
 * UDP per packet), NAT-keepalives every 20 s counted as `ike` in phase steady and received by the
 * HA, and on the HA's port 4500 an IKE message without an IKE listener, a 3-byte datagram and a
 * wrong UDP checksum refused as "no-ike", "truncated" and "udp-checksum" (ns-3 checksums on, so
 * the BU's checksum — with the HoA in the pseudo-header — is verified too).
 */
class ManualUdpEncapTestCase : public TestCase
{
  public:
    ManualUdpEncapTestCase()
        : TestCase("udp=on: ESP in UDP 4500 (RFC 3948), keepalives, non-ESP marker demux")
    {
    }

  private:
    void DoRun() override
    {
        ManualRun::Options o;
        o.installed = [](ManualRun& r) {
            const std::vector<uint8_t> ike{0, 0, 0, 0, 7};
            Simulator::Schedule(Seconds(12), &SendUdpToHa, &r, ike, true);
            Simulator::Schedule(Seconds(13), &SendUdpToHa, &r, std::vector<uint8_t>{1, 2, 3}, true);
            Simulator::Schedule(Seconds(14), &SendUdpToHa, &r, ike, false);
        };
        o.checksums = true;
        ManualRun run("ipsec-manual:udp=on,payload=on", 3, Seconds(45), o);
        NS_TEST_ASSERT_MSG_EQ(run.bindingFollowed.size(), 2, "two handovers completed");
        for (bool ok : run.bindingFollowed)
        {
            NS_TEST_ASSERT_MSG_EQ(ok, true, "registered");
        }
        for (uint64_t b : run.MessageSizes("BU"))
        {
            NS_TEST_ASSERT_MSG_EQ(b, 148 + 8, "BU in ESP in UDP");
        }
        for (uint64_t b : run.MessageSizes("BA"))
        {
            NS_TEST_ASSERT_MSG_EQ(b, 132 + 8, "BA in ESP in UDP");
        }
        NS_TEST_ASSERT_MSG_GT(run.inst.mnProbe->GetReceived(), 3000u, "CN→MN probes delivered");
        NS_TEST_ASSERT_MSG_GT(run.inst.cnProbe->GetReceived(), 3000u, "MN→CN probes delivered");
        NS_TEST_ASSERT_MSG_GT(run.haEsp->GetRxCount(), run.inst.cnProbe->GetReceived(), "HA rx");
        NS_TEST_ASSERT_MSG_EQ(run.mnEsp->GetUdpEncapTxCount(), run.mnEsp->GetTxCount(), "all UDP");
        NS_TEST_ASSERT_MSG_EQ(run.haEsp->GetUdpEncapTxCount(), run.haEsp->GetTxCount(), "all UDP");
        NS_TEST_ASSERT_MSG_EQ(run.haDrops["no-ike"], 1, "IKE on 4500 without a listener");
        NS_TEST_ASSERT_MSG_EQ(run.haDrops["truncated"], 1, "3-byte datagram");
        NS_TEST_ASSERT_MSG_EQ(run.haDrops["udp-checksum"], 1, "wrong UDP checksum");
        NS_TEST_ASSERT_MSG_EQ(run.haEsp->GetDropCount(), 3, "nothing else refused");
        // Keepalives: one per 20 s from the bootstrap on, each 40 + 8 + 1 bytes.
        const uint64_t keepalives = run.mnEsp->GetKeepaliveTxCount();
        NS_TEST_ASSERT_MSG_EQ(keepalives, 2, "at bootstrap + 20 s and + 40 s");
        NS_TEST_ASSERT_MSG_EQ(run.haEsp->GetKeepaliveRxCount(), keepalives, "HA got them");
        const auto sizes = run.MessageSizes("NAT-keepalive");
        NS_TEST_ASSERT_MSG_EQ(sizes.size(), keepalives, "measured on the air");
        for (uint64_t b : sizes)
        {
            NS_TEST_ASSERT_MSG_EQ(b, 49, "IPv6 + UDP + 0xFF");
        }
        NS_TEST_ASSERT_MSG_EQ(run.CategoryBytes("ike"), 49 * keepalives, "category ike");
        // data-protection per tunnelled probe: ESP (SPI, seq, IV, pad, ICV) + UDP.
        uint64_t dp = 0;
        uint64_t tunnelPackets = 0;
        for (const auto& [key, counts] : run.meter->GetCounts())
        {
            if (key.point == Mip6OverheadMeter::POINT_MN_AIR && key.category == "tunnel")
            {
                tunnelPackets += counts.packets;
            }
            if (key.point == Mip6OverheadMeter::POINT_MN_AIR && key.category == "data-protection")
            {
                dp += counts.ipBytes;
            }
        }
        NS_TEST_ASSERT_MSG_GT(tunnelPackets, 6000u, "tunnelled packets");
        // 248-B inner packet: SPI/seq 8 + IV 16 + pad 6 (248 + 2 → 256) + 2 + ICV 12 + UDP 8 = 52.
        NS_TEST_ASSERT_MSG_EQ(dp, 52 * tunnelPackets, "UDP + ESP per probe");
    }
};

/// Sends p (ESP, starting at the SPI) from the MN's CoA to the HA with the HAO, over the air.
void
SendFromMn(ManualRun* run, Ptr<Packet> esp)
{
    Ptr<Mip6L4Protocol> l4 = run->topo.mn->GetObject<Mip6L4Protocol>();
    const Ipv6Address coa = run->inst.mobileNode->GetMovementDetector()->GetCareOfAddress();
    l4->Send(esp, 50, coa, run->topo.haHomeAddress, run->topo.mnHomeAddress, std::nullopt, nullptr);
}

/// A BU protected by the MN's BU SA with one byte modified after protection.
void
SendModifiedBu(ManualRun* run)
{
    const Mip6IpsecSaSet* set =
        run->topo.mn->GetObject<Mip6IpsecSad>()->Find(run->topo.mnHomeAddress);
    Mip6BindingUpdateHeader bu;
    bu.SetSequence(1000);
    bu.SetFlag(Mip6BindingUpdateHeader::FLAG_A, true);
    bu.SetFlag(Mip6BindingUpdateHeader::FLAG_H, true);
    bu.SetLifetimeUnits(10);
    bu.AddOption(Mip6Option::AlternateCareOfAddress(Ipv6Address("fd00:dead::1")));
    bu.CalculateChecksum(run->topo.mnHomeAddress, run->topo.haHomeAddress);
    Ptr<Packet> mh = Create<Packet>();
    mh->AddHeader(bu);
    Ptr<Packet> esp = Mip6EspProtocol::Protect(mh, 135, set->transportOut);
    std::vector<uint8_t> b(esp->GetSize());
    esp->CopyData(b.data(), b.size());
    b[40] ^= 0x01;
    SendFromMn(run, Create<Packet>(b.data(), b.size()));
}

/**
 * \ingroup mip6-ipsec
 * Attacks, each rejected by the receiver's own check and counted and traced: (1) the HA holds a
 * different key for the MN's BU SA: every BU fails the ICV, no binding, no BA; (2) the MN's first
 * ESP BU is sent again later: replay; (3) a fresh protected BU with one modified byte: bad-icv,
 * and the binding keeps the real CoA.
 */
class ManualAttackTestCase : public TestCase
{
  public:
    ManualAttackTestCase()
        : TestCase("wrong key, replayed ESP BU, one modified byte: rejected, counted, traced")
    {
    }

  private:
    void DoRun() override
    {
        {
            ManualRun::Options o;
            o.installed = [](ManualRun& r) {
                // The operator configured another BU key at the HA (RFC 3776 static keys).
                Ptr<Mip6IpsecManualDesign> d = DynamicCast<Mip6IpsecManualDesign>(r.design);
                Mip6IpsecManualKeys k = d->Provision(r.topo.mn->GetId(),
                                                     r.topo.mnHomeAddress,
                                                     r.topo.haHomeAddress,
                                                     0,
                                                     "");
                for (uint8_t& b : k.keyBu)
                {
                    b ^= 0xff; // encryption and integrity key both differ
                }
                DynamicCast<Mip6IpsecManualHaSide>(r.inst.homeAgent->GetSecurity())->AddMn(k, true);
            };
            ManualRun run("ipsec-manual", 1, Seconds(12), o);
            NS_TEST_ASSERT_MSG_GT(run.haDrops["bad-icv"], 1u, "every BU fails the HA's ICV");
            NS_TEST_ASSERT_MSG_EQ(run.haEsp->GetDropCount(Mip6EspDropReason::BAD_ICV),
                                  run.haDrops["bad-icv"],
                                  "counted as traced");
            NS_TEST_ASSERT_MSG_EQ(run.haEsp->GetRxCount(), 0, "nothing accepted");
            NS_TEST_ASSERT_MSG_EQ(run.haCoa, Ipv6Address(), "no binding");
            NS_TEST_ASSERT_MSG_EQ(run.baCount, 0, "no BA");
        }
        {
            ManualRun::Options o;
            o.installed = [](ManualRun& r) {
                Simulator::Schedule(Seconds(8), [&r]() {
                    NS_ABORT_MSG_IF(r.mnEspTx.empty(), "no ESP sent");
                    SendFromMn(&r, r.mnEspTx.front().first->Copy());
                });
                Simulator::Schedule(Seconds(9), &SendModifiedBu, &r);
            };
            ManualRun run("ipsec-manual", 1, Seconds(12), o);
            NS_TEST_ASSERT_MSG_EQ(run.haDrops["replay"], 1, "replayed ESP BU traced");
            NS_TEST_ASSERT_MSG_EQ(run.haEsp->GetDropCount(Mip6EspDropReason::REPLAY), 1, "counted");
            NS_TEST_ASSERT_MSG_EQ(run.haDrops["bad-icv"], 1, "modified byte traced");
            NS_TEST_ASSERT_MSG_EQ(run.haEsp->GetDropCount(Mip6EspDropReason::BAD_ICV), 1, "count");
            NS_TEST_ASSERT_MSG_EQ(run.haCoa, run.mnCoa, "the binding keeps the real CoA");
            NS_TEST_ASSERT_MSG_GT(run.baCount, 0u, "the real registration succeeded");
        }
    }
};

/**
 * \ingroup mip6-ipsec
 * The SPD/SAD alone: outbound lookup by MH type, inbound checks by SPI, Migrate moves only the
 * tunnel SAs and policies whose endpoint was the old CoA, and the PF_KEY MIGRATE sizes of the
 * Linux layout (256 B, 320 B with KMADDRESS; protocols.md §5).
 */
class SadTestCase : public TestCase
{
  public:
    SadTestCase()
        : TestCase("SPD and SAD: MH-type selectors, inbound checks, MIGRATE semantics and sizes")
    {
    }

  private:
    void DoRun() override
    {
        NS_TEST_ASSERT_MSG_EQ(Mip6IpsecSad::GetPfKeyMigrateSize(false), 256, "without KMADDRESS");
        NS_TEST_ASSERT_MSG_EQ(Mip6IpsecSad::GetPfKeyMigrateSize(true), 320, "with KMADDRESS");
        Ptr<Node> node = CreateObject<Node>();
        InternetStackHelper internet;
        internet.SetIpv4StackInstall(false);
        internet.Install(node);
        Ptr<Mip6IpsecSad> sad = Mip6IpsecSad::Install(node);
        Ptr<Mip6IpsecManualDesign> d = CreateObject<Mip6IpsecManualDesign>();
        d->SetAttribute("Payload", EnumValue(1));
        const Ipv6Address hoa("fd00:1::10");
        const Ipv6Address ha("fd00:1::1");
        const Ipv6Address coa1("fd00:3::10");
        const Ipv6Address coa2("fd00:4::10");
        Mip6IpsecManualKeys k = d->Provision(7, hoa, ha, 0, "");
        NS_TEST_ASSERT_MSG_EQ(k.spiBu, 0x1000, "first SPI");
        NS_TEST_ASSERT_MSG_EQ(k.spiDown, 0x1003, "four SPIs");
        Mip6IpsecManualKeys k2 = d->Provision(8, Ipv6Address("fd00:1::11"), ha, 0, "");
        NS_TEST_ASSERT_MSG_EQ(k2.spiBu, 0x1004, "the next MN's SPIs");
        NS_TEST_ASSERT_MSG_NE(Mip6ToHex(k2.keyBu), Mip6ToHex(k.keyBu), "distinct keys");
        NS_TEST_ASSERT_MSG_NE(Mip6ToHex(k.keyBa), Mip6ToHex(k.keyBu), "distinct per SA");

        Mip6IpsecSaSet set;
        set.mnId = 7;
        set.hoa = hoa;
        set.transportOut = d->MakeSa(k.spiBu, k.keyBu, Mip6EspMode::TRANSPORT, hoa, ha);
        set.transportIn = d->MakeSa(k.spiBa, k.keyBa, Mip6EspMode::TRANSPORT, ha, hoa);
        set.tunnelOut = d->MakeSa(k.spiUp, k.keyUp, Mip6EspMode::TUNNEL, coa1, ha);
        set.tunnelIn = d->MakeSa(k.spiDown, k.keyDown, Mip6EspMode::TUNNEL, ha, coa1);
        Mip6IpsecPolicy bu;
        bu.direction = Mip6IpsecPolicy::OUT;
        bu.mhType = 5;
        bu.spi = k.spiBu;
        Mip6IpsecPolicy ba = bu;
        ba.direction = Mip6IpsecPolicy::IN;
        ba.mhType = 6;
        ba.spi = k.spiBa;
        Mip6IpsecPolicy tun;
        tun.direction = Mip6IpsecPolicy::OUT;
        tun.protocol = 41;
        tun.mode = Mip6EspMode::TUNNEL;
        tun.spi = k.spiUp;
        tun.tunnelLocal = coa1;
        tun.tunnelRemote = ha;
        set.policies = {bu, ba, tun};
        sad->Add(set);
        NS_TEST_ASSERT_MSG_EQ(sad->GetEsp()->GetInboundSaCount(), 2, "inbound SAs in the SAD");
        NS_TEST_ASSERT_MSG_NE(sad->FindOutbound(hoa, 135, 5), nullptr, "BU protected");
        NS_TEST_ASSERT_MSG_EQ(sad->FindOutbound(hoa, 135, 7), nullptr, "BE bypasses");
        NS_TEST_ASSERT_MSG_EQ(sad->CheckInbound(hoa, 135, 6, k.spiBa), true, "BA in its SA");
        NS_TEST_ASSERT_MSG_EQ(sad->CheckInbound(hoa, 135, 6, 0), false, "BA in clear");
        NS_TEST_ASSERT_MSG_EQ(sad->CheckInbound(hoa, 135, 6, k.spiBu), false, "BA in another SA");
        NS_TEST_ASSERT_MSG_EQ(sad->CheckInbound(hoa, 135, 7, 0), true, "BE in clear");

        uint32_t traced = 0;
        sad->TraceConnectWithoutContext(
            "Migrate",
            MakeBoundCallback(
                +[](uint32_t* n, uint32_t, Ipv6Address, Ipv6Address, uint32_t) { (*n)++; },
                &traced));
        NS_TEST_ASSERT_MSG_EQ(sad->Migrate(hoa, coa2, coa1), 0, "not the current CoA");
        NS_TEST_ASSERT_MSG_EQ(sad->Migrate(hoa, coa1, coa2), 1, "one tunnel policy");
        NS_TEST_ASSERT_MSG_EQ(traced, 1, "traced");
        const Mip6IpsecSaSet* s = sad->Find(hoa);
        NS_TEST_ASSERT_MSG_EQ(s->tunnelOut->GetConfig().source, coa2, "outbound outer source");
        NS_TEST_ASSERT_MSG_EQ(s->tunnelIn->GetConfig().destination, coa2, "inbound outer dst");
        NS_TEST_ASSERT_MSG_EQ(s->transportOut->GetConfig().source, hoa, "transport stays on HoA");
        NS_TEST_ASSERT_MSG_EQ(s->policies[2].tunnelLocal, coa2, "policy endpoint");
        const Mip6SecurityState st = sad->GetState(hoa);
        NS_TEST_ASSERT_MSG_EQ(st.saCount, 4, "4 SAs");
        NS_TEST_ASSERT_MSG_EQ(st.spdEntries, 3, "3 policies");
        NS_TEST_ASSERT_MSG_EQ(st.keyBytes, 4 * (16 + 20), "CBC-SHA1 keys");
        sad->Remove(hoa);
        NS_TEST_ASSERT_MSG_EQ(sad->GetEsp()->GetInboundSaCount(), 0, "removed");
        Simulator::Destroy();
    }
};

/**
 * \ingroup mip6-ipsec
 * The project's own pcaps (payload=on, so transport and tunnel SAs) decrypt in tshark with the
 * ESP SA rows the run exported (Mip6KeyExport `esp_sa`, read as the UAT of a Wireshark
 * configuration directory): every ESP packet shows esp.icv_good, the BUs and BAs inside decode
 * as Mobility Headers, and the tunnelled probes as inner IPv6. Fails when tshark is missing.
 */
class ManualTsharkTestCase : public TestCase
{
  public:
    /**
     * \param variant the design variant (payload=on in it, so tunnel SAs too)
     * \param udp ESP in UDP: every packet's UDP checksum must verify in tshark too
     */
    ManualTsharkTestCase(const std::string& variant, bool udp)
        : TestCase(variant + ": tshark decrypts every ESP packet of a project pcap with the "
                             "exported keys"),
          m_variant(variant),
          m_udp(udp)
    {
    }

  private:
    void DoRun() override
    {
        char tmpl[] = "/tmp/mip6-ipsec-tshark-XXXXXX";
        NS_TEST_ASSERT_MSG_NE(mkdtemp(tmpl), nullptr, "temporary directory");
        const std::string dir = tmpl;
        std::filesystem::create_directories(dir + "/pcap");
        {
            ManualRun::Options o;
            o.keyDir = dir + "/keys";
            o.pcapPrefix = dir + "/pcap/ipsec";
            ManualRun run(m_variant, 2, Seconds(14), o);
            NS_TEST_ASSERT_MSG_EQ(run.bindingFollowed.size(), 1, "one handover registered");
        }
        NS_TEST_ASSERT_MSG_EQ(std::filesystem::exists(dir + "/keys/esp_sa"), true, "keys written");
        int status = 0;
        RunCommand("tshark -v > /dev/null 2>&1", status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark is installed");
        uint32_t esp = 0;
        uint32_t good = 0;
        uint32_t bu = 0;
        uint32_t ba = 0;
        uint32_t tunnelled = 0;
        uint32_t udpGood = 0;
        for (const auto& entry : std::filesystem::directory_iterator(dir + "/pcap"))
        {
            // The UAT file esp_sa is read from the configuration directory.
            const std::string cmd =
                "WIRESHARK_CONFIG_DIR=" + dir + "/keys tshark -n -r " + entry.path().string() +
                " -o esp.enable_encryption_decode:TRUE"
                " -o esp.enable_authentication_check:TRUE"
                " -o udp.check_checksum:TRUE -Y esp -T fields"
                " -E 'separator=;' -e esp.spi -e esp.icv_good -e mip6.mhtype"
                " -e ipv6.nxt -e udp.checksum.status -e udp.srcport 2>/dev/null";
            const std::string out = RunCommand(cmd, status);
            NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark ran: " << out);
            std::istringstream lines(out);
            std::string line;
            while (std::getline(lines, line))
            {
                if (line.empty())
                {
                    continue;
                }
                esp++;
                std::vector<std::string> f;
                std::istringstream fields(line);
                std::string x;
                while (std::getline(fields, x, ';'))
                {
                    f.push_back(x);
                }
                NS_TEST_ASSERT_MSG_GT_OR_EQ(f.size(), 2u, "fields: " << line);
                if (f.size() < 2)
                {
                    continue;
                }
                good += (f[1] == "1" || f[1] == "True") ? 1 : 0;
                NS_TEST_ASSERT_MSG_EQ((f[1] == "1" || f[1] == "True"), true, "ICV good: " << line);
                const std::string mh = f.size() > 2 ? f[2] : "";
                bu += mh == "5" ? 1 : 0;
                ba += mh == "6" ? 1 : 0;
                // RFC 3948 over IPv6: the outer UDP (port 4500) has a computed checksum (1 =
                // good); the probes' own UDP inside the tunnel is listed after it.
                const std::string udpStatus = f.size() > 4 ? f[4] : "";
                const std::string udpPort = f.size() > 5 ? f[5] : "";
                udpGood +=
                    (udpStatus.substr(0, 1) == "1" && udpPort.substr(0, 4) == "4500") ? 1 : 0;
                // Inner IPv6 after ESP: a second next-header value is listed.
                tunnelled +=
                    (f.size() > 3 && f[3].find(',') != std::string::npos && mh.empty()) ? 1 : 0;
            }
        }
        NS_TEST_ASSERT_MSG_GT(esp, 100u, "ESP packets in the pcaps");
        NS_TEST_ASSERT_MSG_EQ(good, esp, "every ESP packet's ICV verified in tshark");
        NS_TEST_ASSERT_MSG_GT(bu, 0u, "BUs decrypted");
        NS_TEST_ASSERT_MSG_GT(ba, 0u, "BAs decrypted");
        NS_TEST_ASSERT_MSG_GT(tunnelled, 100u, "tunnelled packets decrypted to inner IPv6");
        NS_TEST_ASSERT_MSG_EQ(udpGood, m_udp ? esp : 0, "ESP in UDP with good checksums");
        if (!getenv("MIP6_KEEP_TMP"))
        {
            std::filesystem::remove_all(dir);
        }
    }

    std::string m_variant; //!< variant
    bool m_udp;            //!< ESP in UDP
};

/**
 * \ingroup mip6-ipsec
 * Same seed and run, same bytes: every ESP packet the MN sends (IVs from the crypto core's DRBG)
 * is identical in two runs of ipsec-manual:esp=gcm,payload=on; a different run number changes
 * them.
 */
class ManualReproducibleTestCase : public TestCase
{
  public:
    ManualReproducibleTestCase()
        : TestCase("byte-identical ESP packets on a rerun; another run number differs")
    {
    }

  private:
    static std::vector<std::string> Capture(uint32_t runNumber)
    {
        ManualRun::Options o;
        o.installed = [runNumber](ManualRun&) { RngSeedManager::SetRun(runNumber); };
        std::vector<std::string> out;
        {
            ManualRun run("ipsec-manual:esp=gcm,payload=on", 2, Seconds(6), o);
            for (const auto& [p, spi] : run.mnEspTx)
            {
                std::vector<uint8_t> b(p->GetSize());
                p->CopyData(b.data(), b.size());
                out.push_back(Mip6ToHex(b.data(), b.size()));
            }
        }
        return out;
    }

    void DoRun() override
    {
        const auto a = Capture(1);
        const auto b = Capture(1);
        NS_TEST_ASSERT_MSG_GT(a.size(), 100u, "ESP packets sent");
        NS_TEST_ASSERT_MSG_EQ(a.size(), b.size(), "same number");
        NS_TEST_ASSERT_MSG_EQ((a == b), true, "byte-identical");
        const auto c = Capture(2);
        NS_TEST_ASSERT_MSG_EQ((a == c), false, "another run draws other IVs");
    }
};

/**
 * \ingroup mip6-ipsec
 * One HA, several MNs: each MN configured at the HA gets its own SA set (distinct SPIs and keys,
 * 2 SAs and 2 SPD entries each), a BU protected with another MN's SA is refused as wrong-sa, and
 * K is cleared in every BU (manual SAs, RFC 4877 §4.4) while the HA never offers K.
 */
class ManualMultiMnTestCase : public TestCase
{
  public:
    ManualMultiMnTestCase()
        : TestCase("one SA set per MN at the HA; another MN's SA is refused; K always 0")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Node> haNode = CreateObject<Node>();
        InternetStackHelper internet;
        internet.SetIpv4StackInstall(false);
        internet.Install(haNode);
        Ptr<Mip6IpsecManualDesign> d = CreateObject<Mip6IpsecManualDesign>();
        Ptr<Mip6IpsecManualHaSide> ha = DynamicCast<Mip6IpsecManualHaSide>(d->CreateHaSide());
        const Ipv6Address haAddr("fd00:0:0:1::1");
        ha->Setup(haNode, haAddr);
        std::vector<Ipv6Address> hoas;
        for (uint32_t k = 0; k < 3; ++k)
        {
            std::ostringstream a;
            a << "fd00:0:0:1::" << (0x100 + k);
            hoas.emplace_back(a.str().c_str());
            d->Provision(10 + k, hoas.back(), haAddr, 0, "");
        }
        NS_TEST_ASSERT_MSG_EQ(ha->GetSad()->GetSetCount(), 3, "three SA sets");
        NS_TEST_ASSERT_MSG_EQ(ha->GetSad()->GetEsp()->GetInboundSaCount(), 3, "3 inbound SAs");
        for (const auto& hoa : hoas)
        {
            const Mip6SecurityState s = ha->GetState(hoa);
            NS_TEST_ASSERT_MSG_EQ(s.saCount, 2, "2 SAs per MN");
            NS_TEST_ASSERT_MSG_EQ(s.spdEntries, 2, "2 SPD entries per MN");
        }
        NS_TEST_ASSERT_MSG_EQ(ha->SupportsKeyManagementMobility(), false, "no K at the HA");
        // MN 1's BU arriving in MN 0's SA.
        Ptr<Packet> mh = Create<Packet>();
        Mip6BindingUpdateHeader bu;
        bu.CalculateChecksum(hoas[1], haAddr);
        mh->AddHeader(bu);
        Mip6EspRxTag tag;
        tag.spi = ha->GetSad()->Find(hoas[0])->transportIn->GetSpi();
        mh->AddPacketTag(tag);
        Mip6RxContext ctx;
        ctx.src = Ipv6Address("fd00:0:1:0::10");
        ctx.dst = haAddr;
        ctx.hao = hoas[1];
        ctx.mhType = Mip6Header::BU;
        Mip6Verdict v = ha->ReceiveSignaling(mh, ctx);
        NS_TEST_ASSERT_MSG_EQ(v.accepted, false, "another MN's SA");
        NS_TEST_ASSERT_MSG_EQ(v.reason, "wrong-sa", "reason");
        tag.spi = ha->GetSad()->Find(hoas[1])->transportIn->GetSpi();
        mh->ReplacePacketTag(tag);
        NS_TEST_ASSERT_MSG_EQ(ha->ReceiveSignaling(mh, ctx).accepted, true, "its own SA");
        mh->RemovePacketTag(tag);
        NS_TEST_ASSERT_MSG_EQ(ha->ReceiveSignaling(mh, ctx).reason, "unprotected", "clear BU");
        ctx.hao = Ipv6Address("fd00:0:0:1::999");
        NS_TEST_ASSERT_MSG_EQ(ha->ReceiveSignaling(mh, ctx).reason, "no-sa", "unknown HoA");
        // K is cleared by the MN side.
        Ptr<Mip6MnSecurity> mn = d->CreateMnSide();
        Mip6BindingUpdateHeader k;
        k.SetFlag(Mip6BindingUpdateHeader::FLAG_K, true);
        mn->DecorateBindingUpdate(k, Mip6SignalingContext());
        NS_TEST_ASSERT_MSG_EQ((k.GetFlags() & Mip6BindingUpdateHeader::FLAG_K), 0, "K cleared");
        Simulator::Destroy();
    }
};

/**
 * \ingroup mip6-ipsec
 * The ipsec-manual suite.
 */
class Mip6IpsecManualTestSuite : public TestSuite
{
  public:
    Mip6IpsecManualTestSuite()
        : TestSuite("mip6-ipsec-manual", SYSTEM)
    {
        AddTestCase(new SadTestCase, TestCase::QUICK);
        AddTestCase(new ManualMultiMnTestCase, TestCase::QUICK);
        AddTestCase(new ManualRegistrationTestCase("ipsec-manual", 148, 132), TestCase::QUICK);
        AddTestCase(new ManualRegistrationTestCase("ipsec-manual:esp=gcm", 132, 116),
                    TestCase::QUICK);
        AddTestCase(new ManualPayloadTestCase, TestCase::QUICK);
        AddTestCase(new ManualRegistrationTestCase("ipsec-manual:udp=on", 156, 140),
                    TestCase::QUICK);
        AddTestCase(new ManualUdpEncapTestCase, TestCase::QUICK);
        AddTestCase(new ManualAttackTestCase, TestCase::QUICK);
        AddTestCase(new ManualReproducibleTestCase, TestCase::QUICK);
        AddTestCase(new ManualTsharkTestCase("ipsec-manual:payload=on", false), TestCase::QUICK);
        AddTestCase(new ManualTsharkTestCase("ipsec-manual:payload=on,udp=on", true),
                    TestCase::QUICK);
    }
};

static Mip6IpsecManualTestSuite g_ipsecManualTestSuite; //!< the suite instance

} // namespace
