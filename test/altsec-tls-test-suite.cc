/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Real TLS 1.2 (OpenSSL libssl) between two ns-3 nodes over ns-3 TCP through memory BIOs: the
 * handshake completes with the HAC certificate of the test PKI, application data passes both ways,
 * the same seed gives the same bytes on the wire, and tshark decrypts the pcap with the NSS key
 * log the run exported.
 */

#include "mip6-test-util.h"

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/internet-module.h"
#include "ns3/mip6-certificate.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-key-export.h"
#include "ns3/mip6-test-pki.h"
#include "ns3/mip6-tls-stream.h"
#include "ns3/test.h"

#include <cstdio>
#include <cstdlib>
#include <openssl/ssl.h>

using namespace ns3;
using mip6test::RunCommand;

namespace
{

const uint16_t kPort = 7872;
const char* kCiphers = "ECDHE-ECDSA-AES128-GCM-SHA256";

std::string
TempDir()
{
    const char* tmpEnv = std::getenv("TMPDIR");
    std::string tmpl = std::string(tmpEnv && *tmpEnv ? tmpEnv : "/tmp") + "/mip6-tls-XXXXXX";
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (mkdtemp(buf.data()) == nullptr)
    {
        return "";
    }
    return buf.data();
}

/// A TLS client on node 0 and a TLS server (the HAC's role) on node 1, one CSMA link.
class TlsRun
{
  public:
    explicit TlsRun(uint32_t run, const std::string& dir = "", int tlsVersion = 12)
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(run);
        Mip6CryptoRandom::Reset();
        nodes.Create(2);
        CsmaHelper csma;
        csma.SetChannelAttribute("Delay", TimeValue(MilliSeconds(5)));
        NetDeviceContainer devs = csma.Install(nodes);
        InternetStackHelper stack;
        stack.SetIpv4StackInstall(false);
        stack.Install(nodes);
        Ipv6AddressHelper addr;
        addr.SetBase(Ipv6Address("fd00:7::"), Ipv6Prefix(64));
        Ipv6InterfaceContainer ifs = addr.Assign(devs);
        const Ipv6Address server = ifs.GetAddress(1, 1);
        // Fixed streams: automatic stream numbers keep growing between runs in one process.
        csma.AssignStreams(devs, 0);
        stack.AssignStreams(nodes, 10);
        if (!dir.empty())
        {
            keys = std::make_unique<Mip6KeyExport>(dir + "/keys");
            csma.EnablePcap(dir + "/tls", devs.Get(0), false);
        }
        for (uint32_t i = 0; i < 2; ++i)
        {
            nodes.Get(i)->GetObject<Ipv6L3Protocol>()->TraceConnectWithoutContext(
                "Tx",
                MakeCallback(&TlsRun::Tx, this));
        }

        serverCtx = Mip6TlsStream::NewServerContext(Mip6TestPki::HacCertificatePem(),
                                                    Mip6TestPki::HacKeyPem(),
                                                    kCiphers,
                                                    tlsVersion)
                        .Value();
        clientCtx =
            Mip6TlsStream::NewClientContext(Mip6TestPki::HAC_NAME, kCiphers, tlsVersion).Value();

        listener = Socket::CreateSocket(nodes.Get(1), TcpSocketFactory::GetTypeId());
        settings.Apply(listener);
        listener->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), kPort));
        listener->Listen();
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeCallback(&TlsRun::Accept, this));

        Simulator::Schedule(Seconds(2), [this, server]() {
            Ptr<Socket> s = Socket::CreateSocket(nodes.Get(0), TcpSocketFactory::GetTypeId());
            settings.Apply(s);
            s->Bind6();
            client = CreateObject<Mip6TlsStream>();
            client->SetKeyExport(keys.get());
            client->SetHandshakeCallback(MakeCallback(&TlsRun::ClientUp, this));
            client->SetDataCallback(MakeCallback(&TlsRun::ClientData, this));
            client->SetErrorCallback(MakeCallback(&TlsRun::ClientError, this));
            client->Start(clientCtx, s, true, Mip6TestPki::HAC_NAME);
            s->Connect(Inet6SocketAddress(server, kPort));
            clientSocket = s;
        });
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        Simulator::Destroy();
        SSL_CTX_free(serverCtx);
        SSL_CTX_free(clientCtx);
    }

    void Accept(Ptr<Socket> s, const Address& from)
    {
        server = CreateObject<Mip6TlsStream>();
        server->SetKeyExport(keys.get());
        server->SetHandshakeCallback(MakeCallback(&TlsRun::ServerUp, this));
        server->SetDataCallback(MakeCallback(&TlsRun::ServerData, this));
        server->Start(serverCtx, s, false);
    }

    void ClientUp()
    {
        clientUp = Simulator::Now();
        client->Send({'p', 'i', 'n', 'g'});
    }

    void ServerUp()
    {
        serverUp = true;
    }

    void ServerData(const Mip6Bytes& d)
    {
        serverGot.insert(serverGot.end(), d.begin(), d.end());
        Mip6Bytes reply(3000, 'x'); // more than one segment
        server->Send(reply);
    }

    void ClientData(const Mip6Bytes& d)
    {
        clientGot.insert(clientGot.end(), d.begin(), d.end());
        if (clientGot.size() == 3000)
        {
            client->Close();
        }
    }

    void ClientError(const std::string& reason)
    {
        error = reason;
    }

    void Tx(Ptr<const Packet> p, Ptr<Ipv6> ip, uint32_t ifIndex)
    {
        Ipv6Header h;
        p->PeekHeader(h);
        if (h.GetNextHeader() == TcpL4Protocol::PROT_NUMBER)
        {
            Mip6Bytes b(p->GetSize());
            p->CopyData(b.data(), b.size());
            wire.insert(wire.end(), b.begin(), b.end());
            tcpPackets++;
        }
    }

    NodeContainer nodes;
    Mip6TcpSettings settings;
    std::unique_ptr<Mip6KeyExport> keys;
    SSL_CTX* serverCtx{nullptr};
    SSL_CTX* clientCtx{nullptr};
    Ptr<Socket> listener;
    Ptr<Socket> clientSocket;
    Ptr<Mip6TlsStream> client;
    Ptr<Mip6TlsStream> server;
    Time clientUp{Seconds(-1)};
    bool serverUp{false};
    Mip6Bytes serverGot;
    Mip6Bytes clientGot;
    std::string error;
    Mip6Bytes wire;
    uint32_t tcpPackets{0};
};

class HandshakeTestCase : public TestCase
{
  public:
    HandshakeTestCase()
        : TestCase("TLS 1.2 handshake over ns-3 TCP with the HAC certificate; data both ways")
    {
    }

  private:
    void DoRun() override
    {
        TlsRun run(1);
        NS_TEST_EXPECT_MSG_EQ(run.error, "", "no failure");
        NS_TEST_ASSERT_MSG_GT(run.clientUp, Seconds(2), "client handshake completed");
        NS_TEST_EXPECT_MSG_EQ(run.serverUp, true, "server handshake completed");
        // TCP (1 RTT) + TLS 1.2 full handshake (2 RTT) over a 10 ms RTT link.
        NS_TEST_EXPECT_MSG_GT(run.clientUp, Seconds(2.030), "three round trips at least");
        NS_TEST_EXPECT_MSG_LT(run.clientUp, Seconds(2.100), "no delayed-ACK stall");
        NS_TEST_EXPECT_MSG_EQ(std::string(run.serverGot.begin(), run.serverGot.end()),
                              "ping",
                              "client → server data");
        NS_TEST_EXPECT_MSG_EQ(run.clientGot.size(), 3000u, "server → client data");
        NS_TEST_EXPECT_MSG_EQ(run.client->GetCipherName(), kCiphers, "negotiated suite");
        const Mip6Bytes hac =
            Mip6Certificate::FromPem(Mip6TestPki::HacCertificatePem()).Value().GetDer();
        NS_TEST_EXPECT_MSG_EQ((run.client->GetPeerCertificateDer() == hac),
                              true,
                              "the MN saw the HAC certificate");
        NS_TEST_EXPECT_MSG_EQ((run.server->GetOwnCertificateDer() == hac), true, "server side");
        UintegerValue mss;
        run.clientSocket->GetAttribute("SegmentSize", mss);
        NS_TEST_EXPECT_MSG_EQ(mss.Get(), 1428u, "MSS from the 1500-byte path MTU");
        NS_TEST_EXPECT_MSG_EQ(run.settings.ToString(),
                              "mss=1428,timestamps=1,delack=40ms/2",
                              "manifest text");
    }
};

class ReproducibleTestCase : public TestCase
{
  public:
    ReproducibleTestCase()
        : TestCase("the same seed and run give the same TLS bytes; another run differs")
    {
    }

  private:
    void DoRun() override
    {
        Mip6Bytes a;
        Mip6Bytes b;
        Mip6Bytes c;
        {
            TlsRun r(1);
            a = r.wire;
        }
        {
            TlsRun r(1);
            b = r.wire;
        }
        {
            TlsRun r(2);
            c = r.wire;
        }
        NS_TEST_ASSERT_MSG_GT(a.size(), 1000u, "a handshake happened");
        NS_TEST_EXPECT_MSG_EQ((a == b), true, "byte-identical rerun");
        NS_TEST_EXPECT_MSG_EQ((a == c), false, "another run number draws other randoms");
    }
};

class TsharkTestCase : public TestCase
{
  public:
    TsharkTestCase()
        : TestCase("tshark decrypts the TLS of the pcap with the exported NSS key log")
    {
    }

  private:
    void DoRun() override
    {
        int status = 0;
        RunCommand("command -v tshark >/dev/null 2>&1", status);
        NS_TEST_ASSERT_MSG_EQ(status, 0, "tshark is not installed (apt-get install tshark)");
        const std::string dir = TempDir();
        NS_TEST_ASSERT_MSG_NE(dir, "", "temporary directory");
        {
            TlsRun run(1, dir);
            NS_TEST_ASSERT_MSG_GT(run.clientUp, Seconds(2), "handshake completed");
        }
        const std::string pcap = dir + "/tls-0-0.pcap";
        const std::string keylog = dir + "/keys/" + Mip6KeyExport::TLS_FILE;
        const std::string base = "tshark -n -r '" + pcap + "' -d tcp.port==7872,tls ";
        // Without the key log the Finished messages are opaque; with it they decode.
        const std::string finished = "-Y 'tls.handshake.type == 20' -T fields -e frame.number";
        std::string out = RunCommand(base + finished + " 2>/dev/null", status);
        NS_TEST_EXPECT_MSG_EQ(status, 0, "tshark ran");
        NS_TEST_EXPECT_MSG_EQ(out, "", "no Finished readable without keys");
        out = RunCommand(base + "-o tls.keylog_file:'" + keylog + "' " + finished + " 2>/dev/null",
                         status);
        NS_TEST_EXPECT_MSG_EQ(status, 0, "tshark ran with the key log");
        NS_TEST_EXPECT_MSG_EQ(std::count(out.begin(), out.end(), '\n'),
                              2,
                              "both Finished messages decrypted: " << out);
        out = RunCommand(base + "-o tls.keylog_file:'" + keylog +
                             "' -Y 'tls.app_data' -T fields -e tls.segment.data -e data.data "
                             "-e frame.number 2>/dev/null",
                         status);
        NS_TEST_EXPECT_MSG_NE(out.find("70696e67"), std::string::npos, "the 'ping' decrypted");
        std::string cleanup = "rm -rf '" + dir + "'";
        RunCommand(cleanup, status);
    }
};

class Tls13TestCase : public TestCase
{
  public:
    Tls13TestCase()
        : TestCase("the TLS 1.3 variant: one handshake round trip, data both ways, reproducible")
    {
    }

  private:
    void DoRun() override
    {
        Mip6Bytes first;
        {
            TlsRun run(1, "", 13);
            NS_TEST_EXPECT_MSG_EQ(run.error, "", "no failure");
            NS_TEST_ASSERT_MSG_GT(run.clientUp, Seconds(2), "handshake completed");
            // One handshake round trip (10 ms) less than TLS 1.2 on the same link and run.
            TlsRun tls12(1);
            NS_TEST_EXPECT_MSG_GT(tls12.clientUp - run.clientUp,
                                  MilliSeconds(9),
                                  "TLS 1.3 saves one round trip");
            NS_TEST_EXPECT_MSG_EQ(run.client->GetCipherName(), "TLS_AES_128_GCM_SHA256", "suite");
            NS_TEST_EXPECT_MSG_EQ(run.clientGot.size(), 3000u, "server → client data");
            NS_TEST_EXPECT_MSG_EQ(std::string(run.serverGot.begin(), run.serverGot.end()),
                                  "ping",
                                  "client → server data");
            first = run.wire;
        }
        TlsRun again(1, "", 13);
        NS_TEST_EXPECT_MSG_EQ((again.wire == first), true, "byte-identical rerun");
    }
};

class AltsecTlsTestSuite : public TestSuite
{
  public:
    AltsecTlsTestSuite()
        : TestSuite("mip6-altsec-tls", SYSTEM)
    {
        AddTestCase(new HandshakeTestCase, TestCase::QUICK);
        AddTestCase(new ReproducibleTestCase, TestCase::QUICK);
        AddTestCase(new TsharkTestCase, TestCase::QUICK);
        AddTestCase(new Tls13TestCase, TestCase::QUICK);
    }
};

static AltsecTlsTestSuite g_altsecTlsTestSuite;

} // namespace
