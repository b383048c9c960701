/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Byte strings and error reporting shared by the whole mip6 crypto core.
 */

#ifndef MIP6_CRYPTO_TYPES_H
#define MIP6_CRYPTO_TYPES_H

#include "ns3/assert.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \defgroup mip6-crypto mip6 crypto core
 * \ingroup mip6
 * OpenSSL 3 EVP wrappers, RFC 3566 AES-XCBC, IKEv2 PRF/prf+, Diffie-Hellman, ECDSA P-256,
 * certificates at a fixed simulated epoch, the seeded DRBG, the anti-replay window and the
 * key-export writer (DESIGN.md §2 "Crypto core"). No function of the crypto core throws; each
 * returns a Mip6CryptoResult or Mip6CryptoStatus whose error text says why it failed.
 */

/// A byte string (keys, IVs, packets, digests).
using Mip6Bytes = std::vector<uint8_t>;

/**
 * \ingroup mip6-crypto
 * The reason a crypto operation failed. Implicitly converts to any Mip6CryptoResult and to
 * Mip6CryptoStatus, so a function can `return Mip6CryptoError{"why"};`.
 */
struct Mip6CryptoError
{
    std::string reason; ///< short human-readable reason (stable prefix, details after a colon)
};

/**
 * \ingroup mip6-crypto
 * Outcome of an operation without a value: success, or a failure with a reason.
 */
class Mip6CryptoStatus
{
  public:
    /// \return a successful status
    static Mip6CryptoStatus Ok()
    {
        return Mip6CryptoStatus();
    }

    /**
     * A failed status.
     * \param error the reason
     */
    Mip6CryptoStatus(Mip6CryptoError error) // NOLINT: implicit on purpose
        : m_ok(false),
          m_error(std::move(error.reason))
    {
    }

    /// \return true on success
    bool IsOk() const
    {
        return m_ok;
    }

    /// \return true on success
    explicit operator bool() const
    {
        return m_ok;
    }

    /// \return the failure reason (empty on success)
    const std::string& GetError() const
    {
        return m_error;
    }

  private:
    Mip6CryptoStatus() = default;
    bool m_ok{true};     //!< success flag
    std::string m_error; //!< failure reason
};

/**
 * \ingroup mip6-crypto
 * A value or the reason there is none (a small `expected`). Accessing the value of a failed
 * result is a programming error caught by NS_ASSERT.
 * \tparam T the value type
 */
template <typename T>
class Mip6CryptoResult
{
  public:
    /**
     * A successful result.
     * \param value the value
     */
    Mip6CryptoResult(T value) // NOLINT: implicit on purpose
        : m_value(std::move(value))
    {
    }

    /**
     * A failed result.
     * \param error the reason
     */
    Mip6CryptoResult(Mip6CryptoError error) // NOLINT: implicit on purpose
        : m_error(std::move(error.reason))
    {
    }

    /// \return true when a value is present
    bool IsOk() const
    {
        return m_value.has_value();
    }

    /// \return true when a value is present
    explicit operator bool() const
    {
        return m_value.has_value();
    }

    /// \return the value (asserts that there is one)
    const T& Value() const&
    {
        NS_ASSERT_MSG(m_value.has_value(), "Mip6CryptoResult has no value: " << m_error);
        return *m_value;
    }

    /// \return the value (asserts that there is one)
    T& Value() &
    {
        NS_ASSERT_MSG(m_value.has_value(), "Mip6CryptoResult has no value: " << m_error);
        return *m_value;
    }

    /// \return the value, moved out (asserts that there is one)
    T&& Value() &&
    {
        NS_ASSERT_MSG(m_value.has_value(), "Mip6CryptoResult has no value: " << m_error);
        return std::move(*m_value);
    }

    /// \return the value (asserts that there is one)
    const T& operator*() const&
    {
        return Value();
    }

    /// \return the value (asserts that there is one)
    T& operator*() &
    {
        return Value();
    }

    /// \return pointer to the value (asserts that there is one)
    const T* operator->() const
    {
        return &Value();
    }

    /// \return pointer to the value (asserts that there is one)
    T* operator->()
    {
        return &Value();
    }

    /// \return the failure reason (empty on success)
    const std::string& GetError() const
    {
        return m_error;
    }

    /// \return the status part of this result (drops the value)
    Mip6CryptoStatus GetStatus() const
    {
        if (IsOk())
        {
            return Mip6CryptoStatus::Ok();
        }
        return Mip6CryptoError{m_error};
    }

  private:
    std::optional<T> m_value; //!< the value on success
    std::string m_error;      //!< the reason on failure
};

/**
 * \ingroup mip6-crypto
 * Lower-case hex of a byte range.
 * \param data first byte
 * \param size number of bytes
 * \return the hex string (2 characters a byte, no prefix)
 */
std::string Mip6ToHex(const uint8_t* data, size_t size);

/**
 * \ingroup mip6-crypto
 * Lower-case hex of a byte string.
 * \param bytes the bytes
 * \return the hex string (2 characters a byte, no prefix)
 */
std::string Mip6ToHex(const Mip6Bytes& bytes);

/**
 * \ingroup mip6-crypto
 * Parses hex text. An optional "0x"/"0X" prefix is accepted, and ASCII white space between digits
 * is skipped so that test vectors can be pasted as printed in RFCs ("C88F01F5 10D9AC3F").
 * Anything else (an odd number of digits, a non-hex character) fails.
 * \param hex the text
 * \return the bytes, or the reason the text is not hex
 */
Mip6CryptoResult<Mip6Bytes> Mip6FromHex(const std::string& hex);

/**
 * \ingroup mip6-crypto
 * Compares two byte strings in time independent of their contents (CRYPTO_memcmp), for ICVs
 * and authenticators. Strings of different lengths compare unequal (lengths are not secret).
 * \param a first string
 * \param b second string
 * \return true when equal
 */
bool Mip6ConstantTimeEqual(const Mip6Bytes& a, const Mip6Bytes& b);

/**
 * \ingroup mip6-crypto
 * \param a first part
 * \param b second part
 * \return a ‖ b
 */
Mip6Bytes Mip6Concat(const Mip6Bytes& a, const Mip6Bytes& b);

/**
 * \ingroup mip6-crypto
 * \param text a string
 * \return its bytes (no terminator)
 */
Mip6Bytes Mip6BytesFromString(const std::string& text);

/**
 * \ingroup mip6-crypto
 * Big-endian encoding of an unsigned integer.
 * \param value the value
 * \param size number of bytes (1..8); higher-order bytes that do not fit are dropped
 * \return the bytes
 */
Mip6Bytes Mip6BigEndian(uint64_t value, size_t size);

} // namespace ns3

#endif /* MIP6_CRYPTO_TYPES_H */
