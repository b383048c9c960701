/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mip6-cellular-access-helper.h"

#include "mip6-links-internal.h"

#include "ns3/boolean.h"
#include "ns3/constant-velocity-mobility-model.h"
#include "ns3/double.h"
#include "ns3/error-model.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv6-interface-container.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/lte-enb-net-device.h"
#include "ns3/lte-helper.h"
#include "ns3/lte-ue-net-device.h"
#include "ns3/mip6-cell-access-monitor.h"
#include "ns3/mip6-lte-access-monitor.h"
#include "ns3/mobility-helper.h"
#include "ns3/mobility-model.h"
#include "ns3/point-to-point-epc-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6CellularAccessHelper");

NS_OBJECT_ENSURE_REGISTERED(Mip6CellularAccessHelper);

using namespace mip6links;

namespace
{

/// ns-3.37's EPC UE pool (NoBackhaulEpcHelper's constructor hard-codes it).
const char* const kEpcUePool = "7777:f00d::";

} // namespace

TypeId
Mip6CellularAccessHelper::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Mip6CellularAccessHelper")
            .SetParent<Object>()
            .SetGroupName("Mip6")
            .AddConstructor<Mip6CellularAccessHelper>()
            .AddAttribute("Mode",
                          "The cellular model: \"lte\" (ns-3 LENA + EPC) or \"abstract\" (a "
                          "point-to-point cell with scheduled outages).",
                          StringValue("lte"),
                          MakeStringAccessor(&Mip6CellularAccessHelper::m_mode),
                          MakeStringChecker())
            .AddAttribute("CoreSubnet",
                          "n of the core-gateway link fd00:0:f1:n::/64 and of the abstract "
                          "cell's prefix fd00:0:2:n::/64 (distinct per helper).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&Mip6CellularAccessHelper::m_coreSubnet),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("CoreDelay",
                          "One-way delay of the core-gateway (PGW or cell router) link.",
                          TimeValue(MilliSeconds(2)),
                          MakeTimeAccessor(&Mip6CellularAccessHelper::m_coreDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("CoreDataRate",
                          "Data rate of the core-gateway link.",
                          DataRateValue(DataRate("1Gbps")),
                          MakeDataRateAccessor(&Mip6CellularAccessHelper::m_coreDataRate),
                          MakeDataRateChecker())
            .AddAttribute("InstallDefaultRoute",
                          "Whether the MN gets a default route through this access (to the PGW "
                          "TUN address, or the cell router at attach).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Mip6CellularAccessHelper::m_defaultRoute),
                          MakeBooleanChecker())
            .AddAttribute("NumCells",
                          "lte: number of eNBs in the row (cell ids 1..N).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&Mip6CellularAccessHelper::m_numCells),
                          MakeUintegerChecker<uint32_t>(1, 255))
            .AddAttribute("CellSpacing",
                          "lte: distance between neighbouring eNBs along x (m).",
                          DoubleValue(200.0),
                          MakeDoubleAccessor(&Mip6CellularAccessHelper::m_cellSpacing),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("CellLateralOffset",
                          "lte: distance of the row of eNBs from the x axis, along y (m).",
                          DoubleValue(20.0),
                          MakeDoubleAccessor(&Mip6CellularAccessHelper::m_cellLateralOffset),
                          MakeDoubleChecker<double>())
            .AddAttribute("HandoverAlgorithm",
                          "lte: the eNBs' handover algorithm (TypeId name); A3Hysteresis and "
                          "A3TimeToTrigger apply to ns3::A3RsrpHandoverAlgorithm.",
                          StringValue("ns3::A3RsrpHandoverAlgorithm"),
                          MakeStringAccessor(&Mip6CellularAccessHelper::m_hoAlgorithm),
                          MakeStringChecker())
            .AddAttribute("A3Hysteresis",
                          "lte: A3 event hysteresis (dB).",
                          DoubleValue(3.0),
                          MakeDoubleAccessor(&Mip6CellularAccessHelper::m_a3Hysteresis),
                          MakeDoubleChecker<double>(0.0, 15.0))
            .AddAttribute("A3TimeToTrigger",
                          "lte: A3 event time to trigger.",
                          TimeValue(MilliSeconds(256)),
                          MakeTimeAccessor(&Mip6CellularAccessHelper::m_a3TimeToTrigger),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MnPosition",
                          "lte: start position of the MN (m), used only if it has no mobility "
                          "model yet.",
                          VectorValue(Vector(0.0, 0.0, 0.0)),
                          MakeVectorAccessor(&Mip6CellularAccessHelper::m_mnPosition),
                          MakeVectorChecker())
            .AddAttribute("MnVelocity",
                          "lte: constant velocity of the MN (m/s), used only if it has no "
                          "mobility model yet.",
                          VectorValue(Vector(0.0, 0.0, 0.0)),
                          MakeVectorAccessor(&Mip6CellularAccessHelper::m_mnVelocity),
                          MakeVectorChecker())
            .AddAttribute("CellDataRate",
                          "abstract: data rate of the MN-cell router link.",
                          DataRateValue(DataRate("20Mbps")),
                          MakeDataRateAccessor(&Mip6CellularAccessHelper::m_cellDataRate),
                          MakeDataRateChecker())
            .AddAttribute("CellDelay",
                          "abstract: one-way delay of the MN-cell router link.",
                          TimeValue(MilliSeconds(15)),
                          MakeTimeAccessor(&Mip6CellularAccessHelper::m_cellDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("ErrorRate",
                          "abstract: packet error rate of the cell link outside outages, each "
                          "direction (RateErrorModel, ERROR_UNIT_PACKET).",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&Mip6CellularAccessHelper::m_errorRate),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("AttachTime",
                          "abstract: when the MN attaches: the cell link passes frames from "
                          "then on and the CoA and default route are installed.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Mip6CellularAccessHelper::m_attachTime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("Outages",
                          "abstract: scheduled outages, \"start:duration[,start:duration...]\" "
                          "in ns-3 time units (e.g. \"2s:500ms,5s:inf\"; inf = for good). "
                          "Every frame received in either direction during one is lost.",
                          StringValue(""),
                          MakeStringAccessor(&Mip6CellularAccessHelper::m_outagesText),
                          MakeStringChecker())
            .AddAttribute("CellId",
                          "abstract: the cell id the monitor reports in L2Up.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&Mip6CellularAccessHelper::m_cellId),
                          MakeUintegerChecker<uint16_t>());
    return tid;
}

Mip6CellularAccessHelper::Mip6CellularAccessHelper()
    : m_coreSubnet(0),
      m_defaultRoute(true),
      m_numCells(2),
      m_cellSpacing(200.0),
      m_cellLateralOffset(20.0),
      m_a3Hysteresis(3.0),
      m_errorRate(0.0),
      m_cellId(1)
{
    NS_LOG_FUNCTION(this);
}

Mip6CellularAccessHelper::~Mip6CellularAccessHelper()
{
    NS_LOG_FUNCTION(this);
}

void
Mip6CellularAccessHelper::DoDispose()
{
    m_access = Mip6CellularAccess();
    m_stackNodes = NodeContainer();
    m_rateErrorModel = nullptr;
    Object::DoDispose();
}

void
Mip6CellularAccessHelper::AddOutage(Time start, Time duration)
{
    NS_ABORT_MSG_IF(m_installed, "AddOutage() after Install()");
    NS_ABORT_MSG_IF(start.IsStrictlyNegative() || !duration.IsStrictlyPositive(),
                    "outage at " << start.As(Time::S) << " for " << duration.As(Time::S)
                                 << ": start must be >= 0 and duration > 0");
    m_extraOutages.push_back({start, duration});
}

Mip6CellularAccess
Mip6CellularAccessHelper::Install(Ptr<Node> mn, Ptr<Node> core)
{
    NS_LOG_FUNCTION(this << mn << core);
    NS_ABORT_MSG_IF(m_installed, "Mip6CellularAccessHelper::Install() called twice");
    NS_ABORT_MSG_UNLESS(m_mode == "lte" || m_mode == "abstract",
                        "Mip6CellularAccessHelper: Mode must be \"lte\" or \"abstract\", not \""
                            << m_mode << "\"");
    NS_ABORT_MSG_UNLESS(mn && core, "Mip6CellularAccessHelper::Install: null node");
    NS_ABORT_MSG_UNLESS(core->GetObject<Ipv6>(),
                        "Mip6CellularAccessHelper: core node " << core->GetId()
                                                               << " has no IPv6 stack");
    NS_ABORT_MSG_IF(m_coreDataRate.GetBitRate() == 0 || m_cellDataRate.GetBitRate() == 0,
                    "Mip6CellularAccessHelper: a data rate is 0");
    m_installed = true;

    if (!mn->GetObject<Ipv6>())
    {
        InstallIpv6Stack(NodeContainer(mn)); // like the WLAN topology's nodes
        m_stackNodes.Add(mn);
    }

    Mip6CellularAccess a;
    a.mode = m_mode;
    a.mn = mn;
    a.core = core;
    if (m_mode == "lte")
    {
        InstallLte(a);
    }
    else
    {
        InstallAbstract(a);
    }
    m_access = a;
    return a;
}

void
Mip6CellularAccessHelper::LinkToCore(Mip6CellularAccess& a,
                                     Ipv6Address accessPrefix,
                                     uint8_t prefixLength)
{
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(m_coreDataRate));
    p2p.SetChannelAttribute("Delay", TimeValue(m_coreDelay));
    NetDeviceContainer link = p2p.Install(a.core, a.gatewayNode);
    a.coreAddress = PlanAddress(0, 0xf1, m_coreSubnet, 1);
    a.gatewayCoreAddress = PlanAddress(0, 0xf1, m_coreSubnet, 2);
    a.coreInterface = AddIpv6Interface(link.Get(0), a.coreAddress);
    a.gatewayInterface = AddIpv6Interface(link.Get(1), a.gatewayCoreAddress);
    Ptr<Ipv6> coreIpv6 = a.core->GetObject<Ipv6>();
    coreIpv6->SetForwarding(a.coreInterface, true);
    a.gatewayNode->GetObject<Ipv6>()->SetForwarding(a.gatewayInterface, true);
    StaticRouting(a.core)->AddNetworkRouteTo(accessPrefix,
                                             Ipv6Prefix(prefixLength),
                                             a.gatewayCoreAddress,
                                             a.coreInterface);
    StaticRouting(a.gatewayNode)->SetDefaultRoute(a.coreAddress, a.gatewayInterface);
}

void
Mip6CellularAccessHelper::InstallLte(Mip6CellularAccess& a)
{
    Ptr<Node> mn = a.mn;
    if (!mn->GetObject<MobilityModel>())
    {
        Ptr<ConstantVelocityMobilityModel> model = CreateObject<ConstantVelocityMobilityModel>();
        model->SetPosition(m_mnPosition);
        model->SetVelocity(m_mnVelocity);
        mn->AggregateObject(model);
        m_madeMobility = true;
    }

    a.lte = CreateObject<LteHelper>();
    a.epc = CreateObject<PointToPointEpcHelper>();
    a.lte->SetEpcHelper(a.epc);
    a.lte->SetHandoverAlgorithmType(m_hoAlgorithm);
    if (m_hoAlgorithm == "ns3::A3RsrpHandoverAlgorithm")
    {
        a.lte->SetHandoverAlgorithmAttribute("Hysteresis", DoubleValue(m_a3Hysteresis));
        a.lte->SetHandoverAlgorithmAttribute("TimeToTrigger", TimeValue(m_a3TimeToTrigger));
    }

    a.enbNodes.Create(m_numCells);
    MobilityHelper enbMobility;
    enbMobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    enbMobility.Install(a.enbNodes);
    for (uint32_t i = 0; i < a.enbNodes.GetN(); ++i)
    {
        a.enbNodes.Get(i)->GetObject<MobilityModel>()->SetPosition(
            Vector(i * m_cellSpacing, m_cellLateralOffset, 0.0));
    }
    a.enbDevices = a.lte->InstallEnbDevice(a.enbNodes);
    for (uint32_t i = 0; i + 1 < a.enbNodes.GetN(); ++i)
    {
        a.lte->AddX2Interface(a.enbNodes.Get(i), a.enbNodes.Get(i + 1));
    }
    for (uint32_t i = 0; i < a.enbDevices.GetN(); ++i)
    {
        const uint16_t cellId = DynamicCast<LteEnbNetDevice>(a.enbDevices.Get(i))->GetCellId();
        a.accessNames[Mip6AccessMonitor::GetCellAddress(cellId)] =
            "lte-cell" + std::to_string(cellId);
    }

    NetDeviceContainer ueDevices = a.lte->InstallUeDevice(NodeContainer(mn));
    Ptr<LteUeNetDevice> ue = DynamicCast<LteUeNetDevice>(ueDevices.Get(0));
    a.mnDevice = ue;

    // AssignUeIpv6Address switches ns-3's DAD off on the whole node (ns3-feasibility.md §7d):
    // the EPC address is added without DAD, then the node's setting is restored so that the MN's
    // other interfaces (WLAN SLAAC) keep theirs.
    Ptr<Icmpv6L4Protocol> icmpv6 = mn->GetObject<Icmpv6L4Protocol>();
    BooleanValue dad;
    icmpv6->GetAttribute("DAD", dad);
    Ipv6InterfaceContainer ueIfs = a.epc->AssignUeIpv6Address(ueDevices);
    icmpv6->SetAttribute("DAD", dad);
    a.mnInterface = ueIfs.GetInterfaceIndex(0);
    Ptr<Ipv6> ipv6 = mn->GetObject<Ipv6>();
    // The PGW only forwards downlink to the address at index 1 of this interface, read when the
    // default bearer is activated by Attach() below (ns3-feasibility.md §6).
    NS_ABORT_MSG_UNLESS(ipv6->GetNAddresses(a.mnInterface) == 2,
                        "the LTE interface must hold exactly link-local + EPC address at attach");
    a.careOfAddress = ipv6->GetAddress(a.mnInterface, 1).GetAddress();
    a.prefix = Ipv6Address(kEpcUePool);
    a.prefixLength = 64;
    a.gateway = a.epc->GetUeDefaultGatewayAddress6();
    a.technology = "lte";
    if (m_defaultRoute)
    {
        StaticRouting(mn)->SetDefaultRoute(a.gateway, a.mnInterface);
    }
    a.lte->Attach(ueDevices); // initial cell selection; the default EPS bearer

    a.gatewayNode = a.epc->GetPgwNode();
    LinkToCore(a, a.prefix, a.prefixLength);

    Ptr<Mip6LteAccessMonitor> monitor = CreateObject<Mip6LteAccessMonitor>();
    monitor->SetDevice(ue);
    a.monitor = monitor;
    NS_LOG_INFO("LTE access: " << m_numCells << " eNBs, MN node " << mn->GetId() << " CoA "
                               << a.careOfAddress << " via PGW node " << a.gatewayNode->GetId());
}

void
Mip6CellularAccessHelper::InstallAbstract(Mip6CellularAccess& a)
{
    std::string error;
    std::vector<Mip6CellOutage> outages;
    NS_ABORT_MSG_UNLESS(Mip6ParseCellOutages(m_outagesText, outages, error),
                        "Mip6CellularAccessHelper Outages \"" << m_outagesText << "\": " << error);
    outages.insert(outages.end(), m_extraOutages.begin(), m_extraOutages.end());
    NS_ABORT_MSG_UNLESS(Mip6SortCellOutages(outages, error), "Mip6CellularAccessHelper: " << error);

    a.technology = "cell";
    a.gatewayNode = CreateObject<Node>();
    InstallIpv6Stack(NodeContainer(a.gatewayNode));
    m_stackNodes.Add(a.gatewayNode);

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(m_cellDataRate));
    p2p.SetChannelAttribute("Delay", TimeValue(m_cellDelay));
    a.cellDevices = p2p.Install(a.mn, a.gatewayNode);
    a.mnDevice = a.cellDevices.Get(0);

    // One error model on both ends: a frame is lost when its reception ends while the cell is
    // unavailable (before the attach, in an outage), else with probability ErrorRate.
    a.cellErrorModel = CreateObject<Mip6OutageErrorModel>();
    a.cellErrorModel->SetSchedule(m_attachTime, outages);
    if (m_errorRate > 0)
    {
        m_rateErrorModel = CreateObject<RateErrorModel>();
        m_rateErrorModel->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
        m_rateErrorModel->SetRate(m_errorRate);
        a.cellErrorModel->SetInnerModel(m_rateErrorModel);
    }
    for (uint32_t i = 0; i < a.cellDevices.GetN(); ++i)
    {
        a.cellDevices.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(a.cellErrorModel));
    }
    a.outages = outages;
    a.attachTime = m_attachTime;

    a.prefix = PlanAddress(0, 2, m_coreSubnet, 0);
    a.prefixLength = kPrefixLength;
    a.gateway = PlanAddress(0, 2, m_coreSubnet, 1);
    AddIpv6Interface(a.cellDevices.Get(1), a.gateway);
    a.gatewayNode->GetObject<Ipv6>()->SetAttribute("IpForward", BooleanValue(true));
    // The MN's interface is link-local only until the attach gives it the CoA.
    a.mnInterface = AddIpv6Interface(a.mnDevice, Ipv6Address::GetAny());
    a.careOfAddress = Ipv6Address::MakeAutoconfiguredAddress(a.mnDevice->GetAddress(), a.prefix);
    Simulator::Schedule(m_attachTime,
                        &Mip6CellularAccessHelper::AttachAbstract,
                        a.mn,
                        a.mnInterface,
                        a.careOfAddress,
                        a.gateway,
                        m_defaultRoute);
    LinkToCore(a, a.prefix, a.prefixLength);
    a.accessNames[Mip6AccessMonitor::GetCellAddress(m_cellId)] = "cell" + std::to_string(m_cellId);

    Ptr<Mip6CellAccessMonitor> monitor = CreateObject<Mip6CellAccessMonitor>();
    monitor->SetCell(a.mnDevice, a.careOfAddress, m_cellId, m_attachTime, outages);
    a.monitor = monitor;
    NS_LOG_INFO("abstract cell: MN node " << a.mn->GetId() << " CoA " << a.careOfAddress << " at "
                                          << m_attachTime.As(Time::S) << ", " << outages.size()
                                          << " outages");
}

void
Mip6CellularAccessHelper::AttachAbstract(Ptr<Node> mn,
                                         uint32_t ifIndex,
                                         Ipv6Address coa,
                                         Ipv6Address router,
                                         bool defaultRoute)
{
    NS_LOG_FUNCTION(mn << ifIndex << coa << router);
    Ptr<Ipv6> ipv6 = mn->GetObject<Ipv6>();
    ipv6->AddAddress(ifIndex, Ipv6InterfaceAddress(coa, Ipv6Prefix(kPrefixLength)));
    if (defaultRoute)
    {
        StaticRouting(mn)->SetDefaultRoute(router, ifIndex);
    }
}

int64_t
Mip6CellularAccessHelper::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    NS_ABORT_MSG_UNLESS(m_installed, "AssignStreams() before Install()");
    int64_t current = stream;
    if (m_access.lte)
    {
        NetDeviceContainer devices(m_access.enbDevices);
        devices.Add(m_access.mnDevice);
        current += m_access.lte->AssignStreams(devices, current); // EPC nodes included
    }
    if (m_madeMobility)
    {
        current += MobilityHelper().AssignStreams(NodeContainer(m_access.mn), current);
    }
    if (m_rateErrorModel)
    {
        current += m_rateErrorModel->AssignStreams(current);
    }
    NodeContainer stacks(m_stackNodes);
    stacks.Add(m_access.enbNodes); // the EPC helper gave the eNBs their stacks
    if (stacks.GetN() > 0)
    {
        current += InternetStackHelper().AssignStreams(stacks, current);
    }
    return current - stream;
}

} // namespace ns3
