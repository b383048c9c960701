/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mip6-cipher.h"

#include "mip6-crypto-internal.h"

#include "ns3/log.h"
#include "ns3/mip6-processing-delay.h"

#include <algorithm>
#include <climits>
#include <openssl/err.h>
#include <openssl/evp.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6Cipher");

namespace
{

/// \return an empty-context holder that frees the context
std::shared_ptr<EVP_CIPHER_CTX>
NewCtx()
{
    return std::shared_ptr<EVP_CIPHER_CTX>(EVP_CIPHER_CTX_new(),
                                           [](EVP_CIPHER_CTX* p) { EVP_CIPHER_CTX_free(p); });
}

/// \return the OpenSSL name of a CBC transform (nullptr for NULL)
const char*
OpensslName(Mip6CipherAlgorithm algorithm)
{
    switch (algorithm)
    {
    case Mip6CipherAlgorithm::AES_128_CBC:
        return "AES-128-CBC";
    case Mip6CipherAlgorithm::AES_192_CBC:
        return "AES-192-CBC";
    case Mip6CipherAlgorithm::AES_256_CBC:
        return "AES-256-CBC";
    case Mip6CipherAlgorithm::TDES_CBC:
        return "DES-EDE3-CBC";
    case Mip6CipherAlgorithm::NULL_CIPHER:
        break;
    }
    return nullptr;
}

/// \return the OpenSSL name of AES in a mode for a key length (nullptr if the length is wrong)
const char*
AesName(size_t keySize, const char* mode)
{
    static const char* const gcm[] = {"AES-128-GCM", "AES-192-GCM", "AES-256-GCM"};
    static const char* const ecb[] = {"AES-128-ECB", "AES-192-ECB", "AES-256-ECB"};
    const char* const* names = std::string(mode) == "GCM" ? gcm : ecb;
    switch (keySize)
    {
    case 16:
        return names[0];
    case 24:
        return names[1];
    case 32:
        return names[2];
    default:
        return nullptr;
    }
}

/**
 * Keys a context for one direction with padding off.
 * \return success or the OpenSSL reason
 */
Mip6CryptoStatus
KeyCtx(EVP_CIPHER_CTX* ctx, const EVP_CIPHER* cipher, const Mip6Bytes& key, bool encrypt)
{
    if (ctx == nullptr || cipher == nullptr)
    {
        return mip6crypto::OpensslError("cipher: context or algorithm unavailable");
    }
    if (EVP_CipherInit_ex2(ctx, cipher, key.data(), nullptr, encrypt ? 1 : 0, nullptr) != 1 ||
        EVP_CIPHER_CTX_set_padding(ctx, 0) != 1)
    {
        return mip6crypto::OpensslError("cipher: keying failed");
    }
    return Mip6CryptoStatus::Ok();
}

} // namespace

// ---- Mip6Cipher ----

Mip6Cipher::Mip6Cipher(Mip6CipherAlgorithm algorithm)
    : m_algorithm(algorithm)
{
}

Mip6CryptoResult<Mip6Cipher>
Mip6Cipher::Create(Mip6CipherAlgorithm algorithm, const Mip6Bytes& key)
{
    NS_LOG_FUNCTION(GetName(algorithm) << key.size());
    if (key.size() != GetKeySize(algorithm))
    {
        return Mip6CryptoError{"bad-key-length: " + GetName(algorithm) + " needs " +
                               std::to_string(GetKeySize(algorithm)) + " bytes, got " +
                               std::to_string(key.size())};
    }
    Mip6Cipher cipher(algorithm);
    if (algorithm == Mip6CipherAlgorithm::NULL_CIPHER)
    {
        return cipher;
    }
    const EVP_CIPHER* evp = mip6crypto::FetchCipher(OpensslName(algorithm));
    cipher.m_enc = NewCtx();
    cipher.m_dec = NewCtx();
    Mip6CryptoStatus st = KeyCtx(cipher.m_enc.get(), evp, key, true);
    if (st)
    {
        st = KeyCtx(cipher.m_dec.get(), evp, key, false);
    }
    if (!st)
    {
        return Mip6CryptoError{st.GetError()};
    }
    return cipher;
}

Mip6CryptoResult<Mip6Bytes>
Mip6Cipher::Run(bool encrypt, const Mip6Bytes& iv, const uint8_t* data, size_t size) const
{
    if (Mip6ProcessingDelay* cpu = Mip6CpuScope::Current())
    {
        cpu->Charge("cipher", cpu->GetCipherCost(size));
    }
    const size_t block = GetBlockSize(m_algorithm);
    if (iv.size() != GetIvSize(m_algorithm))
    {
        return Mip6CryptoError{"bad-iv-length: " + GetName(m_algorithm) + " needs " +
                               std::to_string(GetIvSize(m_algorithm)) + " bytes, got " +
                               std::to_string(iv.size())};
    }
    if (size % block != 0)
    {
        return Mip6CryptoError{"bad-data-length: " + std::to_string(size) +
                               " bytes is not a multiple of the block size " +
                               std::to_string(block)};
    }
    if (size > static_cast<size_t>(INT_MAX))
    {
        return Mip6CryptoError{"bad-data-length: too long"};
    }
    if (size > 0 && data == nullptr)
    {
        return Mip6CryptoError{"bad-data: null input"};
    }
    if (m_algorithm == Mip6CipherAlgorithm::NULL_CIPHER)
    {
        return Mip6Bytes(data, data + size);
    }
    EVP_CIPHER_CTX* ctx = encrypt ? m_enc.get() : m_dec.get();
    // Re-initialising with only an IV keeps the key schedule and restarts the chain.
    if (EVP_CipherInit_ex2(ctx, nullptr, nullptr, iv.data(), encrypt ? 1 : 0, nullptr) != 1 ||
        EVP_CIPHER_CTX_set_padding(ctx, 0) != 1)
    {
        return mip6crypto::OpensslError("cipher: setting the IV failed");
    }
    Mip6Bytes out(size + block);
    int len1 = 0;
    int len2 = 0;
    if ((size > 0 && EVP_CipherUpdate(ctx, out.data(), &len1, data, static_cast<int>(size)) != 1) ||
        EVP_CipherFinal_ex(ctx, out.data() + len1, &len2) != 1)
    {
        return mip6crypto::OpensslError(encrypt ? "cipher: encryption failed"
                                                : "cipher: decryption failed");
    }
    out.resize(static_cast<size_t>(len1 + len2));
    if (out.size() != size)
    {
        return Mip6CryptoError{"cipher: output length " + std::to_string(out.size()) +
                               " differs from input length " + std::to_string(size)};
    }
    return out;
}

Mip6CryptoResult<Mip6Bytes>
Mip6Cipher::Encrypt(const Mip6Bytes& iv, const uint8_t* data, size_t size) const
{
    return Run(true, iv, data, size);
}

Mip6CryptoResult<Mip6Bytes>
Mip6Cipher::Encrypt(const Mip6Bytes& iv, const Mip6Bytes& plaintext) const
{
    return Run(true, iv, plaintext.data(), plaintext.size());
}

Mip6CryptoResult<Mip6Bytes>
Mip6Cipher::Decrypt(const Mip6Bytes& iv, const uint8_t* data, size_t size) const
{
    return Run(false, iv, data, size);
}

Mip6CryptoResult<Mip6Bytes>
Mip6Cipher::Decrypt(const Mip6Bytes& iv, const Mip6Bytes& ciphertext) const
{
    return Run(false, iv, ciphertext.data(), ciphertext.size());
}

Mip6CipherAlgorithm
Mip6Cipher::GetAlgorithm() const
{
    return m_algorithm;
}

size_t
Mip6Cipher::GetKeySize(Mip6CipherAlgorithm algorithm)
{
    switch (algorithm)
    {
    case Mip6CipherAlgorithm::NULL_CIPHER:
        return 0;
    case Mip6CipherAlgorithm::AES_128_CBC:
        return 16;
    case Mip6CipherAlgorithm::AES_192_CBC:
        return 24;
    case Mip6CipherAlgorithm::AES_256_CBC:
        return 32;
    case Mip6CipherAlgorithm::TDES_CBC:
        return 24;
    }
    return 0;
}

size_t
Mip6Cipher::GetBlockSize(Mip6CipherAlgorithm algorithm)
{
    switch (algorithm)
    {
    case Mip6CipherAlgorithm::NULL_CIPHER:
        return 1; // RFC 2410 §2
    case Mip6CipherAlgorithm::TDES_CBC:
        return 8;
    default:
        return 16;
    }
}

size_t
Mip6Cipher::GetIvSize(Mip6CipherAlgorithm algorithm)
{
    // RFC 3602 §3 and RFC 2451 §2.3: the IV is one block, carried in clear before the ciphertext.
    return algorithm == Mip6CipherAlgorithm::NULL_CIPHER ? 0 : GetBlockSize(algorithm);
}

std::string
Mip6Cipher::GetName(Mip6CipherAlgorithm algorithm)
{
    switch (algorithm)
    {
    case Mip6CipherAlgorithm::NULL_CIPHER:
        return "NULL";
    case Mip6CipherAlgorithm::AES_128_CBC:
        return "AES-128-CBC";
    case Mip6CipherAlgorithm::AES_192_CBC:
        return "AES-192-CBC";
    case Mip6CipherAlgorithm::AES_256_CBC:
        return "AES-256-CBC";
    case Mip6CipherAlgorithm::TDES_CBC:
        return "3DES-CBC";
    }
    return "?";
}

// ---- Mip6AesGcm ----

Mip6CryptoResult<Mip6AesGcm>
Mip6AesGcm::Create(const Mip6Bytes& keyAndSalt)
{
    NS_LOG_FUNCTION(keyAndSalt.size());
    // RFC 4106 §8.1: KEYMAT is the key followed by a 4-octet salt.
    if (keyAndSalt.size() < SALT_SIZE || AesName(keyAndSalt.size() - SALT_SIZE, "GCM") == nullptr)
    {
        return Mip6CryptoError{"bad-key-length: AES-GCM keying material must be 20, 28 or 36 "
                               "bytes (key + 4-byte salt), got " +
                               std::to_string(keyAndSalt.size())};
    }
    Mip6AesGcm gcm;
    gcm.m_keySize = keyAndSalt.size() - SALT_SIZE;
    gcm.m_salt.assign(keyAndSalt.end() - SALT_SIZE, keyAndSalt.end());
    const Mip6Bytes key(keyAndSalt.begin(), keyAndSalt.end() - SALT_SIZE);
    const EVP_CIPHER* evp = mip6crypto::FetchCipher(AesName(gcm.m_keySize, "GCM"));
    gcm.m_enc = NewCtx();
    gcm.m_dec = NewCtx();
    Mip6CryptoStatus st = KeyCtx(gcm.m_enc.get(), evp, key, true);
    if (st)
    {
        st = KeyCtx(gcm.m_dec.get(), evp, key, false);
    }
    if (!st)
    {
        return Mip6CryptoError{st.GetError()};
    }
    return gcm;
}

Mip6Bytes
Mip6AesGcm::Nonce(const Mip6Bytes& explicitIv) const
{
    // RFC 4106 §4: nonce = salt ‖ explicit IV (12 octets, GCM's default IV length).
    return Mip6Concat(m_salt, explicitIv);
}

Mip6CryptoResult<Mip6Bytes>
Mip6AesGcm::Seal(const Mip6Bytes& explicitIv,
                 const Mip6Bytes& aad,
                 const uint8_t* data,
                 size_t size) const
{
    if (Mip6ProcessingDelay* cpu = Mip6CpuScope::Current())
    {
        cpu->Charge("cipher", cpu->GetCipherCost(size));
    }
    if (explicitIv.size() != IV_SIZE)
    {
        return Mip6CryptoError{"bad-iv-length: AES-GCM needs an 8-byte explicit IV, got " +
                               std::to_string(explicitIv.size())};
    }
    if (size > static_cast<size_t>(INT_MAX) - ICV_SIZE || aad.size() > static_cast<size_t>(INT_MAX))
    {
        return Mip6CryptoError{"bad-data-length: too long"};
    }
    if (size > 0 && data == nullptr)
    {
        return Mip6CryptoError{"bad-data: null input"};
    }
    EVP_CIPHER_CTX* ctx = m_enc.get();
    const Mip6Bytes nonce = Nonce(explicitIv);
    Mip6Bytes out(size + ICV_SIZE);
    int len = 0;
    int fin = 0;
    if (EVP_EncryptInit_ex2(ctx, nullptr, nullptr, nonce.data(), nullptr) != 1 ||
        (!aad.empty() &&
         EVP_EncryptUpdate(ctx, nullptr, &len, aad.data(), static_cast<int>(aad.size())) != 1) ||
        (size > 0 && EVP_EncryptUpdate(ctx, out.data(), &len, data, static_cast<int>(size)) != 1))
    {
        return mip6crypto::OpensslError("gcm: encryption failed");
    }
    if (size == 0)
    {
        len = 0;
    }
    if (EVP_EncryptFinal_ex(ctx, out.data() + len, &fin) != 1 ||
        static_cast<size_t>(len + fin) != size ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, ICV_SIZE, out.data() + size) != 1)
    {
        return mip6crypto::OpensslError("gcm: finishing failed");
    }
    return out;
}

Mip6CryptoResult<Mip6Bytes>
Mip6AesGcm::Seal(const Mip6Bytes& explicitIv,
                 const Mip6Bytes& aad,
                 const Mip6Bytes& plaintext) const
{
    return Seal(explicitIv, aad, plaintext.data(), plaintext.size());
}

Mip6CryptoResult<Mip6Bytes>
Mip6AesGcm::Open(const Mip6Bytes& explicitIv,
                 const Mip6Bytes& aad,
                 const uint8_t* data,
                 size_t size) const
{
    if (Mip6ProcessingDelay* cpu = Mip6CpuScope::Current())
    {
        cpu->Charge("cipher", cpu->GetCipherCost(size));
    }
    if (explicitIv.size() != IV_SIZE)
    {
        return Mip6CryptoError{"bad-iv-length: AES-GCM needs an 8-byte explicit IV, got " +
                               std::to_string(explicitIv.size())};
    }
    if (size < ICV_SIZE || data == nullptr)
    {
        return Mip6CryptoError{"bad-data-length: " + std::to_string(size) +
                               " bytes cannot hold the 16-byte ICV"};
    }
    if (size > static_cast<size_t>(INT_MAX) || aad.size() > static_cast<size_t>(INT_MAX))
    {
        return Mip6CryptoError{"bad-data-length: too long"};
    }
    const size_t textSize = size - ICV_SIZE;
    EVP_CIPHER_CTX* ctx = m_dec.get();
    const Mip6Bytes nonce = Nonce(explicitIv);
    Mip6Bytes tag(data + textSize, data + size);
    Mip6Bytes out(textSize + 16);
    int len = 0;
    int fin = 0;
    if (EVP_DecryptInit_ex2(ctx, nullptr, nullptr, nonce.data(), nullptr) != 1 ||
        (!aad.empty() &&
         EVP_DecryptUpdate(ctx, nullptr, &len, aad.data(), static_cast<int>(aad.size())) != 1) ||
        (textSize > 0 &&
         EVP_DecryptUpdate(ctx, out.data(), &len, data, static_cast<int>(textSize)) != 1) ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, ICV_SIZE, tag.data()) != 1)
    {
        return mip6crypto::OpensslError("gcm: decryption failed");
    }
    if (textSize == 0)
    {
        len = 0;
    }
    if (EVP_DecryptFinal_ex(ctx, out.data() + len, &fin) != 1)
    {
        ERR_clear_error();
        return Mip6CryptoError{"bad-icv"};
    }
    out.resize(static_cast<size_t>(len + fin));
    return out;
}

Mip6CryptoResult<Mip6Bytes>
Mip6AesGcm::Open(const Mip6Bytes& explicitIv, const Mip6Bytes& aad, const Mip6Bytes& sealed) const
{
    return Open(explicitIv, aad, sealed.data(), sealed.size());
}

size_t
Mip6AesGcm::GetKeySize() const
{
    return m_keySize;
}

// ---- Mip6AesBlock ----

Mip6CryptoResult<Mip6AesBlock>
Mip6AesBlock::Create(const Mip6Bytes& key)
{
    const char* name = AesName(key.size(), "ECB");
    if (name == nullptr)
    {
        return Mip6CryptoError{"bad-key-length: AES needs 16, 24 or 32 bytes, got " +
                               std::to_string(key.size())};
    }
    Mip6AesBlock block;
    block.m_ctx = NewCtx();
    Mip6CryptoStatus st = KeyCtx(block.m_ctx.get(), mip6crypto::FetchCipher(name), key, true);
    if (!st)
    {
        return Mip6CryptoError{st.GetError()};
    }
    return block;
}

Mip6CryptoStatus
Mip6AesBlock::EncryptBlock(const uint8_t* in, uint8_t* out) const
{
    uint8_t tmp[BLOCK_SIZE];
    int len = 0;
    // ECB keeps no chaining state, so the keyed context is reused as is.
    if (EVP_EncryptUpdate(m_ctx.get(), tmp, &len, in, BLOCK_SIZE) != 1 ||
        len != static_cast<int>(BLOCK_SIZE))
    {
        return mip6crypto::OpensslError("aes-block: encryption failed");
    }
    std::copy(tmp, tmp + BLOCK_SIZE, out);
    return Mip6CryptoStatus::Ok();
}

} // namespace ns3
