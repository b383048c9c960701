/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The anti-replay sliding window shared by ESP and RFC 6618 altsec (RFC 4303 §3.4.3, Appendix A).
 */

#ifndef MIP6_REPLAY_WINDOW_H
#define MIP6_REPLAY_WINDOW_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6-crypto
 * Verdict of Mip6ReplayWindow::Check.
 */
enum class Mip6ReplayCheck
{
    OK,        ///< new and inside or right of the window
    DUPLICATE, ///< inside the window and already received
    TOO_OLD,   ///< left of the window
};

/**
 * \ingroup mip6-crypto
 * A receiver's anti-replay window (RFC 4303 §3.4.3): W sequence numbers ending at the highest one
 * authenticated so far. Check() says whether a number is acceptable (right of the window, or
 * inside it and not yet seen); Update() records it and must only be called once the packet's ICV
 * verified, so a forged packet can never move the window. The bitmap is a ring of W bits indexed
 * by sequence number modulo W (RFC 6479's idea), so advancing costs no shifting.
 *
 * 32-bit sequence numbers: Check()/Update(). A sender without ESN must rekey before its counter
 * would wrap (RFC 4303 §3.3.3), so the window never wraps; numbers are compared as integers.
 * Extended Sequence Numbers (RFC 4303 §2.2.1): InferEsn() reconstructs the 64-bit number from the
 * 32 bits on the wire (Appendix A2.2); the caller verifies the ICV over it and then calls
 * Check64()/Update64().
 *
 * Which numbers a protocol may use is the protocol's business: ESP starts at 1 and never sends 0
 * (RFC 4303 §3.3.3), RFC 6618 altsec starts at 0. The window accepts whatever comes first.
 */
class Mip6ReplayWindow
{
  public:
    static constexpr uint32_t MIN_SIZE = 32;     ///< RFC 4303: the window MUST be at least 32
    static constexpr uint32_t DEFAULT_SIZE = 64; ///< RFC 4303 §3.4.3's default
    static constexpr uint32_t MAX_SIZE = 4096;   ///< upper bound accepted here

    /**
     * \param size the window width W, MIN_SIZE..MAX_SIZE (aborts otherwise: a configuration
     *        error)
     */
    explicit Mip6ReplayWindow(uint32_t size = DEFAULT_SIZE);

    /**
     * \param seq a 32-bit sequence number
     * \return whether it is acceptable
     */
    Mip6ReplayCheck Check(uint32_t seq) const;

    /**
     * Records an authenticated sequence number.
     * \param seq the number
     * \return false (and no change) when Check(seq) is not OK
     */
    bool Update(uint32_t seq);

    /**
     * \param seq a 64-bit (ESN) sequence number
     * \return whether it is acceptable
     */
    Mip6ReplayCheck Check64(uint64_t seq) const;

    /**
     * Records an authenticated 64-bit sequence number.
     * \param seq the number
     * \return false (and no change) when Check64(seq) is not OK
     */
    bool Update64(uint64_t seq);

    /**
     * RFC 4303 Appendix A2.2: the 64-bit sequence number a received low-order half most likely
     * belongs to, given the window. Verify the ICV with it before Update64().
     * \param seqLow the 32 bits on the wire
     * \return the inferred 64-bit number
     */
    uint64_t InferEsn(uint32_t seqLow) const;

    /// \return the highest sequence number recorded (0 before any)
    uint64_t GetHighest() const;

    /// \return true once a number was recorded
    bool HasReceived() const;

    /// \return the window width W
    uint32_t GetSize() const;

    /// Forgets everything (as for a new SA).
    void Reset();

    /// \return the bytes of state this window holds (for the HA state meter, DESIGN.md §4.4)
    size_t GetStateBytes() const;

    /**
     * \param check a verdict
     * \return a short stable reason ("ok", "replay", "replay-too-old")
     */
    static std::string ToString(Mip6ReplayCheck check);

  private:
    /// \return true when the bit of seq is set
    bool TestBit(uint64_t seq) const;
    /// Sets the bit of seq.
    void SetBit(uint64_t seq);
    /// Clears the bit of seq.
    void ClearBit(uint64_t seq);

    uint32_t m_size;              //!< W
    uint64_t m_highest{0};        //!< right edge of the window
    bool m_received{false};       //!< anything recorded yet
    std::vector<uint64_t> m_bits; //!< ring bitmap of W bits
};

} // namespace ns3

#endif /* MIP6_REPLAY_WINDOW_H */
