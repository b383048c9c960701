/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Home Agent registration processing (RFC 6275 §9.5.1, §10.3.1, §10.3.2, §9.2) on a small wired
 * topology: a test node sends crafted BUs from a care-of address; the HA's answers are read from
 * its BindingAckSent trace and from the BAs that reach the test node.
 */

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/mip6-header.h"
#include "ns3/mip6-home-agent.h"
#include "ns3/mip6-l4-protocol.h"
#include "ns3/mip6-none-design.h"
#include "ns3/network-module.h"

using namespace ns3;

namespace
{

const Ipv6Address kHomePrefix("fd00:0:0:1::");
const Ipv6Address kHoa("fd00:0:0:1::100");
const Ipv6Address kVisitPrefix("fd00:0:0:9::");

/// A BA as the HA sent it.
struct SentBa
{
    Time at;
    Ipv6Address hoa;
    Ipv6Address coa;
    uint8_t status;
    uint16_t seq;
};

/// Two CSMA links: visitor (test node, CoA) -- HA -- home link (optional host).
class HaFixture
{
  public:
    explicit HaFixture(bool homeHostOwnsHoa)
    {
        nodes.Create(3); // 0 visitor, 1 HA, 2 home host
        InternetStackHelper internet;
        internet.SetIpv4StackInstall(false);
        internet.Install(nodes);
        CsmaHelper csma;
        csma.SetChannelAttribute("Delay", TimeValue(MilliSeconds(1)));
        NetDeviceContainer visit = csma.Install(NodeContainer(nodes.Get(0), nodes.Get(1)));
        NetDeviceContainer home = csma.Install(NodeContainer(nodes.Get(1), nodes.Get(2)));
        Ipv6AddressHelper addr;
        addr.SetBase(kVisitPrefix, Ipv6Prefix(64));
        Ipv6InterfaceContainer vif = addr.Assign(visit);
        addr.SetBase(kHomePrefix, Ipv6Prefix(64));
        Ipv6InterfaceContainer hif = addr.Assign(home);
        coa = vif.GetAddress(0, 1);
        haVisitAddress = vif.GetAddress(1, 1);
        haAddress = hif.GetAddress(0, 1);
        vif.SetForwarding(1, true);
        hif.SetForwarding(0, true);
        Ipv6StaticRoutingHelper routing;
        routing.GetStaticRouting(nodes.Get(0)->GetObject<Ipv6>())
            ->AddNetworkRouteTo(kHomePrefix, Ipv6Prefix(64), haVisitAddress, 1);
        if (homeHostOwnsHoa)
        {
            Ptr<Ipv6> ipv6 = nodes.Get(2)->GetObject<Ipv6>();
            ipv6->AddAddress(1, Ipv6InterfaceAddress(kHoa, Ipv6Prefix(64)));
        }
        ha = CreateObject<Mip6HomeAgent>();
        ha->SetAttribute("HomeAgentAddress", Ipv6AddressValue(haAddress));
        ha->SetAttribute("HomePrefix", Ipv6AddressValue(kHomePrefix));
        ha->SetAttribute("HomeInterface", UintegerValue(2));
        ha->SetSecurity(CreateObject<Mip6NoneDesign>()->CreateHaSide());
        nodes.Get(1)->AddApplication(ha);
        ha->TraceConnectWithoutContext("BindingAckSent", MakeCallback(&HaFixture::BaSent, this));
        visitorL4 = Mip6L4Protocol::Install(nodes.Get(0));
        visitorL4->SetReceiveCallback(MakeCallback(&HaFixture::VisitorRx, this));
        // The visitor owns the HoA too, so that its Type 2 RH handler accepts BAs for it.
        nodes.Get(0)->GetObject<Ipv6>()->AddAddress(1,
                                                    Ipv6InterfaceAddress(kHoa, Ipv6Prefix(128)),
                                                    false);
    }

    /// Sends a home BU from the CoA at time \p at.
    void SendBu(Time at,
                Ipv6Address hoa,
                uint16_t seq,
                uint16_t lifetimeUnits,
                bool hFlag = true,
                bool kFlag = false)
    {
        Simulator::Schedule(at, [=]() {
            Mip6BindingUpdateHeader bu;
            bu.SetSequence(seq);
            bu.SetFlag(Mip6BindingUpdateHeader::FLAG_A, true);
            bu.SetFlag(Mip6BindingUpdateHeader::FLAG_H, hFlag);
            bu.SetFlag(Mip6BindingUpdateHeader::FLAG_K, kFlag);
            bu.SetLifetimeUnits(lifetimeUnits);
            bu.AddOption(Mip6Option::AlternateCareOfAddress(coa));
            bu.CalculateChecksum(hoa, haAddress);
            Ptr<Packet> p = Create<Packet>();
            p->AddHeader(bu);
            visitorL4->Send(p, 135, coa, haAddress, hoa, std::nullopt, nullptr);
        });
    }

    void BaSent(Ipv6Address hoa, Ipv6Address c, uint8_t status, uint16_t seq)
    {
        sent.push_back({Simulator::Now(), hoa, c, status, seq});
    }

    void VisitorRx(Ptr<Packet> mh, const Mip6RxContext& ctx)
    {
        if (ctx.mhType == Mip6Header::BA)
        {
            Mip6BindingAckHeader ba;
            mh->PeekHeader(ba);
            baFlags.push_back(ba.GetFlags());
        }
        received.push_back(ctx.mhType);
        if (ctx.mhType == Mip6Header::BE)
        {
            Mip6BindingErrorHeader be;
            mh->PeekHeader(be);
            beStatus.push_back(be.GetStatus());
        }
    }

    NodeContainer nodes;
    Ipv6Address coa;
    Ipv6Address haVisitAddress;
    Ipv6Address haAddress;
    Ptr<Mip6HomeAgent> ha;
    Ptr<Mip6L4Protocol> visitorL4;
    std::vector<SentBa> sent;
    std::vector<uint8_t> received;
    std::vector<uint8_t> beStatus;
    std::vector<uint8_t> baFlags;
};

/// Accepted new binding: DAD wait, BA 0, host route, binding cache holds the CoA; then expiry.
class HaAcceptTestCase : public TestCase
{
  public:
    HaAcceptTestCase()
        : TestCase("new binding: DAD wait, BA 0, cache entry, BA reaches the CoA, expiry")
    {
    }

  private:
    void DoRun() override
    {
        HaFixture f(false);
        f.SendBu(Seconds(1), kHoa, 7, 2, true, true); // 8 s lifetime, K set
        bool boundAt5 = false;
        Ipv6Address coaAt5;
        Simulator::Schedule(Seconds(5), [&]() {
            const Mip6BindingCacheEntry* e = f.ha->GetBinding(kHoa);
            boundAt5 = e != nullptr;
            coaAt5 = e ? e->careOfAddress : Ipv6Address();
        });
        Simulator::Stop(Seconds(15));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(f.sent.size(), 1, "one BA");
        NS_TEST_ASSERT_MSG_EQ(unsigned(f.sent[0].status), 0, "accepted");
        NS_TEST_ASSERT_MSG_EQ(f.sent[0].seq, 7, "BA echoes the sequence number");
        // The BU needs 1 ms on the link; the HA then waits DadDelay (1 s) before the BA.
        NS_TEST_ASSERT_MSG_EQ_TOL(f.sent[0].at.GetSeconds(),
                                  2.0,
                                  0.01,
                                  "BA after the 1 s DAD wait");
        NS_TEST_ASSERT_MSG_EQ(boundAt5, true, "binding present");
        NS_TEST_ASSERT_MSG_EQ(coaAt5, f.coa, "binding holds the CoA from the Alternate CoA option");
        NS_TEST_ASSERT_MSG_EQ(f.received.size(), 1, "the BA reached the CoA through the Type 2 RH");
        NS_TEST_ASSERT_MSG_EQ(f.baFlags.size(), 1, "BA parsed");
        const bool kSet = f.baFlags[0] & Mip6BindingAckHeader::FLAG_K;
        NS_TEST_ASSERT_MSG_EQ(
            kSet,
            false,
            "K stays clear: the none design cannot move a key-management endpoint");
        NS_TEST_ASSERT_MSG_EQ(f.ha->GetNBindings(), 0, "the 8 s binding expired");
        Simulator::Destroy();
    }
};

/// Rejections: 131 (H clear), 132 (foreign HoA), 133 (HoA not served), 135 (stale sequence).
class HaRejectTestCase : public TestCase
{
  public:
    HaRejectTestCase()
        : TestCase("status 131, 132, 133, 135 and the last accepted sequence in the 135 BA")
    {
    }

  private:
    void DoRun() override
    {
        HaFixture f(false);
        f.ha->AddServedHomeAddress(kHoa);
        f.SendBu(Seconds(1), kHoa, 1, 100, false);                    // H clear
        f.SendBu(Seconds(2), Ipv6Address("fd00:0:0:7::5"), 1, 100);   // not the home subnet
        f.SendBu(Seconds(3), Ipv6Address("fd00:0:0:1::999"), 1, 100); // not served here
        f.SendBu(Seconds(4), kHoa, 10, 100);                          // accepted (after DAD)
        f.SendBu(Seconds(6), kHoa, 10, 100);                          // same sequence: stale
        f.SendBu(Seconds(7), kHoa, 65000, 100); // 10 - 65000 mod 2^16 < 32768: stale
        f.SendBu(Seconds(8), kHoa, 11, 100);    // newer: accepted, no DAD
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(f.sent.size(), 7, "seven BAs");
        NS_TEST_ASSERT_MSG_EQ(unsigned(f.sent[0].status), 131, "H clear");
        NS_TEST_ASSERT_MSG_EQ(unsigned(f.sent[1].status), 132, "foreign HoA");
        NS_TEST_ASSERT_MSG_EQ(unsigned(f.sent[2].status), 133, "HoA not served");
        NS_TEST_ASSERT_MSG_EQ(unsigned(f.sent[3].status), 0, "accepted");
        NS_TEST_ASSERT_MSG_EQ(unsigned(f.sent[4].status), 135, "equal sequence is stale");
        NS_TEST_ASSERT_MSG_EQ(f.sent[4].seq, 10, "135 carries the last accepted sequence");
        NS_TEST_ASSERT_MSG_EQ(unsigned(f.sent[5].status), 135, "older modulo 2^16 is stale");
        NS_TEST_ASSERT_MSG_EQ(unsigned(f.sent[6].status), 0, "newer accepted");
        NS_TEST_ASSERT_MSG_EQ_TOL(f.sent[6].at.GetSeconds(),
                                  8.001,
                                  0.005,
                                  "an existing binding is refreshed without DAD");
        Simulator::Destroy();
    }
};

/// DAD conflict (134), de-registration and the Binding Error for an unknown MH type.
class HaDadDeregBeTestCase : public TestCase
{
  public:
    HaDadDeregBeTestCase()
        : TestCase("134 when a home-link node defends the HoA, 128 when no DAD can run; lifetime 0 "
                   "removes; BE 2")
    {
    }

  private:
    void DoRun() override
    {
        {
            HaFixture f(true); // the home host owns the HoA
            f.SendBu(Seconds(1), kHoa, 1, 100);
            Simulator::Stop(Seconds(5));
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(f.sent.size(), 1, "one BA");
            NS_TEST_ASSERT_MSG_EQ(unsigned(f.sent[0].status), 134, "DAD failed");
            NS_TEST_ASSERT_MSG_EQ(f.ha->GetNBindings(), 0, "no binding");
            Simulator::Destroy();
        }
        {
            // A home interface where no DAD can run (the loopback has no link-local address).
            HaFixture f(false);
            f.ha->SetAttribute("HomeInterface", UintegerValue(0));
            f.SendBu(Seconds(1), kHoa, 1, 100);
            Simulator::Stop(Seconds(3));
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(f.sent.size(), 1, "one BA");
            NS_TEST_ASSERT_MSG_EQ(unsigned(f.sent[0].status), 128, "reason unspecified");
            NS_TEST_ASSERT_MSG_EQ(f.ha->GetDropCount("dad-impossible"), 1, "counted");
            Simulator::Destroy();
        }
        {
            HaFixture f(false);
            f.SendBu(Seconds(0.5), kHoa, 9, 0); // de-registration with no binding: 133 (§10.3.2)
            f.SendBu(Seconds(1), kHoa, 1, 100);
            f.SendBu(Seconds(3), kHoa, 2, 0); // de-registration
            uint32_t boundAt25 = 0;
            Simulator::Schedule(Seconds(2.5), [&]() { boundAt25 = f.ha->GetNBindings(); });
            // An MH of unknown type 99, 8 bytes, correct checksum.
            Simulator::Schedule(Seconds(4), [&]() {
                uint8_t mh[8] = {59, 0, 99, 0, 0, 0, 0, 0};
                uint8_t pseudo[40];
                f.coa.Serialize(pseudo);
                f.haAddress.Serialize(pseudo + 16);
                uint32_t sum = 0;
                for (int i = 0; i < 32; i += 2)
                {
                    sum += (pseudo[i] << 8) | pseudo[i + 1];
                }
                sum += 8 + 135;
                for (int i = 0; i < 8; i += 2)
                {
                    sum += (mh[i] << 8) | mh[i + 1];
                }
                while (sum >> 16)
                {
                    sum = (sum & 0xffff) + (sum >> 16);
                }
                const uint16_t ck = ~sum & 0xffff;
                mh[4] = ck >> 8;
                mh[5] = ck & 0xff;
                f.visitorL4->Send(Create<Packet>(mh, 8),
                                  135,
                                  f.coa,
                                  f.haAddress,
                                  std::nullopt,
                                  std::nullopt,
                                  nullptr);
            });
            Simulator::Stop(Seconds(6));
            Simulator::Run();
            NS_TEST_ASSERT_MSG_EQ(boundAt25, 1, "bound before de-registration");
            NS_TEST_ASSERT_MSG_EQ(f.sent.size(), 3, "three BAs");
            NS_TEST_ASSERT_MSG_EQ(unsigned(f.sent[0].status), 133, "nothing to de-register");
            NS_TEST_ASSERT_MSG_EQ(unsigned(f.sent[2].status), 0, "de-registration accepted");
            NS_TEST_ASSERT_MSG_EQ(f.ha->GetNBindings(), 0, "binding removed");
            NS_TEST_ASSERT_MSG_EQ(f.ha->GetDropCount("unknown-mh-type"), 1, "unknown type counted");
            NS_TEST_ASSERT_MSG_EQ(f.beStatus.size(), 1, "a BE came back");
            NS_TEST_ASSERT_MSG_EQ(unsigned(f.beStatus[0]), 2, "BE status 2");
            Simulator::Destroy();
        }
    }
};

class HomeAgentTestSuite : public TestSuite
{
  public:
    HomeAgentTestSuite()
        : TestSuite("mip6-home-agent", UNIT)
    {
        AddTestCase(new HaAcceptTestCase, TestCase::QUICK);
        AddTestCase(new HaRejectTestCase, TestCase::QUICK);
        AddTestCase(new HaDadDeregBeTestCase, TestCase::QUICK);
    }
};

static HomeAgentTestSuite g_homeAgentTestSuite;

} // namespace
