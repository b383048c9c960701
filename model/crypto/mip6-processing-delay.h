/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_PROCESSING_DELAY_H
#define MIP6_PROCESSING_DELAY_H

#include "ns3/mip6-dh.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <functional>
#include <string>

namespace ns3
{

/**
 * \ingroup mip6
 * The CPU of one node as the crypto core sees it (DESIGN.md §2 "Processing time"): a cost per
 * cryptographic operation, spent serially. Crypto runs in zero simulated time unless a node
 * carries this object (aggregated with Mip6ProcessingDelay::Install) with non-zero costs.
 *
 * How it is charged: the code that does a node's crypto work opens a Mip6CpuScope for that node;
 * every primitive of the crypto core (DH key generation and shared secret, ECDSA sign and verify,
 * HMAC / PRF / integrity, symmetric encryption and decryption) charges its cost to the node in
 * scope. A charge occupies the CPU from max(now, end of the previous charge) for its cost, so an
 * operation issued while the CPU is busy waits. The message that needs the result is handed to
 * Mip6ProcessingDelay::WhenIdle, which runs it at once when the CPU is idle (no event is
 * scheduled: a zero-cost model leaves event order untouched) and otherwise when the CPU is free.
 * TLS handshakes run inside OpenSSL, outside the crypto core: their per-side cost is charged as
 * one operation (Mip6TlsStream). Every cost attribute refuses a negative value (SetAttribute
 * reports it; SetAttributeFailSafe returns false).
 */
class Mip6ProcessingDelay : public Object
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();

    Mip6ProcessingDelay();

    /**
     * \param node a node
     * \return its model, aggregating a new one (all costs zero) if it has none
     */
    static Ptr<Mip6ProcessingDelay> Install(Ptr<Node> node);

    /**
     * \param node a node (may be nullptr)
     * \return its model, or nullptr
     */
    static Ptr<Mip6ProcessingDelay> Get(Ptr<Node> node);

    /**
     * Runs \p fn when the CPU of \p node is idle: at once (a direct call) when the node has no
     * model or its CPU is idle now, else scheduled for the instant its last charge finishes.
     * \param node the node
     * \param fn what needs the CPU's results (e.g. the send of the message it built)
     */
    static void WhenIdle(Ptr<Node> node, std::function<void()> fn);

    /**
     * Socket::SendTo once the CPU of the socket's node is idle (WhenIdle).
     * \param socket the socket
     * \param packet the packet
     * \param to the destination
     */
    static void SendToWhenIdle(Ptr<Socket> socket, Ptr<Packet> packet, const Address& to);

    /**
     * Charges an operation to the node in the current Mip6CpuScope (nothing without one).
     * \param op the operation's name, e.g. "dh-keygen-14", "hmac", "cipher"
     * \param cost its cost
     */
    static void ChargeCurrent(const std::string& op, Time cost);

    /// \param group a DH group \return the cost of generating a key pair of it
    Time GetDhKeygenCost(Mip6DhGroup group) const;
    /// \param group a DH group \return the cost of a shared secret in it
    Time GetDhSharedCost(Mip6DhGroup group) const;
    /// \param bytes input size \return the cost of one HMAC / PRF / ICV over it
    Time GetMacCost(uint64_t bytes) const;
    /// \param bytes input size \return the cost of one symmetric encryption or decryption
    Time GetCipherCost(uint64_t bytes) const;
    /// \return the cost of one ECDSA P-256 signature
    Time GetSignCost() const;
    /// \return the cost of one ECDSA P-256 verification
    Time GetVerifyCost() const;
    /// \param server true for the server side \return the cost of one side's TLS handshake
    Time GetTlsHandshakeCost(bool server) const;

    /**
     * Occupies the CPU for \p cost from max(now, end of the previous charge) and fires
     * Operation. A zero cost occupies nothing but is still traced.
     * \param op the operation's name
     * \param cost its cost (not negative)
     * \return the instant it finishes
     */
    Time Charge(const std::string& op, Time cost);

    /// \return true while a charge has not finished
    bool IsBusy() const;
    /// \return the instant the last charge finishes (may be in the past)
    Time GetBusyUntil() const;
    /// \return the sum of every charged cost so far
    Time GetTotalCharged() const;
    /// \return the number of charged operations so far
    uint64_t GetOperationCount() const;

    /**
     * Sets every cost attribute from a named profile (doc/processing-delay.rst): "none" (all
     * zero), "phone" (a phone-class ARM core, for a Mobile Node) or "server" (a server core, for
     * a Home Agent or an HA-Controller).
     * \param profile the profile name
     * \return false (nothing changed) for an unknown name
     */
    bool ApplyProfile(const std::string& profile);

    /**
     * Checks a profile name.
     * \param profile the name
     * \return true for "none", "phone" and "server"
     */
    static bool IsKnownProfile(const std::string& profile);

    /**
     * Splits a profile pair: "none" (no model on any node) or "MN-HA" with two known profiles,
     * e.g. "phone-server".
     * \param pair the pair
     * \param mn the MN's profile ("none" for "none")
     * \param ha the HA's (and HA-Controller's) profile
     * \return false for anything else
     */
    static bool SplitProfilePair(const std::string& pair, std::string& mn, std::string& ha);

    /**
     * TracedCallback signature of Operation.
     * \param op the operation's name
     * \param cost its cost
     * \param finish the instant it finishes on this CPU
     */
    typedef void (*OperationTracedCallback)(const std::string& op, Time cost, Time finish);

  private:
    Time m_dhKeygen14{0};      //!< MODP-2048 key pair
    Time m_dhShared14{0};      //!< MODP-2048 shared secret
    Time m_dhKeygen19{0};      //!< ECP-256 key pair
    Time m_dhShared19{0};      //!< ECP-256 shared secret
    Time m_dhKeygen31{0};      //!< Curve25519 key pair
    Time m_dhShared31{0};      //!< Curve25519 shared secret
    Time m_sign{0};            //!< ECDSA P-256 sign
    Time m_verify{0};          //!< ECDSA P-256 verify
    Time m_macPerOp{0};        //!< HMAC / PRF / ICV, fixed part
    double m_macPerByte{0};    //!< HMAC / PRF / ICV, ns per input byte
    Time m_cipherPerOp{0};     //!< symmetric encrypt / decrypt, fixed part
    double m_cipherPerByte{0}; //!< symmetric encrypt / decrypt, ns per byte
    Time m_tlsClient{0};       //!< TLS handshake, client side
    Time m_tlsServer{0};       //!< TLS handshake, server side
    Time m_busyUntil{0};       //!< end of the last charge
    Time m_total{0};           //!< sum of charged costs
    uint64_t m_operations{0};  //!< charged operations
    TracedCallback<const std::string&, Time, Time> m_operationTrace; //!< Operation
};

/**
 * \ingroup mip6
 * While alive, crypto-core operations charge the CPU of one node (Mip6ProcessingDelay). Scopes
 * nest; the innermost wins. A scope for a node without a model charges nothing.
 */
class Mip6CpuScope
{
  public:
    /// \param node the node doing the work (may be nullptr: nothing is charged)
    explicit Mip6CpuScope(Ptr<Node> node);
    ~Mip6CpuScope();
    Mip6CpuScope(const Mip6CpuScope&) = delete;
    Mip6CpuScope& operator=(const Mip6CpuScope&) = delete;

    /// \return the model in scope, or nullptr
    static Mip6ProcessingDelay* Current();

  private:
    Mip6ProcessingDelay* m_previous; //!< the enclosing scope's model
};

} // namespace ns3

#endif /* MIP6_PROCESSING_DELAY_H */
