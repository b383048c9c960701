/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * crypto-bench: the CPU time of each crypto-core operation the processing-delay model charges
 * (Google Benchmark, not a test). The "server" profile of Mip6ProcessingDelay is these figures
 * on the reference machine of doc/processing-delay.rst; re-run it to make a profile of another
 * machine. Per-byte costs come from two sizes (64 and 1024 bytes): per byte = (t1024 - t64) /
 * 960, per operation = t64 - 64 x per byte.
 *  - BM_DhKeygen/<group>, BM_DhShared/<group>: key pair; shared secret (peer import included)
 *  - BM_EcdsaSign, BM_EcdsaVerify: ECDSA P-256 over a 256-byte message (SHA-256 included)
 *  - BM_Hmac/<bytes>: HMAC-SHA-256 (the IKEv2 PRF; HMAC-SHA1-96 ICVs cost about the same)
 *  - BM_AesCbc/<bytes>: AES-128-CBC encryption
 * Build: cmake -DMIP6_BENCHMARKS=ON (built when model/crypto is in MIP6_AREAS).
 */

#include "ns3/mip6-cipher.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-dh.h"
#include "ns3/mip6-ecdsa.h"
#include "ns3/mip6-mac.h"

#include <benchmark/benchmark.h>

using namespace ns3;

namespace
{

void
BM_DhKeygen(benchmark::State& state)
{
    Mip6CryptoRandom::Install();
    const auto group = static_cast<Mip6DhGroup>(state.range(0));
    for (auto _ : state)
    {
        auto k = Mip6DhKeyPair::Generate(group);
        benchmark::DoNotOptimize(k.Value().GetPublicValue().data());
    }
    state.SetLabel(Mip6DhKeyPair::GetName(group));
}

void
BM_DhShared(benchmark::State& state)
{
    Mip6CryptoRandom::Install();
    const auto group = static_cast<Mip6DhGroup>(state.range(0));
    auto a = Mip6DhKeyPair::Generate(group);
    auto b = Mip6DhKeyPair::Generate(group);
    const Mip6Bytes peer = b.Value().GetPublicValue();
    for (auto _ : state)
    {
        auto s = a.Value().ComputeSharedSecret(peer);
        benchmark::DoNotOptimize(s.Value().data());
    }
    state.SetLabel(Mip6DhKeyPair::GetName(group));
}

void
BM_EcdsaSign(benchmark::State& state)
{
    Mip6CryptoRandom::Install();
    auto key = Mip6EcdsaP256Key::Generate();
    const Mip6Bytes msg(256, 0x5a);
    for (auto _ : state)
    {
        auto sig = key.Value().SignDer(msg);
        benchmark::DoNotOptimize(sig.Value().data());
    }
}

void
BM_EcdsaVerify(benchmark::State& state)
{
    Mip6CryptoRandom::Install();
    auto key = Mip6EcdsaP256Key::Generate();
    const Mip6Bytes msg(256, 0x5a);
    const Mip6Bytes sig = key.Value().SignDer(msg).Value();
    for (auto _ : state)
    {
        bool ok = key.Value().VerifyDer(msg, sig);
        benchmark::DoNotOptimize(ok);
    }
}

void
BM_Hmac(benchmark::State& state)
{
    const Mip6Bytes key(32, 0x11);
    const Mip6Bytes data(static_cast<size_t>(state.range(0)), 0x22);
    for (auto _ : state)
    {
        auto m = Mip6Hmac(Mip6HashAlgorithm::SHA256, key, data);
        benchmark::DoNotOptimize(m.Value().data());
    }
    state.SetBytesProcessed(state.iterations() * state.range(0));
}

void
BM_AesCbc(benchmark::State& state)
{
    auto c = Mip6Cipher::Create(Mip6CipherAlgorithm::AES_128_CBC, Mip6Bytes(16, 0x33));
    const Mip6Bytes iv(16, 0x44);
    const Mip6Bytes data(static_cast<size_t>(state.range(0)), 0x55);
    for (auto _ : state)
    {
        auto e = c.Value().Encrypt(iv, data);
        benchmark::DoNotOptimize(e.Value().data());
    }
    state.SetBytesProcessed(state.iterations() * state.range(0));
}

} // namespace

BENCHMARK(BM_DhKeygen)->Arg(14)->Arg(19)->Arg(31)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DhShared)->Arg(14)->Arg(19)->Arg(31)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EcdsaSign)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EcdsaVerify)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Hmac)->Arg(64)->Arg(1024)->Unit(benchmark::kNanosecond);
BENCHMARK(BM_AesCbc)->Arg(64)->Arg(1024)->Unit(benchmark::kNanosecond);

BENCHMARK_MAIN();
