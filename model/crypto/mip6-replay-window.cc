/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mip6-replay-window.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6ReplayWindow");

Mip6ReplayWindow::Mip6ReplayWindow(uint32_t size)
    : m_size(size),
      m_bits((size + 63) / 64, 0)
{
    NS_ABORT_MSG_IF(size < MIN_SIZE || size > MAX_SIZE,
                    "Mip6ReplayWindow: size " << size << " outside " << MIN_SIZE << ".." << MAX_SIZE
                                              << " (RFC 4303 §3.4.3: at least 32)");
}

bool
Mip6ReplayWindow::TestBit(uint64_t seq) const
{
    const uint64_t i = seq % m_size;
    return (m_bits[i / 64] >> (i % 64)) & 1U;
}

void
Mip6ReplayWindow::SetBit(uint64_t seq)
{
    const uint64_t i = seq % m_size;
    m_bits[i / 64] |= uint64_t{1} << (i % 64);
}

void
Mip6ReplayWindow::ClearBit(uint64_t seq)
{
    const uint64_t i = seq % m_size;
    m_bits[i / 64] &= ~(uint64_t{1} << (i % 64));
}

// RFC 4303 §3.4.3
Mip6ReplayCheck
Mip6ReplayWindow::Check64(uint64_t seq) const
{
    if (!m_received || seq > m_highest)
    {
        return Mip6ReplayCheck::OK;
    }
    if (m_highest - seq >= m_size)
    {
        return Mip6ReplayCheck::TOO_OLD;
    }
    return TestBit(seq) ? Mip6ReplayCheck::DUPLICATE : Mip6ReplayCheck::OK;
}

bool
Mip6ReplayWindow::Update64(uint64_t seq)
{
    if (Check64(seq) != Mip6ReplayCheck::OK)
    {
        return false;
    }
    if (!m_received || (seq > m_highest && seq - m_highest >= m_size))
    {
        // First number, or a jump of at least W: nothing of the old window survives.
        std::fill(m_bits.begin(), m_bits.end(), 0);
        m_highest = seq;
        m_received = true;
    }
    else if (seq > m_highest)
    {
        // The window slides right: the positions it enters (which wrap around the ring and hold
        // numbers W older) become "not received".
        for (uint64_t s = m_highest + 1; s <= seq; ++s)
        {
            ClearBit(s);
        }
        m_highest = seq;
    }
    SetBit(seq);
    return true;
}

Mip6ReplayCheck
Mip6ReplayWindow::Check(uint32_t seq) const
{
    return Check64(seq);
}

bool
Mip6ReplayWindow::Update(uint32_t seq)
{
    return Update64(seq);
}

// RFC 4303 Appendix A2.2
uint64_t
Mip6ReplayWindow::InferEsn(uint32_t seqLow) const
{
    if (!m_received)
    {
        return seqLow;
    }
    const uint32_t tl = static_cast<uint32_t>(m_highest);
    const uint32_t th = static_cast<uint32_t>(m_highest >> 32);
    const uint32_t bottom = tl - (m_size - 1); // Tl - W + 1, modulo 2^32
    uint32_t seqHigh;
    if (tl >= m_size - 1)
    {
        // Case A: the window lies within one subspace.
        seqHigh = seqLow >= bottom ? th : th + 1;
    }
    else
    {
        // Case B: the window spans two subspaces; numbers at or above the wrapped bottom belong
        // to the previous one (which does not exist before the first wrap).
        seqHigh = (seqLow >= bottom && th > 0) ? th - 1 : th;
    }
    return (static_cast<uint64_t>(seqHigh) << 32) | seqLow;
}

uint64_t
Mip6ReplayWindow::GetHighest() const
{
    return m_highest;
}

bool
Mip6ReplayWindow::HasReceived() const
{
    return m_received;
}

uint32_t
Mip6ReplayWindow::GetSize() const
{
    return m_size;
}

void
Mip6ReplayWindow::Reset()
{
    std::fill(m_bits.begin(), m_bits.end(), 0);
    m_highest = 0;
    m_received = false;
}

size_t
Mip6ReplayWindow::GetStateBytes() const
{
    // The bitmap plus the 64-bit right edge (what an implementation must keep per SA).
    return m_bits.size() * sizeof(uint64_t) + sizeof(uint64_t);
}

std::string
Mip6ReplayWindow::ToString(Mip6ReplayCheck check)
{
    switch (check)
    {
    case Mip6ReplayCheck::OK:
        return "ok";
    case Mip6ReplayCheck::DUPLICATE:
        return "replay";
    case Mip6ReplayCheck::TOO_OLD:
        return "replay-too-old";
    }
    return "?";
}

} // namespace ns3
