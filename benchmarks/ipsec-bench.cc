/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ESP protect + verify per packet (Google Benchmark, not a test): for each transform and packet
 * size, one Mip6EspProtocol::Protect of an ns-3 Packet (copy out, seal, ESP header, tag) and one
 * receiver-side Open (copy out, replay check, ICV, decrypt, padding). Issue 4 target: at least
 * 100,000 pairs per second for a 200-byte packet with the default transform on one core.
 * BM_IkeSaInitAuth: the CPU time of IKE_SA_INIT + IKE_AUTH (PSK) for both peers together, per DH
 * group (14, 19, 31): both key pairs, both shared secrets, both SKEYSEED/prf+ derivations, the
 * four AUTH computations (each side signs and verifies), the messages built, sealed, opened and
 * parsed, and both Child SA KEYMATs. Issue 4 target: under 5 ms for group 19.
 * Build: cmake -DMIP6_BENCHMARKS=ON (built when model/ipsec is in MIP6_AREAS).
 */

#include "ns3/enum.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-esp-protocol.h"
#include "ns3/mip6-esp-sa.h"
#include "ns3/mip6-ipsec-ikev2-design.h"
#include "ns3/packet.h"

#include <benchmark/benchmark.h>
#include <vector>

using namespace ns3;

namespace
{

Ptr<Mip6EspSa>
MakeSa(Mip6EspTransform t)
{
    const Mip6EspTransformInfo& info = Mip6EspGetTransformInfo(t);
    Mip6EspSaConfig c;
    c.spi = 0x1000;
    c.transform = t;
    c.encKey = Mip6Bytes(info.encKeySize, 0x11);
    c.integKey = Mip6Bytes(info.integKeySize, 0x22);
    std::string error;
    return Mip6EspSa::Create(c, error);
}

void
BM_EspProtectVerify(benchmark::State& state)
{
    Mip6CryptoRandom::Install();
    const auto t = static_cast<Mip6EspTransform>(state.range(0));
    const size_t size = static_cast<size_t>(state.range(1));
    Ptr<Mip6EspSa> tx = MakeSa(t);
    Ptr<Mip6EspSa> rx = MakeSa(t);
    Ptr<Packet> payload = Create<Packet>(size);
    std::vector<uint8_t> bytes;
    for (auto _ : state)
    {
        Ptr<Packet> esp = Mip6EspProtocol::Protect(payload, 41, tx);
        bytes.resize(esp->GetSize());
        esp->CopyData(bytes.data(), bytes.size());
        Mip6EspOpenResult r = rx->Open(bytes.data(), bytes.size());
        if (!r.ok)
        {
            state.SkipWithError("verify failed");
            break;
        }
        benchmark::DoNotOptimize(r.payload.data());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel(Mip6EspGetTransformInfo(t).name);
}

/// One IKE_SA_INIT + IKE_AUTH (RFC 7296 §1.2) for both peers, as the design computes it.
void
BM_IkeSaInitAuth(benchmark::State& state)
{
    Mip6CryptoRandom::Install();
    Ptr<Mip6Ikev2Design> design = CreateObject<Mip6Ikev2Design>();
    design->SetAttribute("DhGroup", EnumValue(static_cast<int>(state.range(0))));
    const std::string psk = design->GetPsk();
    const Mip6DhGroup group = design->GetDhGroup();
    for (auto _ : state)
    {
        // Initiator: HDR, SAi1, KEi, Ni -->
        Mip6Ikev2Sa i;
        i.spiI = 0x0102030405060708ULL;
        auto dhI = Mip6DhKeyPair::Generate(group);
        i.ni = Mip6CryptoRandom::Bytes(32);
        Mip6IkeMessage m1;
        m1.header.spiI = i.spiI;
        m1.header.exchange = Mip6IkeHeader::IKE_SA_INIT;
        m1.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
        m1.payloads.push_back(design->MakeIkeProposal());
        Ptr<Mip6IkeKePayload> kei = Create<Mip6IkeKePayload>();
        kei->group = static_cast<uint16_t>(group);
        kei->data = dhI.Value().GetPublicValue();
        m1.payloads.push_back(kei);
        Ptr<Mip6IkeNoncePayload> ni = Create<Mip6IkeNoncePayload>();
        ni->nonce = i.ni;
        m1.payloads.push_back(ni);
        i.msg1 = m1.Serialize();
        // Responder: parse, <-- HDR, SAr1, KEr, Nr, keys
        Mip6IkeParseError err;
        uint8_t unsupported = 0;
        auto req = Mip6IkeMessage::Parse(i.msg1.data(), i.msg1.size(), err, unsupported);
        Mip6Ikev2Sa r;
        r.spiI = i.spiI;
        r.spiR = 0x1112131415161718ULL;
        r.ni = i.ni;
        r.nr = Mip6CryptoRandom::Bytes(32);
        r.msg1 = i.msg1;
        auto dhR = Mip6DhKeyPair::Generate(group);
        auto keReq = dynamic_cast<Mip6IkeKePayload*>(PeekPointer(req->payloads[1]));
        auto girR = dhR.Value().ComputeSharedSecret(keReq->data);
        Mip6IkeMessage m2;
        m2.header = m1.header;
        m2.header.spiR = r.spiR;
        m2.header.flags = Mip6IkeHeader::FLAG_RESPONSE;
        m2.payloads.push_back(design->MakeIkeProposal());
        Ptr<Mip6IkeKePayload> ker = Create<Mip6IkeKePayload>();
        ker->group = static_cast<uint16_t>(group);
        ker->data = dhR.Value().GetPublicValue();
        m2.payloads.push_back(ker);
        Ptr<Mip6IkeNoncePayload> nr = Create<Mip6IkeNoncePayload>();
        nr->nonce = r.nr;
        m2.payloads.push_back(nr);
        r.msg2 = m2.Serialize();
        design->DeriveIkeKeys(r, girR.Value());
        // Initiator: keys, HDR, SK {IDi, AUTH, SAi2, TSi, TSr} -->
        auto resp = Mip6IkeMessage::Parse(r.msg2.data(), r.msg2.size(), err, unsupported);
        auto keResp = dynamic_cast<Mip6IkeKePayload*>(PeekPointer(resp->payloads[1]));
        auto girI = dhI.Value().ComputeSharedSecret(keResp->data);
        i.spiR = r.spiR;
        i.nr = r.nr;
        i.msg2 = r.msg2;
        design->DeriveIkeKeys(i, girI.Value());
        Mip6IkeIdPayload idi(false);
        idi.idType = Mip6IkeIdPayload::ID_RFC822_ADDR;
        idi.data = Mip6BytesFromString("mn1@mip6.example");
        Ptr<Mip6IkeAuthPayload> authI = Create<Mip6IkeAuthPayload>();
        authI->method = Mip6IkeAuthPayload::SHARED_KEY_MIC;
        authI->data = design->ComputeAuth(psk, i.msg1, i.nr, i.keys.skPi, idi);
        Mip6IkeMessage m3;
        m3.header = m2.header;
        m3.header.exchange = Mip6IkeHeader::IKE_AUTH;
        m3.header.flags = Mip6IkeHeader::FLAG_INITIATOR;
        m3.header.messageId = 1;
        auto w3 =
            i.skI->Seal(m3,
                        {Create<Mip6IkeIdPayload>(idi), authI, design->MakeEspProposal(0x1000)});
        // Responder: open, verify AUTH, <-- HDR, SK {IDr, AUTH, SAr2, TSi, TSr}
        std::string reason;
        auto in3 = r.skI->Open(w3.Value(), reason);
        auto idiR = dynamic_cast<Mip6IkeIdPayload*>(PeekPointer((*in3)[0]));
        auto authIR = dynamic_cast<Mip6IkeAuthPayload*>(PeekPointer((*in3)[1]));
        if (authIR->data != design->ComputeAuth(psk, r.msg1, r.nr, r.keys.skPi, *idiR))
        {
            state.SkipWithError("AUTH did not verify");
            break;
        }
        Mip6IkeIdPayload idr(true);
        idr.idType = Mip6IkeIdPayload::ID_FQDN;
        idr.data = Mip6BytesFromString("ha.mip6.example");
        Ptr<Mip6IkeAuthPayload> authR = Create<Mip6IkeAuthPayload>();
        authR->method = Mip6IkeAuthPayload::SHARED_KEY_MIC;
        authR->data = design->ComputeAuth(psk, r.msg2, r.ni, r.keys.skPr, idr);
        auto childR = design->MakeChildPair(r,
                                            false,
                                            {},
                                            r.ni,
                                            r.nr,
                                            Mip6EspMode::TRANSPORT,
                                            0x2000,
                                            0x1000,
                                            Ipv6Address("fd00:db8::1"),
                                            Ipv6Address("fd00:db8::2"));
        Mip6IkeMessage m4 = m3;
        m4.header.flags = Mip6IkeHeader::FLAG_RESPONSE;
        auto w4 =
            r.skR->Seal(m4,
                        {Create<Mip6IkeIdPayload>(idr), authR, design->MakeEspProposal(0x2000)});
        // Initiator: open, verify AUTH, Child SA
        auto in4 = i.skR->Open(w4.Value(), reason);
        auto idrI = dynamic_cast<Mip6IkeIdPayload*>(PeekPointer((*in4)[0]));
        auto authRI = dynamic_cast<Mip6IkeAuthPayload*>(PeekPointer((*in4)[1]));
        if (authRI->data != design->ComputeAuth(psk, i.msg2, i.ni, i.keys.skPr, *idrI))
        {
            state.SkipWithError("AUTH did not verify");
            break;
        }
        auto childI = design->MakeChildPair(i,
                                            true,
                                            {},
                                            i.ni,
                                            i.nr,
                                            Mip6EspMode::TRANSPORT,
                                            0x1000,
                                            0x2000,
                                            Ipv6Address("fd00:db8::2"),
                                            Ipv6Address("fd00:db8::1"));
        benchmark::DoNotOptimize(childR.first);
        benchmark::DoNotOptimize(childI.first);
    }
    state.SetLabel("DH group " + std::to_string(state.range(0)) + ", both peers");
}

} // namespace

BENCHMARK(BM_IkeSaInitAuth)->Arg(14)->Arg(19)->Arg(31)->Unit(benchmark::kMillisecond);

BENCHMARK(BM_EspProtectVerify)
    ->ArgsProduct({{0, 1, 2, 3}, {64, 200, 1400}})
    ->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
