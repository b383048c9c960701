/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mip6-crypto-random.h"

#include "mip6-crypto-internal.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/fatal-error.h"
#include "ns3/integer.h"
#include "ns3/log.h"
#include "ns3/object-factory.h"
#include "ns3/random-variable-stream.h"

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <openssl/core_dispatch.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/provider.h>
#include <openssl/rand.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6CryptoRandom");

namespace
{

/// The generator state shared by every DRBG instance of the provider.
struct SimRandState
{
    int64_t stream{Mip6CryptoRandom::DEFAULT_STREAM}; //!< ns-3 stream index
    Ptr<UniformRandomVariable> rv;                    //!< the variable (built lazily)
    bool rebuild{true};                               //!< rebuild the stream at the next draw
    uint64_t draws{0};                                //!< 32-bit draws since the last rebuild
    bool installed{false};                            //!< installed in the default context
};

/// \return the state; never destroyed, so OpenSSL's exit-time cleanup cannot outlive it
SimRandState&
State()
{
    static auto* state = new SimRandState();
    return *state;
}

/// \return one 32-bit draw from the ns-3 stream
uint32_t
Draw32()
{
    SimRandState& s = State();
    if (s.rebuild || !s.rv)
    {
        if (!s.rv)
        {
            // Constructed with its stream set: the variable never takes an automatic stream
            // index, which would shift the streams of objects created after it.
            s.rv =
                CreateObjectWithAttributes<UniformRandomVariable>("Stream", IntegerValue(s.stream));
        }
        else
        {
            // SetStream rebuilds the RngStream from the current seed and run.
            s.rv->SetStream(s.stream);
        }
        s.rebuild = false;
        s.draws = 0;
        NS_LOG_LOGIC("crypto DRBG stream " << s.stream << " (re)built");
    }
    ++s.draws;
    // A draw in [0, 2^32) rounded down; the MRG32k3a output has about 32 bits of resolution.
    const double v = s.rv->GetValue(0.0, 4294967296.0);
    if (v >= 4294967295.0)
    {
        return 0xffffffffU;
    }
    return static_cast<uint32_t>(v);
}

/// Fills a buffer with draws, 4 bytes (big-endian) per draw.
void
Fill(unsigned char* out, size_t size)
{
    while (size > 0)
    {
        const uint32_t r = Draw32();
        const size_t n = size < 4 ? size : 4;
        for (size_t i = 0; i < n; ++i)
        {
            out[i] = static_cast<unsigned char>(r >> (24 - 8 * i));
        }
        out += n;
        size -= n;
    }
}

// ---- the OpenSSL provider (OSSL_OP_RAND) ----

constexpr unsigned int STRENGTH = 256;          //!< claimed strength (bits)
constexpr size_t MAX_REQUEST = size_t{1} << 16; //!< bytes per generate call

/// Per-DRBG context: only the state OpenSSL asks about.
struct SimRandCtx
{
    int state{EVP_RAND_STATE_UNINITIALISED}; //!< EVP_RAND_STATE_*
};

void*
RandNewCtx(void* /* provctx */, void* /* parent */, const OSSL_DISPATCH* /* parentCalls */)
{
    // The parent (OpenSSL's seed source) is never asked for entropy: bytes come from ns-3.
    return new SimRandCtx();
}

void
RandFreeCtx(void* vctx)
{
    delete static_cast<SimRandCtx*>(vctx);
}

int
RandInstantiate(void* vctx,
                unsigned int strength,
                int /* predictionResistance */,
                const unsigned char* /* pstr */,
                size_t /* pstrLen */,
                const OSSL_PARAM /* params */[])
{
    if (strength > STRENGTH)
    {
        return 0;
    }
    static_cast<SimRandCtx*>(vctx)->state = EVP_RAND_STATE_READY;
    return 1;
}

int
RandUninstantiate(void* vctx)
{
    static_cast<SimRandCtx*>(vctx)->state = EVP_RAND_STATE_UNINITIALISED;
    return 1;
}

int
RandGenerate(void* vctx,
             unsigned char* out,
             size_t outlen,
             unsigned int strength,
             int /* predictionResistance */,
             const unsigned char* /* addin */,
             size_t /* addinLen */)
{
    auto* ctx = static_cast<SimRandCtx*>(vctx);
    if (ctx->state != EVP_RAND_STATE_READY || strength > STRENGTH)
    {
        return 0;
    }
    // Additional input is ignored on purpose: it must not make the output depend on anything
    // but the ns-3 stream.
    Fill(out, outlen);
    return 1;
}

int
RandReseed(void* /* vctx */,
           int /* predictionResistance */,
           const unsigned char* /* ent */,
           size_t /* entLen */,
           const unsigned char* /* addin */,
           size_t /* addinLen */)
{
    // RAND_add/RAND_seed/RAND_poll end here; their input is ignored (see RandGenerate).
    return 1;
}

size_t
RandGetSeed(void* vctx,
            unsigned char** buffer,
            int /* entropy */,
            size_t minLen,
            size_t /* maxLen */,
            int /* predictionResistance */,
            const unsigned char* /* adin */,
            size_t /* adinLen */)
{
    // Lets a DRBG of another provider chained below ours seed itself from the ns-3 stream too.
    if (static_cast<SimRandCtx*>(vctx)->state != EVP_RAND_STATE_READY || minLen == 0)
    {
        return 0;
    }
    auto* out = static_cast<unsigned char*>(OPENSSL_malloc(minLen));
    if (out == nullptr)
    {
        return 0;
    }
    Fill(out, minLen);
    *buffer = out;
    return minLen;
}

void
RandClearSeed(void* /* vctx */, unsigned char* buffer, size_t bufferLen)
{
    OPENSSL_clear_free(buffer, bufferLen);
}

int
RandEnableLocking(void* /* vctx */)
{
    // ns-3 is single-threaded; there is nothing to lock.
    return 1;
}

int
RandLock(void* /* vctx */)
{
    return 1;
}

void
RandUnlock(void* /* vctx */)
{
}

const OSSL_PARAM*
RandGettableCtxParams(void* /* vctx */, void* /* provctx */)
{
    static const OSSL_PARAM known[] = {
        OSSL_PARAM_int(OSSL_RAND_PARAM_STATE, nullptr),
        OSSL_PARAM_uint(OSSL_RAND_PARAM_STRENGTH, nullptr),
        OSSL_PARAM_size_t(OSSL_RAND_PARAM_MAX_REQUEST, nullptr),
        OSSL_PARAM_END,
    };
    return known;
}

int
RandGetCtxParams(void* vctx, OSSL_PARAM params[])
{
    OSSL_PARAM* p = OSSL_PARAM_locate(params, OSSL_RAND_PARAM_STATE);
    if (p != nullptr && !OSSL_PARAM_set_int(p, static_cast<SimRandCtx*>(vctx)->state))
    {
        return 0;
    }
    p = OSSL_PARAM_locate(params, OSSL_RAND_PARAM_STRENGTH);
    if (p != nullptr && !OSSL_PARAM_set_uint(p, STRENGTH))
    {
        return 0;
    }
    p = OSSL_PARAM_locate(params, OSSL_RAND_PARAM_MAX_REQUEST);
    if (p != nullptr && !OSSL_PARAM_set_size_t(p, MAX_REQUEST))
    {
        return 0;
    }
    return 1;
}

/// One OSSL_DISPATCH entry: OpenSSL stores every function as void (*)(void).
#define MIP6_DISPATCH(id, fn)                                                                      \
    {                                                                                              \
        id, reinterpret_cast<void (*)(void)>(fn)                                                   \
    }

const OSSL_DISPATCH g_randFunctions[] = {
    MIP6_DISPATCH(OSSL_FUNC_RAND_NEWCTX, &RandNewCtx),
    MIP6_DISPATCH(OSSL_FUNC_RAND_FREECTX, &RandFreeCtx),
    MIP6_DISPATCH(OSSL_FUNC_RAND_INSTANTIATE, &RandInstantiate),
    MIP6_DISPATCH(OSSL_FUNC_RAND_UNINSTANTIATE, &RandUninstantiate),
    MIP6_DISPATCH(OSSL_FUNC_RAND_GENERATE, &RandGenerate),
    MIP6_DISPATCH(OSSL_FUNC_RAND_RESEED, &RandReseed),
    MIP6_DISPATCH(OSSL_FUNC_RAND_ENABLE_LOCKING, &RandEnableLocking),
    MIP6_DISPATCH(OSSL_FUNC_RAND_LOCK, &RandLock),
    MIP6_DISPATCH(OSSL_FUNC_RAND_UNLOCK, &RandUnlock),
    MIP6_DISPATCH(OSSL_FUNC_RAND_GETTABLE_CTX_PARAMS, &RandGettableCtxParams),
    MIP6_DISPATCH(OSSL_FUNC_RAND_GET_CTX_PARAMS, &RandGetCtxParams),
    MIP6_DISPATCH(OSSL_FUNC_RAND_GET_SEED, &RandGetSeed),
    MIP6_DISPATCH(OSSL_FUNC_RAND_CLEAR_SEED, &RandClearSeed),
    {0, nullptr},
};

const OSSL_ALGORITHM g_randAlgorithms[] = {
    {Mip6CryptoRandom::ALGORITHM_NAME,
     "provider=mip6simrand",
     g_randFunctions,
     "mip6 simulation DRBG fed by an ns-3 random stream"},
    {nullptr, nullptr, nullptr, nullptr},
};

const OSSL_ALGORITHM*
ProviderQuery(void* /* provctx */, int operationId, int* noCache)
{
    *noCache = 0;
    return operationId == OSSL_OP_RAND ? g_randAlgorithms : nullptr;
}

const OSSL_DISPATCH g_providerFunctions[] = {
    MIP6_DISPATCH(OSSL_FUNC_PROVIDER_QUERY_OPERATION, &ProviderQuery),
    {0, nullptr},
};

#undef MIP6_DISPATCH

int
ProviderInit(const OSSL_CORE_HANDLE* /* handle */,
             const OSSL_DISPATCH* /* in */,
             const OSSL_DISPATCH** out,
             void** provctx)
{
    *out = g_providerFunctions;
    *provctx = nullptr;
    return 1;
}

/// \return the name of the RAND algorithm behind a DRBG ("" if none)
std::string
DrbgName(EVP_RAND_CTX* ctx)
{
    if (ctx == nullptr)
    {
        return "";
    }
    const EVP_RAND* rand = EVP_RAND_CTX_get0_rand(ctx);
    const char* name = rand != nullptr ? EVP_RAND_get0_name(rand) : nullptr;
    return name != nullptr ? name : "";
}

} // namespace

Mip6CryptoStatus
Mip6CryptoRandom::InstallInto(OSSL_LIB_CTX* libctx)
{
    NS_LOG_FUNCTION(libctx);
    if (OSSL_PROVIDER_add_builtin(libctx, PROVIDER_NAME, &ProviderInit) != 1)
    {
        return mip6crypto::OpensslError("drbg-install: OSSL_PROVIDER_add_builtin");
    }
    // Loading any provider explicitly disables OpenSSL's automatic loading of "default", so it
    // is loaded here too. Both stay loaded for the life of the process.
    if (OSSL_PROVIDER_load(libctx, PROVIDER_NAME) == nullptr)
    {
        return mip6crypto::OpensslError("drbg-install: loading provider mip6simrand");
    }
    if (OSSL_PROVIDER_load(libctx, "default") == nullptr)
    {
        return mip6crypto::OpensslError("drbg-install: loading provider default");
    }
    const std::string propq = std::string("provider=") + PROVIDER_NAME;
    // Both calls fail once the context instantiated its primary DRBG
    // (RAND_R_ALREADY_INSTANTIATED): randomness was used before the provider was in place.
    // The seed source is replaced too, so no DRBG of this context ever reads OS entropy.
    if (RAND_set_seed_source_type(libctx, ALGORITHM_NAME, propq.c_str()) != 1 ||
        RAND_set_DRBG_type(libctx, ALGORITHM_NAME, propq.c_str(), nullptr, nullptr) != 1)
    {
        return mip6crypto::OpensslError(
            "drbg-install: OpenSSL already instantiated its DRBG (randomness was used before "
            "Mip6CryptoRandom was installed)");
    }
    // Instantiate the three DRBGs now and check that each is ours.
    for (EVP_RAND_CTX* ctx :
         {RAND_get0_primary(libctx), RAND_get0_public(libctx), RAND_get0_private(libctx)})
    {
        const std::string name = DrbgName(ctx);
        if (name != ALGORITHM_NAME)
        {
            return mip6crypto::OpensslError("drbg-install: OpenSSL DRBG is '" + name + "', not " +
                                            ALGORITHM_NAME);
        }
    }
    return Mip6CryptoStatus::Ok();
}

Mip6CryptoStatus
Mip6CryptoRandom::TryInstall()
{
    SimRandState& s = State();
    if (s.installed)
    {
        return Mip6CryptoStatus::Ok();
    }
    Mip6CryptoStatus status = InstallInto(nullptr);
    if (status)
    {
        s.installed = true;
    }
    return status;
}

void
Mip6CryptoRandom::Install()
{
    if (State().installed)
    {
        return;
    }
    Mip6CryptoStatus status = TryInstall();
    if (!status)
    {
        NS_FATAL_ERROR("Mip6CryptoRandom: " << status.GetError());
    }
}

bool
Mip6CryptoRandom::IsInstalled()
{
    return State().installed;
}

int64_t
Mip6CryptoRandom::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(stream);
    NS_ABORT_MSG_IF(stream < 0, "Mip6CryptoRandom::AssignStreams: negative stream " << stream);
    SimRandState& s = State();
    s.stream = stream;
    s.rebuild = true;
    return 1;
}

int64_t
Mip6CryptoRandom::GetStream()
{
    return State().stream;
}

void
Mip6CryptoRandom::Reset()
{
    NS_LOG_FUNCTION_NOARGS();
    State().rebuild = true;
}

Mip6Bytes
Mip6CryptoRandom::Bytes(size_t size)
{
    Install();
    Mip6Bytes out(size);
    if (size > 0 && RAND_bytes(out.data(), static_cast<int>(size)) != 1)
    {
        NS_FATAL_ERROR("Mip6CryptoRandom: " << mip6crypto::OpensslError("RAND_bytes").reason);
    }
    return out;
}

uint64_t
Mip6CryptoRandom::GetDrawCount()
{
    return State().draws;
}

namespace
{

/**
 * Installs the provider when libmip6 is loaded, before main() and so before any code of the
 * program can use OpenSSL randomness.
 */
struct AutoInstall
{
    AutoInstall()
    {
        Mip6CryptoStatus status = Mip6CryptoRandom::TryInstall();
        if (!status)
        {
            std::cerr << "mip6: cannot install the seeded OpenSSL DRBG: " << status.GetError()
                      << std::endl;
            std::abort();
        }
    }
};

AutoInstall g_autoInstall; //!< runs at library load

} // namespace

} // namespace ns3
