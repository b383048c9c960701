/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Block ciphers for ESP, IKEv2 SK payloads and RFC 6618 altsec: CBC without padding (the caller
 * pads, RFC 4303 §2.4), NULL, AES-GCM per RFC 4106, and the single-block AES used by XCBC.
 */

#ifndef MIP6_CIPHER_H
#define MIP6_CIPHER_H

#include "ns3/mip6-crypto-types.h"

#include <memory>
#include <openssl/types.h>
#include <string>

namespace ns3
{

/**
 * \ingroup mip6-crypto
 * The confidentiality transforms with an explicit IV and no cipher-level padding.
 */
enum class Mip6CipherAlgorithm
{
    NULL_CIPHER, ///< ENCR_NULL (RFC 2410): identity, no IV, block size 1
    AES_128_CBC, ///< AES-CBC with a 128-bit key (RFC 3602)
    AES_192_CBC, ///< AES-CBC with a 192-bit key (RFC 3602)
    AES_256_CBC, ///< AES-CBC with a 256-bit key (RFC 3602)
    TDES_CBC,    ///< 3DES-EDE-CBC, 192-bit key (RFC 2451)
};

/**
 * \ingroup mip6-crypto
 * A keyed CBC (or NULL) cipher. The IV is given with each call (ESP and IKEv2 send it in clear
 * before the ciphertext), the data must be a whole number of blocks (the caller adds the RFC 4303
 * §2.4 padding), and nothing is padded or removed here. Copies share one OpenSSL context, which
 * is safe in ns-3's single thread.
 */
class Mip6Cipher
{
  public:
    /**
     * Keys a cipher. The key length is checked against the algorithm first.
     * \param algorithm the transform
     * \param key the key (GetKeySize(algorithm) bytes)
     * \return the cipher, or why not
     */
    static Mip6CryptoResult<Mip6Cipher> Create(Mip6CipherAlgorithm algorithm, const Mip6Bytes& key);

    /**
     * Encrypts whole blocks.
     * \param iv the IV (GetIvSize() bytes; empty for NULL)
     * \param data first plaintext byte
     * \param size plaintext length (a multiple of GetBlockSize())
     * \return the ciphertext (same length), or why not
     */
    Mip6CryptoResult<Mip6Bytes> Encrypt(const Mip6Bytes& iv,
                                        const uint8_t* data,
                                        size_t size) const;

    /**
     * Encrypts whole blocks.
     * \param iv the IV
     * \param plaintext the plaintext (a multiple of GetBlockSize())
     * \return the ciphertext, or why not
     */
    Mip6CryptoResult<Mip6Bytes> Encrypt(const Mip6Bytes& iv, const Mip6Bytes& plaintext) const;

    /**
     * Decrypts whole blocks.
     * \param iv the IV (GetIvSize() bytes; empty for NULL)
     * \param data first ciphertext byte
     * \param size ciphertext length (a multiple of GetBlockSize())
     * \return the plaintext (same length), or why not
     */
    Mip6CryptoResult<Mip6Bytes> Decrypt(const Mip6Bytes& iv,
                                        const uint8_t* data,
                                        size_t size) const;

    /**
     * Decrypts whole blocks.
     * \param iv the IV
     * \param ciphertext the ciphertext (a multiple of GetBlockSize())
     * \return the plaintext, or why not
     */
    Mip6CryptoResult<Mip6Bytes> Decrypt(const Mip6Bytes& iv, const Mip6Bytes& ciphertext) const;

    /// \return the algorithm
    Mip6CipherAlgorithm GetAlgorithm() const;

    /**
     * \param algorithm the transform
     * \return its key length in bytes
     */
    static size_t GetKeySize(Mip6CipherAlgorithm algorithm);

    /**
     * \param algorithm the transform
     * \return its block length in bytes (1 for NULL)
     */
    static size_t GetBlockSize(Mip6CipherAlgorithm algorithm);

    /**
     * \param algorithm the transform
     * \return the length of the explicit IV on the wire (0 for NULL)
     */
    static size_t GetIvSize(Mip6CipherAlgorithm algorithm);

    /**
     * \param algorithm the transform
     * \return a short name ("NULL", "AES-128-CBC", "3DES-CBC", ...)
     */
    static std::string GetName(Mip6CipherAlgorithm algorithm);

  private:
    /// \param algorithm the transform
    explicit Mip6Cipher(Mip6CipherAlgorithm algorithm);

    /**
     * Runs one CBC pass.
     * \param encrypt direction
     * \param iv the IV
     * \param data input
     * \param size input length
     * \return output or why not
     */
    Mip6CryptoResult<Mip6Bytes> Run(bool encrypt,
                                    const Mip6Bytes& iv,
                                    const uint8_t* data,
                                    size_t size) const;

    Mip6CipherAlgorithm m_algorithm;       //!< the transform
    std::shared_ptr<EVP_CIPHER_CTX> m_enc; //!< keyed encryption context
    std::shared_ptr<EVP_CIPHER_CTX> m_dec; //!< keyed decryption context
};

/**
 * \ingroup mip6-crypto
 * AES-GCM with a 16-octet ICV as ESP (RFC 4106) and IKEv2 (RFC 5282) use it: the keying material
 * is the AES key followed by a 4-byte salt (RFC 4106 §8.1), and the 12-byte nonce is salt ‖
 * the 8-byte explicit IV carried in each packet (RFC 4106 §4).
 */
class Mip6AesGcm
{
  public:
    static constexpr size_t SALT_SIZE = 4; ///< salt bytes at the end of the keying material
    static constexpr size_t IV_SIZE = 8;   ///< explicit IV bytes on the wire
    static constexpr size_t ICV_SIZE = 16; ///< authentication tag bytes

    /**
     * Keys the transform.
     * \param keyAndSalt AES key (16, 24 or 32 bytes) followed by the 4-byte salt
     * \return the transform, or why not
     */
    static Mip6CryptoResult<Mip6AesGcm> Create(const Mip6Bytes& keyAndSalt);

    /**
     * Encrypts and authenticates.
     * \param explicitIv the 8-byte per-packet IV
     * \param aad additional authenticated data (ESP: SPI ‖ sequence number)
     * \param data first plaintext byte
     * \param size plaintext length
     * \return ciphertext ‖ 16-byte ICV, or why not
     */
    Mip6CryptoResult<Mip6Bytes> Seal(const Mip6Bytes& explicitIv,
                                     const Mip6Bytes& aad,
                                     const uint8_t* data,
                                     size_t size) const;

    /**
     * Encrypts and authenticates.
     * \param explicitIv the 8-byte per-packet IV
     * \param aad additional authenticated data
     * \param plaintext the plaintext
     * \return ciphertext ‖ ICV, or why not
     */
    Mip6CryptoResult<Mip6Bytes> Seal(const Mip6Bytes& explicitIv,
                                     const Mip6Bytes& aad,
                                     const Mip6Bytes& plaintext) const;

    /**
     * Verifies and decrypts. Fails with reason "bad-icv" when the tag does not match.
     * \param explicitIv the 8-byte per-packet IV
     * \param aad additional authenticated data
     * \param data first byte of ciphertext ‖ ICV
     * \param size its length (at least ICV_SIZE)
     * \return the plaintext, or why not
     */
    Mip6CryptoResult<Mip6Bytes> Open(const Mip6Bytes& explicitIv,
                                     const Mip6Bytes& aad,
                                     const uint8_t* data,
                                     size_t size) const;

    /**
     * Verifies and decrypts.
     * \param explicitIv the 8-byte per-packet IV
     * \param aad additional authenticated data
     * \param sealed ciphertext ‖ ICV
     * \return the plaintext, or why not
     */
    Mip6CryptoResult<Mip6Bytes> Open(const Mip6Bytes& explicitIv,
                                     const Mip6Bytes& aad,
                                     const Mip6Bytes& sealed) const;

    /// \return the AES key length in bytes (without the salt)
    size_t GetKeySize() const;

  private:
    Mip6AesGcm() = default;

    /**
     * \param explicitIv the 8-byte IV
     * \return salt ‖ IV
     */
    Mip6Bytes Nonce(const Mip6Bytes& explicitIv) const;

    size_t m_keySize{0};                   //!< AES key bytes
    Mip6Bytes m_salt;                      //!< the 4-byte salt
    std::shared_ptr<EVP_CIPHER_CTX> m_enc; //!< keyed encryption context
    std::shared_ptr<EVP_CIPHER_CTX> m_dec; //!< keyed decryption context
};

/**
 * \ingroup mip6-crypto
 * Single-block AES encryption (AES-ECB on exactly 16 bytes), the primitive of AES-XCBC.
 */
class Mip6AesBlock
{
  public:
    static constexpr size_t BLOCK_SIZE = 16; ///< AES block bytes

    /**
     * \param key 16, 24 or 32 bytes
     * \return the keyed block cipher, or why not
     */
    static Mip6CryptoResult<Mip6AesBlock> Create(const Mip6Bytes& key);

    /**
     * Encrypts one block.
     * \param in 16 input bytes
     * \param out 16 output bytes (may equal in)
     * \return success or why not
     */
    Mip6CryptoStatus EncryptBlock(const uint8_t* in, uint8_t* out) const;

  private:
    Mip6AesBlock() = default;
    std::shared_ptr<EVP_CIPHER_CTX> m_ctx; //!< keyed ECB context
};

} // namespace ns3

#endif /* MIP6_CIPHER_H */
