/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The `altsec-tls` design end to end on the WLAN topology: bootstrap (TCP + TLS 1.2 + MHAuth PSK
 * to the co-located HAC), BU/BA in UDP 7872 under the SA the HAC handed out, every handover
 * registered with nothing before the BU; a wrong PSK, an unprotected BU and the factory.
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/mip6-altsec-design.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-overhead-meter.h"
#include "ns3/mip6-result-writer.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-wlan-access-helper.h"
#include "ns3/test.h"

using namespace ns3;

namespace
{

/// Runs the WLAN topology (two APs: bootstrap and one handover) with a design.
struct AltsecRun
{
    AltsecRun(Ptr<Mip6AltsecDesign> design,
              Time simTime = Seconds(22),
              std::function<void(AltsecRun&)> tweak = nullptr)
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Mip6CryptoRandom::Reset();
        Ptr<Mip6WlanAccessHelper> access = CreateObject<Mip6WlanAccessHelper>();
        access->SetAttribute("NumAccessPoints", UintegerValue(2));
        access->SetAttribute("HacNode", BooleanValue(design->WantsControllerNode()));
        topo = access->Build();
        access->AssignStreams(100);
        if (topo.hac)
        {
            design->InstallController(topo.hac, topo.hacAddress, topo.haHacAddress);
        }
        Mip6Helper helper(design);
        inst = helper.InstallOnWlan(topo, Seconds(1), simTime);
        mn = design->GetMnSide();
        ha = design->GetHaSide();
        // Overhead at the HA's core interfaces (the HAC link included), as mip6-compare counts.
        meter = CreateObject<Mip6OverheadMeter>();
        Ptr<Mip6HandoverTimeline> timeline = inst.timeline;
        meter->SetPhaseProvider([timeline](uint32_t, Time now) { return timeline->GetPhase(now); });
        for (uint32_t ifIndex : topo.haCoreInterfaces)
        {
            // As mip6-compare: the HAC link counts its own protocol only.
            const bool hacLink = topo.hac && ifIndex == topo.haHacInterface;
            meter->AttachHaCore(topo.ha,
                                ifIndex,
                                hacLink ? std::optional<Mip6Category>(Mip6Category::HAC_HA)
                                        : std::nullopt);
        }
        mn->TraceConnectWithoutContext("TlsFlow", MakeCallback(&AltsecRun::TlsFlow, this));
        inst.homeAgent->TraceConnectWithoutContext("BindingAckSent",
                                                   MakeCallback(&AltsecRun::BaSent, this));
        if (tweak)
        {
            tweak(*this);
        }
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

    ~AltsecRun()
    {
        Simulator::Destroy();
    }

    void BaSent(Ipv6Address, Ipv6Address, uint8_t status, uint16_t)
    {
        statuses.push_back(status);
    }

    void TlsFlow(uint32_t id, Ipv6Address a, uint16_t ap, Ipv6Address b, uint16_t bp)
    {
        tlsFrom.push_back(a);
    }

    std::string Cell(size_t row, const std::string& column) const
    {
        const auto& cols = table->GetColumns();
        return table->GetRow(row)[std::find(cols.begin(), cols.end(), column) - cols.begin()];
    }

    /// \param category a category \return IP bytes counted in it at ha-core, every row
    uint64_t CoreBytes(Mip6Category category) const
    {
        uint64_t n = 0;
        for (const auto& [key, counts] : meter->GetCounts())
        {
            if (key.point == "ha-core" && key.category == Mip6CategoryName(category))
            {
                n += counts.ipBytes;
            }
        }
        return n;
    }

    Mip6WlanTopology topo;
    Mip6Helper::Installation inst;
    Ptr<Mip6OverheadMeter> meter;
    Ptr<Mip6AltsecMnSecurity> mn;
    Ptr<Mip6AltsecHaSecurity> ha;
    std::unique_ptr<Mip6CsvTable> table;
    std::vector<uint8_t> statuses;
    std::vector<Ipv6Address> tlsFrom;
    Ipv6Address haCoa;
    Ipv6Address mnCoa;
    bool registered{false};
};

class RegistrationTestCase : public TestCase
{
  public:
    RegistrationTestCase()
        : TestCase("bootstrap over TLS + MHAuth, then BU and BA in UDP 7872 for every handover")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Mip6AltsecDesign> d = CreateObject<Mip6AltsecDesign>();
        AltsecRun run(d);
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetFailureReason(), "", "no bootstrap failure");
        NS_TEST_EXPECT_MSG_EQ(run.registered, true, "the MN holds an accepted registration");
        NS_TEST_EXPECT_MSG_NE(run.haCoa, Ipv6Address(), "the HA has a binding");
        NS_TEST_EXPECT_MSG_EQ(run.haCoa, run.mnCoa, "for the MN's current CoA");
        NS_TEST_ASSERT_MSG_EQ(run.table->GetRowCount(), 1, "one handover");
        NS_TEST_EXPECT_MSG_EQ(run.Cell(0, "ba_status"), "0", "accepted");
        NS_TEST_EXPECT_MSG_EQ(run.Cell(0, "bu_sent"), "1", "one BU");
        NS_TEST_EXPECT_MSG_EQ(std::atof(run.Cell(0, "sec_s").c_str()),
                              0.0,
                              "nothing before the BU (the SA is not tied to the CoA)");
        NS_TEST_EXPECT_MSG_GT(std::atof(run.Cell(0, "reg_s").c_str()), 0.0, "BU/BA round trip");
        // Tunnelled data (PType 0 both ways) reaches both ends and the timeline sees which CoA
        // carried it, so the probe outage is measured.
        NS_TEST_EXPECT_MSG_GT(run.inst.mnProbe->GetReceived(), 100u, "CN → HA → MN data");
        NS_TEST_EXPECT_MSG_GT(run.inst.cnProbe->GetReceived(), 100u, "MN → HA → CN data");
        NS_TEST_EXPECT_MSG_NE(run.Cell(0, "outage_s"), "NA", "outage measured");
        NS_TEST_EXPECT_MSG_GT(run.mn->GetSaDatabase()->GetAcceptCount(),
                              100u,
                              "PType 0 data accepted at the MN");

        Ptr<Mip6HaController> hac = run.ha->GetController();
        NS_TEST_EXPECT_MSG_EQ(hac->GetSuccessCount(), 1u, "one HAC exchange, at bootstrap");
        NS_TEST_EXPECT_MSG_EQ(hac->GetRecordCount(), 1u, "one MN record at the HAC");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(run.ha->GetSaDatabase()->GetAcceptCount(),
                                    2u,
                                    "BUs verified at the HA (bootstrap + handover)");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetSaDatabase()->GetDropCount(), 0u, "nothing refused");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(run.mn->GetSaDatabase()->GetAcceptCount(),
                                    2u,
                                    "BAs verified at the MN");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetBootstrapRoundTrips(), 5u, "TCP 1 + TLS 2 + PSK 2");
        NS_TEST_EXPECT_MSG_GT(run.mn->GetMhAuthPlaintextBytes().value_or(0),
                              500u,
                              "MHAuth exchanged");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetTlsStream()->GetCipherName(),
                              "ECDHE-ECDSA-AES128-GCM-SHA256",
                              "TLS 1.2 with the HAC's ECDSA certificate");
        NS_TEST_ASSERT_MSG_EQ(run.tlsFrom.size(), 1u, "one TLS connection");
        NS_TEST_EXPECT_MSG_NE(run.topo.GetAccessIndexForPrefix(run.tlsFrom[0]),
                              -1,
                              "TLS left from a CoA, outside the tunnel");
        const Mip6SecurityState s = run.ha->GetState(run.topo.mnHomeAddress);
        NS_TEST_EXPECT_MSG_EQ(s.saCount, 2u, "one SA per direction");
        NS_TEST_EXPECT_MSG_EQ(s.keyBytes, 72u, "AES_128_CBC_SHA: 2 × (16 + 20) key bytes");
        NS_TEST_EXPECT_MSG_EQ(s.hacRecords, 1u, "HAC record");
        for (uint8_t st : run.statuses)
        {
            NS_TEST_EXPECT_MSG_EQ(unsigned(st), 0u, "every BA accepted");
        }
    }
};

class WrongPskTestCase : public TestCase
{
  public:
    WrongPskTestCase()
        : TestCase("a wrong PSK fails the HAC's auth at the MN: no SA, no binding")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Mip6AltsecDesign> d = CreateObject<Mip6AltsecDesign>();
        AltsecRun run(d, Seconds(8), [](AltsecRun& r) {
            r.mn->SetAttribute("Psk", StringValue("not-the-psk"));
        });
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetFailureReason(), "bad-hac-auth", "refused by the MN");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetAttempts(), 1u, "an authentication failure is final");
        NS_TEST_EXPECT_MSG_EQ(run.registered, false, "not registered");
        NS_TEST_EXPECT_MSG_EQ(run.inst.homeAgent->GetNBindings(), 0, "no binding");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetController()->GetSuccessCount(), 0u, "no SA handed out");
    }
};

class HacUnreachableTestCase : public TestCase
{
  public:
    HacUnreachableTestCase()
        : TestCase("HAC unreachable: retried with exponential back-off, then reported")
    {
    }

  private:
    void Failed(const std::string& reason)
    {
        m_failures.emplace_back(Simulator::Now(), reason);
    }

    void DoRun() override
    {
        Ptr<Mip6AltsecDesign> d = CreateObject<Mip6AltsecDesign>();
        AltsecRun run(d, Seconds(18), [this](AltsecRun& r) {
            // Nothing listens on this port at the HA.
            r.mn->SetAttribute("HacPort", UintegerValue(7999));
            r.mn->SetAttribute("ExchangeTimeout", TimeValue(Seconds(2)));
            r.mn->TraceConnectWithoutContext("BootstrapFailure",
                                             MakeCallback(&HacUnreachableTestCase::Failed, this));
        });
        // MaxAttempts (4) exchanges, then the design reports to the mobility core (which runs the
        // bootstrap again after its own back-off, SecurityRetryTimeout).
        NS_TEST_ASSERT_MSG_GT_OR_EQ(m_failures.size(), 4u, "each failure traced");
        NS_TEST_EXPECT_MSG_EQ(run.inst.mobileNode->GetDropCount("bootstrap-failed"),
                              1u,
                              "the core was told once, after MaxAttempts exchanges");
        for (const auto& f : m_failures)
        {
            NS_TEST_EXPECT_MSG_EQ((f.second == "hac-timeout" || f.second == "tcp-connect-failed"),
                                  true,
                                  "no HAC: " << f.second);
        }
        // Back-off 1 s, 2 s, 4 s before the attempts, each bounded by the 2 s guard.
        const double gaps[] = {1 + 2, 2 + 2, 4 + 2};
        for (size_t i = 0; i < 3; ++i)
        {
            const double gap = (m_failures[i + 1].first - m_failures[i].first).GetSeconds();
            NS_TEST_EXPECT_MSG_LT_OR_EQ(gap, gaps[i] + 1e-9, "back-off before attempt " << i + 2);
            NS_TEST_EXPECT_MSG_GT(gap, gaps[i] - 2 - 1e-9, "at least the back-off");
        }
        NS_TEST_EXPECT_MSG_EQ(run.registered, false, "not registered");
    }

    std::vector<std::pair<Time, std::string>> m_failures;
};

class UnprotectedBuTestCase : public TestCase
{
  public:
    UnprotectedBuTestCase()
        : TestCase("a plain BU (HAO, no altsec) is refused by the HA and counted")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Mip6AltsecDesign> d = CreateObject<Mip6AltsecDesign>();
        AltsecRun run(d, Seconds(8), [](AltsecRun& r) {
            Simulator::Schedule(Seconds(7), [&r]() {
                Mip6BindingUpdateHeader bu;
                bu.SetSequence(999);
                bu.SetFlags(Mip6BindingUpdateHeader::FLAG_A | Mip6BindingUpdateHeader::FLAG_H);
                bu.SetLifetimeUnits(10);
                const Ipv6Address coa =
                    r.inst.mobileNode->GetMovementDetector()->GetCareOfAddress();
                bu.AddOption(Mip6Option::AlternateCareOfAddress(coa));
                bu.CalculateChecksum(r.topo.mnHomeAddress, r.topo.haHomeAddress);
                Ptr<Packet> p = Create<Packet>();
                p->AddHeader(bu);
                r.topo.mn->GetObject<Mip6L4Protocol>()->Send(p,
                                                             135,
                                                             coa,
                                                             r.topo.haHomeAddress,
                                                             r.topo.mnHomeAddress,
                                                             std::nullopt,
                                                             nullptr);
            });
        });
        NS_TEST_EXPECT_MSG_EQ(run.registered, true, "the genuine registration stands");
        NS_TEST_EXPECT_MSG_GT(run.inst.homeAgent->GetDropCount("unprotected-mh"),
                              0,
                              "the plain BU was refused and counted");
    }
};

class ForgedBaTestCase : public TestCase
{
  public:
    ForgedBaTestCase()
        : TestCase("a forged BA with status 176 (plain MH, not altsec) is refused by the MN")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Mip6AltsecDesign> d = CreateObject<Mip6AltsecDesign>();
        AltsecRun run(d, Seconds(8), [](AltsecRun& r) {
            Simulator::Schedule(Seconds(7), [&r]() {
                const Ipv6Address coa =
                    r.inst.mobileNode->GetMovementDetector()->GetCareOfAddress();
                Mip6BindingAckHeader ba;
                ba.SetStatus(Mip6BaStatus::REINIT_SA_WITH_HAC);
                ba.SetSequence(0);
                ba.CalculateChecksum(r.topo.haHomeAddress, r.topo.mnHomeAddress);
                Ptr<Packet> p = Create<Packet>();
                p->AddHeader(ba);
                r.topo.ha->GetObject<Mip6L4Protocol>()->Send(p,
                                                             135,
                                                             r.topo.haHomeAddress,
                                                             coa,
                                                             std::nullopt,
                                                             r.topo.mnHomeAddress,
                                                             nullptr);
            });
        });
        NS_TEST_EXPECT_MSG_GT(run.inst.mobileNode->GetDropCount("unprotected-mh"),
                              0,
                              "refused by the MN's own check and counted");
        NS_TEST_EXPECT_MSG_EQ(run.registered, true, "the registration stands");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetReauthentications(), 0u, "no HAC re-run");
    }
};

class FactoryTestCase : public TestCase
{
  public:
    FactoryTestCase()
        : TestCase("altsec-tls is registered with its variant keys")
    {
    }

  private:
    void DoRun() override
    {
        std::string error;
        Ptr<Mip6SecurityDesign> d = Mip6SecurityDesignFactory::Create("altsec-tls", error);
        NS_TEST_ASSERT_MSG_NE(d, nullptr, error);
        NS_TEST_EXPECT_MSG_EQ(d->GetVariantName(), "altsec-tls", "defaults");
        d = Mip6SecurityDesignFactory::Create("altsec-tls:suite=null-sha", error);
        NS_TEST_ASSERT_MSG_NE(d, nullptr, error);
        NS_TEST_EXPECT_MSG_EQ(d->GetVariantName(), "altsec-tls:suite=null-sha", "variant");
        NS_TEST_EXPECT_MSG_EQ(Mip6SecurityDesignFactory::Create("altsec-tls:suite=aead", error),
                              nullptr,
                              "unknown suite refused");
        std::vector<std::string> all;
        NS_TEST_ASSERT_MSG_EQ(Mip6SecurityDesignFactory::Expand({"all"}, all, error), true, error);
        NS_TEST_EXPECT_MSG_EQ((std::find(all.begin(), all.end(), "altsec-tls") != all.end()),
                              true,
                              "in --designs all");
        for (const auto& name : all)
        {
            NS_TEST_EXPECT_MSG_EQ(name.find("eap-md5"), std::string::npos, "`all` stays PSK");
        }
        NS_TEST_EXPECT_MSG_EQ(Mip6SecurityDesignFactory::Create("altsec-tls:auth=eap", error),
                              nullptr,
                              "unknown auth method refused");
    }
};

class NullSuiteTestCase : public TestCase
{
  public:
    NullSuiteTestCase()
        : TestCase("the suite variant reaches the SA (NULL_SHA)")
    {
    }

  private:
    void DoRun() override
    {
        std::string error;
        Ptr<Mip6AltsecDesign> d = DynamicCast<Mip6AltsecDesign>(
            Mip6SecurityDesignFactory::Create("altsec-tls:suite=null-sha", error));
        NS_TEST_ASSERT_MSG_NE(d, nullptr, error);
        AltsecRun run(d, Seconds(8));
        NS_TEST_EXPECT_MSG_EQ(run.registered, true, "registered");
        const Mip6SecurityState s = run.ha->GetState(run.topo.mnHomeAddress);
        NS_TEST_EXPECT_MSG_EQ(s.keyBytes, 40u, "NULL_SHA: two 20-byte HMAC-SHA1 keys");
    }
};

class Tls13TestCase : public TestCase
{
  public:
    Tls13TestCase()
        : TestCase("the tls=1.3 variant: TLS 1.3 to the HAC, one round trip less, registered")
    {
    }

  private:
    void DoRun() override
    {
        std::string error;
        Ptr<Mip6AltsecDesign> d = DynamicCast<Mip6AltsecDesign>(
            Mip6SecurityDesignFactory::Create("altsec-tls:tls=1.3", error));
        NS_TEST_ASSERT_MSG_NE(d, nullptr, error);
        NS_TEST_EXPECT_MSG_EQ(d->GetVariantName(), "altsec-tls:tls=1.3", "variant name");
        AltsecRun run(d, Seconds(8));
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetFailureReason(), "", "no bootstrap failure");
        NS_TEST_EXPECT_MSG_EQ(run.registered, true, "registered");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetTlsStream()->GetCipherName(),
                              "TLS_AES_128_GCM_SHA256",
                              "TLS 1.3 suite");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetBootstrapRoundTrips(), 4u, "TCP 1 + TLS 1 + PSK 2");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetController()->GetSuccessCount(), 1u, "HAC exchange");
    }
};

/// \return the altsec-tls design of a variant name, or nullptr
Ptr<Mip6AltsecDesign>
MakeVariant(const std::string& name)
{
    std::string error;
    return DynamicCast<Mip6AltsecDesign>(Mip6SecurityDesignFactory::Create(name, error));
}

class EapMd5TestCase : public TestCase
{
  public:
    EapMd5TestCase()
        : TestCase("auth=eap-md5: EAP-MD5 in MHAuth-Mid, registered, two round trips and more "
                   "MHAuth bytes than PSK, byte-identical reruns")
    {
    }

  private:
    /// Everything measured in one run
    struct Figures
    {
        bool registered{false};
        std::string failure;
        uint32_t roundTrips{0};
        uint64_t mhauthBytes{0};
        uint64_t successes{0};
        std::vector<std::string> cells;
    };

    Figures Measure(const std::string& variant)
    {
        Ptr<Mip6AltsecDesign> d = MakeVariant(variant);
        NS_ABORT_MSG_IF(!d, "no design " << variant);
        AltsecRun run(d);
        Figures f;
        f.registered = run.registered;
        f.failure = run.mn->GetFailureReason();
        f.roundTrips = run.mn->GetBootstrapRoundTrips();
        f.mhauthBytes = run.mn->GetMhAuthPlaintextBytes().value_or(0);
        f.successes = run.ha->GetController()->GetSuccessCount();
        for (size_t r = 0; r < run.table->GetRowCount(); ++r)
        {
            for (const auto& c : run.table->GetRow(r))
            {
                f.cells.push_back(c);
            }
        }
        return f;
    }

    void DoRun() override
    {
        Ptr<Mip6AltsecDesign> d = MakeVariant("altsec-tls:auth=eap-md5");
        NS_TEST_ASSERT_MSG_NE(d, nullptr, "the auth variant exists");
        NS_TEST_EXPECT_MSG_EQ(d->GetVariantName(), "altsec-tls:auth=eap-md5", "variant name");
        const Figures psk = Measure("altsec-tls");
        const Figures eap = Measure("altsec-tls:auth=eap-md5");
        const Figures again = Measure("altsec-tls:auth=eap-md5");
        NS_TEST_EXPECT_MSG_EQ(eap.failure, "", "no bootstrap failure");
        NS_TEST_EXPECT_MSG_EQ(eap.registered, true, "registered after EAP-MD5");
        NS_TEST_EXPECT_MSG_EQ(eap.successes, 1u, "one HAC exchange");
        NS_TEST_EXPECT_MSG_EQ(eap.roundTrips,
                              psk.roundTrips + 2,
                              "EAP-MD5 adds two MHAuth-Mid round trips");
        NS_TEST_EXPECT_MSG_EQ(eap.roundTrips, 7u, "TCP 1 + TLS 2 + MHAuth 4");
        NS_TEST_EXPECT_MSG_GT(eap.mhauthBytes, psk.mhauthBytes, "more MHAuth bytes than PSK");
        NS_TEST_EXPECT_MSG_EQ(again.mhauthBytes, eap.mhauthBytes, "rerun: same MHAuth bytes");
        NS_TEST_EXPECT_MSG_EQ(again.cells.size(), eap.cells.size(), "rerun: same rows");
        NS_TEST_EXPECT_MSG_EQ((again.cells == eap.cells), true, "rerun: identical handover rows");
    }
};

class EapWrongSecretTestCase : public TestCase
{
  public:
    EapWrongSecretTestCase()
        : TestCase("auth=eap-md5 with a wrong EAP secret: 401 from the HAC, reported by the MN, "
                   "no SA")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Mip6AltsecDesign> d = MakeVariant("altsec-tls:auth=eap-md5");
        NS_TEST_ASSERT_MSG_NE(d, nullptr, "the auth variant exists");
        AltsecRun run(d, Seconds(8), [](AltsecRun& r) {
            r.mn->SetAttribute("Psk", StringValue("not-the-secret"));
        });
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetFailureReason(), "hac-status-401", "401 at the MN");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetAttempts(), 1u, "an authentication failure is final");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetController()->GetFailureCount("eap-md5-failure"),
                              1u,
                              "the HAC refused the MD5 response");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetController()->GetSuccessCount(), 0u, "no SA");
        NS_TEST_EXPECT_MSG_EQ(run.registered, false, "not registered");
        NS_TEST_EXPECT_MSG_EQ(run.inst.homeAgent->GetNBindings(), 0, "no binding");
    }
};

class PayloadProtectionTestCase : public TestCase
{
  public:
    PayloadProtectionTestCase()
        : TestCase("payload=1: mip6-sas = 1, tunnelled data as PType 1 both ways")
    {
    }

  private:
    void Received(uint32_t spi, uint32_t seq, Ptr<const Packet> p)
    {
        (spi == 0 ? m_plain : m_protected)++;
    }

    void DoRun() override
    {
        std::string error;
        Ptr<Mip6AltsecDesign> d = DynamicCast<Mip6AltsecDesign>(
            Mip6SecurityDesignFactory::Create("altsec-tls:payload=1", error));
        NS_TEST_ASSERT_MSG_NE(d, nullptr, error);
        AltsecRun run(d, Seconds(8), [this](AltsecRun& r) {
            Simulator::Schedule(Seconds(1.5), [this, &r]() {
                r.ha->GetSaDatabase()->TraceConnectWithoutContext(
                    "Receive",
                    MakeCallback(&PayloadProtectionTestCase::Received, this));
            });
        });
        NS_TEST_EXPECT_MSG_EQ(run.registered, true, "registered");
        NS_TEST_EXPECT_MSG_GT(run.inst.cnProbe->GetReceived(), 100u, "MN → CN data arrives");
        NS_TEST_EXPECT_MSG_GT(run.inst.mnProbe->GetReceived(), 100u, "CN → MN data arrives");
        NS_TEST_EXPECT_MSG_GT(m_protected, 100u, "data reached the HA protected (PType 1)");
        NS_TEST_EXPECT_MSG_EQ(m_plain, 0u, "and never as PType 0");
    }

    uint32_t m_protected{0};
    uint32_t m_plain{0};
};

class ReauthenticationTestCase : public TestCase
{
  public:
    ReauthenticationTestCase()
        : TestCase("before the SA expires the MN re-runs the HAC exchange; the new SA carries on")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Mip6AltsecDesign> d = CreateObject<Mip6AltsecDesign>();
        d->SetAttribute("SaLifetime", TimeValue(Seconds(8)));
        std::vector<uint32_t> spis;
        AltsecRun run(d, Seconds(14), [&spis](AltsecRun& r) {
            for (double t : {3.0, 13.9})
            {
                Simulator::Schedule(Seconds(t), [&spis, &r]() {
                    const auto s = r.ha->GetSaDatabase()->GetSpis();
                    spis.push_back(s.empty() ? 0 : s[0]);
                });
            }
        });
        NS_TEST_EXPECT_MSG_GT_OR_EQ(run.mn->GetReauthentications(), 1u, "re-run by the MN");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(run.ha->GetController()->GetSuccessCount(),
                                    2u,
                                    "bootstrap and re-authentication at the HAC");
        NS_TEST_ASSERT_MSG_EQ(spis.size(), 2u, "sampled");
        NS_TEST_EXPECT_MSG_NE(spis[0], spis[1], "a new SPI replaced the first");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetSaDatabase()->GetN(), 1u, "the old SA is gone");
        NS_TEST_EXPECT_MSG_EQ(run.registered, true, "still registered");
        NS_TEST_ASSERT_MSG_EQ(run.table->GetRowCount(), 1, "the handover at 10 s");
        NS_TEST_EXPECT_MSG_EQ(run.Cell(0, "ba_status"), "0", "registered under the new SA");
        for (uint8_t st : run.statuses)
        {
            NS_TEST_EXPECT_MSG_EQ(unsigned(st), 0u, "never 176");
        }
    }
};

class ResumptionTestCase : public TestCase
{
  public:
    ResumptionTestCase()
        : TestCase("resume=1: the re-authentication resumes the TLS 1.2 session (abbreviated, "
                   "no certificate), the channel binding still holds")
    {
    }

  private:
    void DoRun() override
    {
        for (bool resume : {false, true})
        {
            std::string error;
            Ptr<Mip6AltsecDesign> d = DynamicCast<Mip6AltsecDesign>(
                Mip6SecurityDesignFactory::Create(resume ? "altsec-tls:resume=1" : "altsec-tls",
                                                  error));
            NS_TEST_ASSERT_MSG_NE(d, nullptr, error);
            d->SetAttribute("SaLifetime", TimeValue(Seconds(8)));
            AltsecRun run(d, Seconds(7));
            NS_TEST_EXPECT_MSG_EQ(run.mn->GetReauthentications(), 1u, "one re-run by 7 s");
            NS_TEST_EXPECT_MSG_EQ(run.ha->GetController()->GetSuccessCount(),
                                  2u,
                                  "both exchanges authenticated (channel binding included)");
            NS_TEST_EXPECT_MSG_EQ(run.mn->GetTlsStream()->IsResumed(),
                                  resume,
                                  "the second TLS handshake resumed only with resume=1");
            NS_TEST_EXPECT_MSG_EQ(run.registered, true, "registered");
            m_tlsBytes[resume] = run.mn->GetTlsStream()->GetTlsBytesReceived();
        }
        NS_TEST_EXPECT_MSG_LT(m_tlsBytes[true] + 400,
                              m_tlsBytes[false],
                              "no certificate in the abbreviated handshake");
    }

    uint64_t m_tlsBytes[2]{0, 0};
};

class ExpiredSaTestCase : public TestCase
{
  public:
    ExpiredSaTestCase()
        : TestCase("a BU under an expired SA draws 176; the MN runs the HAC again and registers")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Mip6AltsecDesign> d = CreateObject<Mip6AltsecDesign>();
        d->SetAttribute("SaLifetime", TimeValue(Seconds(5)));
        AltsecRun run(d, Seconds(13), [this](AltsecRun& r) {
            r.mn->SetAttribute("ReauthMargin", TimeValue(Seconds(0))); // no re-run
            Simulator::Schedule(Seconds(6), [this, &r]() {
                r.mn->GetSaDatabase()->TraceConnectWithoutContext(
                    "Receive",
                    MakeCallback(&ExpiredSaTestCase::MnReceived, this));
            });
        });
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetReauthentications(), 0u, "no re-run");
        NS_TEST_EXPECT_MSG_EQ((std::count(run.statuses.begin(), run.statuses.end(), 176) > 0),
                              true,
                              "the HA answered 176");
        NS_TEST_EXPECT_MSG_GT(run.inst.homeAgent->GetDropCount("sa-expired"), 0, "counted");
        NS_TEST_EXPECT_MSG_GT(m_protectedAfterExpiry,
                              0u,
                              "the 176 BA verified at the MN under the expired SA");
        NS_TEST_EXPECT_MSG_EQ(run.mn->GetReinitializations(), 1u, "one HAC run after the 176");
        NS_TEST_EXPECT_MSG_EQ(run.ha->GetController()->GetSuccessCount(),
                              2u,
                              "the HAC handed out a second SA");
        NS_TEST_ASSERT_MSG_GT(run.statuses.size(), 0u, "BAs sent");
        NS_TEST_EXPECT_MSG_EQ(unsigned(run.statuses.back()), 0u, "then accepted under the new SA");
        NS_TEST_EXPECT_MSG_EQ(run.registered, true, "registered at the end");
    }

    void MnReceived(uint32_t spi, uint32_t seq, Ptr<const Packet> p)
    {
        if (spi != 0)
        {
            m_protectedAfterExpiry++;
        }
    }

    uint32_t m_protectedAfterExpiry{0};
};

/// Creates a registered variant of the design.
Ptr<Mip6AltsecDesign>
MakeAltsec(const std::string& variant)
{
    std::string error;
    Ptr<Mip6AltsecDesign> d =
        DynamicCast<Mip6AltsecDesign>(Mip6SecurityDesignFactory::Create(variant, error));
    NS_ABORT_MSG_IF(!d, "no design " << variant << ": " << error);
    return d;
}

/// Every handover row of a run, cell by cell, and the overhead rows (for rerun comparisons).
std::vector<std::string>
RunCells(const AltsecRun& run)
{
    std::vector<std::string> cells;
    for (size_t r = 0; r < run.table->GetRowCount(); ++r)
    {
        for (const auto& c : run.table->GetRow(r))
        {
            cells.push_back(c);
        }
    }
    Mip6CsvTable overhead(Mip6Schema::OverheadColumns());
    run.meter->AppendOverheadRows(overhead, {1, 1, "altsec-tls"});
    for (size_t r = 0; r < overhead.GetRowCount(); ++r)
    {
        for (const auto& c : overhead.GetRow(r))
        {
            cells.push_back(c);
        }
    }
    return cells;
}

class RemoteHacTestCase : public TestCase
{
  public:
    RemoteHacTestCase()
        : TestCase("hac=remote: TLS to the HAC's own node, the SA pushed to the HA over the "
                   "HAC-HA protocol and acknowledged before MHAuth-Done; every handover "
                   "registered; hac-ha bytes at ha-core; byte-identical rerun")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Mip6AltsecDesign> d = MakeAltsec("altsec-tls:hac=remote");
        NS_TEST_EXPECT_MSG_EQ(d->WantsControllerNode(), true, "asks for a controller node");
        NS_TEST_EXPECT_MSG_EQ(MakeAltsec("altsec-tls")->WantsControllerNode(),
                              false,
                              "the default is co-located");
        std::vector<Time> acksSent;
        std::vector<Time> installed;
        Time answered;
        Time bootstrapped;
        auto run = std::make_unique<AltsecRun>(d, Seconds(22), [&](AltsecRun& r) {
            r.ha->TraceConnectWithoutContext("HacHaEvent",
                                             MakeBoundCallback(
                                                 +[](std::vector<Time>* acks,
                                                     std::vector<Time>* inst,
                                                     const std::string& event,
                                                     uint32_t) {
                                                     if (event == "ack-sent")
                                                     {
                                                         acks->push_back(Simulator::Now());
                                                     }
                                                     if (event == "sa-installed")
                                                     {
                                                         inst->push_back(Simulator::Now());
                                                     }
                                                 },
                                                 &acksSent,
                                                 &installed));
            d->GetRemoteController()->TraceConnectWithoutContext(
                "Exchange",
                MakeBoundCallback(
                    +[](Time* t, const std::string&, uint16_t status) {
                        if (status == 200)
                        {
                            *t = Simulator::Now();
                        }
                    },
                    &answered));
        });
        NS_TEST_ASSERT_MSG_NE(run->topo.hac, nullptr, "the topology has a HAC node");
        Ptr<Mip6HaController> hac = d->GetRemoteController();
        NS_TEST_ASSERT_MSG_NE(hac, nullptr, "remote HAC installed");
        NS_TEST_EXPECT_MSG_EQ(hac->GetNode(), run->topo.hac, "on its own node");
        NS_TEST_EXPECT_MSG_EQ(run->ha->GetController(), hac, "the HA side knows it");
        NS_TEST_EXPECT_MSG_EQ(run->mn->GetFailureReason(), "", "no bootstrap failure");
        NS_TEST_EXPECT_MSG_EQ(run->registered, true, "registered");
        NS_TEST_EXPECT_MSG_EQ(run->haCoa, run->mnCoa, "binding for the current CoA");
        NS_TEST_ASSERT_MSG_EQ(run->table->GetRowCount(), 1, "one handover");
        NS_TEST_EXPECT_MSG_EQ(run->Cell(0, "ba_status"), "0", "the handover registered");
        for (uint8_t st : run->statuses)
        {
            NS_TEST_EXPECT_MSG_EQ(unsigned(st), 0u, "every BA accepted");
        }
        // The MN's TLS went to the HAC's address (CoA → HA → HAC, outside the tunnel).
        bool toHac = false;
        for (const auto& e : run->mn->GetControlEndpoints())
        {
            toHac = toHac || (e.remote == run->topo.hacAddress && e.protocol == 6);
        }
        NS_TEST_EXPECT_MSG_EQ(toHac, true, "the control endpoint is the HAC's address");
        NS_TEST_ASSERT_MSG_EQ(run->tlsFrom.size(), 1u, "one TLS connection");
        NS_TEST_EXPECT_MSG_NE(run->topo.GetAccessIndexForPrefix(run->tlsFrom[0]), -1, "from a CoA");
        // The HAC-HA exchange: one SA-PUSH verified at the HA, one SA-ACK verified at the HAC,
        // and MHAuth-Done answered only after the ack crossed the HAC link.
        NS_TEST_EXPECT_MSG_EQ(hac->GetSuccessCount(), 1u, "one HAC exchange");
        NS_TEST_EXPECT_MSG_EQ(run->mn->GetBootstrapRoundTrips(),
                              6u,
                              "TCP 1 + TLS 2 + PSK 2 + SA-PUSH/SA-ACK 1");
        NS_TEST_EXPECT_MSG_EQ(run->ha->GetHacHaChannel()->GetAcceptCount(), 1u, "SA-PUSH");
        NS_TEST_EXPECT_MSG_EQ(hac->GetHacHaChannel()->GetAcceptCount(), 1u, "SA-ACK");
        NS_TEST_EXPECT_MSG_EQ(run->ha->GetHacHaCount("sa-installed"), 1u, "SA installed");
        NS_TEST_EXPECT_MSG_EQ(run->ha->GetHacHaChannel()->GetDropCount(), 0u, "nothing refused");
        NS_TEST_ASSERT_MSG_EQ(acksSent.size(), 1u, "one SA-ACK");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(answered,
                                    acksSent[0] + MilliSeconds(2),
                                    "MHAuth-Done answered after the ack crossed the 2 ms link");
        NS_TEST_EXPECT_MSG_EQ(run->ha->GetSaDatabase()->GetN(), 1u, "the HA holds the SA");
        // State: the HA holds the SA, the HAC the MN's record.
        const Mip6SecurityState s = run->ha->GetState(run->topo.mnHomeAddress);
        NS_TEST_EXPECT_MSG_EQ(s.saCount, 2u, "one SA per direction at the HA");
        NS_TEST_EXPECT_MSG_EQ(s.keyBytes, 72u, "AES_128_CBC_SHA keys");
        NS_TEST_EXPECT_MSG_EQ(s.hacRecords, 0u, "no HAC record on the HA node");
        NS_TEST_EXPECT_MSG_EQ(hac->GetRecordCount(), 1u, "the record is at the HAC");
        NS_TEST_EXPECT_MSG_GT(hac->GetRecordStateBytes(), 72u, "keys and more");
        // Bytes of the HAC-HA protocol at the HA's core interface.
        const uint64_t hacHa = run->CoreBytes(Mip6Category::HAC_HA);
        NS_TEST_EXPECT_MSG_GT(hacHa, 0u, "hac-ha bytes counted at ha-core");
        NS_TEST_EXPECT_MSG_GT(run->CoreBytes(Mip6Category::TLS), 0u, "tls crosses the core");
        // Rerun: byte-identical rows.
        const std::vector<std::string> first = RunCells(*run);
        run.reset(); // Simulator::Destroy before the rerun
        std::vector<std::string> second;
        {
            AltsecRun again(MakeAltsec("altsec-tls:hac=remote"));
            second = RunCells(again);
        }
        NS_TEST_EXPECT_MSG_EQ(first.size(), second.size(), "rerun: same rows");
        NS_TEST_EXPECT_MSG_EQ((first == second), true, "rerun: identical rows");
    }
};

class RemoteHacBootstrapTestCase : public TestCase
{
  public:
    RemoteHacBootstrapTestCase()
        : TestCase("hac=remote: the bootstrap takes longer than co-located by the HAC link's "
                   "round trips (TCP, TLS, MHAuth through the HA plus SA-PUSH and SA-ACK)")
    {
    }

  private:
    Time Bootstrap(const std::string& variant, Time hacDelay)
    {
        Config::SetDefault("ns3::Mip6WlanAccessHelper::HacHaDelay", TimeValue(hacDelay));
        Time done;
        AltsecRun run(MakeAltsec(variant), Seconds(4), [&done](AltsecRun& r) {
            r.inst.homeAgent->TraceConnectWithoutContext(
                "BindingAckSent",
                MakeBoundCallback(
                    +[](Time* t, Ipv6Address, Ipv6Address, uint8_t, uint16_t) {
                        if (t->IsZero())
                        {
                            *t = Simulator::Now();
                        }
                    },
                    &done));
        });
        Config::SetDefault("ns3::Mip6WlanAccessHelper::HacHaDelay", TimeValue(MilliSeconds(2)));
        NS_TEST_EXPECT_MSG_EQ(run.registered, true, variant << " registered");
        return done;
    }

    void DoRun() override
    {
        const Time local = Bootstrap("altsec-tls", MilliSeconds(2));
        const Time remote = Bootstrap("altsec-tls:hac=remote", MilliSeconds(2));
        const Time far = Bootstrap("altsec-tls:hac=remote", MilliSeconds(20));
        // Five round trips before the first BU cross the HAC link (TCP 1, TLS 2, MHAuth 2),
        // plus the SA-PUSH/SA-ACK: six round trips of the link, 2 × delay each.
        NS_TEST_EXPECT_MSG_GT(remote, local, "the remote HAC costs time");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(far - remote,
                                    MilliSeconds(6 * 2 * 18 - 10),
                                    "six HAC-link round trips on the critical path");
        NS_TEST_EXPECT_MSG_LT(far - remote, MilliSeconds(7 * 2 * 18), "not seven");
    }
};

class HacHaSecurityTestCase : public TestCase
{
  public:
    HacHaSecurityTestCase()
        : TestCase("hac=remote: a forged, replayed, wrong-key or reflected HAC-HA message is "
                   "refused by the HA's own check, counted and traced; a wrong key → 504")
    {
    }

  private:
    void DoRun() override
    {
        {
            // 1. Replay, forgery, reflection against a working pair.
            std::vector<std::string> drops;
            Ptr<Mip6AltsecDesign> d = MakeAltsec("altsec-tls:hac=remote");
            AltsecRun run(d, Seconds(8), [&drops](AltsecRun& r) {
                // The HA side is set up when the HA application starts.
                Simulator::Schedule(MilliSeconds(100), [&r, &drops]() {
                    r.ha->GetHacHaChannel()->TraceConnectWithoutContext(
                        "Drop",
                        MakeBoundCallback(
                            +[](std::vector<std::string>* v,
                                const std::string& reason,
                                uint32_t,
                                Ptr<const Packet>) { v->push_back(reason); },
                            &drops));
                });
                // Capture the SA-PUSH on the HAC's link and play it back, modified and reflected.
                Ptr<Ipv6L3Protocol> ip = r.topo.ha->GetObject<Ipv6L3Protocol>();
                Ptr<NetDevice> dev = ip->GetNetDevice(r.topo.haHacInterface);
                static Ptr<Packet> captured;
                captured = nullptr;
                ip->TraceConnectWithoutContext(
                    "Rx",
                    MakeCallback(+[](Ptr<const Packet> p, Ptr<Ipv6>, uint32_t) {
                        Mip6CategoryTag tag;
                        if (!captured && p->PeekPacketTag(tag) && tag.GetMessage() == "SA-PUSH")
                        {
                            captured = p->Copy();
                        }
                    }));
                Simulator::Schedule(Seconds(6), [&r]() {
                    NS_ABORT_MSG_IF(!captured, "no SA-PUSH seen");
                    Ptr<Packet> ipPacket = captured->Copy();
                    Ipv6Header ipH;
                    ipPacket->RemoveHeader(ipH);
                    UdpHeader udp;
                    ipPacket->RemoveHeader(udp);
                    Ptr<Socket> s = Socket::CreateSocket(r.topo.hac, UdpSocketFactory::GetTypeId());
                    s->Bind(Inet6SocketAddress(r.topo.hacAddress, 0));
                    const Inet6SocketAddress to(r.topo.haHacAddress, 7873);
                    // Replayed as is.
                    s->SendTo(ipPacket->Copy(), 0, to);
                    // One bit of the ciphertext flipped (with a fresh sequence number).
                    const uint32_t n = ipPacket->GetSize();
                    std::vector<uint8_t> b(n);
                    ipPacket->CopyData(b.data(), n);
                    b[7] ^= 0x40;  // sequence number: not yet seen
                    b[20] ^= 0x01; // ciphertext
                    s->SendTo(Create<Packet>(b.data(), n), 0, to);
                    // A message whose type claims to come from the HA (reflection).
                    std::vector<uint8_t> c(n);
                    ipPacket->CopyData(c.data(), n);
                    c[1] = 2;
                    s->SendTo(Create<Packet>(c.data(), n), 0, to);
                    // Truncated.
                    s->SendTo(Create<Packet>(b.data(), 12), 0, to);
                });
            });
            NS_TEST_EXPECT_MSG_EQ(run.registered, true, "the genuine registration stands");
            Ptr<Mip6HacHaChannel> ch = run.ha->GetHacHaChannel();
            NS_TEST_EXPECT_MSG_EQ(ch->GetDropCount("replay"), 1u, "the replay refused");
            NS_TEST_EXPECT_MSG_EQ(ch->GetDropCount("bad-icv"), 1u, "the forgery refused");
            NS_TEST_EXPECT_MSG_EQ(ch->GetDropCount("bad-type"), 1u, "the reflection refused");
            NS_TEST_EXPECT_MSG_EQ(ch->GetDropCount("truncated"), 1u, "the truncation refused");
            NS_TEST_EXPECT_MSG_EQ(drops.size(), 4u, "each one traced");
            NS_TEST_EXPECT_MSG_EQ(run.ha->GetHacHaCount("sa-installed"), 1u, "nothing installed");
            NS_TEST_EXPECT_MSG_EQ(run.ha->GetSaDatabase()->GetN(), 1u, "still the one SA");
        }

        // 2. The HAC holds another key: its SA-PUSHes fail the HA's ICV check, never acked; the
        // HAC answers the MN 504 and forgets the SA.
        Ptr<Mip6AltsecDesign> w = MakeAltsec("altsec-tls:hac=remote");
        std::vector<std::string> failures;
        AltsecRun wrong(w, Seconds(5), [&failures](AltsecRun& r) {
            Simulator::Schedule(MilliSeconds(100), [&r]() {
                r.ha->GetHacHaChannel()->Setup(Mip6HacHaChannel::Role::HA,
                                               Mip6Bytes(Mip6HacHaChannel::KEY_SIZE, 0x55));
            });
            r.mn->SetAttribute("MaxAttempts", UintegerValue(1));
            r.inst.mobileNode->SetAttribute("SecurityRetryTimeout", TimeValue(Seconds(30)));
            r.mn->TraceConnectWithoutContext(
                "BootstrapFailure",
                MakeBoundCallback(
                    +[](std::vector<std::string>* v, const std::string& reason) {
                        v->push_back(reason);
                    },
                    &failures));
        });
        NS_TEST_EXPECT_MSG_EQ(wrong.ha->GetHacHaChannel()->GetDropCount("bad-icv"),
                              3u,
                              "the SA-PUSH and its two retransmissions refused");
        NS_TEST_EXPECT_MSG_EQ(wrong.ha->GetHacHaChannel()->GetDropCount(), 3u, "only those");
        NS_TEST_EXPECT_MSG_EQ(wrong.ha->GetSaDatabase()->GetN(), 0u, "no SA at the HA");
        NS_TEST_EXPECT_MSG_EQ(w->GetRemoteController()->GetFailureCount("ha-timeout"),
                              1u,
                              "the HAC gave up");
        NS_TEST_EXPECT_MSG_EQ(w->GetRemoteController()->GetRecordCount(), 0u, "SA forgotten");
        NS_TEST_EXPECT_MSG_EQ(w->GetRemoteController()->GetSuccessCount(), 0u, "no success");
        NS_TEST_ASSERT_MSG_EQ(failures.size(), 1u, "one failure reported");
        NS_TEST_EXPECT_MSG_EQ(failures[0], "hac-status-504", "504 at the MN");
        NS_TEST_EXPECT_MSG_EQ(wrong.registered, false, "not registered");
    }
};

class PullTestCase : public TestCase
{
  public:
    PullTestCase()
        : TestCase("hac=remote,pull=1: the HA pulls the SA of the first BU's unknown SPI and "
                   "holds the BU meanwhile; an SPI the HAC never handed out → counted, traced "
                   "drop; byte-identical rerun")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Mip6AltsecDesign> d = MakeAltsec("altsec-tls:hac=remote,pull=1");
        NS_TEST_EXPECT_MSG_EQ(d->GetVariantName(), "altsec-tls:hac=remote,pull=1", "variant");
        std::vector<std::pair<std::string, uint32_t>> events;
        const uint32_t bogus = 0x0abcdef;
        auto run = std::make_unique<AltsecRun>(d, Seconds(22), [&events, bogus](AltsecRun& r) {
            r.ha->TraceConnectWithoutContext(
                "HacHaEvent",
                MakeBoundCallback(
                    +[](std::vector<std::pair<std::string, uint32_t>>* v,
                        const std::string& event,
                        uint32_t spi) { v->emplace_back(event, spi); },
                    &events));
            // A PType-8 packet under an SPI the HAC never handed out, from the MN's CoA.
            Simulator::Schedule(Seconds(6), [&r, bogus]() {
                Mip6AltsecHeader h;
                h.SetPType(8);
                h.SetSpi(bogus);
                h.SetSequence(0);
                Ptr<Packet> p = Create<Packet>(64);
                p->AddHeader(h);
                Ptr<Socket> s = Socket::CreateSocket(r.topo.mn, UdpSocketFactory::GetTypeId());
                s->Bind6();
                s->SendTo(p, 0, Inet6SocketAddress(r.topo.haHomeAddress, 7872));
            });
        });
        Ptr<Mip6HaController> hac = d->GetRemoteController();
        NS_TEST_EXPECT_MSG_EQ(run->mn->GetFailureReason(), "", "no bootstrap failure");
        NS_TEST_EXPECT_MSG_EQ(run->registered, true, "registered");
        NS_TEST_ASSERT_MSG_EQ(run->table->GetRowCount(), 1, "one handover");
        NS_TEST_EXPECT_MSG_EQ(run->Cell(0, "ba_status"), "0", "the handover registered");
        NS_TEST_EXPECT_MSG_EQ(run->Cell(0, "bu_sent"), "1", "no BU lost to the pull");
        NS_TEST_EXPECT_MSG_EQ(run->mn->GetBootstrapRoundTrips(), 5u, "no push before Done");
        // Known SPI: pulled once, the held BU processed.
        NS_TEST_EXPECT_MSG_EQ(run->ha->GetHacHaCount("sa-installed"), 0u, "nothing pushed");
        NS_TEST_EXPECT_MSG_EQ(run->ha->GetHacHaCount("pull-installed"), 1u, "one SA pulled");
        NS_TEST_EXPECT_MSG_EQ(run->ha->GetHacHaCount("pull-request"), 2u, "two SPIs asked for");
        NS_TEST_EXPECT_MSG_EQ(hac->GetPullRequestCount(), 2u, "both answered by the HAC");
        // Unknown SPI: the HAC says so, the HA drops the held packet, counted and traced.
        NS_TEST_EXPECT_MSG_EQ(run->ha->GetHacHaCount("pull-unknown-spi"), 1u, "dropped");
        NS_TEST_EXPECT_MSG_EQ(hac->GetFailureCount("pull-unknown-spi"), 1u, "at the HAC too");
        bool traced = false;
        for (const auto& [event, spi] : events)
        {
            traced = traced || (event == "pull-unknown-spi" && spi == bogus);
        }
        NS_TEST_EXPECT_MSG_EQ(traced, true, "traced with its SPI");
        NS_TEST_EXPECT_MSG_EQ(run->ha->GetSaDatabase()->GetN(), 1u, "only the MN's SA");
        NS_TEST_EXPECT_MSG_GT(run->CoreBytes(Mip6Category::HAC_HA), 0u, "hac-ha bytes");
        // Rerun: byte-identical rows.
        const std::vector<std::string> first = RunCells(*run);
        run.reset(); // Simulator::Destroy before the rerun
        std::vector<std::string> second;
        {
            AltsecRun again(MakeAltsec("altsec-tls:hac=remote,pull=1"),
                            Seconds(22),
                            [bogus](AltsecRun& r) {
                                Simulator::Schedule(Seconds(6), [&r, bogus]() {
                                    Mip6AltsecHeader h;
                                    h.SetPType(8);
                                    h.SetSpi(bogus);
                                    Ptr<Packet> p = Create<Packet>(64);
                                    p->AddHeader(h);
                                    Ptr<Socket> s =
                                        Socket::CreateSocket(r.topo.mn,
                                                             UdpSocketFactory::GetTypeId());
                                    s->Bind6();
                                    s->SendTo(p, 0, Inet6SocketAddress(r.topo.haHomeAddress, 7872));
                                });
                            });
            second = RunCells(again);
        }
        NS_TEST_EXPECT_MSG_EQ((first == second), true, "rerun: identical rows");
    }
};

class Tls13ResumptionTestCase : public TestCase
{
  public:
    Tls13ResumptionTestCase()
        : TestCase("tls=1.3,resume=1: the re-authentication resumes by PSK from the HAC's "
                   "NewSessionTicket (ServerHello pre_shared_key, no Certificate, no "
                   "CertificateVerify); byte-identical rerun")
    {
    }

  private:
    /// What one run gives.
    struct Figures
    {
        uint32_t reauths{0};
        uint64_t successes{0};
        bool registered{false};
        std::vector<uint8_t> received;
        std::vector<uint16_t> serverHelloExtensions;
        uint64_t tlsReceived{0};
        uint64_t tlsSent{0};
        std::vector<std::string> cells;
    };

    Figures Measure(const std::string& variant)
    {
        Ptr<Mip6AltsecDesign> d = MakeAltsec(variant);
        d->SetAttribute("SaLifetime", TimeValue(Seconds(8)));
        AltsecRun run(d, Seconds(7));
        Figures f;
        f.reauths = run.mn->GetReauthentications();
        f.successes = run.ha->GetController()->GetSuccessCount();
        f.registered = run.registered;
        Ptr<Mip6TlsStream> tls = run.mn->GetTlsStream(); // the re-authentication's
        f.received = tls->GetHandshakeTypesReceived();
        f.serverHelloExtensions = tls->GetServerHelloExtensions();
        f.tlsReceived = tls->GetTlsBytesReceived();
        f.tlsSent = tls->GetTlsBytesSent();
        f.cells = RunCells(run);
        return f;
    }

    static bool Has(const std::vector<uint8_t>& v, uint8_t t)
    {
        return std::find(v.begin(), v.end(), t) != v.end();
    }

    void DoRun() override
    {
        const Figures full = Measure("altsec-tls:tls=1.3");
        const Figures resumed = Measure("altsec-tls:resume=1,tls=1.3");
        const Figures again = Measure("altsec-tls:resume=1,tls=1.3");
        for (const Figures* f : {&full, &resumed})
        {
            NS_TEST_EXPECT_MSG_EQ(f->reauths, 1u, "one re-authentication by 7 s");
            NS_TEST_EXPECT_MSG_EQ(f->successes, 2u, "both exchanges authenticated");
            NS_TEST_EXPECT_MSG_EQ(f->registered, true, "registered");
        }
        // HandshakeType (RFC 8446 §4): 2 ServerHello, 4 NewSessionTicket, 8 EncryptedExtensions,
        // 11 Certificate, 15 CertificateVerify, 20 Finished; extension 41 pre_shared_key.
        const uint16_t kPsk = 41;
        NS_TEST_EXPECT_MSG_EQ(Has(full.received, 11), true, "full: Certificate");
        NS_TEST_EXPECT_MSG_EQ(Has(full.received, 15), true, "full: CertificateVerify");
        NS_TEST_EXPECT_MSG_EQ(Has(full.received, 4), false, "full: no ticket (resume=0)");
        NS_TEST_EXPECT_MSG_EQ((std::find(full.serverHelloExtensions.begin(),
                                         full.serverHelloExtensions.end(),
                                         kPsk) == full.serverHelloExtensions.end()),
                              true,
                              "full: no pre_shared_key in the ServerHello");
        NS_TEST_EXPECT_MSG_EQ(Has(resumed.received, 2), true, "resumed: ServerHello");
        NS_TEST_EXPECT_MSG_EQ(Has(resumed.received, 8), true, "resumed: EncryptedExtensions");
        NS_TEST_EXPECT_MSG_EQ(Has(resumed.received, 20), true, "resumed: Finished");
        NS_TEST_EXPECT_MSG_EQ(Has(resumed.received, 11), false, "resumed: no Certificate");
        NS_TEST_EXPECT_MSG_EQ(Has(resumed.received, 15), false, "resumed: no CertificateVerify");
        NS_TEST_EXPECT_MSG_EQ(Has(resumed.received, 4), true, "resumed: a new ticket");
        NS_TEST_EXPECT_MSG_EQ((std::find(resumed.serverHelloExtensions.begin(),
                                         resumed.serverHelloExtensions.end(),
                                         kPsk) != resumed.serverHelloExtensions.end()),
                              true,
                              "resumed: the server accepted the PSK");
        NS_TEST_EXPECT_MSG_LT(resumed.tlsReceived + 300,
                              full.tlsReceived,
                              "fewer bytes from the HAC without the certificate");
        NS_TEST_EXPECT_MSG_EQ(again.tlsReceived, resumed.tlsReceived, "rerun: same bytes");
        NS_TEST_EXPECT_MSG_EQ(again.tlsSent, resumed.tlsSent, "rerun: same bytes sent");
        NS_TEST_EXPECT_MSG_EQ((again.cells == resumed.cells), true, "rerun: identical rows");
    }
};

class RemoteReauthenticationTestCase : public TestCase
{
  public:
    RemoteReauthenticationTestCase()
        : TestCase("hac=remote (push and pull): the re-authentication's new SA reaches the HA "
                   "(pushed and acknowledged, or pulled at the next BU under the new SPI), the old "
                   "one is gone, still registered")
    {
    }

  private:
    void DoRun() override
    {
        for (const std::string variant : {"altsec-tls:hac=remote", "altsec-tls:hac=remote,pull=1"})
        {
            Ptr<Mip6AltsecDesign> d = MakeAltsec(variant);
            d->SetAttribute("SaLifetime", TimeValue(Seconds(8)));
            uint32_t firstSpi = 0;
            // The re-run at about 4 s; binding refreshes every 2 s, so a BU goes under the new
            // SPI before 7 s (with pull=1 the HA learns the new SA from that BU).
            AltsecRun run(d, Seconds(7), [&firstSpi](AltsecRun& r) {
                r.inst.mobileNode->SetAttribute("BindingLifetime", TimeValue(Seconds(4)));
                r.inst.mobileNode->SetAttribute("RefreshFraction", DoubleValue(0.5));
                Simulator::Schedule(Seconds(3), [&r, &firstSpi]() {
                    const std::vector<uint32_t> spis = r.ha->GetSaDatabase()->GetSpis();
                    firstSpi = spis.size() == 1 ? spis[0] : 0;
                });
            });
            Ptr<Mip6HaController> hac = d->GetRemoteController();
            NS_TEST_EXPECT_MSG_EQ(run.mn->GetReauthentications(), 1u, variant << ": one re-run");
            NS_TEST_EXPECT_MSG_EQ(hac->GetSuccessCount(), 2u, variant << ": two exchanges");
            NS_TEST_EXPECT_MSG_EQ(hac->GetRecordCount(), 1u, variant << ": one record");
            NS_TEST_EXPECT_MSG_EQ(run.registered, true, variant << ": registered");
            const std::vector<uint32_t> spis = run.ha->GetSaDatabase()->GetSpis();
            NS_TEST_ASSERT_MSG_EQ(spis.size(), 1u, variant << ": one SA at the HA");
            NS_TEST_EXPECT_MSG_NE(firstSpi, 0u, variant << ": an SA before the re-run");
            NS_TEST_EXPECT_MSG_NE(spis[0], firstSpi, variant << ": the new SPI replaced it");
            NS_TEST_EXPECT_MSG_EQ((hac->GetSaRecord(spis[0]).has_value()),
                                  true,
                                  variant << ": the HAC's record is the new SA");
            const bool pull = variant.find("pull=1") != std::string::npos;
            NS_TEST_EXPECT_MSG_EQ(run.ha->GetHacHaCount(pull ? "pull-installed" : "sa-installed"),
                                  2u,
                                  variant << ": both SAs delivered");
            NS_TEST_EXPECT_MSG_EQ(run.ha->GetSaDatabase()->GetDropCount(),
                                  0u,
                                  variant << ": nothing refused");
        }
    }
};

class AltsecDesignTestSuite : public TestSuite
{
  public:
    AltsecDesignTestSuite()
        : TestSuite("mip6-altsec-design", SYSTEM)
    {
        AddTestCase(new FactoryTestCase, TestCase::QUICK);
        AddTestCase(new RegistrationTestCase, TestCase::QUICK);
        AddTestCase(new WrongPskTestCase, TestCase::QUICK);
        AddTestCase(new HacUnreachableTestCase, TestCase::QUICK);
        AddTestCase(new UnprotectedBuTestCase, TestCase::QUICK);
        AddTestCase(new ForgedBaTestCase, TestCase::QUICK);
        AddTestCase(new NullSuiteTestCase, TestCase::QUICK);
        AddTestCase(new Tls13TestCase, TestCase::QUICK);
        AddTestCase(new PayloadProtectionTestCase, TestCase::QUICK);
        AddTestCase(new ReauthenticationTestCase, TestCase::QUICK);
        AddTestCase(new ExpiredSaTestCase, TestCase::QUICK);
        AddTestCase(new ResumptionTestCase, TestCase::QUICK);
        AddTestCase(new EapMd5TestCase, TestCase::QUICK);
        AddTestCase(new EapWrongSecretTestCase, TestCase::QUICK);
        AddTestCase(new RemoteHacTestCase, TestCase::QUICK);
        AddTestCase(new RemoteHacBootstrapTestCase, TestCase::QUICK);
        AddTestCase(new HacHaSecurityTestCase, TestCase::QUICK);
        AddTestCase(new PullTestCase, TestCase::QUICK);
        AddTestCase(new RemoteReauthenticationTestCase, TestCase::QUICK);
        AddTestCase(new Tls13ResumptionTestCase, TestCase::QUICK);
    }
};

static AltsecDesignTestSuite g_altsecDesignTestSuite;

} // namespace
