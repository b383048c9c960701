/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Helpers shared by the .cc files of the crypto core; not a public header.
 */

#ifndef MIP6_CRYPTO_INTERNAL_H
#define MIP6_CRYPTO_INTERNAL_H

#include "ns3/mip6-crypto-types.h"

#include <memory>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <string>

namespace ns3
{
namespace mip6crypto
{

/**
 * Builds an error from a description and the OpenSSL error queue, and empties the queue (a
 * stale entry would confuse a later SSL_get_error in the TLS code).
 * \param what what failed
 * \return the error
 */
Mip6CryptoError OpensslError(const std::string& what);

/**
 * Fetches (once, then cached for the life of the process) an EVP_CIPHER.
 * \param name OpenSSL algorithm name, e.g. "AES-128-CBC"
 * \return the cipher or nullptr
 */
const EVP_CIPHER* FetchCipher(const char* name);

/**
 * Fetches (once, then cached) an EVP_MD.
 * \param name OpenSSL algorithm name, e.g. "SHA256"
 * \return the digest or nullptr
 */
const EVP_MD* FetchDigest(const char* name);

/// \return the HMAC EVP_MAC (fetched once, then cached) or nullptr
EVP_MAC* FetchHmac();

/// Deleter for OpenSSL objects held in std::unique_ptr.
struct Free
{
    /// \param p object to free
    void operator()(EVP_CIPHER_CTX* p) const
    {
        EVP_CIPHER_CTX_free(p);
    }

    /// \param p object to free
    void operator()(EVP_MAC_CTX* p) const
    {
        EVP_MAC_CTX_free(p);
    }

    /// \param p object to free
    void operator()(EVP_MD_CTX* p) const
    {
        EVP_MD_CTX_free(p);
    }

    /// \param p object to free
    void operator()(EVP_PKEY* p) const
    {
        EVP_PKEY_free(p);
    }

    /// \param p object to free
    void operator()(EVP_PKEY_CTX* p) const
    {
        EVP_PKEY_CTX_free(p);
    }

    /// \param p object to free
    void operator()(X509* p) const
    {
        X509_free(p);
    }

    /// \param p object to free
    void operator()(BIO* p) const
    {
        BIO_free(p);
    }

    /// \param p object to free
    void operator()(BIGNUM* p) const
    {
        BN_free(p);
    }

    /// \param p object to free
    void operator()(BN_CTX* p) const
    {
        BN_CTX_free(p);
    }
};

/// Owning pointer to an OpenSSL object.
template <typename T>
using Owned = std::unique_ptr<T, Free>;

/**
 * Shared ownership of an EVP_PKEY (up-references instead of copying the key).
 * \param pkey key to share (its reference is taken over)
 * \return the shared pointer
 */
std::shared_ptr<EVP_PKEY> SharePkey(EVP_PKEY* pkey);

} // namespace mip6crypto
} // namespace ns3

#endif /* MIP6_CRYPTO_INTERNAL_H */
