# Sources of model/altsec (paths relative to the repository root); wscript lists the same files.
list(APPEND mip6_sources
  model/altsec/mip6-mhauth.cc
  model/altsec/mip6-altsec-packet.cc
  model/altsec/mip6-tls-stream.cc
  model/altsec/mip6-hac-ha.cc
  model/altsec/mip6-ha-controller.cc
  model/altsec/mip6-altsec-design.cc
)
list(APPEND mip6_headers
  model/altsec/mip6-mhauth.h
  model/altsec/mip6-altsec-packet.h
  model/altsec/mip6-tls-stream.h
  model/altsec/mip6-hac-ha.h
  model/altsec/mip6-ha-controller.h
  model/altsec/mip6-altsec-design.h
)
list(APPEND mip6_test_sources
  test/altsec-mhauth-test-suite.cc
  test/altsec-packet-test-suite.cc
  test/altsec-tls-test-suite.cc
  test/altsec-design-test-suite.cc
  test/altsec-wireshark-test-suite.cc
  test/altsec-hac-test-suite.cc
)
