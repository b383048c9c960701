/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ESP protect + verify per packet (Google Benchmark, not a test): for each transform and packet
 * size, one Mip6EspProtocol::Protect of an ns-3 Packet (copy out, seal, ESP header, tag) and one
 * receiver-side Open (copy out, replay check, ICV, decrypt, padding). Issue 4 target: at least
 * 100,000 pairs per second for a 200-byte packet with the default transform on one core.
 * Build: add `ipsec-bench` to benchmarks/CMakeLists.txt like mip6-bench.
 */

#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-esp-protocol.h"
#include "ns3/mip6-esp-sa.h"
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

} // namespace

BENCHMARK(BM_EspProtectVerify)
    ->ArgsProduct({{0, 1, 2, 3}, {64, 200, 1400}})
    ->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
