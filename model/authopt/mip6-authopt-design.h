/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_AUTHOPT_DESIGN_H
#define MIP6_AUTHOPT_DESIGN_H

#include "ns3/mip6-authopt-options.h"
#include "ns3/mip6-security-design.h"
#include "ns3/random-variable-stream.h"

#include <deque>
#include <map>
#include <string>

namespace ns3
{

/**
 * \ingroup mip6
 * The shared configuration of the authopt design, copied into each side when it is created.
 */
struct Mip6AuthOptConfig
{
    uint8_t authSubtype{Mip6AuthOpt::AUTH_SUBTYPE_MN_HA}; ///< what the BU carries
    bool mesgId{true};                                    ///< MESG-ID in BU and BA
    Time window{Seconds(7)};                              ///< MESG-ID freshness window
    Mip6Bytes masterSecret;                               ///< derives per-MN keys and SPIs

    /**
     * Deterministic per-MN derivation (documented in doc/authopt.rst): a 16-byte key =
     * First(128, HMAC-SHA256(masterSecret, label ‖ NAI)).
     * \param label "MN-HA" or "MN-AAA"
     * \param nai the MN's NAI
     * \return the key
     */
    Mip6Bytes DeriveKey(const std::string& label, const std::string& nai) const;
    /**
     * The MN-HA mobility SPI: 256 + (the first 4 bytes of HMAC-SHA256(masterSecret, "SPI" ‖ NAI)
     * mod 2^32 - 256), never in the reserved range 0-255 (RFC 4285 §5.1).
     * \param nai the MN's NAI
     * \return the SPI
     */
    uint32_t DeriveSpi(const std::string& nai) const;
};

/**
 * \ingroup mip6
 * The MN side of `authopt` (RFC 4285 + RFC 4283): every BU carries MN-ID (NAI), MESG-ID (when
 * enabled) and AUTH (MN-HA, or MN-AAA as a variant) last; every BA must carry a valid MN-HA AUTH
 * and echo the BU's MESG-ID. A 144 (MIPV6-ID-MISMATCH) BA resynchronises the MN's clock to the
 * HA's (RFC 4285 §6.1), after which the core sends a new BU at once.
 *
 * The MN's clock is the simulation time plus an offset, drawn uniformly in
 * [-ClockSkewMax, +ClockSkewMax] from the MN's own random stream when ClockSkewMax > 0, else
 * the ClockOffset attribute. Data is not protected: the tunnel stays plain IPv6-in-IPv6.
 */
class Mip6AuthOptMnSecurity : public Mip6MnSecurity
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6AuthOptMnSecurity();

    /// \param config the design's configuration (called by the design)
    void SetConfig(const Mip6AuthOptConfig& config);

    /**
     * Uses a fixed stream for the clock-offset draw.
     * \param stream the first stream index
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);
    /**
     * Without AssignStreams, the clock-offset draw uses stream base + node id.
     * \param base the design's ClockStreamBase
     */
    void SetStreamBase(int64_t base);

    void Setup(Ptr<Node> node, Ipv6Address hoa, Ipv6Address ha) override;
    void DecorateBindingUpdate(Mip6BindingUpdateHeader& bu,
                               const Mip6SignalingContext& ctx) override;
    Mip6Verdict ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx) override;
    void RecoverFromRejection(const Mip6BindingAckHeader& ba, Callback<void, bool> done) override;
    Mip6SecurityState GetState() const override;

    /// \return the NAI in use (valid after Setup)
    std::string GetNai() const;
    /// \return the MN-HA mobility SPI in use (valid after Setup)
    uint32_t GetSpi() const;
    /// \return the MN-HA key in use (valid after Setup)
    Mip6Bytes GetMnHaKey() const;
    /// \return the clock offset in force (drawn at Setup, changed by resynchronisation)
    Time GetClockOffset() const;
    /// \return the MN's clock now (simulation time + offset)
    Time GetClock() const;
    /// \return how many 144 BAs resynchronised the clock
    uint32_t GetResyncCount() const;
    /**
     * \param reason a rejection reason (e.g. "auth-failed")
     * \return how many BAs were refused for it
     */
    uint32_t GetRejectCount(const std::string& reason) const;

    /**
     * TracedCallback signature for a refused message.
     * \param packet the MH
     * \param reason why
     */
    typedef void (*RejectTracedCallback)(Ptr<const Packet> packet, const std::string& reason);
    /**
     * TracedCallback signature for a clock resynchronisation.
     * \param oldOffset the offset before
     * \param newOffset the offset after
     */
    typedef void (*ResyncTracedCallback)(Time oldOffset, Time newOffset);

  protected:
    void DoDispose() override;

  private:
    /// Rejects with a counted, traced reason.
    Mip6Verdict Reject(Ptr<const Packet> mh, const std::string& reason);
    /// \return the next MESG-ID: the clock, strictly above the last one sent
    uint64_t NextMesgId();

    Mip6AuthOptConfig m_config;            //!< design configuration
    std::string m_nai;                     //!< NAI attribute (empty: derived)
    std::string m_mnHaKeyHex;              //!< MN-HA key attribute (empty: derived)
    std::string m_mnAaaKeyHex;             //!< MN-AAA key attribute (empty: derived)
    uint32_t m_spiAttr{0};                 //!< SPI attribute (0: derived)
    Mip6Bytes m_mnHaKey;                   //!< MN-HA key in use
    Mip6Bytes m_mnAaaKey;                  //!< MN-AAA key in use
    uint32_t m_spi{0};                     //!< MN-HA SPI in use
    Time m_clockSkewMax;                   //!< draw range of the clock offset
    Time m_clockOffset;                    //!< clock offset in force
    int64_t m_streamBase{0};               //!< stream base (per-node stream = base + id)
    bool m_streamAssigned{false};          //!< AssignStreams was called
    Ptr<UniformRandomVariable> m_clockRng; //!< the clock-offset draw
    uint64_t m_lastMesgId{0};              //!< last MESG-ID sent
    uint64_t m_lastAcceptedMesgId{0};      //!< MESG-ID of the last BU the HA accepted
    uint32_t m_resyncsSinceAccept{0};      //!< resyncs since the last accepted BA (storm guard)
    std::deque<std::pair<uint16_t, std::optional<uint64_t>>> m_sent;     //!< seq → MESG-ID sent
    uint32_t m_resyncs{0};                                               //!< resynchronisations
    std::map<std::string, uint32_t> m_rejects;                           //!< refusals per reason
    TracedCallback<Ptr<const Packet>, const std::string&> m_rejectTrace; //!< refusals
    TracedCallback<Time, Time> m_resyncTrace;                            //!< resyncs
};

/**
 * \ingroup mip6
 * The HA side of `authopt`: verifies MN-ID, AUTH (146 on failure) and MESG-ID freshness and
 * monotonicity per MN (144 carrying the HA's time on failure, 145 when it is missing); drops a
 * BU without AUTH or MN-ID (counted, traced); adds MESG-ID and an MN-HA AUTH to every BA. No AAA
 * server is modelled: under the MN-AAA variant the HA holds the MN-AAA key itself.
 */
class Mip6AuthOptHaSecurity : public Mip6HaSecurity
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();

    /// \param config the design's configuration (called by the design)
    void SetConfig(const Mip6AuthOptConfig& config);

    /**
     * Configures one MN's security association explicitly (otherwise derived from the NAI).
     * \param nai the MN's NAI
     * \param mnHaKey its MN-HA key
     * \param mnAaaKey its MN-AAA key
     * \param spi its MN-HA mobility SPI
     */
    void SetMnSecret(const std::string& nai,
                     const Mip6Bytes& mnHaKey,
                     const Mip6Bytes& mnAaaKey,
                     uint32_t spi);

    Mip6Verdict ReceiveSignaling(Ptr<const Packet> mh, const Mip6RxContext& ctx) override;
    void DecorateBindingAck(Mip6BindingAckHeader& ba, const Mip6SignalingContext& ctx) override;
    Mip6SecurityState GetState(Ipv6Address hoa) const override;

    /**
     * \param reason a rejection reason
     * \return how many BUs were refused for it
     */
    uint32_t GetRejectCount(const std::string& reason) const;
    /**
     * \param hoa an MN's home address
     * \return the last MESG-ID accepted from it (0: none)
     */
    uint64_t GetLastMesgId(Ipv6Address hoa) const;
    /// \return the HA's clock now (simulation time; the HA's clock is the reference)
    Time GetClock() const;

  protected:
    void DoDispose() override;

  private:
    /// Per-MN security association and replay state.
    struct MnState
    {
        std::string nai;        ///< the MN's NAI
        Mip6Bytes mnHaKey;      ///< MN-HA key
        Mip6Bytes mnAaaKey;     ///< MN-AAA key
        uint32_t spi{0};        ///< MN-HA SPI
        uint64_t lastMesgId{0}; ///< last accepted MESG-ID
        bool seen{false};       ///< an authenticated BU was received
    };

    /// What a BA to a HoA must carry.
    struct Pending
    {
        Ipv6Address hoa;                ///< the MN's home address
        std::string nai;                ///< whose key signs the BA
        std::optional<uint64_t> mesgId; ///< the BU's MESG-ID, to echo
        bool mismatch{false};           ///< a 144: put the HA's time in the high 32 bits
    };

    /**
     * The security association of an NAI: the configured or stored one, else derived (not
     * stored: only an authenticated BU creates per-MN state).
     * \param nai the NAI
     * \return the state
     */
    MnState Lookup(const std::string& nai) const;
    /// Rejects with a counted, traced reason.
    Mip6Verdict Reject(Ptr<const Packet> mh, const std::string& reason, uint8_t status = 0);

    Mip6AuthOptConfig m_config;                    //!< design configuration
    std::map<std::string, MnState> m_mns;          //!< per NAI
    std::map<Ipv6Address, std::string> m_hoaToNai; //!< authenticated HoAs
    std::map<Ipv6Address, Pending> m_accepted;     //!< per HoA: its last accepted BU
    std::optional<Pending> m_reply;                //!< the BU being refused with a BA now
    std::map<std::string, uint32_t> m_rejects;     //!< refusals per reason
    TracedCallback<Ptr<const Packet>, const std::string&> m_rejectTrace; //!< refusals
};

/**
 * \ingroup mip6
 * The design `authopt` (DESIGN.md §1): RFC 4285 authentication options on BU/BA, RFC 4283
 * MN-ID, no bootstrap, no data protection. Variant keys: `auth=mn-ha|mn-aaa`
 * (AuthSubtype), `mesgid=on|off` (MesgId), `skew=2s|30s` (ClockSkewMax).
 */
class Mip6AuthOptDesign : public Mip6SecurityDesign
{
  public:
    /// \return the TypeId
    static TypeId GetTypeId();
    Mip6AuthOptDesign();
    std::string GetId() const override;
    Ptr<Mip6MnSecurity> CreateMnSide() override;
    Ptr<Mip6HaSecurity> CreateHaSide() override;

    /// \return the configuration handed to the sides
    Mip6AuthOptConfig GetConfig() const;

  private:
    /// Attribute setter for the hex master secret
    void SetMasterSecretHex(std::string hex);
    /// \return the hex master secret
    std::string GetMasterSecretHex() const;

    Mip6AuthOptConfig m_config; //!< master secret (the rest comes from the attributes)
    int m_authSubtype{Mip6AuthOpt::AUTH_SUBTYPE_MN_HA}; //!< AuthSubtype
    int m_mesgId{1};                                    //!< MesgId (1 on, 0 off)
    Time m_window{Seconds(7)};                          //!< MesgIdWindow
    Time m_clockSkewMax;                                //!< copied into each MN side
    int64_t m_streamBase;                               //!< copied into each MN side
    std::string m_masterHex;                            //!< master secret, hex
};

} // namespace ns3

#endif /* MIP6_AUTHOPT_DESIGN_H */
