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

#include <optional>
#include <vector>

using namespace ns3;

namespace
{

const Ipv6Address kHomePrefix("fd00:0:0:1::");
const Ipv6Address kHoa("fd00:0:0:1::100");
const Ipv6Address kVisitPrefix("fd00:0:0:9::");
const Ipv6Address kCoa2("fd00:0:0:9::200"); //!< the visitor's second care-of address

/// A design that records what the HA tells it and where it sends data (the seam of DESIGN.md §2).
class RecordingHaSecurity : public Mip6HaSecurity
{
  public:
    struct Update
    {
        Ipv6Address hoa;
        Ipv6Address oldCoa;
        Ipv6Address newCoa;
    };

    void NotifyBindingUpdated(Ipv6Address hoa, Ipv6Address oldCoa, Ipv6Address newCoa) override
    {
        updates.push_back({hoa, oldCoa, newCoa});
    }

    void NotifyBindingRemoved(Ipv6Address hoa) override
    {
        removed.push_back(hoa);
    }

    void SendData(Ptr<Packet> inner, const Mip6SignalingContext& ctx) override
    {
        dataCoa.push_back(ctx.coa);
        Mip6HaSecurity::SendData(inner, ctx);
    }

    std::vector<Update> updates;
    std::vector<Ipv6Address> removed;
    std::vector<Ipv6Address> dataCoa;
};

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
    explicit HaFixture(bool homeHostOwnsHoa, bool recordSecurity = false)
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
        homeHost = hif.GetAddress(1, 1);
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
        if (recordSecurity)
        {
            security = CreateObject<RecordingHaSecurity>();
            ha->SetSecurity(security);
        }
        else
        {
            ha->SetSecurity(CreateObject<Mip6NoneDesign>()->CreateHaSide());
        }
        nodes.Get(1)->AddApplication(ha);
        ha->TraceConnectWithoutContext("BindingAckSent", MakeCallback(&HaFixture::BaSent, this));
        visitorL4 = Mip6L4Protocol::Install(nodes.Get(0));
        visitorL4->SetReceiveCallback(MakeCallback(&HaFixture::VisitorRx, this));
        // The visitor owns the HoA too, so that its Type 2 RH handler accepts BAs for it.
        nodes.Get(0)->GetObject<Ipv6>()->AddAddress(1,
                                                    Ipv6InterfaceAddress(kHoa, Ipv6Prefix(128)),
                                                    false);
        // A second care-of address on the visited link (MCoA).
        nodes.Get(0)->GetObject<Ipv6>()->AddAddress(1,
                                                    Ipv6InterfaceAddress(kCoa2, Ipv6Prefix(64)),
                                                    false);
        nodes.Get(1)->GetObject<Ipv6L3Protocol>()->TraceConnectWithoutContext(
            "Tx",
            MakeCallback(&HaFixture::HaTx, this));
    }

    /// Sends a home BU with Binding Identifier (and other) options from the first CoA, with HAO.
    void SendMcoaBu(Time at,
                    uint16_t seq,
                    uint16_t lifetimeUnits,
                    std::vector<Mip6Option> options,
                    uint16_t extraFlags = 0)
    {
        Simulator::Schedule(at, [=]() {
            Mip6BindingUpdateHeader bu;
            bu.SetSequence(seq);
            bu.SetFlags(Mip6BindingUpdateHeader::FLAG_A | Mip6BindingUpdateHeader::FLAG_H |
                        extraFlags);
            bu.SetLifetimeUnits(lifetimeUnits);
            for (const auto& o : options)
            {
                bu.AddOption(o);
            }
            bu.CalculateChecksum(kHoa, haAddress);
            Ptr<Packet> p = Create<Packet>();
            p->AddHeader(bu);
            visitorL4->Send(p, 135, coa, haAddress, kHoa, std::nullopt, nullptr);
        });
    }

    /// Sends a UDP datagram from the home host to the HoA (it reaches the HA's tunnel).
    void SendUdpToHoa(Time at, uint16_t port)
    {
        Simulator::Schedule(at, [=]() {
            Ptr<Socket> s = Socket::CreateSocket(nodes.Get(2), UdpSocketFactory::GetTypeId());
            s->Bind6();
            s->SendTo(Create<Packet>(20), 0, Inet6SocketAddress(kHoa, port));
            s->Close();
        });
    }

    /// Sends a reverse-tunnelled packet (HoA -> home host) from the visitor with outer source
    /// \p outerSrc.
    void SendReverseTunnel(Time at, Ipv6Address outerSrc)
    {
        Simulator::Schedule(at, [=]() {
            Ptr<Packet> inner = Create<Packet>(8);
            Ipv6Header ih;
            ih.SetSource(kHoa);
            ih.SetDestination(homeHost);
            ih.SetNextHeader(59);
            ih.SetPayloadLength(8);
            ih.SetHopLimit(64);
            inner->AddHeader(ih);
            nodes.Get(0)->GetObject<Ipv6L3Protocol>()->Send(inner,
                                                            outerSrc,
                                                            haAddress,
                                                            41,
                                                            nullptr);
        });
    }

    /// Records the outer destination and inner UDP port of every IPv6-in-IPv6 packet the HA
    /// encapsulates.
    void HaTx(Ptr<const Packet> packet, Ptr<Ipv6> ipv6, uint32_t iface)
    {
        Ptr<Packet> p = packet->Copy();
        Ipv6Header outer;
        p->RemoveHeader(outer);
        if (outer.GetNextHeader() != 41 || outer.GetSource() != haAddress)
        {
            return; // not the HA's own tunnel (e.g. a reverse-tunnelled packet passing by)
        }
        Ipv6Header inner;
        p->RemoveHeader(inner);
        uint16_t port = 0;
        if (inner.GetNextHeader() == UdpL4Protocol::PROT_NUMBER)
        {
            UdpHeader udp;
            p->PeekHeader(udp);
            port = udp.GetDestinationPort();
        }
        tunnelled.push_back({outer.GetDestination(), port});
    }

    /// \return the BID options of BA i as (BID, status) pairs
    std::vector<std::pair<uint16_t, uint8_t>> BaBids(std::size_t i) const
    {
        std::vector<std::pair<uint16_t, uint8_t>> out;
        for (const auto& o : bas.at(i).GetOptions())
        {
            if (auto b = o.GetBindingIdentifier())
            {
                out.emplace_back(b->bid, b->status);
            }
        }
        return out;
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
            bas.push_back(ba);
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
    std::vector<Mip6BindingAckHeader> bas; //!< BAs received by the visitor
    Ipv6Address homeHost;                  //!< the home host's address
    Ptr<RecordingHaSecurity> security;     //!< the recording design, when asked for
    std::vector<std::pair<Ipv6Address, uint16_t>> tunnelled; //!< (outer dst, inner UDP port)
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

/// RFC 5648 bulk registration, priorities, per-BID de-registration, tunnel choice and the seam.
class HaMcoaBulkTestCase : public TestCase
{
  public:
    HaMcoaBulkTestCase()
        : TestCase(
              "MCoA: bulk registration of two CoAs, primary by BID-PRI, de-registering one BID "
              "moves traffic to the other, reverse tunnel from any registered CoA")
    {
    }

  private:
    void DoRun() override
    {
        // Preference order: lower BID-PRI, 0 last, then lower BID.
        Mip6BindingCacheEntry a;
        Mip6BindingCacheEntry b;
        a.bindingId = 2;
        a.priority = 5;
        b.bindingId = 1;
        b.priority = 9;
        NS_TEST_EXPECT_MSG_EQ(Mip6BindingIsPreferred(a, b), true, "BID-PRI 5 before 9");
        b.priority = 5;
        NS_TEST_EXPECT_MSG_EQ(Mip6BindingIsPreferred(b, a), true, "tie: lower BID");
        b.priority = 0;
        NS_TEST_EXPECT_MSG_EQ(Mip6BindingIsPreferred(a, b), true, "BID-PRI 0 ranks last");

        HaFixture f(false, true);
        // BID 1 -> CoA (BID-PRI 20), BID 2 -> CoA2 (BID-PRI 10): BID 2 is the primary.
        f.SendMcoaBu(Seconds(2),
                     1,
                     100,
                     {Mip6Option::BindingIdentifier(1, f.coa, 20),
                      Mip6Option::BindingIdentifier(2, kCoa2, 10)});
        uint32_t nAt35 = 0;
        std::vector<Mip6BindingCacheEntry> at35;
        Ipv6Address primaryAt35;
        Simulator::Schedule(Seconds(3.5), [&]() {
            nAt35 = f.ha->GetNBindings();
            at35 = f.ha->GetBindings(kHoa);
            primaryAt35 = f.ha->GetBinding(kHoa)->careOfAddress;
        });
        f.SendUdpToHoa(Seconds(4), 7000);
        f.SendReverseTunnel(Seconds(4.2), kCoa2);
        f.SendReverseTunnel(Seconds(4.3), f.coa);
        // Per-BID de-registration of BID 2 (no CoA needed).
        f.SendMcoaBu(Seconds(5), 2, 0, {Mip6Option::BindingIdentifier(2, std::nullopt)});
        uint32_t nAt55 = 0;
        Simulator::Schedule(Seconds(5.5), [&]() { nAt55 = f.ha->GetNBindings(); });
        f.SendUdpToHoa(Seconds(6), 7000);
        f.SendReverseTunnel(Seconds(6.2), kCoa2); // no longer registered
        // The last BID goes.
        f.SendMcoaBu(Seconds(7), 3, 0, {Mip6Option::BindingIdentifier(1, std::nullopt)});
        Simulator::Stop(Seconds(8));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(f.sent.size(), 3u, "three BAs");
        NS_TEST_EXPECT_MSG_EQ(unsigned(f.sent[0].status), 0u, "bulk registration accepted");
        NS_TEST_EXPECT_MSG_EQ_TOL(f.sent[0].at.GetSeconds(), 3.0, 0.01, "after DAD");
        NS_TEST_EXPECT_MSG_EQ(f.sent[0].coa, f.coa, "BA to the BU's source");
        NS_TEST_ASSERT_MSG_EQ(f.bas.size(), 3u, "three BAs received");
        const auto bids = f.BaBids(0);
        NS_TEST_ASSERT_MSG_EQ(bids.size(), 2u, "both BIDs echoed");
        NS_TEST_EXPECT_MSG_EQ(bids[0].first, 1, "BID 1 echoed");
        NS_TEST_EXPECT_MSG_EQ(unsigned(bids[0].second), 0u, "BID 1 accepted");
        NS_TEST_EXPECT_MSG_EQ(bids[1].first, 2, "BID 2 echoed");
        NS_TEST_EXPECT_MSG_EQ(unsigned(bids[1].second), 0u, "BID 2 accepted");
        NS_TEST_EXPECT_MSG_EQ(f.bas[0].GetLifetimeUnits(), 100, "lifetime granted");

        NS_TEST_EXPECT_MSG_EQ(nAt35, 2u, "two cache entries");
        NS_TEST_ASSERT_MSG_EQ(at35.size(), 2u, "GetBindings");
        NS_TEST_EXPECT_MSG_EQ(at35[0].bindingId, 2, "primary first");
        NS_TEST_EXPECT_MSG_EQ(at35[0].careOfAddress, kCoa2, "BID 2 -> CoA2");
        NS_TEST_EXPECT_MSG_EQ(unsigned(at35[0].priority), 10u, "BID-PRI kept");
        NS_TEST_EXPECT_MSG_EQ(at35[1].careOfAddress, f.coa, "BID 1 -> CoA");
        NS_TEST_EXPECT_MSG_EQ(primaryAt35, kCoa2, "GetBinding is the primary");

        NS_TEST_ASSERT_MSG_EQ(f.tunnelled.size(), 2u, "two tunnelled packets");
        NS_TEST_EXPECT_MSG_EQ(f.tunnelled[0].first, kCoa2, "primary CoA while both bound");
        NS_TEST_EXPECT_MSG_EQ(f.tunnelled[1].first, f.coa, "the remaining CoA after BID 2 left");
        NS_TEST_ASSERT_MSG_EQ(f.security->dataCoa.size(), 2u, "SendData twice");
        NS_TEST_EXPECT_MSG_EQ(f.security->dataCoa[0], kCoa2, "ctx.coa is the chosen CoA");
        NS_TEST_EXPECT_MSG_EQ(f.security->dataCoa[1], f.coa, "ctx.coa follows");

        NS_TEST_EXPECT_MSG_EQ(unsigned(f.sent[1].status), 0u, "BID 2 de-registered");
        const auto bids1 = f.BaBids(1);
        NS_TEST_ASSERT_MSG_EQ(bids1.size(), 1u, "one BID echoed");
        NS_TEST_EXPECT_MSG_EQ(bids1[0].first, 2, "BID 2");
        NS_TEST_EXPECT_MSG_EQ(nAt55, 1u, "one binding left");
        NS_TEST_EXPECT_MSG_EQ(f.ha->GetDropCount("tunnel-source-mismatch"),
                              1u,
                              "only the packet from the de-registered CoA was refused");

        // The seam: the design hears the primary CoA changes and the removal of the last BID.
        NS_TEST_ASSERT_MSG_EQ(f.security->updates.size(), 2u, "two primary changes");
        NS_TEST_EXPECT_MSG_EQ(f.security->updates[0].oldCoa, Ipv6Address::GetAny(), "new");
        NS_TEST_EXPECT_MSG_EQ(f.security->updates[0].newCoa, kCoa2, "primary CoA2");
        NS_TEST_EXPECT_MSG_EQ(f.security->updates[1].oldCoa, kCoa2, "from CoA2");
        NS_TEST_EXPECT_MSG_EQ(f.security->updates[1].newCoa, f.coa, "to CoA");
        NS_TEST_ASSERT_MSG_EQ(f.security->removed.size(), 1u, "removed once");
        NS_TEST_EXPECT_MSG_EQ(unsigned(f.sent[2].status), 0u, "last BID de-registered");
        NS_TEST_EXPECT_MSG_EQ(f.ha->GetNBindings(), 0u, "no binding left");
        Simulator::Destroy();
    }
};

/// RFC 6089 flow bindings at the HA.
class HaMcoaFlowTestCase : public TestCase
{
  public:
    HaMcoaFlowTestCase()
        : TestCase("MCoA: a flow binding sends a matching UDP flow over the other CoA; FID "
                   "statuses 131, 133, 132; removing the flow")
    {
    }

    static Mip6Option Flow(uint16_t fid,
                           std::vector<uint16_t> refs,
                           bool withTs,
                           uint8_t format = Mip6FlowIdentification::TS_IPV6_BINARY)
    {
        return FlowWithPriority(fid, fid, std::move(refs), withTs, format);
    }

    /// A Flow Identification option with FID-PRI \p priority (RFC 6089 §4.2: 0 is reserved).
    static Mip6Option FlowWithPriority(uint16_t fid,
                                       uint16_t priority,
                                       std::vector<uint16_t> refs,
                                       bool withTs,
                                       uint8_t format = Mip6FlowIdentification::TS_IPV6_BINARY)
    {
        Mip6FlowIdentification fi;
        fi.fid = fid;
        fi.priority = priority;
        fi.bindingRefs = std::move(refs);
        if (withTs)
        {
            fi.tsFormat = format;
            if (format == Mip6FlowIdentification::TS_IPV6_BINARY)
            {
                Mip6TrafficSelector ts;
                ts.startDstPort = 5000;
                ts.endDstPort = 5010;
                ts.startNextHeader = 17;
                fi.ts = ts;
            }
            else
            {
                fi.tsRaw = {0, 0, 0, 0};
            }
        }
        return Mip6Option::FlowIdentification(fi);
    }

    static std::vector<std::pair<uint16_t, uint8_t>> Fids(const Mip6BindingAckHeader& ba)
    {
        std::vector<std::pair<uint16_t, uint8_t>> out;
        for (const auto& o : ba.GetOptions())
        {
            if (auto f = o.GetFlowIdentification())
            {
                out.emplace_back(f->fid, f->status);
            }
        }
        return out;
    }

  private:
    void DoRun() override
    {
        HaFixture f(false, true);
        // BID 1 -> CoA is the primary; FID 1 sends UDP 5000-5010 over BID 2 (CoA2).
        f.SendMcoaBu(Seconds(2),
                     1,
                     100,
                     {Mip6Option::BindingIdentifier(1, f.coa, 10),
                      Mip6Option::BindingIdentifier(2, kCoa2, 20),
                      Flow(1, {2}, true)});
        f.SendUdpToHoa(Seconds(4), 5005);
        f.SendUdpToHoa(Seconds(4.1), 6000);
        // Refresh with FID errors: unknown BID 9 (131), IPv4 selector (133), unknown FID 7 (132).
        f.SendMcoaBu(Seconds(5),
                     2,
                     100,
                     {Mip6Option::BindingIdentifier(1, std::nullopt, 10),
                      Flow(2, {9}, true),
                      Flow(3, {1}, true, Mip6FlowIdentification::TS_IPV4_BINARY),
                      Flow(7, {}, false)});
        std::size_t flowsAt55 = 0;
        Simulator::Schedule(Seconds(5.5),
                            [&]() { flowsAt55 = f.ha->GetFlowBindings(kHoa).size(); });
        // Remove FID 1 (FID option without sub-options): the flow goes back to the primary.
        f.SendMcoaBu(Seconds(6),
                     3,
                     100,
                     {Mip6Option::BindingIdentifier(1, std::nullopt, 10), Flow(1, {}, false)});
        f.SendUdpToHoa(Seconds(7), 5005);
        Simulator::Stop(Seconds(8));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(f.bas.size(), 3u, "three BAs");
        const auto fid0 = Fids(f.bas[0]);
        NS_TEST_ASSERT_MSG_EQ(fid0.size(), 1u, "FID echoed");
        NS_TEST_EXPECT_MSG_EQ(fid0[0].first, 1, "FID 1");
        NS_TEST_EXPECT_MSG_EQ(unsigned(fid0[0].second), 0u, "flow binding accepted");
        NS_TEST_ASSERT_MSG_EQ(f.tunnelled.size(), 3u, "three tunnelled packets");
        NS_TEST_EXPECT_MSG_EQ(f.tunnelled[0].second, 5005, "the flow packet");
        NS_TEST_EXPECT_MSG_EQ(f.tunnelled[0].first, kCoa2, "matching flow over CoA2");
        NS_TEST_EXPECT_MSG_EQ(f.tunnelled[1].first, f.coa, "other traffic over the primary");

        NS_TEST_EXPECT_MSG_EQ(unsigned(f.bas[1].GetStatus()), 0u, "bindings refreshed");
        const auto fid1 = Fids(f.bas[1]);
        NS_TEST_ASSERT_MSG_EQ(fid1.size(), 3u, "three FIDs echoed");
        NS_TEST_EXPECT_MSG_EQ(unsigned(fid1[0].second), 131u, "BID not found");
        NS_TEST_EXPECT_MSG_EQ(unsigned(fid1[1].second), 133u, "TS format not supported");
        NS_TEST_EXPECT_MSG_EQ(unsigned(fid1[2].second), 132u, "FID not found");
        NS_TEST_EXPECT_MSG_EQ(flowsAt55, 1u, "still one flow binding");
        NS_TEST_EXPECT_MSG_EQ(f.ha->GetNBindings(), 2u, "BID 2 kept (not in the refresh)");

        const auto fid2 = Fids(f.bas[2]);
        NS_TEST_ASSERT_MSG_EQ(fid2.size(), 1u, "removal echoed");
        NS_TEST_EXPECT_MSG_EQ(unsigned(fid2[0].second), 0u, "flow removed");
        NS_TEST_EXPECT_MSG_EQ(f.tunnelled[2].first, f.coa, "without the flow: primary");
        NS_TEST_EXPECT_MSG_EQ(f.ha->GetFlowBindings(kHoa).size(), 0u, "no flow binding");
        Simulator::Destroy();
    }
};

/// RFC 6089 §4.2: FID 0 and FID-PRI 0 are reserved; the HA answers 130 and stores nothing.
class HaFlowReservedTestCase : public TestCase
{
  public:
    HaFlowReservedTestCase()
        : TestCase("MCoA: a Flow Identification option with FID 0 or FID-PRI 0 is answered 130 "
                   "(malformed), counted and not stored; the BIDs and a valid FID are accepted")
    {
    }

  private:
    void DoRun() override
    {
        HaFixture f(false, true);
        uint32_t traced = 0;
        f.ha->TraceConnectWithoutContext(
            "Drop",
            MakeBoundCallback(
                +[](uint32_t* n, Ptr<const Packet>, const std::string& reason) {
                    *n += reason == "flow-id-reserved" ? 1 : 0;
                },
                &traced));
        f.SendMcoaBu(Seconds(2),
                     1,
                     100,
                     {Mip6Option::BindingIdentifier(1, f.coa, 10),
                      Mip6Option::BindingIdentifier(2, kCoa2, 20),
                      HaMcoaFlowTestCase::FlowWithPriority(0, 3, {2}, true),
                      HaMcoaFlowTestCase::FlowWithPriority(4, 0, {2}, true),
                      HaMcoaFlowTestCase::FlowWithPriority(5, 5, {2}, true)});
        // A refresh that tries to remove FID 0 (no sub-options): malformed again, not "not found".
        f.SendMcoaBu(Seconds(4),
                     2,
                     100,
                     {Mip6Option::BindingIdentifier(1, std::nullopt, 10),
                      HaMcoaFlowTestCase::FlowWithPriority(0, 1, {}, false)});
        f.SendUdpToHoa(Seconds(5), 5005);
        Simulator::Stop(Seconds(6));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(f.bas.size(), 2u, "two BAs, no crash");
        NS_TEST_EXPECT_MSG_EQ(unsigned(f.bas[0].GetStatus()), 0u, "the BIDs are accepted");
        const auto fids = HaMcoaFlowTestCase::Fids(f.bas[0]);
        NS_TEST_ASSERT_MSG_EQ(fids.size(), 3u, "every FID option echoed");
        NS_TEST_EXPECT_MSG_EQ(fids[0].first, 0, "FID 0 echoed");
        NS_TEST_EXPECT_MSG_EQ(unsigned(fids[0].second), 130u, "FID 0: malformed");
        NS_TEST_EXPECT_MSG_EQ(fids[1].first, 4, "FID 4 echoed");
        NS_TEST_EXPECT_MSG_EQ(unsigned(fids[1].second), 130u, "FID-PRI 0: malformed");
        NS_TEST_EXPECT_MSG_EQ(unsigned(fids[2].second), 0u, "FID 5 accepted");
        const auto fids1 = HaMcoaFlowTestCase::Fids(f.bas[1]);
        NS_TEST_ASSERT_MSG_EQ(fids1.size(), 1u, "echoed");
        NS_TEST_EXPECT_MSG_EQ(unsigned(fids1[0].second), 130u, "FID 0 removal: malformed");
        const auto flows = f.ha->GetFlowBindings(kHoa);
        NS_TEST_ASSERT_MSG_EQ(flows.size(), 1u, "only the valid flow is stored");
        NS_TEST_EXPECT_MSG_EQ(flows[0].fid, 5, "FID 5");
        NS_TEST_EXPECT_MSG_EQ(f.ha->GetDropCount("flow-id-reserved"), 3u, "counted");
        NS_TEST_EXPECT_MSG_EQ(traced, 3u, "traced");
        NS_TEST_ASSERT_MSG_EQ(f.tunnelled.size(), 1u, "the flow packet tunnelled");
        NS_TEST_EXPECT_MSG_EQ(f.tunnelled[0].first, kCoa2, "over FID 5's BID 2");
        Simulator::Destroy();
    }
};

/// Every MCoA error of RFC 5648 §6.1 the HA can raise, and the O flag.
class HaMcoaErrorsTestCase : public TestCase
{
  public:
    HaMcoaErrorsTestCase()
        : TestCase("MCoA errors: 165 then O, 164 (length, duplicate, BID 0), 167, 169 (and H "
                   "allowed by attribute), 4 with per-BID status, 168, per-BID 135")
    {
    }

  private:
    void DoRun() override
    {
        HaFixture f(false);
        const Mip6Option bid1 = Mip6Option::BindingIdentifier(1, f.coa);
        const Mip6Option bid2 = Mip6Option::BindingIdentifier(2, kCoa2);
        f.SendBu(Seconds(2), kHoa, 1, 100);       // RFC 6275 binding (BID 0), accepted after DAD
        f.SendMcoaBu(Seconds(4), 2, 100, {bid1}); // 165
        f.SendMcoaBu(Seconds(4.5), 3, 100, {bid1}, Mip6BindingUpdateHeader::FLAG_O); // 0
        std::vector<Mip6BindingCacheEntry> afterO;
        Simulator::Schedule(Seconds(4.8), [&]() { afterO = f.ha->GetBindings(kHoa); });
        f.SendMcoaBu(Seconds(5), 4, 100, {Mip6Option(35, {0, 1, 0}, 2, 0)}); // 164 length
        f.SendMcoaBu(Seconds(5.2), 5, 100, {bid2, bid2});                    // 164 duplicate
        f.SendMcoaBu(Seconds(5.4), 6, 100, {Mip6Option::BindingIdentifier(0, kCoa2)}); // 164
        f.SendMcoaBu(Seconds(5.6), 7, 100, {Mip6Option::BindingIdentifier(5, std::nullopt)});
        f.SendMcoaBu(Seconds(5.8),
                     8,
                     100,
                     {Mip6Option::BindingIdentifier(2, kCoa2, 0, 0, true)}); // 169
        f.SendMcoaBu(Seconds(6),
                     9,
                     100,
                     {bid2, Mip6Option::BindingIdentifier(3, std::nullopt)}); // 4: 0 and 167
        Simulator::Schedule(Seconds(6.5), [&]() {
            f.ha->SetAttribute("BulkRegistrationSupported", BooleanValue(false));
        });
        f.SendMcoaBu(Seconds(7), 10, 100, {bid1, bid2}); // 168
        f.SendMcoaBu(Seconds(7.2), 9, 100, {bid2});      // BID 2 last accepted 9: 135
        Simulator::Schedule(Seconds(7.3), [&]() {
            f.ha->SetAttribute("SimultaneousHomeAndForeign", BooleanValue(true));
        });
        f.SendMcoaBu(Seconds(7.4),
                     11,
                     100,
                     {Mip6Option::BindingIdentifier(4, kCoa2, 0, 0, true)}); // H allowed: 0
        Simulator::Stop(Seconds(8));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(f.bas.size(), 12u, "twelve BAs");
        NS_TEST_EXPECT_MSG_EQ(unsigned(f.bas[0].GetStatus()), 0u, "RFC 6275 binding");
        NS_TEST_EXPECT_MSG_EQ(f.BaBids(0).size(), 0u, "no BID in that BA");
        NS_TEST_EXPECT_MSG_EQ(unsigned(f.bas[1].GetStatus()), 165u, "non-MCoA binding exists");
        NS_TEST_EXPECT_MSG_EQ(unsigned(f.BaBids(1).at(0).second), 165u, "per-BID 165");
        NS_TEST_EXPECT_MSG_EQ(unsigned(f.bas[2].GetStatus()), 0u, "O replaces it");
        NS_TEST_ASSERT_MSG_EQ(afterO.size(), 1u, "one binding after O");
        NS_TEST_EXPECT_MSG_EQ(afterO[0].bindingId, 1, "BID 1, BID 0 gone");
        NS_TEST_EXPECT_MSG_EQ(unsigned(f.bas[3].GetStatus()), 164u, "BID of length 3");
        NS_TEST_EXPECT_MSG_EQ(f.BaBids(3).size(), 0u, "a malformed BU echoes no BID");
        NS_TEST_EXPECT_MSG_EQ(unsigned(f.bas[4].GetStatus()), 164u, "duplicate BID");
        NS_TEST_EXPECT_MSG_EQ(unsigned(f.bas[5].GetStatus()), 164u, "BID 0");
        NS_TEST_EXPECT_MSG_EQ(unsigned(f.bas[6].GetStatus()), 167u, "unknown CoA");
        NS_TEST_EXPECT_MSG_EQ(unsigned(f.BaBids(6).at(0).second), 167u, "per-BID 167");
        NS_TEST_EXPECT_MSG_EQ(unsigned(f.bas[7].GetStatus()), 169u, "H prohibited");
        NS_TEST_EXPECT_MSG_EQ(unsigned(f.bas[8].GetStatus()), 4u, "MCOA_NOTCOMPLETE");
        const auto b8 = f.BaBids(8);
        NS_TEST_ASSERT_MSG_EQ(b8.size(), 2u, "both BIDs echoed");
        NS_TEST_EXPECT_MSG_EQ(unsigned(b8[0].second), 0u, "BID 2 accepted");
        NS_TEST_EXPECT_MSG_EQ(unsigned(b8[1].second), 167u, "BID 3 unknown CoA");
        NS_TEST_EXPECT_MSG_EQ(unsigned(f.bas[9].GetStatus()), 168u, "bulk prohibited");
        NS_TEST_EXPECT_MSG_EQ(unsigned(f.bas[10].GetStatus()), 135u, "per-BID sequence");
        NS_TEST_EXPECT_MSG_EQ(unsigned(f.bas[11].GetStatus()), 0u, "H accepted when allowed");
        NS_TEST_EXPECT_MSG_EQ(f.ha->GetNBindings(), 3u, "BIDs 1, 2 and 4 registered");
        Simulator::Destroy();
    }
};

/// MultipleCoaSupport = false: BID options ignored, RFC 6275 answer.
class HaMcoaDisabledTestCase : public TestCase
{
  public:
    HaMcoaDisabledTestCase()
        : TestCase("MultipleCoaSupport=false: a BU with BIDs gets an RFC 6275 BA without BIDs")
    {
    }

  private:
    void DoRun() override
    {
        HaFixture f(false);
        f.ha->SetAttribute("MultipleCoaSupport", BooleanValue(false));
        f.SendMcoaBu(Seconds(2),
                     1,
                     100,
                     {Mip6Option::BindingIdentifier(1, kCoa2, 1),
                      Mip6Option::BindingIdentifier(2, kCoa2, 2)});
        Simulator::Stop(Seconds(4));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(f.bas.size(), 1u, "one BA");
        NS_TEST_EXPECT_MSG_EQ(unsigned(f.bas[0].GetStatus()), 0u, "accepted as RFC 6275");
        NS_TEST_EXPECT_MSG_EQ(f.bas[0].GetOptions().size(), 0u, "no BID in the BA");
        NS_TEST_EXPECT_MSG_EQ(f.ha->GetNBindings(), 1u, "one binding");
        NS_TEST_ASSERT_MSG_NE(f.ha->GetBinding(kHoa), nullptr, "bound");
        NS_TEST_EXPECT_MSG_EQ(f.ha->GetBinding(kHoa)->bindingId, 0, "BID 0");
        NS_TEST_EXPECT_MSG_EQ(f.ha->GetBinding(kHoa)->careOfAddress,
                              f.coa,
                              "the source address is the CoA (no AltCoA, BIDs ignored)");
        Simulator::Destroy();
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
        AddTestCase(new HaMcoaBulkTestCase, TestCase::QUICK);
        AddTestCase(new HaMcoaFlowTestCase, TestCase::QUICK);
        AddTestCase(new HaFlowReservedTestCase, TestCase::QUICK);
        AddTestCase(new HaMcoaErrorsTestCase, TestCase::QUICK);
        AddTestCase(new HaMcoaDisabledTestCase, TestCase::QUICK);
    }
};

static HomeAgentTestSuite g_homeAgentTestSuite;

} // namespace
