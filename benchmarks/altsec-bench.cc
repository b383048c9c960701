/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * altsec-bench: CPU cost of the RFC 6618 design's crypto (Google Benchmark). Targets live here,
 * never in tests (issue 5 §8):
 *  - BM_TlsBootstrap/12 and /13: one TLS full handshake plus the MHAuth PSK exchange (four
 *    messages, `auth` computed and verified on both ends), both ends in one process through a
 *    BIO pair — target: under 5 ms for both ends together;
 *  - BM_AltsecProtectVerify/<suite>/<bytes>: one MN–HA packet protected by one end and verified
 *    and decrypted by the other — target: the rate of ESP with the same suite;
 *  - BM_HacHaPushAck: one SA delivery of a remote HAC (SA-PUSH and SA-ACK, each sealed and
 *    opened) — no target: it is once per MN and bootstrap.
 */

#include "ns3/mip6-altsec-packet.h"
#include "ns3/mip6-certificate.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-ha-controller.h"
#include "ns3/mip6-hac-ha.h"
#include "ns3/mip6-mhauth.h"
#include "ns3/mip6-test-pki.h"
#include "ns3/mip6-tls-stream.h"

#include <benchmark/benchmark.h>
#include <openssl/bio.h>
#include <openssl/ssl.h>

using namespace ns3;

namespace
{

/// Moves bytes until both handshakes are done (false on failure).
bool
Handshake(SSL* client, SSL* server)
{
    for (int i = 0; i < 20; ++i)
    {
        const int c = SSL_do_handshake(client);
        const int s = SSL_do_handshake(server);
        if (c == 1 && s == 1)
        {
            return true;
        }
    }
    return false;
}

/// Sends one MHAuth message from one end and parses it at the other.
Mip6MhAuthMessage
Transfer(SSL* from, SSL* to, const Mip6MhAuthMessage& m)
{
    const Mip6Bytes bytes = m.Serialize();
    SSL_write(from, bytes.data(), static_cast<int>(bytes.size()));
    Mip6Bytes buf(bytes.size());
    const int n = SSL_read(to, buf.data(), static_cast<int>(buf.size()));
    buf.resize(n > 0 ? static_cast<size_t>(n) : 0);
    return Mip6MhAuthParser::Parse(buf).message;
}

void
BM_TlsBootstrap(benchmark::State& state)
{
    const int version = static_cast<int>(state.range(0));
    SSL_CTX* cctx = Mip6TlsStream::NewClientContext(Mip6TestPki::HAC_NAME,
                                                    "ECDHE-ECDSA-AES128-GCM-SHA256",
                                                    version)
                        .Value();
    SSL_CTX* sctx = Mip6TlsStream::NewServerContext(Mip6TestPki::HacCertificatePem(),
                                                    Mip6TestPki::HacKeyPem(),
                                                    "ECDHE-ECDSA-AES128-GCM-SHA256",
                                                    version)
                        .Value();
    const Mip6Bytes psk = Mip6BytesFromString("bench-psk");
    using namespace Mip6MhAuthName;
    for (auto _ : state)
    {
        SSL* client = SSL_new(cctx);
        SSL* server = SSL_new(sctx);
        BIO* cb = nullptr;
        BIO* sb = nullptr;
        BIO_new_bio_pair(&cb, 0, &sb, 0);
        SSL_set_bio(client, cb, cb);
        SSL_set_bio(server, sb, sb);
        SSL_set_connect_state(client);
        SSL_set_accept_state(server);
        SSL_set_tlsext_host_name(client, Mip6TestPki::HAC_NAME);
        if (!Handshake(client, server))
        {
            state.SkipWithError("handshake failed");
            break;
        }
        // Both ends compute the channel binding from the certificate, as the model does.
        const Mip6Bytes mnCb = Mip6Certificate::FromDer([&]() {
                                   X509* x = SSL_get0_peer_certificate(client);
                                   Mip6Bytes der(i2d_X509(x, nullptr));
                                   unsigned char* p = der.data();
                                   i2d_X509(x, &p);
                                   return der;
                               }())
                                   .Value()
                                   .GetTlsServerEndpoint()
                                   .Value();
        const Mip6Bytes hacCb = mnCb;
        Mip6MhAuthMessage init;
        init.Add(MN_ID, "mn1@mip6.example");
        init.AddHex(MN_RAND, Mip6CryptoRandom::Bytes(32));
        init.Add(AUTH_METHOD, "psk");
        const Mip6MhAuthMessage initRx = Transfer(client, server, init);
        Mip6MhAuthMessage initResp;
        initResp.AddHex(MN_RAND, *initRx.GetHex(MN_RAND));
        initResp.AddHex(HAC_RAND, Mip6CryptoRandom::Bytes(32));
        initResp.Add(AUTH_METHOD, "psk");
        initResp.AddHex(AUTH, Mip6MhAuthComputeAuth(psk, "HAC", initResp, hacCb));
        const Mip6MhAuthMessage initRespRx = Transfer(server, client, initResp);
        benchmark::DoNotOptimize(Mip6MhAuthVerify(psk, "HAC", initRespRx, mnCb));
        Mip6MhAuthMessage done;
        done.SetIdentifier(2);
        done.AddHex(MN_RAND, *initRespRx.GetHex(MN_RAND));
        done.AddHex(HAC_RAND, *initRespRx.GetHex(HAC_RAND));
        done.Add(SAS, "0");
        done.Add(SUITELIST, "{00,2F}");
        done.AddHex(AUTH, Mip6MhAuthComputeAuth(psk, "MN", done, mnCb));
        const Mip6MhAuthMessage doneRx = Transfer(client, server, done);
        benchmark::DoNotOptimize(Mip6MhAuthVerify(psk, "MN", doneRx, hacCb));
        Mip6MhAuthMessage doneResp;
        doneResp.SetIdentifier(2);
        doneResp.AddNumber(STATUS_CODE, 200);
        doneResp.AddNumber(SPI, 0x0123456);
        doneResp.AddHex(MN_TO_HA_IKEY, Mip6CryptoRandom::Bytes(20));
        doneResp.AddHex(MN_TO_HA_EKEY, Mip6CryptoRandom::Bytes(16));
        doneResp.AddHex(HA_TO_MN_IKEY, Mip6CryptoRandom::Bytes(20));
        doneResp.AddHex(HA_TO_MN_EKEY, Mip6CryptoRandom::Bytes(16));
        doneResp.Add(CIPHERSUITE, "{00,2F}");
        doneResp.AddHex(AUTH, Mip6MhAuthComputeAuth(psk, "HAC", doneResp, hacCb));
        const Mip6MhAuthMessage doneRespRx = Transfer(server, client, doneResp);
        benchmark::DoNotOptimize(Mip6MhAuthVerify(psk, "HAC", doneRespRx, mnCb));
        SSL_free(client);
        SSL_free(server);
    }
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    state.counters["target_ms"] = 5.0;
}

BENCHMARK(BM_TlsBootstrap)->Arg(12)->Arg(13)->Unit(benchmark::kMillisecond);

void
BM_AltsecProtectVerify(benchmark::State& state)
{
    const uint16_t code = static_cast<uint16_t>(state.range(0));
    const size_t size = static_cast<size_t>(state.range(1));
    const Mip6AltsecSuite* suite = Mip6AltsecSuite::Find(code);
    Mip6AltsecKeys keys;
    keys.mnToHaIkey = Mip6Bytes(suite->GetIntegrityKeySize(), 1);
    keys.haToMnIkey = Mip6Bytes(suite->GetIntegrityKeySize(), 2);
    keys.mnToHaEkey = Mip6Bytes(suite->GetEncryptionKeySize(), 3);
    keys.haToMnEkey = Mip6Bytes(suite->GetEncryptionKeySize(), 4);
    Mip6AltsecSa mn = Mip6AltsecSa::Create(1, code, keys, Mip6AltsecSa::Role::MN, 4096).Value();
    Mip6AltsecSa ha = Mip6AltsecSa::Create(1, code, keys, Mip6AltsecSa::Role::HA, 4096).Value();
    Ptr<Packet> payload = Create<Packet>(size);
    for (auto _ : state)
    {
        Ptr<Packet> p = mn.Protect(Mip6AltsecPType::IP, payload).Value();
        Mip6AltsecRxResult r = ha.Unprotect(p);
        if (!r.accepted)
        {
            state.SkipWithError(r.reason.c_str());
            break;
        }
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(size));
    state.SetLabel(suite->name);
}

BENCHMARK(BM_AltsecProtectVerify)
    ->Args({0x002F, 104})
    ->Args({0x002F, 1280})
    ->Args({0x003C, 104})
    ->Args({0x003C, 1280})
    ->Args({0x0002, 104});

void
BM_HacHaPushAck(benchmark::State& state)
{
    // One SA delivery of a remote HAC: SA-PUSH sealed at the HAC, verified and parsed at the HA,
    // SA-ACK sealed at the HA, verified at the HAC (AES-128-GCM, AES_128_CBC_SHA keys).
    const Mip6Bytes key(Mip6HacHaChannel::KEY_SIZE, 0x5a);
    Ptr<Mip6HacHaChannel> hac = CreateObject<Mip6HacHaChannel>();
    Ptr<Mip6HacHaChannel> ha = CreateObject<Mip6HacHaChannel>();
    hac->Setup(Mip6HacHaChannel::Role::HAC, key);
    ha->Setup(Mip6HacHaChannel::Role::HA, key);
    Mip6HacHaBody push;
    push.sa.spi = 0x123456;
    push.sa.suite = 0x002F;
    push.sa.keys.mnToHaIkey = Mip6Bytes(20, 1);
    push.sa.keys.mnToHaEkey = Mip6Bytes(16, 2);
    push.sa.keys.haToMnIkey = Mip6Bytes(20, 3);
    push.sa.keys.haToMnEkey = Mip6Bytes(16, 4);
    push.sa.hoa = Ipv6Address("fd00:0:0:1::100");
    for (auto _ : state)
    {
        Mip6HacHaChannel::Rx r = ha->Open(hac->Seal(Mip6HacHaType::SA_PUSH, push, 1));
        Mip6HacHaBody ack;
        ack.spi = r.body.spi;
        ack.acked = r.sequence;
        Mip6HacHaChannel::Rx a = hac->Open(ha->Seal(Mip6HacHaType::SA_ACK, ack, 1));
        if (!r.accepted || !a.accepted)
        {
            state.SkipWithError("HAC-HA message refused");
            break;
        }
    }
    state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_HacHaPushAck)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
