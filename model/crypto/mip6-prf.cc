/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mip6-prf.h"

#include "ns3/log.h"
#include "ns3/mip6-mac.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6Prf");

Mip6Prf::Mip6Prf(Mip6PrfAlgorithm algorithm)
    : m_algorithm(algorithm)
{
}

Mip6CryptoResult<Mip6Bytes>
Mip6Prf::Compute(const Mip6Bytes& key, const Mip6Bytes& data) const
{
    switch (m_algorithm)
    {
    case Mip6PrfAlgorithm::HMAC_SHA1:
        return Mip6Hmac(Mip6HashAlgorithm::SHA1, key, data);
    case Mip6PrfAlgorithm::HMAC_SHA256:
        return Mip6Hmac(Mip6HashAlgorithm::SHA256, key, data);
    case Mip6PrfAlgorithm::HMAC_SHA384:
        return Mip6Hmac(Mip6HashAlgorithm::SHA384, key, data);
    case Mip6PrfAlgorithm::HMAC_SHA512:
        return Mip6Hmac(Mip6HashAlgorithm::SHA512, key, data);
    case Mip6PrfAlgorithm::AES128_XCBC:
        return Mip6AesXcbcPrf128(key, data);
    }
    return Mip6CryptoError{"prf: unknown algorithm"};
}

// RFC 7296 §2.13
Mip6CryptoResult<Mip6Bytes>
Mip6Prf::PrfPlus(const Mip6Bytes& key, const Mip6Bytes& seed, size_t length) const
{
    const size_t outSize = GetOutputSize();
    if (length > 255 * outSize)
    {
        return Mip6CryptoError{"prf+: " + std::to_string(length) + " bytes exceed 255 blocks of " +
                               std::to_string(outSize)};
    }
    Mip6Bytes out;
    out.reserve(length + outSize);
    Mip6Bytes previous;
    for (unsigned n = 1; out.size() < length; ++n)
    {
        // Tn = prf(K, Tn-1 | S | n), with T0 empty.
        Mip6Bytes input = previous;
        input.insert(input.end(), seed.begin(), seed.end());
        input.push_back(static_cast<uint8_t>(n));
        auto t = Compute(key, input);
        if (!t)
        {
            return t;
        }
        previous = *t;
        out.insert(out.end(), previous.begin(), previous.end());
    }
    out.resize(length);
    return out;
}

Mip6PrfAlgorithm
Mip6Prf::GetAlgorithm() const
{
    return m_algorithm;
}

size_t
Mip6Prf::GetOutputSize() const
{
    switch (m_algorithm)
    {
    case Mip6PrfAlgorithm::HMAC_SHA1:
        return 20;
    case Mip6PrfAlgorithm::HMAC_SHA256:
        return 32;
    case Mip6PrfAlgorithm::HMAC_SHA384:
        return 48;
    case Mip6PrfAlgorithm::HMAC_SHA512:
        return 64;
    case Mip6PrfAlgorithm::AES128_XCBC:
        return 16;
    }
    return 0;
}

size_t
Mip6Prf::GetKeySize() const
{
    // RFC 7296 §2.14: "the preferred key length of the PRF"; for HMAC that is the output length
    // (RFC 4868 §2.1.2), for AES-XCBC-PRF-128 the 128-bit AES key.
    return GetOutputSize();
}

std::string
Mip6Prf::GetName(Mip6PrfAlgorithm algorithm)
{
    switch (algorithm)
    {
    case Mip6PrfAlgorithm::HMAC_SHA1:
        return "PRF_HMAC_SHA1";
    case Mip6PrfAlgorithm::HMAC_SHA256:
        return "PRF_HMAC_SHA2_256";
    case Mip6PrfAlgorithm::HMAC_SHA384:
        return "PRF_HMAC_SHA2_384";
    case Mip6PrfAlgorithm::HMAC_SHA512:
        return "PRF_HMAC_SHA2_512";
    case Mip6PrfAlgorithm::AES128_XCBC:
        return "PRF_AES128_XCBC";
    }
    return "?";
}

namespace
{

/// Splits prf+(SKEYSEED, Ni | Nr | SPIi | SPIr) into the seven keys (RFC 7296 §2.14).
Mip6CryptoResult<Mip6Ikev2Keys>
ExpandIkeKeys(const Mip6Prf& prf,
              const Mip6Bytes& skeyseed,
              const Mip6Bytes& ni,
              const Mip6Bytes& nr,
              uint64_t spii,
              uint64_t spir,
              size_t integKeySize,
              size_t encrKeySize)
{
    const size_t prfKey = prf.GetKeySize();
    Mip6Bytes seed = Mip6Concat(ni, nr);
    const Mip6Bytes spis = Mip6Concat(Mip6BigEndian(spii, 8), Mip6BigEndian(spir, 8));
    seed.insert(seed.end(), spis.begin(), spis.end());
    const size_t total = 3 * prfKey + 2 * integKeySize + 2 * encrKeySize;
    auto stream = prf.PrfPlus(skeyseed, seed, total);
    if (!stream)
    {
        return Mip6CryptoError{stream.GetError()};
    }
    Mip6Ikev2Keys keys;
    keys.skeyseed = skeyseed;
    auto it = stream->cbegin();
    auto take = [&it](size_t n) {
        Mip6Bytes part(it, it + static_cast<std::ptrdiff_t>(n));
        it += static_cast<std::ptrdiff_t>(n);
        return part;
    };
    // The order is fixed by §2.14: SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr.
    keys.skD = take(prfKey);
    keys.skAi = take(integKeySize);
    keys.skAr = take(integKeySize);
    keys.skEi = take(encrKeySize);
    keys.skEr = take(encrKeySize);
    keys.skPi = take(prfKey);
    keys.skPr = take(prfKey);
    return keys;
}

/// Validates nonce lengths (RFC 7296 §3.9: 16..256 octets).
Mip6CryptoStatus
CheckNonces(const Mip6Bytes& ni, const Mip6Bytes& nr)
{
    for (const Mip6Bytes* n : {&ni, &nr})
    {
        if (n->size() < 16 || n->size() > 256)
        {
            return Mip6CryptoError{"bad-nonce-length: IKEv2 nonces are 16..256 bytes, got " +
                                   std::to_string(n->size())};
        }
    }
    return Mip6CryptoStatus::Ok();
}

} // namespace

// RFC 7296 §2.14
Mip6CryptoResult<Mip6Ikev2Keys>
Mip6DeriveIkev2Keys(const Mip6Prf& prf,
                    const Mip6Bytes& ni,
                    const Mip6Bytes& nr,
                    const Mip6Bytes& gir,
                    uint64_t spii,
                    uint64_t spir,
                    size_t integKeySize,
                    size_t encrKeySize)
{
    NS_LOG_FUNCTION(Mip6Prf::GetName(prf.GetAlgorithm()) << ni.size() << nr.size() << gir.size());
    Mip6CryptoStatus st = CheckNonces(ni, nr);
    if (!st)
    {
        return Mip6CryptoError{st.GetError()};
    }
    if (gir.empty())
    {
        return Mip6CryptoError{"bad-shared-secret: empty g^ir"};
    }
    Mip6Bytes key;
    if (prf.GetAlgorithm() == Mip6PrfAlgorithm::AES128_XCBC)
    {
        // §2.14: for AES-XCBC-PRF-128 only the first 64 bits of Ni and of Nr key SKEYSEED.
        key.assign(ni.begin(), ni.begin() + 8);
        key.insert(key.end(), nr.begin(), nr.begin() + 8);
    }
    else
    {
        key = Mip6Concat(ni, nr);
    }
    auto skeyseed = prf.Compute(key, gir);
    if (!skeyseed)
    {
        return Mip6CryptoError{skeyseed.GetError()};
    }
    return ExpandIkeKeys(prf, *skeyseed, ni, nr, spii, spir, integKeySize, encrKeySize);
}

// RFC 7296 §2.18
Mip6CryptoResult<Mip6Ikev2Keys>
Mip6DeriveIkev2RekeyKeys(const Mip6Prf& prf,
                         const Mip6Bytes& oldSkD,
                         const Mip6Bytes& gir,
                         const Mip6Bytes& ni,
                         const Mip6Bytes& nr,
                         uint64_t spii,
                         uint64_t spir,
                         size_t integKeySize,
                         size_t encrKeySize)
{
    Mip6CryptoStatus st = CheckNonces(ni, nr);
    if (!st)
    {
        return Mip6CryptoError{st.GetError()};
    }
    if (gir.empty() || oldSkD.empty())
    {
        return Mip6CryptoError{"bad-input: rekeying needs the old SK_d and a new g^ir"};
    }
    Mip6Bytes data = Mip6Concat(gir, ni);
    data.insert(data.end(), nr.begin(), nr.end());
    auto skeyseed = prf.Compute(oldSkD, data);
    if (!skeyseed)
    {
        return Mip6CryptoError{skeyseed.GetError()};
    }
    return ExpandIkeKeys(prf, *skeyseed, ni, nr, spii, spir, integKeySize, encrKeySize);
}

// RFC 7296 §2.17
Mip6CryptoResult<Mip6Bytes>
Mip6DeriveChildSaKeymat(const Mip6Prf& prf,
                        const Mip6Bytes& skD,
                        const Mip6Bytes& gir,
                        const Mip6Bytes& ni,
                        const Mip6Bytes& nr,
                        size_t length)
{
    Mip6CryptoStatus st = CheckNonces(ni, nr);
    if (!st)
    {
        return Mip6CryptoError{st.GetError()};
    }
    Mip6Bytes seed = Mip6Concat(gir, ni);
    seed.insert(seed.end(), nr.begin(), nr.end());
    return prf.PrfPlus(skD, seed, length);
}

} // namespace ns3
