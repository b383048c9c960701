/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * authopt-bench: the per-message cost of the RFC 4285 options (Google Benchmark), in wall time
 * (simulated crypto takes zero simulated time, DESIGN.md §2).
 *  - BM_AuthoptBuildBu: a home BU with AltCoA, MN-ID, MESG-ID and an MN-HA AUTH filled over the
 *    final bytes (what DecorateBindingUpdate does), plus the checksum.
 *  - BM_AuthoptVerifyBu: decode the options of that BU and verify its authenticator (what the
 *    HA's ReceiveSignaling does).
 *  - BM_AuthoptBuildBuMnAaa: the same BU with the MN-AAA option (SHA-1 then HMAC-SHA1).
 * Target (not a test): well under 10 µs per BU on a laptop core, i.e. negligible next to the
 * simulator's per-packet cost.
 */

#include "ns3/mip6-authopt-options.h"
#include "ns3/mip6-crypto-types.h"

#include <benchmark/benchmark.h>

using namespace ns3;

namespace
{

const Ipv6Address kHoa("fd00:0:0:1::100");
const Ipv6Address kCoa("fd00:0:0:5::200");
const Ipv6Address kHa("fd00:0:0:1::1");
const Mip6Bytes kKey(16, 0x5a);

Mip6BindingUpdateHeader
BuildBu(uint8_t subtype, uint16_t seq)
{
    Mip6BindingUpdateHeader bu;
    bu.SetSequence(seq);
    bu.SetFlag(Mip6BindingUpdateHeader::FLAG_A, true);
    bu.SetFlag(Mip6BindingUpdateHeader::FLAG_H, true);
    bu.SetLifetimeUnits(100);
    bu.AddOption(Mip6Option::AlternateCareOfAddress(kCoa));
    bu.AddOption(Mip6AuthOpt::MnIdNai("mn004@home.arpa"));
    bu.AddOption(Mip6AuthOpt::MesgId(Mip6AuthOpt::ToNtp(Seconds(seq))));
    bu.AddOption(Mip6AuthOpt::Auth(
        subtype,
        subtype == Mip6AuthOpt::AUTH_SUBTYPE_MN_HA ? 0x1234 : Mip6AuthOpt::HMAC_SHA1_SPI));
    Mip6AuthOpt::FillAuthenticator(bu, kKey, kCoa, kHoa);
    bu.CalculateChecksum(kHoa, kHa);
    return bu;
}

void
BM_AuthoptBuildBu(benchmark::State& state)
{
    uint16_t seq = 0;
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(BuildBu(Mip6AuthOpt::AUTH_SUBTYPE_MN_HA, ++seq));
    }
}

void
BM_AuthoptBuildBuMnAaa(benchmark::State& state)
{
    uint16_t seq = 0;
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(BuildBu(Mip6AuthOpt::AUTH_SUBTYPE_MN_AAA, ++seq));
    }
}

void
BM_AuthoptVerifyBu(benchmark::State& state)
{
    const std::vector<uint8_t> bytes =
        BuildBu(Mip6AuthOpt::AUTH_SUBTYPE_MN_HA, 1).SerializeToBytes();
    for (auto _ : state)
    {
        Mip6AuthOpt::Decoded d;
        const std::string error = Mip6AuthOpt::Decode(bytes.data(), bytes.size(), d);
        const Mip6Bytes mac = Mip6AuthOpt::ComputeAuthenticator(d.authSubtype,
                                                                kKey,
                                                                kCoa,
                                                                kHoa,
                                                                bytes.data(),
                                                                d.macEnd);
        const bool ok = error.empty() && Mip6ConstantTimeEqual(mac, d.authenticator);
        if (!ok)
        {
            state.SkipWithError("the BU does not verify");
            break;
        }
        benchmark::DoNotOptimize(ok);
    }
}

} // namespace

BENCHMARK(BM_AuthoptBuildBu);
BENCHMARK(BM_AuthoptBuildBuMnAaa);
BENCHMARK(BM_AuthoptVerifyBu);

BENCHMARK_MAIN();
