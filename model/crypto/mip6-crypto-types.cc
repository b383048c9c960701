/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mip6-crypto-types.h"

#include "mip6-crypto-internal.h"

#include "ns3/log.h"
#include "ns3/mip6-crypto-random.h"

#include <map>
#include <openssl/crypto.h>
#include <openssl/err.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6CryptoTypes");

std::string
Mip6ToHex(const uint8_t* data, size_t size)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * size);
    for (size_t i = 0; i < size; ++i)
    {
        out.push_back(digits[data[i] >> 4]);
        out.push_back(digits[data[i] & 0x0f]);
    }
    return out;
}

std::string
Mip6ToHex(const Mip6Bytes& bytes)
{
    return Mip6ToHex(bytes.data(), bytes.size());
}

namespace
{

/// \return the value of a hex digit, or -1
int
HexValue(char c)
{
    if (c >= '0' && c <= '9')
    {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f')
    {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F')
    {
        return c - 'A' + 10;
    }
    return -1;
}

} // namespace

Mip6CryptoResult<Mip6Bytes>
Mip6FromHex(const std::string& hex)
{
    size_t start = 0;
    if (hex.size() >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X'))
    {
        start = 2;
    }
    Mip6Bytes out;
    out.reserve(hex.size() / 2);
    int high = -1;
    for (size_t i = start; i < hex.size(); ++i)
    {
        const char c = hex[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
            continue;
        }
        const int v = HexValue(c);
        if (v < 0)
        {
            return Mip6CryptoError{"bad-hex: character '" + std::string(1, c) + "' at offset " +
                                   std::to_string(i)};
        }
        if (high < 0)
        {
            high = v;
        }
        else
        {
            out.push_back(static_cast<uint8_t>((high << 4) | v));
            high = -1;
        }
    }
    if (high >= 0)
    {
        return Mip6CryptoError{"bad-hex: odd number of digits"};
    }
    return out;
}

bool
Mip6ConstantTimeEqual(const Mip6Bytes& a, const Mip6Bytes& b)
{
    if (a.size() != b.size())
    {
        return false;
    }
    if (a.empty())
    {
        return true;
    }
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Mip6Bytes
Mip6Concat(const Mip6Bytes& a, const Mip6Bytes& b)
{
    Mip6Bytes out;
    out.reserve(a.size() + b.size());
    out.insert(out.end(), a.begin(), a.end());
    out.insert(out.end(), b.begin(), b.end());
    return out;
}

Mip6Bytes
Mip6BytesFromString(const std::string& text)
{
    return Mip6Bytes(text.begin(), text.end());
}

Mip6Bytes
Mip6BigEndian(uint64_t value, size_t size)
{
    NS_ASSERT_MSG(size >= 1 && size <= 8, "Mip6BigEndian: size " << size);
    Mip6Bytes out(size);
    for (size_t i = 0; i < size; ++i)
    {
        out[size - 1 - i] = static_cast<uint8_t>(value >> (8 * i));
    }
    return out;
}

namespace mip6crypto
{

Mip6CryptoError
OpensslError(const std::string& what)
{
    std::string reason = what;
    unsigned long code;
    bool first = true;
    // Drain the whole queue: the reason keeps the first (root) entries, and nothing stale is left.
    while ((code = ERR_get_error()) != 0)
    {
        if (first)
        {
            char buf[256];
            ERR_error_string_n(code, buf, sizeof(buf));
            reason += ": ";
            reason += buf;
            first = false;
        }
    }
    // No NS_LOG here: this can run during static initialisation (Mip6CryptoRandom's AutoInstall).
    return Mip6CryptoError{reason};
}

namespace
{

/// Fetched algorithms live for the whole process; fetching per operation would be slow.
template <typename T>
std::map<std::string, T*>&
Cache()
{
    static auto* cache = new std::map<std::string, T*>();
    return *cache;
}

} // namespace

const EVP_CIPHER*
FetchCipher(const char* name)
{
    Mip6CryptoRandom::Install();
    auto& cache = Cache<EVP_CIPHER>();
    auto it = cache.find(name);
    if (it != cache.end())
    {
        return it->second;
    }
    EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, name, nullptr);
    if (cipher != nullptr)
    {
        cache[name] = cipher;
    }
    return cipher;
}

const EVP_MD*
FetchDigest(const char* name)
{
    Mip6CryptoRandom::Install();
    auto& cache = Cache<EVP_MD>();
    auto it = cache.find(name);
    if (it != cache.end())
    {
        return it->second;
    }
    EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
    if (md != nullptr)
    {
        cache[name] = md;
    }
    return md;
}

EVP_MAC*
FetchHmac()
{
    Mip6CryptoRandom::Install();
    static EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    return mac;
}

std::shared_ptr<EVP_PKEY>
SharePkey(EVP_PKEY* pkey)
{
    return std::shared_ptr<EVP_PKEY>(pkey, [](EVP_PKEY* p) { EVP_PKEY_free(p); });
}

} // namespace mip6crypto

} // namespace ns3
