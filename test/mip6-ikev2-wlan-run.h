/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_IKEV2_WLAN_RUN_H
#define MIP6_IKEV2_WLAN_RUN_H

// The common start of an `ipsec-ikev2` run over the WLAN topology, shared by the ipsec-ikev2
// test suites (test-only, not part of the library).

#include "ns3/boolean.h"
#include "ns3/core-module.h"
#include "ns3/mip6-crypto-random.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-ipsec-ikev2-design.h"
#include "ns3/mip6-overhead-meter.h"
#include "ns3/mip6-security-factory.h"
#include "ns3/mip6-wlan-access-helper.h"

#include <functional>
#include <string>

namespace ns3
{
namespace mip6test
{

/**
 * Seeds, the crypto DRBG, the topology, the design (with key export), its installation, the
 * `mn-air` meter and pcaps of one run; a suite's run struct derives from it, connects its own
 * traces, then runs the simulation.
 */
struct Ikev2WlanRun
{
    /// What a run sets up.
    struct Setup
    {
        std::string variant;    ///< the design variant
        uint32_t aps{3};        ///< access points
        Time simTime;           ///< simulated time
        std::string keyDir;     ///< KeyExportDirectory (empty: none)
        std::string pcapPrefix; ///< pcaps with checksums (empty: none)
        uint32_t run{1};        ///< ns-3 run number
        bool phases{false};     ///< meter phases from the handover timeline
        std::function<void(Ptr<Mip6WlanAccessHelper>)> topology; ///< before Build()
        std::function<void(Ptr<Mip6Ikev2Design>)> design;        ///< before installation
    };

    /// \param s what to set up
    void SetUp(const Setup& s)
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(s.run);
        Mip6CryptoRandom::Install();
        Mip6CryptoRandom::Reset();
        if (!s.pcapPrefix.empty())
        {
            GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        }
        access = CreateObject<Mip6WlanAccessHelper>();
        access->SetAttribute("NumAccessPoints", UintegerValue(s.aps));
        if (s.topology)
        {
            s.topology(access);
        }
        topo = access->Build();
        access->AssignStreams(100);
        std::string error;
        Ptr<Mip6SecurityDesign> d = Mip6SecurityDesignFactory::Create(s.variant, error);
        NS_ABORT_MSG_IF(!d, error);
        design = DynamicCast<Mip6Ikev2Design>(d);
        NS_ABORT_MSG_IF(!design, "not ipsec-ikev2");
        if (!s.keyDir.empty())
        {
            design->SetAttribute("KeyExportDirectory", StringValue(s.keyDir));
        }
        if (s.design)
        {
            s.design(design);
        }
        Mip6Helper helper(design);
        inst = helper.InstallOnWlan(topo, Seconds(1), s.simTime);
        meter = CreateObject<Mip6OverheadMeter>();
        if (s.phases)
        {
            Ptr<Mip6HandoverTimeline> timeline = inst.timeline;
            meter->SetPhaseProvider(
                [timeline](uint32_t, Time now) { return timeline->GetPhase(now); });
        }
        meter->AttachWifiMn(topo.mn->GetId(), topo.mnWifiDevice);
        for (const auto& ar : topo.accessRouters)
        {
            meter->AttachWifiAp(ar.apDevice);
        }
        if (!s.pcapPrefix.empty())
        {
            access->EnablePcap(s.pcapPrefix);
        }
        mn = design->GetMnSides().at(0);
        ha = design->GetHaSides().at(0);
    }

    Ptr<Mip6WlanAccessHelper> access; //!< the topology helper
    Mip6WlanTopology topo;            //!< the topology
    Ptr<Mip6Ikev2Design> design;      //!< the design
    Ptr<Mip6Ikev2MnSide> mn;          //!< the MN side
    Ptr<Mip6Ikev2HaSide> ha;          //!< the HA side
    Mip6Helper::Installation inst;    //!< what was installed
    Ptr<Mip6OverheadMeter> meter;     //!< the mn-air meter
};

} // namespace mip6test
} // namespace ns3

#endif /* MIP6_IKEV2_WLAN_RUN_H */
