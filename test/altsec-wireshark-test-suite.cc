/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The project's Wireshark Lua dissector (wireshark/mip6-altsec.lua) on a pcap of an `altsec-tls`
 * run: tshark reads PType, SPI and sequence number of every altsec UDP packet, and, with the NSS
 * key log the run exported, the MHAuth messages inside TLS field by field. Fails (does not skip)
 * when tshark is missing.
 */

#include "mip6-test-util.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/mip6-altsec-design.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-key-export.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-wlan-access-helper.h"
#include "ns3/test.h"

#include <cstdio>
#include <cstdlib>
#include <sstream>

using namespace ns3;
using mip6test::RunCommand;

namespace
{

std::vector<std::string>
Lines(const std::string& s)
{
    std::vector<std::string> out;
    std::istringstream is(s);
    std::string line;
    while (std::getline(is, line))
    {
        if (!line.empty())
        {
            out.push_back(line);
        }
    }
    return out;
}

class LuaDissectorTestCase : public TestCase
{
  public:
    /// \param eap run the EAP-MD5 method (auth=eap-md5) instead of PSK
    explicit LuaDissectorTestCase(bool eap = false)
        : TestCase(eap ? "tshark reads the EAP-MD5 MHAuth exchange (Init, 2 × Mid, Done)"
                       : "tshark with the Lua dissector reads altsec packets and MHAuth messages"),
          m_eap(eap)
    {
    }

    bool m_eap; //!< EAP-MD5 run

  private:
    void DoRun() override
    {
        int status = 0;
        RunCommand("command -v tshark >/dev/null 2>&1", status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark is not installed (apt-get install tshark)");
        const char* tmpEnv = std::getenv("TMPDIR");
        std::string tmpl = std::string(tmpEnv && *tmpEnv ? tmpEnv : "/tmp") + "/mip6-lua-XXXXXX";
        std::vector<char> buf(tmpl.begin(), tmpl.end());
        buf.push_back('\0');
        NS_TEST_ASSERT_MSG_NE(mkdtemp(buf.data()), nullptr, "mkdtemp");
        const std::string dir(buf.data());

        uint32_t spi = 0;
        std::string nai;
        std::string pcap;
        {
            RngSeedManager::SetSeed(1);
            RngSeedManager::SetRun(1);
            Mip6CryptoRandom::Reset();
            Mip6KeyExport keys(dir + "/keys");
            Ptr<Mip6AltsecDesign> design = CreateObject<Mip6AltsecDesign>();
            design->SetKeyExport(&keys);
            design->SetAttribute("Auth", StringValue(m_eap ? "eap-md5" : "psk"));
            Ptr<Mip6WlanAccessHelper> access = CreateObject<Mip6WlanAccessHelper>();
            access->SetAttribute("NumAccessPoints", UintegerValue(2));
            Mip6WlanTopology topo = access->Build();
            access->AssignStreams(100);
            Mip6Helper helper(design);
            helper.InstallOnWlan(topo, Seconds(1), Seconds(22));
            access->EnablePcap(dir + "/run");
            // The HA's link to the first AR: <prefix>-<node id>-<device index>.pcap.
            Ptr<NetDevice> haToAr0 = topo.ha->GetObject<Ipv6L3Protocol>()->GetNetDevice(
                topo.accessRouters[0].haInterface);
            pcap = dir + "/run-" + std::to_string(topo.ha->GetId()) + "-" +
                   std::to_string(haToAr0->GetIfIndex()) + ".pcap";
            Simulator::Stop(Seconds(22));
            Simulator::Run();
            Ptr<Mip6AltsecHaSecurity> ha = design->GetHaSide();
            nai = design->GetMnSide()->GetNai();
            // The MN's SPI: the one SA of the HA's database.
            const std::vector<uint32_t> spis = ha->GetSaDatabase()->GetSpis();
            spi = spis.size() == 1 ? spis[0] : 0;
            Simulator::Destroy();
        }
        NS_TEST_ASSERT_MSG_NE(spi, 0u, "an SA was set up");

        const std::string lua = std::string(MIP6_SOURCE_DIR) + "/wireshark/mip6-altsec.lua";
        const std::string tshark = "tshark -n -X lua_script:'" + lua + "' -r '" + pcap + "' ";

        // altsec packets: the BU of the bootstrap (PType 8, sequence 0) and PType 0 data.
        std::string out = RunCommand(tshark + "-Y 'altsec.ptype == 8' -T fields -e altsec.spi "
                                              "-e altsec.seq -e udp.dstport 2>/dev/null",
                                     status);
        NS_TEST_EXPECT_MSG_EQ(status, 0, "tshark ran with the dissector");
        std::vector<std::string> rows = Lines(out);
        NS_TEST_ASSERT_MSG_GT(rows.size(), 1u, "BU and BA read as PType 8: " << out);
        if (rows.size() < 2)
        {
            return; // (without --stop-on-failure the assertion does not return)
        }
        NS_TEST_EXPECT_MSG_EQ(rows[0],
                              std::to_string(spi) + "\t0\t7872",
                              "first BU: the MN's SPI, sequence 0, to port 7872");
        NS_TEST_EXPECT_MSG_EQ(rows[1],
                              std::to_string(spi) + "\t0\t" +
                                  rows[1].substr(rows[1].rfind('\t') + 1),
                              "first BA: the same SPI, the HA's own sequence 0");
        out = RunCommand(tshark + "-Y 'altsec.ptype == 0 && icmpv6 || altsec.ptype == 0 && udp' "
                                  "-T fields -e altsec.spi 2>/dev/null | head -3",
                         status);
        NS_TEST_EXPECT_MSG_EQ(Lines(out).size(), 3u, "PType 0 data, the inner IPv6 dissected");

        // MHAuth inside TLS, with the key log.
        out =
            RunCommand(tshark + "-o tls.keylog_file:'" + dir + "/keys/" + Mip6KeyExport::TLS_FILE +
                           "' -Y mhauth -T fields -E occurrence=a -E aggregator=, "
                           "-e mhauth.identifier -e mhauth.name -e mhauth.status 2>/dev/null",
                       status);
        rows = Lines(out);
        if (m_eap)
        {
            NS_TEST_ASSERT_MSG_EQ(rows.size(), 8u, "eight MHAuth messages: " << out);
            if (rows.size() != 8)
            {
                return;
            }
            NS_TEST_EXPECT_MSG_EQ(rows[0], "1\tmn-id,mn-rand,auth-method\t", "Init request");
            NS_TEST_EXPECT_MSG_EQ(rows[1],
                                  "1\tmn-rand,hac-rand,auth-method,eap-payload\t",
                                  "Init response: EAP starts, no auth");
            NS_TEST_EXPECT_MSG_EQ(rows[2], "2\teap-payload\t", "Mid request (identity)");
            NS_TEST_EXPECT_MSG_EQ(rows[3], "2\tstatus-code,eap-payload\t100", "Mid response");
            NS_TEST_EXPECT_MSG_EQ(rows[4], "3\teap-payload\t", "Mid request (MD5)");
            NS_TEST_EXPECT_MSG_EQ(rows[5], "3\tstatus-code,eap-payload\t100", "Mid response");
            NS_TEST_EXPECT_MSG_EQ(rows[6],
                                  "4\tmn-rand,hac-rand,mip6-sas,mip6-suitelist,auth\t",
                                  "Done request");
            NS_TEST_EXPECT_MSG_EQ(rows[7].substr(rows[7].size() - 4), "\t200", "status 200");
            out = RunCommand(tshark + "-o tls.keylog_file:'" + dir + "/keys/" +
                                 Mip6KeyExport::TLS_FILE +
                                 "' -Y 'mhauth.name == \"eap-payload\"' -T fields -E occurrence=a "
                                 "-E aggregator=, -e mhauth.value 2>/dev/null",
                             status);
            rows = Lines(out);
            NS_TEST_ASSERT_MSG_EQ(rows.size(), 5u, "five EAP packets: " << out);
            if (rows.size() != 5)
            {
                return;
            }
            for (auto& r : rows)
            {
                r = r.substr(r.rfind(',') + 1); // eap-payload is the last header of each
            }
            // RFC 3748 §4: Code Identifier Length Type Type-Data.
            NS_TEST_EXPECT_MSG_EQ(rows[0], "0101000501", "EAP-Request/Identity, id 1");
            std::string id;
            for (char c : nai)
            {
                char h[3];
                std::snprintf(h, sizeof(h), "%02x", static_cast<unsigned char>(c));
                id += h;
            }
            char len[5];
            std::snprintf(len, sizeof(len), "%04zx", nai.size() + 5);
            NS_TEST_EXPECT_MSG_EQ(rows[1],
                                  "0201" + std::string(len) + "01" + id,
                                  "EAP-Response/Identity = mn-id");
            NS_TEST_EXPECT_MSG_EQ(rows[2].substr(0, 12), "010200160410", "MD5-Challenge, 16 B");
            NS_TEST_EXPECT_MSG_EQ(rows[3].substr(0, 12), "020200160410", "MD5 response, 16 B");
            NS_TEST_EXPECT_MSG_EQ(rows[4], "03020004", "EAP-Success");
            RunCommand("rm -rf '" + dir + "'", status);
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(rows.size(), 4u, "four MHAuth messages: " << out);
        if (rows.size() != 4)
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(rows[0], "1\tmn-id,mn-rand,auth-method\t", "Init request");
        NS_TEST_EXPECT_MSG_EQ(rows[1], "1\tmn-rand,hac-rand,auth-method,auth\t", "Init response");
        NS_TEST_EXPECT_MSG_EQ(rows[2],
                              "2\tmn-rand,hac-rand,mip6-sas,mip6-suitelist,auth\t",
                              "Done request");
        NS_TEST_EXPECT_MSG_EQ(rows[3].substr(0, 14), "2\tstatus-code,", "Done response");
        NS_TEST_EXPECT_MSG_EQ(rows[3].substr(rows[3].size() - 4), "\t200", "status 200");
        out =
            RunCommand(tshark + "-o tls.keylog_file:'" + dir + "/keys/" + Mip6KeyExport::TLS_FILE +
                           "' -Y 'mhauth.name == \"mip6-spi\"' -T fields -E occurrence=a "
                           "-E aggregator=, -e mhauth.value 2>/dev/null",
                       status);
        NS_TEST_EXPECT_MSG_NE(out.find("," + std::to_string(spi) + ","),
                              std::string::npos,
                              "the SPI handed out reads back: " << out);
        out =
            RunCommand(tshark + "-o tls.keylog_file:'" + dir + "/keys/" + Mip6KeyExport::TLS_FILE +
                           "' -Y 'mhauth.name == \"mn-id\"' -T fields -E occurrence=f "
                           "-e mhauth.value 2>/dev/null",
                       status);
        NS_TEST_EXPECT_MSG_EQ(out, nai + "\n", "mn-id reads back");
        RunCommand("rm -rf '" + dir + "'", status);
    }
};

class HacHaDissectorTestCase : public TestCase
{
  public:
    HacHaDissectorTestCase()
        : TestCase("hac=remote: tshark reads the HAC-HA protocol on the HAC link byte-exact "
                   "(SA-PUSH 136 and SA-ACK 36 octets, version 1, sequence 1), and the MN's TLS "
                   "to the HAC's address")
    {
    }

  private:
    void DoRun() override
    {
        int status = 0;
        RunCommand("command -v tshark >/dev/null 2>&1", status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark is not installed (apt-get install tshark)");
        const char* tmpEnv = std::getenv("TMPDIR");
        std::string tmpl = std::string(tmpEnv && *tmpEnv ? tmpEnv : "/tmp") + "/mip6-lua-XXXXXX";
        std::vector<char> buf(tmpl.begin(), tmpl.end());
        buf.push_back('\0');
        NS_TEST_ASSERT_MSG_NE(mkdtemp(buf.data()), nullptr, "mkdtemp");
        const std::string dir(buf.data());
        std::string pcap;
        std::string hacAddress;
        {
            RngSeedManager::SetSeed(1);
            RngSeedManager::SetRun(1);
            Mip6CryptoRandom::Reset();
            std::string error;
            Ptr<Mip6SecurityDesign> design =
                Mip6SecurityDesignFactory::Create("altsec-tls:hac=remote", error);
            NS_TEST_ASSERT_MSG_NE(design, nullptr, error);
            Ptr<Mip6WlanAccessHelper> access = CreateObject<Mip6WlanAccessHelper>();
            access->SetAttribute("NumAccessPoints", UintegerValue(2));
            access->SetAttribute("HacNode", BooleanValue(design->WantsControllerNode()));
            Mip6WlanTopology topo = access->Build();
            access->AssignStreams(100);
            design->InstallController(topo.hac, topo.hacAddress, topo.haHacAddress);
            Mip6Helper helper(design);
            helper.InstallOnWlan(topo, Seconds(1), Seconds(6));
            access->EnablePcap(dir + "/run");
            // The HA's link to the HAC: <prefix>-<node id>-<device index>.pcap.
            Ptr<NetDevice> haToHac =
                topo.ha->GetObject<Ipv6L3Protocol>()->GetNetDevice(topo.haHacInterface);
            pcap = dir + "/run-" + std::to_string(topo.ha->GetId()) + "-" +
                   std::to_string(haToHac->GetIfIndex()) + ".pcap";
            std::ostringstream os;
            os << topo.hacAddress;
            hacAddress = os.str();
            Simulator::Stop(Seconds(6));
            Simulator::Run();
            Simulator::Destroy();
        }
        const std::string lua = std::string(MIP6_SOURCE_DIR) + "/wireshark/mip6-altsec.lua";
        const std::string tshark = "tshark -n -X lua_script:'" + lua + "' -r '" + pcap + "' ";
        std::string out = RunCommand(tshark + "-Y hacha -T fields -e hacha.version -e hacha.type "
                                              "-e hacha.length -e hacha.seq -e udp.length "
                                              "-e udp.dstport 2>/dev/null",
                                     status);
        NS_TEST_EXPECT_MSG_EQ(status, 0, "tshark ran with the dissector");
        const std::vector<std::string> rows = Lines(out);
        NS_TEST_ASSERT_MSG_EQ(rows.size(), 2u, "one SA-PUSH and one SA-ACK: " << out);
        if (rows.size() != 2)
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(rows[0], "1\t1\t136\t1\t144\t7873", "SA-PUSH, UDP 8 + 136");
        NS_TEST_EXPECT_MSG_EQ(rows[1], "1\t2\t36\t1\t44\t7873", "SA-ACK, UDP 8 + 36");
        // The MN's TCP to the HAC crosses the same link.
        out = RunCommand(tshark + "-Y 'tcp.flags.syn == 1 && tcp.flags.ack == 0' -T fields "
                                  "-e ipv6.dst -e tcp.dstport 2>/dev/null",
                         status);
        NS_TEST_EXPECT_MSG_EQ(Lines(out).size(), 1u, "one TCP connection to the HAC");
        NS_TEST_EXPECT_MSG_EQ(out.substr(0, out.find('\n')),
                              hacAddress + "\t7872",
                              "to the HAC's address and port");
        RunCommand("rm -rf '" + dir + "'", status);
    }
};

class AltsecWiresharkTestSuite : public TestSuite
{
  public:
    AltsecWiresharkTestSuite()
        : TestSuite("mip6-altsec-wireshark", SYSTEM)
    {
        AddTestCase(new LuaDissectorTestCase, TestCase::QUICK);
        AddTestCase(new LuaDissectorTestCase(true), TestCase::QUICK);
        AddTestCase(new HacHaDissectorTestCase, TestCase::QUICK);
    }
};

static AltsecWiresharkTestSuite g_altsecWiresharkTestSuite;

} // namespace
