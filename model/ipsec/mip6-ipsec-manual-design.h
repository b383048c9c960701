/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The `ipsec-manual` design: RFC 3776 with statically configured SAs (DESIGN.md §1).
 */

#ifndef MIP6_IPSEC_MANUAL_DESIGN_H
#define MIP6_IPSEC_MANUAL_DESIGN_H

#include "ns3/event-id.h"
#include "ns3/mip6-esp-sa.h"
#include "ns3/mip6-ipsec-sad.h"
#include "ns3/mip6-key-export.h"
#include "ns3/mip6-security-design.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <map>
#include <memory>
#include <vector>

namespace ns3
{

class Mip6IpsecManualDesign;

/**
 * \ingroup mip6-ipsec
 * The static keys of one MN (RFC 3776 §4: manual keying). Four unidirectional SAs: the BU
 * (MN→HA) and BA (HA→MN) transport SAs, and the payload tunnel SAs MN→HA and HA→MN (used only
 * with payload protection).
 */
struct Mip6IpsecManualKeys
{
    uint32_t mnId{0};    ///< the MN (node id)
    Ipv6Address hoa;     ///< its home address
    Ipv6Address ha;      ///< its home agent
    uint32_t spiBu{0};   ///< SPI of the BU SA (MN→HA, transport)
    uint32_t spiBa{0};   ///< SPI of the BA SA (HA→MN, transport)
    uint32_t spiUp{0};   ///< SPI of the payload SA MN→HA (tunnel)
    uint32_t spiDown{0}; ///< SPI of the payload SA HA→MN (tunnel)
    Mip6Bytes keyBu;     ///< encryption ‖ integrity keys of the BU SA
    Mip6Bytes keyBa;     ///< … of the BA SA
    Mip6Bytes keyUp;     ///< … of the payload SA MN→HA
    Mip6Bytes keyDown;   ///< … of the payload SA HA→MN
};

/**
 * \ingroup mip6-ipsec
 * MN side of `ipsec-manual`. The BU goes out as IPv6 + DestOpt(HAO) + ESP(MH) with the BU SA
 * (RFC 3776 §3.1, RFC 6275 §11.7.1); a BA is accepted only when the BA SA protected it. With
 * payload protection the tunnel carries ESP tunnel mode (CoA↔HA) and plain IPv6-in-IPv6 is
 * refused; on a new CoA the tunnel SAs migrate (PF_KEY MIGRATE, traced by Mip6IpsecSad).
 */
class Mip6IpsecManualMnSide : public Mip6MnSecurity
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();

    /// \param design the design that configures the keys of both ends (used during Setup only)
    void SetDesign(Mip6IpsecManualDesign* design);

    void Setup(Ptr<Node> node, Ipv6Address hoa, Ipv6Address ha) override;
    void Bootstrap(Ipv6Address coa, Callback<void, bool> done) override;
    void DecorateBindingUpdate(Mip6BindingUpdateHeader& bu,
                               const Mip6SignalingContext& ctx) override;
    void PrepareHandover(const Mip6CoaChange& change, Callback<void, bool> done) override;
    void SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx) override;
    Mip6Verdict ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx) override;
    void SendData(Ptr<Packet> inner, const Mip6SignalingContext& ctx) override;
    Mip6Verdict AcceptPlainTunnel(const Ipv6Header& outer) override;
    Mip6SecurityState GetState() const override;

    /// \return the keys this MN was configured with
    const Mip6IpsecManualKeys& GetKeys() const;
    /// \return the node's SPD/SAD
    Ptr<Mip6IpsecSad> GetSad() const;

  protected:
    void DoDispose() override;

  private:
    Mip6IpsecManualDesign* m_design{nullptr}; //!< the design (installation time only)
    Ptr<Mip6IpsecSad> m_sad;                  //!< the node's databases
    Mip6IpsecManualKeys m_keys;               //!< the static keys
    uint32_t m_firstSpi{0};                   //!< attribute FirstSpi (0: derived)
    std::string m_keySeed;                    //!< attribute KeySeed (empty: the design's)
    Ipv6Address m_tunnelCoa;                  //!< current outer endpoint of the tunnel SAs
    bool m_atHome{false};                     //!< returned home (no keepalives)
    Time m_keepaliveInterval;                 //!< NAT-keepalive period (zero: none)
    EventId m_keepalive;                      //!< next NAT-keepalive

    /// Sends an RFC 3948 §2.3 NAT-keepalive from the CoA and schedules the next.
    void SendKeepalive();
};

/**
 * \ingroup mip6-ipsec
 * HA side of `ipsec-manual`: one SA set per MN (four SAs, SPD entries for BU in, BA out and, with
 * payload protection, tunnel out/in/fwd). A BU is accepted only when the BU SA of its HoA
 * protected it; the BA goes out as IPv6 + RH2 + ESP(MH). An accepted BU from a new CoA migrates
 * the MN's tunnel SAs.
 */
class Mip6IpsecManualHaSide : public Mip6HaSecurity
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();

    /// \param design the design that configures the keys (used during Setup only)
    void SetDesign(Mip6IpsecManualDesign* design);

    /**
     * Configures an MN's SAs at this HA (replaces an earlier configuration only if replace).
     * \param keys the MN's keys
     * \param replace replace a configuration that exists
     */
    void AddMn(const Mip6IpsecManualKeys& keys, bool replace);

    void Setup(Ptr<Node> node, Ipv6Address ha) override;
    Mip6Verdict ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx) override;
    void SendSignaling(Ptr<Packet> mh, const Mip6SignalingContext& ctx) override;
    void NotifyBindingUpdated(Ipv6Address hoa, Ipv6Address oldCoa, Ipv6Address newCoa) override;
    void SendData(Ptr<Packet> inner, const Mip6SignalingContext& ctx) override;
    Mip6Verdict AcceptPlainTunnel(const Ipv6Header& outer) override;
    Mip6SecurityState GetState(Ipv6Address hoa) const override;

    /// \return the node's SPD/SAD
    Ptr<Mip6IpsecSad> GetSad() const;

  protected:
    void DoDispose() override;

  private:
    Mip6IpsecManualDesign* m_design{nullptr};             //!< the design (installation time only)
    Ptr<Mip6IpsecSad> m_sad;                              //!< the node's databases
    std::map<Ipv6Address, Mip6IpsecManualKeys> m_pending; //!< configured before Setup
    std::map<Ipv6Address, Ipv6Address> m_tunnelCoa; //!< outer endpoint of each MN's tunnel SAs
    bool m_payload{false};                          //!< payload protection on
};

/**
 * \ingroup mip6-ipsec
 * `ipsec-manual` (RFC 3776 with static keys; DESIGN.md §1). Variant keys: `esp` (attribute Esp:
 * cbc-sha1, cbc-sha256, gcm, null-sha1) and `payload` (attribute Payload: off, on). K = 0 always
 * (RFC 4877 §4.4: manual SAs cannot move a key-management endpoint).
 *
 * Keys and SPIs (documented defaults, deterministic): the n-th MN installed (n = 0, 1, …) gets
 * SPIs FirstSpi + 4n … + 4n + 3 (BU, BA, payload up, payload down) unless its MN side's FirstSpi
 * attribute is set, and each SA's keys are prf+(HMAC-SHA-256, KeySeed, "mip6 ipsec-manual" ‖ HoA
 * ‖ SPI) (RFC 7296 §2.13), the encryption key first (GCM: key ‖ salt), then the integrity key.
 * Both ends take the keys from the design, as an operator configures both.
 */
class Mip6IpsecManualDesign : public Mip6SecurityDesign
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6IpsecManualDesign() = default;
    ~Mip6IpsecManualDesign() override;
    std::string GetId() const override;
    Ptr<Mip6MnSecurity> CreateMnSide() override;
    Ptr<Mip6HaSecurity> CreateHaSide() override;

    /**
     * Derives (or returns) the keys of an MN and configures them at every HA side of the design.
     * \param mnId the MN
     * \param hoa its home address
     * \param ha its home agent
     * \param firstSpi first of its four SPIs (0: FirstSpi + 4n)
     * \param keySeed seed of its keys (empty: the design's KeySeed)
     * \return the keys
     */
    Mip6IpsecManualKeys Provision(uint32_t mnId,
                                  Ipv6Address hoa,
                                  Ipv6Address ha,
                                  uint32_t firstSpi,
                                  const std::string& keySeed);

    /**
     * Builds one SA of a key set.
     * \param spi the SPI
     * \param keys encryption ‖ integrity keys
     * \param mode the mode
     * \param source source (selector or outer)
     * \param destination destination
     * \return the SA
     */
    Ptr<Mip6EspSa> MakeSa(uint32_t spi,
                          const Mip6Bytes& keys,
                          Mip6EspMode mode,
                          Ipv6Address source,
                          Ipv6Address destination) const;

    /**
     * Applies the design's key export (attribute KeyExportDirectory) to a node's ESP protocol.
     * \param esp the protocol
     */
    void ConfigureExport(Ptr<Mip6EspProtocol> esp);

    /**
     * Relays a node's PF_KEY MIGRATE messages on the base class's "LocalMessage" trace (called by
     * the sides when they set up their node's databases).
     * \param sad the node's databases
     * \param node the node
     */
    void WatchLocalMessages(Ptr<Mip6IpsecSad> sad, Ptr<Node> node);

    /// \return the ESP transform
    Mip6EspTransform GetTransform() const;
    /// \return whether payload protection is on
    bool GetPayloadProtection() const;
    /// \return true when ESP goes in UDP (RFC 3948; attribute UdpEncapsulation)
    bool GetUdpEncapsulation() const;
    /// \return the MN's NAT-keepalive period with UDP encapsulation (attribute KeepaliveInterval)
    Time GetKeepaliveInterval() const;
    std::string GetDataProtection() const override;

  protected:
    void DoDispose() override;

  private:
    int m_transform{0};                                //!< attribute Esp (Mip6EspTransform)
    int m_payload{0};                                  //!< attribute Payload (0 off, 1 on)
    int m_udpEncap{0};                                 //!< attribute UdpEncapsulation (0/1)
    Time m_keepaliveInterval;                          //!< attribute KeepaliveInterval
    uint32_t m_firstSpi{0};                            //!< attribute FirstSpi
    std::string m_keySeed;                             //!< attribute KeySeed
    uint32_t m_replayWindow{64};                       //!< attribute ReplayWindow
    std::string m_keyExportDirectory;                  //!< attribute KeyExportDirectory
    std::shared_ptr<Mip6KeyExport> m_keys;             //!< the writer, once created
    std::vector<Ptr<Mip6IpsecManualHaSide>> m_haSides; //!< HA sides made
    std::map<Ipv6Address, Mip6IpsecManualKeys> m_mns;  //!< MNs provisioned
    /// false once the design is destroyed (the SADs' relays check it; no reference cycle)
    std::shared_ptr<bool> m_alive{std::make_shared<bool>(true)};

    /**
     * Fires LocalMessage for a migrated policy.
     * \param node the node's label
     * \param mn the MN
     * \param oldCoa the old endpoint
     * \param newCoa the new one
     * \param bytes the PF_KEY message size
     */
    void Migrated(std::string node,
                  uint32_t mn,
                  Ipv6Address oldCoa,
                  Ipv6Address newCoa,
                  uint32_t bytes);
};

} // namespace ns3

#endif /* MIP6_IPSEC_MANUAL_DESIGN_H */
