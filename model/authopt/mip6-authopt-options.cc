/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mip6-authopt-options.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/mip6-mac.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6AuthOptOptions");

Mip6Option
Mip6AuthOpt::MnIdNai(const std::string& nai)
{
    // RFC 4283 §3: Subtype 1 (NAI), then the identifier; no alignment requirement.
    NS_ABORT_MSG_IF(nai.empty() || nai.size() > 254, "MN-ID NAI must be 1..254 bytes");
    std::vector<uint8_t> data;
    data.reserve(1 + nai.size());
    data.push_back(MNID_SUBTYPE_NAI);
    data.insert(data.end(), nai.begin(), nai.end());
    return Mip6Option(Mip6OptionType::MN_ID, data, 1, 0);
}

Mip6Option
Mip6AuthOpt::MesgId(uint64_t ntp)
{
    // RFC 4285 §6: Length 8, a 64-bit timestamp; alignment 8n+2.
    std::vector<uint8_t> data(8);
    for (int i = 0; i < 8; ++i)
    {
        data[i] = static_cast<uint8_t>(ntp >> (56 - 8 * i));
    }
    return Mip6Option(Mip6OptionType::MESG_ID, data, 8, 2);
}

size_t
Mip6AuthOpt::GetAuthenticatorSize(uint8_t subtype)
{
    // RFC 4285 §5.1: First(96, HMAC_SHA1(...)); §5.2 (HMAC_SHA1_SPI): the full HMAC_SHA1.
    return subtype == AUTH_SUBTYPE_MN_AAA ? Mip6DigestSize(Mip6HashAlgorithm::SHA1) : 12;
}

Mip6Option
Mip6AuthOpt::Auth(uint8_t subtype, uint32_t spi)
{
    // RFC 4285 §5: Subtype, Mobility SPI (4), Authentication Data; alignment 4n+1.
    std::vector<uint8_t> data(5 + GetAuthenticatorSize(subtype), 0);
    data[0] = subtype;
    for (int i = 0; i < 4; ++i)
    {
        data[1 + i] = static_cast<uint8_t>(spi >> (24 - 8 * i));
    }
    return Mip6Option(Mip6OptionType::AUTH, data, 4, 1);
}

Mip6Bytes
Mip6AuthOpt::ComputeAuthenticator(uint8_t subtype,
                                  const Mip6Bytes& key,
                                  Ipv6Address coa,
                                  Ipv6Address hoa,
                                  const uint8_t* mh,
                                  size_t macEnd)
{
    // RFC 4285 §5.1/§5.2: Mobility Data = care-of address | home address | MH Data, MH Data up
    // to and including the Mobility SPI field, the Checksum field set to zero.
    if (macEnd < 6)
    {
        return {};
    }
    Mip6Bytes data(32 + macEnd);
    coa.Serialize(data.data());
    hoa.Serialize(data.data() + 16);
    std::copy(mh, mh + macEnd, data.begin() + 32);
    data[32 + 4] = 0;
    data[32 + 5] = 0;
    if (subtype == AUTH_SUBTYPE_MN_HA)
    {
        auto mac = Mip6Hmac(Mip6HashAlgorithm::SHA1, key, data);
        if (!mac)
        {
            return {};
        }
        Mip6Bytes out = mac.Value();
        out.resize(12); // First(96, ...)
        return out;
    }
    if (subtype == AUTH_SUBTYPE_MN_AAA)
    {
        // §5.2, HMAC_SHA1_SPI: HMAC_SHA1(key, SHA1(Mobility Data)).
        auto digest = Mip6Digest(Mip6HashAlgorithm::SHA1, data);
        if (!digest)
        {
            return {};
        }
        auto mac = Mip6Hmac(Mip6HashAlgorithm::SHA1, key, digest.Value());
        return mac ? mac.Value() : Mip6Bytes();
    }
    return {};
}

void
Mip6AuthOpt::FillAuthenticator(Mip6Header& mh,
                               const Mip6Bytes& key,
                               Ipv6Address coa,
                               Ipv6Address hoa)
{
    auto& options = mh.GetOptions();
    NS_ABORT_MSG_IF(options.empty() || options.back().GetType() != Mip6OptionType::AUTH,
                    "the AUTH option must be the last option (RFC 4285 §5)");
    const size_t index = options.size() - 1;
    std::vector<uint8_t> data = options[index].GetData();
    const uint8_t subtype = data[0];
    mh.SetChecksum(0);
    const std::vector<uint8_t> bytes = mh.SerializeToBytes();
    // Type, Length, Subtype, SPI (4): the MAC covers everything up to the end of the SPI.
    const size_t macEnd = mh.GetOptionOffset(index) + 2 + 1 + 4;
    const Mip6Bytes auth = ComputeAuthenticator(subtype, key, coa, hoa, bytes.data(), macEnd);
    NS_ABORT_MSG_IF(auth.size() != data.size() - 5, "authenticator computation failed");
    std::copy(auth.begin(), auth.end(), data.begin() + 5);
    options[index].SetData(data);
}

std::string
Mip6AuthOpt::Decode(const uint8_t* mh, size_t len, Decoded& out)
{
    out = Decoded();
    if (len < 6)
    {
        return "option-truncated";
    }
    const auto fixed = Mip6Header::GetMessageDataSizeOfType(mh[2]);
    if (!fixed || 6 + *fixed > len)
    {
        return "option-truncated";
    }
    bool authSeen = false;
    for (size_t off = 6 + *fixed; off < len;)
    {
        const uint8_t type = mh[off];
        if (type == Mip6OptionType::PAD1)
        {
            off++;
            continue;
        }
        if (off + 2 > len)
        {
            return "option-truncated";
        }
        const size_t optLen = mh[off + 1];
        if (off + 2 + optLen > len)
        {
            return "option-truncated";
        }
        const uint8_t* d = mh + off + 2;
        if (type != Mip6OptionType::PADN && authSeen)
        {
            return "auth-not-last"; // RFC 4285 §5.1: AUTH is the last option
        }
        switch (type)
        {
        case Mip6OptionType::PADN:
            break;
        case Mip6OptionType::MN_ID:
            // RFC 4283 §3
            if (out.nai)
            {
                return "duplicate-option";
            }
            if (optLen < 2 || d[0] != MNID_SUBTYPE_NAI)
            {
                return "bad-mn-id";
            }
            out.nai = std::string(reinterpret_cast<const char*>(d + 1), optLen - 1);
            break;
        case Mip6OptionType::MESG_ID: {
            // RFC 4285 §6: Length 8, alignment 8n+2
            if (out.mesgId)
            {
                return "duplicate-option";
            }
            if (optLen != 8)
            {
                return "bad-mesg-id";
            }
            if (off % 8 != 2)
            {
                return "misaligned-option";
            }
            uint64_t v = 0;
            for (int i = 0; i < 8; ++i)
            {
                v = (v << 8) | d[i];
            }
            out.mesgId = v;
            break;
        }
        case Mip6OptionType::AUTH: {
            // RFC 4285 §5: Subtype, SPI, authenticator; alignment 4n+1
            if (optLen < 5 || (d[0] != AUTH_SUBTYPE_MN_HA && d[0] != AUTH_SUBTYPE_MN_AAA) ||
                optLen - 5 < GetAuthenticatorSize(d[0]))
            {
                return "bad-auth-option";
            }
            if (off % 4 != 1)
            {
                return "misaligned-option";
            }
            authSeen = true;
            out.hasAuth = true;
            out.authSubtype = d[0];
            out.spi = (uint32_t(d[1]) << 24) | (uint32_t(d[2]) << 16) | (uint32_t(d[3]) << 8) |
                      uint32_t(d[4]);
            out.authenticator.assign(d + 5, d + optLen);
            out.macEnd = off + 2 + 5;
            break;
        }
        default:
            break; // other options (AltCoA, BRA, ...) are covered by the MAC, not read here
        }
        off += 2 + optLen;
    }
    return "";
}

uint64_t
Mip6AuthOpt::ToNtp(Time t)
{
    // RFC 5905 §6 timestamp: 32 bits of seconds since 1900, 32 bits of fraction.
    const int64_t ns = t.GetNanoSeconds();
    int64_t sec = ns / 1000000000;
    int64_t rem = ns % 1000000000;
    if (rem < 0)
    {
        rem += 1000000000;
        sec -= 1;
    }
    const uint64_t frac = (static_cast<uint64_t>(rem) << 32) / 1000000000ULL;
    const uint64_t seconds =
        static_cast<uint64_t>(static_cast<int64_t>(NTP_EPOCH_OF_SIMULATION) + sec);
    return (seconds << 32) | (frac & 0xffffffffULL);
}

Time
Mip6AuthOpt::FromNtp(uint64_t ntp)
{
    const int64_t sec =
        static_cast<int64_t>(ntp >> 32) - static_cast<int64_t>(NTP_EPOCH_OF_SIMULATION);
    const uint64_t frac = ntp & 0xffffffffULL;
    const int64_t ns = static_cast<int64_t>((frac * 1000000000ULL + (1ULL << 31)) >> 32);
    return NanoSeconds(sec * 1000000000 + ns);
}

} // namespace ns3
