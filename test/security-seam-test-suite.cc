/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The SecurityDesign seam, proven for every shape the later designs need (DESIGN.md §2): four
 * test-only mock designs register end to end over the WLAN topology without the mobility core
 * knowing which one runs, and the handover timeline gets their cost right.
 *  (a) options inside the MH with a MAC over its final bytes (the RFC 4285 shape);
 *  (b) a header inserted between the extension headers and the MH (the ESP transport shape);
 *  (c) the MH carried in UDP with no HAO/RH2, the HoA found from a session id (the RFC 6618 shape);
 *  (d) work in PrepareHandover that delays the BU and sends its own packets from the CoA outside
 *      the tunnel (the IKE shape).
 * It also checks the core's recovery paths every design relies on: a rejecting BA that the design
 * corrects (RFC 4285's 144, RFC 6618's 176) or cannot correct (back-off), and a failed bootstrap.
 */

#include "ns3/core-module.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/internet-module.h"
#include "ns3/mip6-extensions.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-result-writer.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-wlan-access-helper.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

using namespace ns3;

namespace
{

// ------------------------------------------------------------------------------------------
// (a) MAC option over the final MH bytes.

const uint8_t kMacOptionType = 9; // the AUTH option's type, as RFC 4285 uses it

/// HMAC-SHA1-96 over the MH bytes that precede the authenticator, with checksum 0.
std::vector<uint8_t>
MacOver(const std::vector<uint8_t>& key, const std::vector<uint8_t>& mh, size_t authOffset)
{
    std::vector<uint8_t> bytes(mh.begin(), mh.begin() + authOffset);
    bytes[4] = bytes[5] = 0;
    uint8_t out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha1(), key.data(), key.size(), bytes.data(), bytes.size(), out, &len);
    return std::vector<uint8_t>(out, out + 12);
}

/// Adds the option (type byte, length, 12-byte authenticator) and fills it over the final bytes.
void
AddMac(Mip6Header& mh, const std::vector<uint8_t>& key)
{
    mh.AddOption(Mip6Option(kMacOptionType, std::vector<uint8_t>(12, 0), 4, 1));
    const size_t index = mh.GetOptions().size() - 1;
    mh.SetChecksum(0);
    const std::vector<uint8_t> bytes = mh.SerializeToBytes();
    const size_t authOffset = mh.GetOptionOffset(index) + 2;
    mh.GetOptions()[index].SetData(MacOver(key, bytes, authOffset));
}

/// Checks the option of a received MH.
bool
CheckMac(Ptr<const Packet> p, const std::vector<uint8_t>& key)
{
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    // Walk the options after the fixed part to find ours.
    const size_t fixed = 12; // BU and BA both have 6 bytes of message data after the common 6
    for (size_t off = fixed; off + 2 <= bytes.size();)
    {
        if (bytes[off] == 0)
        {
            off++;
            continue;
        }
        const size_t len = bytes[off + 1];
        if (off + 2 + len > bytes.size())
        {
            return false;
        }
        if (bytes[off] == kMacOptionType && len == 12)
        {
            std::vector<uint8_t> mac = MacOver(key, bytes, off + 2);
            return std::equal(mac.begin(), mac.end(), bytes.begin() + off + 2);
        }
        off += 2 + len;
    }
    return false;
}

class MacMnSide : public Mip6MnSecurity
{
  public:
    std::vector<uint8_t> key;
    uint32_t verified{0};

    void DecorateBindingUpdate(Mip6BindingUpdateHeader& bu,
                               const Mip6SignalingContext& ctx) override
    {
        AddMac(bu, key);
    }

    Mip6Verdict ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx) override
    {
        if (!CheckMac(mh, key))
        {
            return Mip6Verdict::Reject("bad-auth");
        }
        verified++;
        return Mip6Verdict::Accept();
    }
};

class MacHaSide : public Mip6HaSecurity
{
  public:
    std::vector<uint8_t> key;
    uint32_t verified{0};

    Mip6Verdict ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx) override
    {
        if (!CheckMac(mh, key))
        {
            return Mip6Verdict::Reject("bad-auth", 146); // RFC 4285 MIPV6-AUTH-FAIL
        }
        verified++;
        return Mip6Verdict::Accept();
    }

    void DecorateBindingAck(Mip6BindingAckHeader& ba, const Mip6SignalingContext& ctx) override
    {
        AddMac(ba, key);
    }
};

class MacDesign : public Mip6SecurityDesign
{
  public:
    std::vector<uint8_t> mnKey{std::vector<uint8_t>(16, 0x11)};
    std::vector<uint8_t> haKey{std::vector<uint8_t>(16, 0x11)};
    Ptr<MacMnSide> mn;
    Ptr<MacHaSide> ha;

    std::string GetId() const override
    {
        return "mock-mac";
    }

    Ptr<Mip6MnSecurity> CreateMnSide() override
    {
        mn = CreateObject<MacMnSide>();
        mn->key = mnKey;
        return mn;
    }

    Ptr<Mip6HaSecurity> CreateHaSide() override
    {
        ha = CreateObject<MacHaSide>();
        ha->key = haKey;
        return ha;
    }
};

// ------------------------------------------------------------------------------------------
// (b) A shim header between the extension headers and the MH (protocol 253, RFC 3692).

const uint8_t kShimProtocol = 253;
const uint32_t kShimSpi = 0x1234;

/// Marks an MH that arrived inside the shim.
class ShimTag : public Tag
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid =
            TypeId("ns3::Mip6TestShimTag").SetParent<Tag>().AddConstructor<ShimTag>();
        return tid;
    }

    TypeId GetInstanceTypeId() const override
    {
        return GetTypeId();
    }

    uint32_t GetSerializedSize() const override
    {
        return 4;
    }

    void Serialize(TagBuffer i) const override
    {
        i.WriteU32(spi);
    }

    void Deserialize(TagBuffer i) override
    {
        spi = i.ReadU32();
    }

    void Print(std::ostream& os) const override
    {
        os << "spi=" << spi;
    }

    uint32_t spi{0};
};

/// Wraps an MH in an 8-byte shim: next header 135, length, reserved 2, SPI 4.
Ptr<Packet>
Wrap(Ptr<Packet> mh)
{
    uint8_t shim[8] = {135, 0, 0, 0, 0, 0, 0x12, 0x34};
    Ptr<Packet> p = Create<Packet>(shim, 8);
    p->AddAtEnd(mh);
    return p;
}

/// The receive side of the shim: strips it and hands the MH to the mobility protocol.
class ShimL4 : public IpL4Protocol
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::Mip6TestShimL4").SetParent<IpL4Protocol>();
        return tid;
    }

    Ptr<Node> node;
    uint32_t received{0};

    int GetProtocolNumber() const override
    {
        return kShimProtocol;
    }

    RxStatus Receive(Ptr<Packet> p, const Ipv4Header&, Ptr<Ipv4Interface>) override
    {
        return RX_ENDPOINT_UNREACH;
    }

    RxStatus Receive(Ptr<Packet> p, const Ipv6Header& ip, Ptr<Ipv6Interface> iface) override
    {
        if (p->GetSize() < 8)
        {
            return RX_ENDPOINT_UNREACH;
        }
        uint8_t shim[8];
        p->CopyData(shim, 8);
        Ptr<Packet> mh = p->CreateFragment(8, p->GetSize() - 8);
        ShimTag tag;
        tag.spi = (shim[4] << 24) | (shim[5] << 16) | (shim[6] << 8) | shim[7];
        mh->ReplacePacketTag(tag);
        Mip6RxContext ctx;
        ctx.src = ip.GetSource();
        ctx.dst = ip.GetDestination();
        Mip6HaoTag hao;
        if (p->PeekPacketTag(hao))
        {
            ctx.hao = hao.GetHomeAddress();
        }
        Mip6Rh2Tag rh2;
        if (p->PeekPacketTag(rh2))
        {
            ctx.rh2 = rh2.GetHomeAddress();
        }
        received++;
        node->GetObject<Mip6L4Protocol>()->ReceiveMobilityHeader(mh, ctx, true);
        return RX_OK;
    }

    void SetDownTarget(DownTargetCallback) override
    {
    }

    void SetDownTarget6(DownTargetCallback6) override
    {
    }

    DownTargetCallback GetDownTarget() const override
    {
        return DownTargetCallback();
    }

    DownTargetCallback6 GetDownTarget6() const override
    {
        return DownTargetCallback6();
    }
};

/// Only MHs that came inside the shim are accepted.
Mip6Verdict
RequireShim(Ptr<const Packet> mh)
{
    ShimTag tag;
    if (!mh->PeekPacketTag(tag) || tag.spi != kShimSpi)
    {
        return Mip6Verdict::Reject("unprotected");
    }
    return Mip6Verdict::Accept();
}

Ptr<ShimL4>
InstallShim(Ptr<Node> node)
{
    Ptr<ShimL4> l4 = CreateObject<ShimL4>();
    l4->node = node;
    node->GetObject<Ipv6L3Protocol>()->Insert(l4);
    return l4;
}

class ShimMnSide : public Mip6MnSecurity
{
  public:
    Ptr<ShimL4> l4;

    void Setup(Ptr<Node> node, Ipv6Address hoa, Ipv6Address ha) override
    {
        Mip6MnSecurity::Setup(node, hoa, ha);
        l4 = InstallShim(node);
    }

    void SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx) override
    {
        ctx.l4->Send(Wrap(mh), kShimProtocol, ctx.src, ctx.dst, ctx.hoa, std::nullopt, ctx.route);
    }

    Mip6Verdict ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx) override
    {
        return RequireShim(mh);
    }
};

class ShimHaSide : public Mip6HaSecurity
{
  public:
    Ptr<ShimL4> l4;
    uint32_t rejected{0};

    void Setup(Ptr<Node> node, Ipv6Address ha) override
    {
        Mip6HaSecurity::Setup(node, ha);
        l4 = InstallShim(node);
    }

    void SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx) override
    {
        ctx.l4->Send(Wrap(mh), kShimProtocol, ctx.src, ctx.dst, std::nullopt, ctx.hoa, ctx.route);
    }

    Mip6Verdict ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx) override
    {
        Mip6Verdict v = RequireShim(mh);
        rejected += v.accepted ? 0 : 1;
        return v;
    }
};

class ShimDesign : public Mip6SecurityDesign
{
  public:
    Ptr<ShimMnSide> mn;
    Ptr<ShimHaSide> ha;

    std::string GetId() const override
    {
        return "mock-shim";
    }

    Ptr<Mip6MnSecurity> CreateMnSide() override
    {
        mn = CreateObject<ShimMnSide>();
        return mn;
    }

    Ptr<Mip6HaSecurity> CreateHaSide() override
    {
        ha = CreateObject<ShimHaSide>();
        return ha;
    }
};

// ------------------------------------------------------------------------------------------
// (c) The MH in UDP, no HAO/RH2: the HA finds the HoA from a 4-byte session id.

const uint16_t kUdpPort = 7777;
const uint32_t kSession = 42;

Ptr<Packet>
WithSession(Ptr<Packet> mh)
{
    uint8_t id[4] = {0, 0, 0, kSession};
    Ptr<Packet> p = Create<Packet>(id, 4);
    p->AddAtEnd(mh);
    return p;
}

class UdpMnSide : public Mip6MnSecurity
{
  public:
    Ptr<Socket> socket;
    uint32_t received{0};

    void Setup(Ptr<Node> node, Ipv6Address hoa, Ipv6Address ha) override
    {
        Mip6MnSecurity::Setup(node, hoa, ha);
        socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        socket->Bind6();
        socket->SetRecvCallback(MakeCallback(&UdpMnSide::Read, this));
    }

    std::vector<Mip6ControlEndpoint> GetControlEndpoints() const override
    {
        return {{m_ha, 17, kUdpPort}};
    }

    void SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx) override
    {
        socket->SendTo(WithSession(mh), 0, Inet6SocketAddress(ctx.dst, kUdpPort));
    }

    void Read(Ptr<Socket> s)
    {
        Address from;
        while (Ptr<Packet> p = s->RecvFrom(from))
        {
            if (p->GetSize() < 4)
            {
                continue;
            }
            received++;
            Mip6RxContext ctx;
            // The HA answers from whichever of its addresses routing picks; the session binds
            // the peer, so the context names the HA itself (the checksum's source).
            ctx.src = m_ha;
            ctx.dst = Ipv6Address::GetAny();
            ctx.rh2 = m_hoa; // bound to the session, not carried: the checksum's destination
            m_node->GetObject<Mip6L4Protocol>()->ReceiveMobilityHeader(
                p->CreateFragment(4, p->GetSize() - 4),
                ctx,
                true);
        }
    }
};

class UdpHaSide : public Mip6HaSecurity
{
  public:
    Ptr<Socket> socket;
    std::map<uint32_t, Ipv6Address> sessions;
    std::map<Ipv6Address, Address> peers;
    uint32_t received{0};

    void Setup(Ptr<Node> node, Ipv6Address ha) override
    {
        Mip6HaSecurity::Setup(node, ha);
        socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        socket->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), kUdpPort));
        socket->SetRecvCallback(MakeCallback(&UdpHaSide::Read, this));
    }

    void Read(Ptr<Socket> s)
    {
        Address from;
        while (Ptr<Packet> p = s->RecvFrom(from))
        {
            if (p->GetSize() < 4)
            {
                continue;
            }
            uint8_t id[4];
            p->CopyData(id, 4);
            const uint32_t session = (id[0] << 24) | (id[1] << 16) | (id[2] << 8) | id[3];
            auto it = sessions.find(session);
            if (it == sessions.end())
            {
                continue;
            }
            received++;
            peers[it->second] = from;
            Mip6RxContext ctx;
            ctx.src = Inet6SocketAddress::ConvertFrom(from).GetIpv6();
            ctx.dst = m_ha;
            ctx.hao = it->second; // the HoA comes from the session, not from a HAO
            // The MN's core computed the checksum for (HoA, HA): the context says exactly that.
            m_node->GetObject<Mip6L4Protocol>()->ReceiveMobilityHeader(
                p->CreateFragment(4, p->GetSize() - 4),
                ctx,
                true);
        }
    }

    void SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx) override
    {
        auto it = peers.find(ctx.hoa);
        if (it != peers.end())
        {
            socket->SendTo(WithSession(mh), 0, it->second);
        }
    }
};

class UdpDesign : public Mip6SecurityDesign
{
  public:
    Ptr<UdpMnSide> mn;
    Ptr<UdpHaSide> ha;
    Ipv6Address hoa;

    std::string GetId() const override
    {
        return "mock-udp";
    }

    Ptr<Mip6MnSecurity> CreateMnSide() override
    {
        mn = CreateObject<UdpMnSide>();
        return mn;
    }

    Ptr<Mip6HaSecurity> CreateHaSide() override
    {
        ha = CreateObject<UdpHaSide>();
        ha->sessions[kSession] = hoa;
        return ha;
    }
};

// ------------------------------------------------------------------------------------------
// (d) An exchange from the CoA, outside the tunnel, before each BU.

const uint16_t kExchangePort = 7778;

class ExchangeMnSide : public Mip6MnSecurity
{
  public:
    Ptr<Socket> socket;
    Callback<void, bool> pending;
    uint32_t exchanges{0};
    Ipv6Address lastSource;

    void Setup(Ptr<Node> node, Ipv6Address hoa, Ipv6Address ha) override
    {
        Mip6MnSecurity::Setup(node, hoa, ha);
        socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        socket->Bind6();
        socket->SetRecvCallback(MakeCallback(&ExchangeMnSide::Read, this));
    }

    std::vector<Mip6ControlEndpoint> GetControlEndpoints() const override
    {
        return {{m_ha, 17, kExchangePort}};
    }

    void Bootstrap(Ipv6Address coa, Callback<void, bool> done) override
    {
        Exchange(done);
    }

    void PrepareHandover(const Mip6CoaChange& change, Callback<void, bool> done) override
    {
        Exchange(done);
    }

    uint32_t GetBootstrapRoundTrips() const override
    {
        return 1;
    }

    void Exchange(Callback<void, bool> done)
    {
        pending = done;
        socket->SendTo(Create<Packet>(64), 0, Inet6SocketAddress(m_ha, kExchangePort));
    }

    void Read(Ptr<Socket> s)
    {
        while (s->Recv())
        {
            exchanges++;
            if (!pending.IsNull())
            {
                Callback<void, bool> done = pending;
                pending = Callback<void, bool>();
                done(true);
            }
        }
    }
};

class ExchangeHaSide : public Mip6HaSecurity
{
  public:
    Ptr<Socket> socket;
    std::vector<Ipv6Address> sources;

    void Setup(Ptr<Node> node, Ipv6Address ha) override
    {
        Mip6HaSecurity::Setup(node, ha);
        socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        socket->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), kExchangePort));
        socket->SetRecvCallback(MakeCallback(&ExchangeHaSide::Read, this));
    }

    void Read(Ptr<Socket> s)
    {
        Address from;
        while (Ptr<Packet> p = s->RecvFrom(from))
        {
            sources.push_back(Inet6SocketAddress::ConvertFrom(from).GetIpv6());
            s->SendTo(Create<Packet>(64), 0, from);
        }
    }
};

class ExchangeDesign : public Mip6SecurityDesign
{
  public:
    Ptr<ExchangeMnSide> mn;
    Ptr<ExchangeHaSide> ha;

    std::string GetId() const override
    {
        return "mock-exchange";
    }

    Ptr<Mip6MnSecurity> CreateMnSide() override
    {
        mn = CreateObject<ExchangeMnSide>();
        return mn;
    }

    Ptr<Mip6HaSecurity> CreateHaSide() override
    {
        ha = CreateObject<ExchangeHaSide>();
        return ha;
    }
};

// ------------------------------------------------------------------------------------------
// Recovery: the HA rejects chosen BUs; the MN side corrects one status and fails its first
// bootstraps on request.

class RecoverMnSide : public Mip6MnSecurity
{
  public:
    uint8_t correctable{0};        ///< status the design can correct
    uint32_t bootstrapFailures{0}; ///< bootstraps that fail before one succeeds
    std::vector<Time> bootstrapCalls;
    std::vector<uint8_t> recoveries;

    void Bootstrap(Ipv6Address coa, Callback<void, bool> done) override
    {
        bootstrapCalls.push_back(Simulator::Now());
        done(bootstrapCalls.size() > bootstrapFailures);
    }

    void RecoverFromRejection(const Mip6BindingAckHeader& ba, Callback<void, bool> done) override
    {
        recoveries.push_back(ba.GetStatus());
        done(ba.GetStatus() == correctable);
    }
};

class RecoverHaSide : public Mip6HaSecurity
{
  public:
    std::map<uint32_t, uint8_t> rejections; ///< BU index (1-based) → status to answer with
    uint32_t received{0};

    Mip6Verdict ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx) override
    {
        auto it = rejections.find(++received);
        return it == rejections.end() ? Mip6Verdict::Accept()
                                      : Mip6Verdict::Reject("mock-reject", it->second);
    }
};

class RecoverDesign : public Mip6SecurityDesign
{
  public:
    Ptr<RecoverMnSide> mn{CreateObject<RecoverMnSide>()};
    Ptr<RecoverHaSide> ha{CreateObject<RecoverHaSide>()};

    std::string GetId() const override
    {
        return "mock-recover";
    }

    Ptr<Mip6MnSecurity> CreateMnSide() override
    {
        return mn;
    }

    Ptr<Mip6HaSecurity> CreateHaSide() override
    {
        return ha;
    }
};

// ------------------------------------------------------------------------------------------

/// Runs two APs (one handover) with a design and returns the handover rows.
struct SeamRun
{
    SeamRun(Ptr<Mip6SecurityDesign> design, Time simTime = Seconds(22))
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Ptr<Mip6WlanAccessHelper> access = CreateObject<Mip6WlanAccessHelper>();
        access->SetAttribute("NumAccessPoints", UintegerValue(2));
        topo = access->Build();
        access->AssignStreams(100);
        if (auto udp = DynamicCast<UdpDesign>(design))
        {
            udp->hoa = topo.mnHomeAddress;
        }
        Mip6Helper helper(design);
        inst = helper.InstallOnWlan(topo, Seconds(1), simTime);
        inst.homeAgent->TraceConnectWithoutContext("BindingAckSent",
                                                   MakeCallback(&SeamRun::BaSent, this));
        inst.mobileNode->TraceConnectWithoutContext("BindingUpdateSent",
                                                    MakeCallback(&SeamRun::BuTx, this));
        inst.mobileNode->TraceConnectWithoutContext("BindingAckReceived",
                                                    MakeCallback(&SeamRun::BaRx, this));
        Simulator::Schedule(simTime - MilliSeconds(1), [this]() {
            const Mip6BindingCacheEntry* e = inst.homeAgent->GetBinding(topo.mnHomeAddress);
            haCoa = e ? e->careOfAddress : Ipv6Address();
            mnCoa = inst.mobileNode->GetMovementDetector()->GetCareOfAddress();
            registered = inst.mobileNode->IsRegistered();
        });
        Simulator::Stop(simTime);
        Simulator::Run();
        table = std::make_unique<Mip6CsvTable>(Mip6Schema::HandoverColumns());
        inst.timeline->FillHandovers({1, 1, design->GetId()}, *table);
    }

    ~SeamRun()
    {
        Simulator::Destroy();
    }

    void BaSent(Ipv6Address, Ipv6Address, uint8_t status, uint16_t)
    {
        statuses.push_back(status);
    }

    void BuTx(uint16_t, Ipv6Address, Time, bool)
    {
        buTimes.push_back(Simulator::Now());
    }

    void BaRx(uint8_t status, uint16_t, Time)
    {
        baRx.emplace_back(Simulator::Now(), status);
    }

    std::string Cell(size_t row, const std::string& column) const
    {
        const auto& cols = table->GetColumns();
        return table->GetRow(row)[std::find(cols.begin(), cols.end(), column) - cols.begin()];
    }

    Mip6WlanTopology topo;
    Mip6Helper::Installation inst;
    std::unique_ptr<Mip6CsvTable> table;
    std::vector<uint8_t> statuses;
    std::vector<Time> buTimes;                  ///< BUs sent by the MN
    std::vector<std::pair<Time, uint8_t>> baRx; ///< BAs the MN processed
    Ipv6Address haCoa;
    Ipv6Address mnCoa;
    bool registered{false};
};

/// A seam test: checks what every successful mock run must show.
class SeamTestCase : public TestCase
{
  public:
    using TestCase::TestCase;

  protected:
    void CheckRegistered(const SeamRun& run, bool secTime)
    {
        NS_TEST_EXPECT_MSG_EQ(run.registered, true, "the MN holds an accepted registration");
        NS_TEST_EXPECT_MSG_NE(run.haCoa, Ipv6Address(), "the HA has a binding");
        NS_TEST_EXPECT_MSG_EQ(run.haCoa, run.mnCoa, "for the MN's current CoA");
        NS_TEST_ASSERT_MSG_EQ(run.table->GetRowCount(), 1, "one handover");
        NS_TEST_EXPECT_MSG_EQ(run.Cell(0, "ba_status"), "0", "accepted");
        NS_TEST_EXPECT_MSG_EQ(run.Cell(0, "bu_sent"), "1", "one BU");
        const double sec = std::atof(run.Cell(0, "sec_s").c_str());
        if (secTime)
        {
            NS_TEST_EXPECT_MSG_GT(sec, 0.004, "the exchange before the BU shows in sec_s");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(sec, 0.0, "no work before the BU");
        }
        NS_TEST_EXPECT_MSG_GT(std::atof(run.Cell(0, "reg_s").c_str()), 0.004, "BU/BA round trip");
    }
};

class MacShapeTestCase : public SeamTestCase
{
  public:
    MacShapeTestCase()
        : SeamTestCase("(a) options and a MAC over the final MH bytes; a wrong key gives 146")
    {
    }

  private:
    void DoRun() override
    {
        {
            Ptr<MacDesign> d = CreateObject<MacDesign>();
            SeamRun run(d);
            CheckRegistered(run, false);
            NS_TEST_EXPECT_MSG_GT_OR_EQ(d->ha->verified, 2u, "the HA verified the BUs' MACs");
            NS_TEST_EXPECT_MSG_GT_OR_EQ(d->mn->verified, 2u, "the MN verified the BAs' MACs");
        }
        {
            Ptr<MacDesign> d = CreateObject<MacDesign>();
            d->haKey = std::vector<uint8_t>(16, 0x22);
            SeamRun run(d, Seconds(5));
            NS_TEST_ASSERT_MSG_GT(run.statuses.size(), 0, "the HA answered");
            NS_TEST_EXPECT_MSG_EQ(unsigned(run.statuses[0]), 146, "MIPV6-AUTH-FAIL");
            NS_TEST_EXPECT_MSG_EQ(run.inst.homeAgent->GetNBindings(), 0, "no binding");
            NS_TEST_EXPECT_MSG_GT(run.inst.homeAgent->GetDropCount("bad-auth"), 0, "counted");
        }
    }
};

class ShimShapeTestCase : public SeamTestCase
{
  public:
    ShimShapeTestCase()
        : SeamTestCase("(b) a header between the extension headers and the MH, both ways")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<ShimDesign> d = CreateObject<ShimDesign>();
        SeamRun run(d);
        CheckRegistered(run, false);
        NS_TEST_EXPECT_MSG_GT_OR_EQ(d->ha->l4->received, 2u, "BUs came through the shim");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(d->mn->l4->received, 2u, "BAs came through the shim");
        NS_TEST_EXPECT_MSG_EQ(d->ha->rejected, 0u, "nothing unprotected reached the HA");
    }
};

class UdpShapeTestCase : public SeamTestCase
{
  public:
    UdpShapeTestCase()
        : SeamTestCase("(c) the MH in UDP without HAO or RH2, the HoA from the session id")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<UdpDesign> d = CreateObject<UdpDesign>();
        SeamRun run(d);
        CheckRegistered(run, false);
        NS_TEST_EXPECT_MSG_GT_OR_EQ(d->ha->received, 2u, "BUs arrived over UDP");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(d->mn->received, 2u, "BAs arrived over UDP");
    }
};

class ExchangeShapeTestCase : public SeamTestCase
{
  public:
    ExchangeShapeTestCase()
        : SeamTestCase("(d) an exchange from the CoA outside the tunnel delays the BU")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<ExchangeDesign> d = CreateObject<ExchangeDesign>();
        SeamRun run(d);
        CheckRegistered(run, true);
        NS_TEST_EXPECT_MSG_EQ(d->mn->exchanges, 2u, "bootstrap and one handover exchange");
        NS_TEST_ASSERT_MSG_EQ(d->ha->sources.size(), 2u, "the HA saw both");
        for (const auto& src : d->ha->sources)
        {
            NS_TEST_EXPECT_MSG_NE(run.topo.GetAccessIndexForPrefix(src),
                                  -1,
                                  "sent from a CoA, outside the tunnel");
        }
    }
};

class RecoveryTestCase : public SeamTestCase
{
  public:
    RecoveryTestCase()
        : SeamTestCase("a rejection the design corrects, one it cannot, a failed bootstrap")
    {
    }

  private:
    void DoRun() override
    {
        {
            // 144 on the first BU of the bootstrap and of the handover; the design corrects it
            // and the core sends a new BU at once. The handover row counts both round trips.
            Ptr<RecoverDesign> d = CreateObject<RecoverDesign>();
            d->mn->correctable = 144;
            d->ha->rejections = {{1, 144}, {3, 144}};
            SeamRun run(d);
            NS_TEST_EXPECT_MSG_EQ(run.registered, true, "registered in the end");
            NS_TEST_EXPECT_MSG_EQ(run.haCoa, run.mnCoa, "for the current CoA");
            NS_TEST_ASSERT_MSG_EQ(run.buTimes.size(), 4u, "two BUs per registration");
            NS_TEST_ASSERT_MSG_EQ(run.baRx.size(), 4u, "two BAs per registration");
            NS_TEST_EXPECT_MSG_EQ(unsigned(run.baRx[0].second), 144u, "rejected first");
            NS_TEST_EXPECT_MSG_EQ(run.buTimes[1], run.baRx[0].first, "new BU at once");
            NS_TEST_EXPECT_MSG_EQ(run.buTimes[3], run.baRx[2].first, "again in the handover");
            NS_TEST_EXPECT_MSG_EQ(d->mn->recoveries.size(), 2u, "the design was asked twice");
            NS_TEST_ASSERT_MSG_EQ(run.table->GetRowCount(), 1, "one handover");
            NS_TEST_EXPECT_MSG_EQ(run.Cell(0, "ba_status"), "0", "accepted in the end");
            NS_TEST_EXPECT_MSG_EQ(run.Cell(0, "bu_sent"), "2", "two BUs");
            const double reg = std::atof(run.Cell(0, "reg_s").c_str());
            NS_TEST_EXPECT_MSG_EQ_TOL(reg,
                                      (run.baRx[3].first - run.buTimes[2]).GetSeconds(),
                                      1e-6,
                                      "reg_s runs from the first BU to the accepted BA");
        }
        {
            // 129 cannot be corrected: the core retries after the registration's timeout
            // (1.5 s for a first registration, RFC 6275 §11.8).
            Ptr<RecoverDesign> d = CreateObject<RecoverDesign>();
            d->ha->rejections = {{1, 129}};
            SeamRun run(d);
            NS_TEST_ASSERT_MSG_GT_OR_EQ(run.buTimes.size(), 2u, "retried");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(run.baRx.size(), 1u, "answered");
            NS_TEST_EXPECT_MSG_EQ(unsigned(run.baRx[0].second), 129u, "rejected first");
            NS_TEST_EXPECT_MSG_EQ(run.buTimes[1] - run.baRx[0].first,
                                  Seconds(1.5),
                                  "retry after the first-registration timeout");
            NS_TEST_EXPECT_MSG_EQ(run.registered, true, "registered in the end");
        }
        {
            // Two failed bootstraps: run again after 1 s, then 2 s (SecurityRetryTimeout doubled).
            Ptr<RecoverDesign> d = CreateObject<RecoverDesign>();
            d->mn->bootstrapFailures = 2;
            SeamRun run(d);
            NS_TEST_ASSERT_MSG_EQ(d->mn->bootstrapCalls.size(), 3u, "three bootstrap runs");
            NS_TEST_EXPECT_MSG_EQ(d->mn->bootstrapCalls[1] - d->mn->bootstrapCalls[0],
                                  Seconds(1),
                                  "first back-off");
            NS_TEST_EXPECT_MSG_EQ(d->mn->bootstrapCalls[2] - d->mn->bootstrapCalls[1],
                                  Seconds(2),
                                  "doubled");
            NS_TEST_EXPECT_MSG_EQ(run.inst.mobileNode->GetDropCount("bootstrap-failed"),
                                  2u,
                                  "each failure counted");
            NS_TEST_ASSERT_MSG_GT(run.buTimes.size(), 0u, "a BU after the bootstrap succeeded");
            NS_TEST_EXPECT_MSG_EQ(run.buTimes[0], d->mn->bootstrapCalls[2], "at once");
            NS_TEST_EXPECT_MSG_EQ(run.registered, true, "registered");
        }
    }
};

/**
 * \ingroup mip6
 * The factory over every design this build registers: `--designs variants` is each design's
 * defaults plus one variant per non-default key value (that key alone), all valid; an on/off
 * switch is accepted in both spellings (0|1, off|on) and named canonically as registered.
 */
class FactoryVariantsTestCase : public TestCase
{
  public:
    FactoryVariantsTestCase()
        : TestCase("factory: --designs variants, one key at a time; switch spellings")
    {
    }

  private:
    void DoRun() override
    {
        std::string error;
        std::vector<std::string> variants;
        NS_TEST_ASSERT_MSG_EQ(Mip6SecurityDesignFactory::Expand({"variants"}, variants, error),
                              true,
                              error);
        size_t expected = 0;
        for (const auto& e : Mip6SecurityDesignFactory::GetDesigns())
        {
            expected++;
            NS_TEST_EXPECT_MSG_EQ(
                (std::find(variants.begin(), variants.end(), e.id) != variants.end()),
                true,
                e.id << " with its defaults");
            for (const auto& k : e.keys)
            {
                expected += k.values.size() - 1;
                for (const auto& v : k.values)
                {
                    if (v == k.defaultValue)
                    {
                        continue;
                    }
                    // A value that needs other keys (Key::valueRequires) gets them.
                    auto req = k.valueRequires.find(v);
                    const std::string needs = req == k.valueRequires.end() ? "" : req->second;
                    auto parse = [&](const std::string& value) {
                        Mip6SecurityDesignFactory::Variant out;
                        const bool ok = Mip6SecurityDesignFactory::Parse(
                            e.id + ":" + k.name + "=" + value +
                                (k.variantsWith.empty() ? "" : "," + k.variantsWith) +
                                (needs.empty() ? "" : "," + needs),
                            out,
                            error);
                        return ok ? out.canonical : "invalid: " + error;
                    };
                    if (!needs.empty())
                    {
                        // Alone: valid only when what it needs is the defaults, else an error
                        // that names the requirement.
                        Mip6SecurityDesignFactory::Variant alone;
                        const bool ok =
                            Mip6SecurityDesignFactory::Parse(e.id + ":" + k.name + "=" + v,
                                                             alone,
                                                             error);
                        NS_TEST_EXPECT_MSG_EQ(
                            (ok || error.find("requires " + needs) != std::string::npos),
                            true,
                            k.name << "=" << v << " alone: " << error);
                    }
                    Mip6SecurityDesignFactory::Variant parsed;
                    parsed.canonical = parse(v);
                    NS_TEST_EXPECT_MSG_EQ(
                        (std::find(variants.begin(), variants.end(), parsed.canonical) !=
                         variants.end()),
                        true,
                        parsed.canonical << " in variants");
                    NS_TEST_EXPECT_MSG_NE(
                        Mip6SecurityDesignFactory::Create(parsed.canonical, error),
                        nullptr,
                        error);
                    const std::string other = v == "1"     ? "on"
                                              : v == "on"  ? "1"
                                              : v == "0"   ? "off"
                                              : v == "off" ? "0"
                                                           : "";
                    if (other.empty())
                    {
                        continue;
                    }
                    NS_TEST_EXPECT_MSG_EQ(parse(other),
                                          parsed.canonical,
                                          "the other spelling names the same variant");
                }
            }
        }
        // Distinct by construction unless a key's variantsWith repeats another variant.
        NS_TEST_EXPECT_MSG_EQ(variants.size(), expected, "one run per key value");
        NS_TEST_EXPECT_MSG_EQ(Mip6SecurityDesignFactory::Create("none:x=on", error),
                              nullptr,
                              "unknown key refused");
        Mip6SecurityDesignFactory::Variant none;
        NS_TEST_EXPECT_MSG_EQ(Mip6SecurityDesignFactory::Parse("nosuch:a=1", none, error),
                              false,
                              "unknown design refused");
    }
};

class SecuritySeamTestSuite : public TestSuite
{
  public:
    SecuritySeamTestSuite()
        : TestSuite("mip6-security-seam", SYSTEM)
    {
        AddTestCase(new MacShapeTestCase, TestCase::QUICK);
        AddTestCase(new ShimShapeTestCase, TestCase::QUICK);
        AddTestCase(new UdpShapeTestCase, TestCase::QUICK);
        AddTestCase(new ExchangeShapeTestCase, TestCase::QUICK);
        AddTestCase(new RecoveryTestCase, TestCase::QUICK);
        AddTestCase(new FactoryVariantsTestCase, TestCase::QUICK);
    }
};

static SecuritySeamTestSuite g_securitySeamTestSuite;

} // namespace
