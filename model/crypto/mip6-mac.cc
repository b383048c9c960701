/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mip6-mac.h"

#include "mip6-crypto-internal.h"

#include "ns3/log.h"
#include "ns3/mip6-cipher.h"
#include "ns3/mip6-processing-delay.h"

#include <cstring>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6Mac");

/**
 * \ingroup mip6-crypto
 * The keys AES-XCBC-MAC derives from K (RFC 3566 §4): the cipher keyed with K1, and K2, K3.
 */
struct Mip6XcbcKeys
{
    /// AES keyed with K1 = E(K, 0x01..01)
    Mip6AesBlock k1;
    /// K2 = E(K, 0x02..02), folded into a complete final block
    uint8_t k2[16];
    /// K3 = E(K, 0x03..03), folded into a padded final block
    uint8_t k3[16];

    /**
     * Derives K1, K2, K3.
     * \param key the 16-byte key K
     * \return the keys, or why not
     */
    static Mip6CryptoResult<std::shared_ptr<const Mip6XcbcKeys>> Derive(const Mip6Bytes& key);

    /**
     * RFC 3566 §4 steps 2–6.
     * \param data message
     * \param size its length
     * \return the 128-bit MAC, or why not
     */
    Mip6CryptoResult<Mip6Bytes> Mac(const uint8_t* data, size_t size) const;
};

Mip6CryptoResult<std::shared_ptr<const Mip6XcbcKeys>>
Mip6XcbcKeys::Derive(const Mip6Bytes& key)
{
    // RFC 3566 §4: AES-XCBC-MAC-96 uses a 128-bit key.
    if (key.size() != 16)
    {
        return Mip6CryptoError{"bad-key-length: AES-XCBC needs 16 bytes, got " +
                               std::to_string(key.size())};
    }
    auto aesK = Mip6AesBlock::Create(key);
    if (!aesK)
    {
        return Mip6CryptoError{aesK.GetError()};
    }
    // Step 1: K1 = 0x01..01 encrypted with K, K2 = 0x02..02, K3 = 0x03..03.
    uint8_t k1[16];
    uint8_t c[16];
    std::memset(c, 0x01, sizeof(c));
    Mip6CryptoStatus st = aesK->EncryptBlock(c, k1);
    auto keys = std::make_shared<Mip6XcbcKeys>(Mip6XcbcKeys{*aesK, {}, {}});
    std::memset(c, 0x02, sizeof(c));
    if (st)
    {
        st = aesK->EncryptBlock(c, keys->k2);
    }
    std::memset(c, 0x03, sizeof(c));
    if (st)
    {
        st = aesK->EncryptBlock(c, keys->k3);
    }
    if (!st)
    {
        return Mip6CryptoError{st.GetError()};
    }
    auto aesK1 = Mip6AesBlock::Create(Mip6Bytes(k1, k1 + 16));
    OPENSSL_cleanse(k1, sizeof(k1));
    if (!aesK1)
    {
        return Mip6CryptoError{aesK1.GetError()};
    }
    keys->k1 = *aesK1;
    return std::shared_ptr<const Mip6XcbcKeys>(keys);
}

Mip6CryptoResult<Mip6Bytes>
Mip6XcbcKeys::Mac(const uint8_t* data, size_t size) const
{
    if (size > 0 && data == nullptr)
    {
        return Mip6CryptoError{"bad-data: null input"};
    }
    // Step 2: E[0] = 0.
    uint8_t e[16] = {0};
    // Blocks M[1] .. M[n-1] (a complete last block is handled in step 4, not here).
    const size_t nFull = size == 0 ? 0 : (size - 1) / 16;
    for (size_t i = 0; i < nFull; ++i)
    {
        // Step 3: E[i] = E(K1, M[i] XOR E[i-1]).
        for (size_t j = 0; j < 16; ++j)
        {
            e[j] ^= data[16 * i + j];
        }
        Mip6CryptoStatus st = k1.EncryptBlock(e, e);
        if (!st)
        {
            return Mip6CryptoError{st.GetError()};
        }
    }
    const size_t rest = size - 16 * nFull; // 0..16, 0 only for the empty message
    const uint8_t* last = data + 16 * nFull;
    if (rest == 16)
    {
        // Step 4: a complete final block is XORed with E[n-1] and K2.
        for (size_t j = 0; j < 16; ++j)
        {
            e[j] ^= last[j] ^ k2[j];
        }
    }
    else
    {
        // Step 5: pad with a single 1 bit then 0 bits, XOR with E[n-1] and K3.
        uint8_t padded[16] = {0};
        if (rest > 0)
        {
            std::memcpy(padded, last, rest);
        }
        padded[rest] = 0x80;
        for (size_t j = 0; j < 16; ++j)
        {
            e[j] ^= padded[j] ^ k3[j];
        }
    }
    Mip6CryptoStatus st = k1.EncryptBlock(e, e);
    if (!st)
    {
        return Mip6CryptoError{st.GetError()};
    }
    return Mip6Bytes(e, e + 16);
}

namespace
{

/// \return the OpenSSL digest name
const char*
DigestName(Mip6HashAlgorithm hash)
{
    switch (hash)
    {
    case Mip6HashAlgorithm::SHA1:
        return "SHA1";
    case Mip6HashAlgorithm::SHA256:
        return "SHA256";
    case Mip6HashAlgorithm::SHA384:
        return "SHA384";
    case Mip6HashAlgorithm::SHA512:
        return "SHA512";
    case Mip6HashAlgorithm::MD5:
        return "MD5";
    }
    return "SHA256";
}

/// \return an HMAC context keyed with key, or why not
Mip6CryptoResult<std::shared_ptr<EVP_MAC_CTX>>
NewHmac(Mip6HashAlgorithm hash, const Mip6Bytes& key)
{
    EVP_MAC* mac = mip6crypto::FetchHmac();
    if (mac == nullptr)
    {
        return mip6crypto::OpensslError("hmac: HMAC unavailable");
    }
    std::shared_ptr<EVP_MAC_CTX> ctx(EVP_MAC_CTX_new(mac),
                                     [](EVP_MAC_CTX* p) { EVP_MAC_CTX_free(p); });
    if (!ctx)
    {
        return mip6crypto::OpensslError("hmac: EVP_MAC_CTX_new");
    }
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                         const_cast<char*>(DigestName(hash)),
                                         0),
        OSSL_PARAM_construct_end(),
    };
    // An empty key is legal HMAC; OpenSSL wants a non-null pointer for it.
    static const uint8_t empty = 0;
    if (EVP_MAC_init(ctx.get(), key.empty() ? &empty : key.data(), key.size(), params) != 1)
    {
        return mip6crypto::OpensslError("hmac: keying failed");
    }
    return ctx;
}

/// Runs a keyed HMAC context over data (re-initialising it first, which keeps the key).
Mip6CryptoResult<Mip6Bytes>
RunHmac(EVP_MAC_CTX* ctx, const uint8_t* data, size_t size)
{
    if (size > 0 && data == nullptr)
    {
        return Mip6CryptoError{"bad-data: null input"};
    }
    uint8_t out[EVP_MAX_MD_SIZE];
    size_t outLen = 0;
    if (EVP_MAC_init(ctx, nullptr, 0, nullptr) != 1 ||
        (size > 0 && EVP_MAC_update(ctx, data, size) != 1) ||
        EVP_MAC_final(ctx, out, &outLen, sizeof(out)) != 1)
    {
        return mip6crypto::OpensslError("hmac: computation failed");
    }
    return Mip6Bytes(out, out + outLen);
}

/// \return the hash of an HMAC transform
Mip6HashAlgorithm
IntegHash(Mip6IntegAlgorithm algorithm)
{
    switch (algorithm)
    {
    case Mip6IntegAlgorithm::HMAC_SHA1_96:
        return Mip6HashAlgorithm::SHA1;
    case Mip6IntegAlgorithm::HMAC_SHA384_192:
        return Mip6HashAlgorithm::SHA384;
    case Mip6IntegAlgorithm::HMAC_SHA512_256:
        return Mip6HashAlgorithm::SHA512;
    default:
        return Mip6HashAlgorithm::SHA256;
    }
}

} // namespace

size_t
Mip6DigestSize(Mip6HashAlgorithm hash)
{
    switch (hash)
    {
    case Mip6HashAlgorithm::SHA1:
        return 20;
    case Mip6HashAlgorithm::SHA256:
        return 32;
    case Mip6HashAlgorithm::SHA384:
        return 48;
    case Mip6HashAlgorithm::SHA512:
        return 64;
    case Mip6HashAlgorithm::MD5:
        return 16;
    }
    return 0;
}

std::string
Mip6HashName(Mip6HashAlgorithm hash)
{
    return DigestName(hash);
}

Mip6CryptoResult<Mip6Bytes>
Mip6Digest(Mip6HashAlgorithm hash, const uint8_t* data, size_t size)
{
    if (size > 0 && data == nullptr)
    {
        return Mip6CryptoError{"bad-data: null input"};
    }
    const EVP_MD* md = mip6crypto::FetchDigest(DigestName(hash));
    uint8_t out[EVP_MAX_MD_SIZE];
    unsigned int outLen = 0;
    static const uint8_t empty = 0;
    if (md == nullptr || EVP_Digest(size > 0 ? data : &empty, size, out, &outLen, md, nullptr) != 1)
    {
        return mip6crypto::OpensslError("digest: computation failed");
    }
    return Mip6Bytes(out, out + outLen);
}

Mip6CryptoResult<Mip6Bytes>
Mip6Digest(Mip6HashAlgorithm hash, const Mip6Bytes& data)
{
    return Mip6Digest(hash, data.data(), data.size());
}

Mip6CryptoResult<Mip6Bytes>
Mip6Hmac(Mip6HashAlgorithm hash, const Mip6Bytes& key, const uint8_t* data, size_t size)
{
    if (Mip6ProcessingDelay* cpu = Mip6CpuScope::Current())
    {
        cpu->Charge("mac", cpu->GetMacCost(size));
    }
    auto ctx = NewHmac(hash, key);
    if (!ctx)
    {
        return Mip6CryptoError{ctx.GetError()};
    }
    return RunHmac(ctx->get(), data, size);
}

Mip6CryptoResult<Mip6Bytes>
Mip6Hmac(Mip6HashAlgorithm hash, const Mip6Bytes& key, const Mip6Bytes& data)
{
    return Mip6Hmac(hash, key, data.data(), data.size());
}

Mip6CryptoResult<Mip6Bytes>
Mip6AesXcbcMac(const Mip6Bytes& key, const uint8_t* data, size_t size)
{
    if (Mip6ProcessingDelay* cpu = Mip6CpuScope::Current())
    {
        cpu->Charge("mac", cpu->GetMacCost(size));
    }
    auto keys = Mip6XcbcKeys::Derive(key);
    if (!keys)
    {
        return Mip6CryptoError{keys.GetError()};
    }
    return (*keys)->Mac(data, size);
}

Mip6CryptoResult<Mip6Bytes>
Mip6AesXcbcPrf128(const Mip6Bytes& key, const Mip6Bytes& data)
{
    // RFC 4434 §2: a 16-byte key is used as is; a shorter one is padded on the right with zero
    // bits; a longer one is replaced by AES-XCBC-PRF-128 of it under the all-zero key.
    Mip6Bytes k = key;
    if (k.size() < 16)
    {
        k.resize(16, 0);
    }
    else if (k.size() > 16)
    {
        auto reduced = Mip6AesXcbcMac(Mip6Bytes(16, 0), key.data(), key.size());
        if (!reduced)
        {
            return reduced;
        }
        k = *reduced;
    }
    return Mip6AesXcbcMac(k, data.data(), data.size());
}

// ---- Mip6Integrity ----

Mip6Integrity::Mip6Integrity(Mip6IntegAlgorithm algorithm)
    : m_algorithm(algorithm)
{
}

Mip6CryptoResult<Mip6Integrity>
Mip6Integrity::Create(Mip6IntegAlgorithm algorithm, const Mip6Bytes& key)
{
    NS_LOG_FUNCTION(GetName(algorithm) << key.size());
    if (key.size() != GetKeySize(algorithm))
    {
        return Mip6CryptoError{"bad-key-length: " + GetName(algorithm) + " needs " +
                               std::to_string(GetKeySize(algorithm)) + " bytes, got " +
                               std::to_string(key.size())};
    }
    Mip6Integrity integ(algorithm);
    switch (algorithm)
    {
    case Mip6IntegAlgorithm::NONE:
        break;
    case Mip6IntegAlgorithm::AES_XCBC_96: {
        auto keys = Mip6XcbcKeys::Derive(key);
        if (!keys)
        {
            return Mip6CryptoError{keys.GetError()};
        }
        integ.m_xcbc = *keys;
        break;
    }
    default: {
        auto ctx = NewHmac(IntegHash(algorithm), key);
        if (!ctx)
        {
            return Mip6CryptoError{ctx.GetError()};
        }
        integ.m_mac = *ctx;
        break;
    }
    }
    return integ;
}

Mip6CryptoResult<Mip6Bytes>
Mip6Integrity::Compute(const uint8_t* data, size_t size) const
{
    if (Mip6ProcessingDelay* cpu = Mip6CpuScope::Current())
    {
        cpu->Charge("mac", cpu->GetMacCost(size));
    }
    Mip6CryptoResult<Mip6Bytes> full = Mip6Bytes();
    switch (m_algorithm)
    {
    case Mip6IntegAlgorithm::NONE:
        return Mip6Bytes();
    case Mip6IntegAlgorithm::AES_XCBC_96:
        full = m_xcbc->Mac(data, size);
        break;
    default:
        full = RunHmac(m_mac.get(), data, size);
        break;
    }
    if (!full)
    {
        return full;
    }
    // RFC 2404 §2, RFC 4868 §2.3, RFC 3566 §4: the ICV is the leftmost bits of the MAC.
    full->resize(GetIcvSize(m_algorithm));
    return full;
}

Mip6CryptoResult<Mip6Bytes>
Mip6Integrity::Compute(const Mip6Bytes& data) const
{
    return Compute(data.data(), data.size());
}

bool
Mip6Integrity::Verify(const uint8_t* data, size_t size, const uint8_t* icv, size_t icvSize) const
{
    if (icvSize != GetIcvSize(m_algorithm) || (icvSize > 0 && icv == nullptr))
    {
        return false;
    }
    auto expected = Compute(data, size);
    if (!expected)
    {
        return false;
    }
    return Mip6ConstantTimeEqual(*expected, Mip6Bytes(icv, icv + icvSize));
}

bool
Mip6Integrity::Verify(const Mip6Bytes& data, const Mip6Bytes& icv) const
{
    return Verify(data.data(), data.size(), icv.data(), icv.size());
}

Mip6IntegAlgorithm
Mip6Integrity::GetAlgorithm() const
{
    return m_algorithm;
}

size_t
Mip6Integrity::GetKeySize(Mip6IntegAlgorithm algorithm)
{
    switch (algorithm)
    {
    case Mip6IntegAlgorithm::NONE:
        return 0;
    case Mip6IntegAlgorithm::HMAC_SHA1_96:
        return 20; // RFC 2404 §3
    case Mip6IntegAlgorithm::HMAC_SHA256_128:
        return 32; // RFC 4868 §2.1.1
    case Mip6IntegAlgorithm::HMAC_SHA384_192:
        return 48;
    case Mip6IntegAlgorithm::HMAC_SHA512_256:
        return 64;
    case Mip6IntegAlgorithm::AES_XCBC_96:
        return 16; // RFC 3566 §2.1
    }
    return 0;
}

size_t
Mip6Integrity::GetIcvSize(Mip6IntegAlgorithm algorithm)
{
    switch (algorithm)
    {
    case Mip6IntegAlgorithm::NONE:
        return 0;
    case Mip6IntegAlgorithm::HMAC_SHA1_96:
    case Mip6IntegAlgorithm::AES_XCBC_96:
        return 12;
    case Mip6IntegAlgorithm::HMAC_SHA256_128:
        return 16;
    case Mip6IntegAlgorithm::HMAC_SHA384_192:
        return 24;
    case Mip6IntegAlgorithm::HMAC_SHA512_256:
        return 32;
    }
    return 0;
}

std::string
Mip6Integrity::GetName(Mip6IntegAlgorithm algorithm)
{
    switch (algorithm)
    {
    case Mip6IntegAlgorithm::NONE:
        return "NONE";
    case Mip6IntegAlgorithm::HMAC_SHA1_96:
        return "HMAC-SHA1-96";
    case Mip6IntegAlgorithm::HMAC_SHA256_128:
        return "HMAC-SHA-256-128";
    case Mip6IntegAlgorithm::HMAC_SHA384_192:
        return "HMAC-SHA-384-192";
    case Mip6IntegAlgorithm::HMAC_SHA512_256:
        return "HMAC-SHA-512-256";
    case Mip6IntegAlgorithm::AES_XCBC_96:
        return "AES-XCBC-MAC-96";
    }
    return "?";
}

} // namespace ns3
