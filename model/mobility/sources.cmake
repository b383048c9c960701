# Sources of model/mobility (paths relative to the repository root); wscript lists the same files.
list(APPEND mip6_sources
  model/mobility/mip6-binding-cache.cc
  model/mobility/mip6-tunnel.cc
  model/mobility/mip6-mn-routing.cc
  model/mobility/mip6-access-monitor.cc
  model/mobility/mip6-movement-detector.cc
  model/mobility/mip6-mobile-node.cc
  model/mobility/mip6-home-agent.cc
  model/mobility/mip6-probe-application.cc
  model/mobility/mip6-options.cc
  model/mobility/mip6-header.cc
  model/mobility/mip6-extensions.cc
  model/mobility/mip6-l4-protocol.cc
)
# ipv6-option-demux-decl.h is private (included by mip6-extensions.cc only), so it is not listed.
list(APPEND mip6_headers
  model/mobility/mip6-binding-cache.h
  model/mobility/mip6-tunnel.h
  model/mobility/mip6-mn-routing.h
  model/mobility/mip6-access-monitor.h
  model/mobility/mip6-movement-detector.h
  model/mobility/mip6-mobile-node.h
  model/mobility/mip6-home-agent.h
  model/mobility/mip6-probe-application.h
  model/mobility/mip6-options.h
  model/mobility/mip6-header.h
  model/mobility/mip6-extensions.h
  model/mobility/mip6-l4-protocol.h
)
list(APPEND mip6_test_sources
  test/home-agent-test-suite.cc
  test/handover-test-suite.cc
  test/header-test-suite.cc
  test/wire-tshark-test-suite.cc
  test/multihoming-test-suite.cc
)
