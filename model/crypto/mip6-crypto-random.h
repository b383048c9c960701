/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The seeded DRBG: every byte of OpenSSL randomness in the process comes from an ns-3 random
 * stream, so a run is reproducible from its seed and run number (DESIGN.md §5).
 */

#ifndef MIP6_CRYPTO_RANDOM_H
#define MIP6_CRYPTO_RANDOM_H

#include "ns3/mip6-crypto-types.h"

#include <cstdint>
#include <openssl/types.h>

namespace ns3
{

/**
 * \ingroup mip6-crypto
 * Makes all OpenSSL randomness (RAND_bytes, key generation, ECDSA nonces, TLS randoms, IVs)
 * deterministic by replacing OpenSSL's DRBGs with a built-in provider, "mip6simrand", whose one
 * RAND algorithm ("MIP6SIMRAND") draws from an ns-3 UniformRandomVariable owned by the crypto
 * core (research/ns3-feasibility.md §10).
 *
 * **Installation.** OpenSSL fixes its DRBG type when it first instantiates the primary DRBG, so
 * the provider must be in place before the first use of randomness in the process. The library
 * installs it when it is loaded (a static initialiser of libmip6), so every program linked with
 * mip6 is covered; Install() is idempotent and may be called again. If OpenSSL already
 * instantiated its own DRBG, Install() aborts the program (NS_FATAL_ERROR): a run that silently
 * used real entropy would not be reproducible.
 *
 * **Stream block.** The generator uses one ns-3 stream, DEFAULT_STREAM (2^40) unless
 * AssignStreams() chooses another. The index is far above those that helpers assign from 0 up, and
 * the variable is created with its stream set (it never takes an automatic stream index), so
 * adding crypto never shifts mobility or channel draws.
 *
 * **Reproducibility.** The ns-3 stream is (re)built lazily, on the first draw after Install(),
 * Reset() or AssignStreams(), from the seed and run in force at that moment (RngSeedManager). Each
 * 4 output bytes consume one 32-bit draw (a request of n bytes consumes ceil(n/4) draws).
 * Reset() must be called between two simulations in one process (DESIGN.md §5: "a full reset of
 * the simulator and the crypto DRBG"); the second then sees exactly the bytes the first saw.
 * OpenSSL calls the provider from its public, private and seed DRBGs; all of them share the one
 * stream, so the sequence depends only on the order of crypto calls, which ns-3's single-threaded
 * event order fixes. Entropy that callers add (RAND_add, RAND_seed) is ignored on purpose.
 *
 * Not thread-safe: ns-3 simulations are single-threaded.
 */
class Mip6CryptoRandom
{
  public:
    /// Name of the provider registered with OpenSSL.
    static constexpr const char* PROVIDER_NAME = "mip6simrand";
    /// Name of the RAND algorithm the provider offers.
    static constexpr const char* ALGORITHM_NAME = "MIP6SIMRAND";
    /// ns-3 stream index used unless AssignStreams() sets another.
    static constexpr int64_t DEFAULT_STREAM = int64_t{1} << 40;

    /**
     * Installs the provider as OpenSSL's DRBG in the default library context. Idempotent.
     * Aborts with NS_FATAL_ERROR when OpenSSL already instantiated another DRBG.
     */
    static void Install();

    /**
     * Like Install(), but reports a failure instead of aborting.
     * \return success, or why the provider could not be installed
     */
    static Mip6CryptoStatus TryInstall();

    /**
     * Installs the provider into a given OpenSSL library context (each context has its own
     * DRBGs). Used by tests with a fresh OSSL_LIB_CTX; the default context is handled by Install().
     * \param libctx the library context (nullptr = default context)
     * \return success, or why (e.g. the context already instantiated its DRBG)
     */
    static Mip6CryptoStatus InstallInto(OSSL_LIB_CTX* libctx);

    /// \return true once the provider is the DRBG of the default library context
    static bool IsInstalled();

    /**
     * Uses a given ns-3 stream index from the next draw on (the stream is rebuilt).
     * \param stream first stream index to use (>= 0)
     * \return the number of stream indices used (1)
     */
    static int64_t AssignStreams(int64_t stream);

    /// \return the ns-3 stream index in use
    static int64_t GetStream();

    /**
     * Restarts the generator: the next draw rebuilds the ns-3 stream from the seed and run in
     * force then, so a new simulation in the same process starts from the same state.
     */
    static void Reset();

    /**
     * Random bytes from OpenSSL's public DRBG (hence from the ns-3 stream).
     * \param size number of bytes
     * \return the bytes (aborts if OpenSSL fails, which would make the run invalid)
     */
    static Mip6Bytes Bytes(size_t size);

    /// \return number of 32-bit draws taken from the ns-3 stream since it was last (re)built
    static uint64_t GetDrawCount();
};

} // namespace ns3

#endif /* MIP6_CRYPTO_RANDOM_H */
