# -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
# mip6 for waf-based ns-3 trees (ns-3 <= 3.35). It lists the same files as the CMake build
# (<area>/sources.cmake); the ctest entry mip6-build-sources fails when the lists differ.


def configure(conf):
    conf.check_cfg(package='openssl', args=['--cflags', '--libs'],
                   uselib_store='OPENSSL', mandatory=True)
    conf.env.append_value('LIB_BOOST_PO', ['boost_program_options'])


def build(bld):
    module = bld.create_ns3_module('mip6', ['core', 'network', 'internet', 'internet-apps',
                                            'applications', 'mobility', 'wifi', 'point-to-point',
                                            'csma', 'bridge', 'virtual-net-device', 'propagation',
                                            'stats'])
    module.use.extend(['OPENSSL', 'BOOST_PO'])
    module.env.append_value('DEFINES', ['NS3_LOG_ENABLE', 'NS3_ASSERT_ENABLE'])
    module.source = [
        'model/crypto/mip6-crypto-types.cc',
        'model/crypto/mip6-crypto-random.cc',
        'model/crypto/mip6-cipher.cc',
        'model/crypto/mip6-mac.cc',
        'model/crypto/mip6-prf.cc',
        'model/crypto/mip6-dh.cc',
        'model/crypto/mip6-ecdsa.cc',
        'model/crypto/mip6-certificate.cc',
        'model/crypto/mip6-test-pki.cc',
        'model/crypto/mip6-replay-window.cc',
        'model/crypto/mip6-key-export.cc',
        'model/mobility/mip6-binding-cache.cc',
        'model/mobility/mip6-tunnel.cc',
        'model/mobility/mip6-mn-routing.cc',
        'model/mobility/mip6-movement-detector.cc',
        'model/mobility/mip6-mobile-node.cc',
        'model/mobility/mip6-home-agent.cc',
        'model/mobility/mip6-probe-application.cc',
        'model/mobility/mip6-options.cc',
        'model/mobility/mip6-header.cc',
        'model/mobility/mip6-extensions.cc',
        'model/mobility/mip6-l4-protocol.cc',
        'model/security/mip6-security-design.cc',
        'model/security/mip6-security-factory.cc',
        'model/security/mip6-none-design.cc',
        'model/metrics/mip6-handover-timeline.cc',
        'model/metrics/mip6-result-writer.cc',
        'model/metrics/mip6-category-tag.cc',
        'model/metrics/mip6-overhead-meter.cc',
        'model/metrics/mip6-state-meter.cc',
        'model/links/mip6-wlan-access-helper.cc',
        'helper/mip6-helper.cc',
        'helper/mip6-compare-options.cc',
        'model/ipsec/mip6-esp-sa.cc',
        'model/ipsec/mip6-esp-protocol.cc',
        'model/ipsec/mip6-ipsec-sad.cc',
        'model/ipsec/mip6-ipsec-manual-design.cc',
        'model/ipsec/mip6-ikev2-payloads.cc',
        'model/ipsec/mip6-ikev2-sk.cc',
        'model/ipsec/mip6-ipsec-ikev2-design.cc',
    ]

    module_test = bld.create_ns3_module_test_library('mip6')
    module_test.source = [
        'test/crypto-test-suite.cc',
        'test/crypto-drbg-test-suite.cc',
        'test/home-agent-test-suite.cc',
        'test/handover-test-suite.cc',
        'test/header-test-suite.cc',
        'test/wire-tshark-test-suite.cc',
        'test/security-seam-test-suite.cc',
        'test/metrics-test-suite.cc',
        'test/wlan-access-test-suite.cc',
        'test/compare-options-test-suite.cc',
        'test/ipsec-esp-test-suite.cc',
        'test/ipsec-manual-test-suite.cc',
        'test/ipsec-ikev2-payloads-test-suite.cc',
        'test/ipsec-ikev2-test-suite.cc',
    ]

    headers = bld(features='ns3header')
    headers.module = 'mip6'
    headers.source = [
        'model/crypto/mip6-crypto-types.h',
        'model/crypto/mip6-crypto-random.h',
        'model/crypto/mip6-cipher.h',
        'model/crypto/mip6-mac.h',
        'model/crypto/mip6-prf.h',
        'model/crypto/mip6-dh.h',
        'model/crypto/mip6-ecdsa.h',
        'model/crypto/mip6-certificate.h',
        'model/crypto/mip6-test-pki.h',
        'model/crypto/mip6-replay-window.h',
        'model/crypto/mip6-key-export.h',
        'model/mobility/mip6-binding-cache.h',
        'model/mobility/mip6-tunnel.h',
        'model/mobility/mip6-mn-routing.h',
        'model/mobility/mip6-movement-detector.h',
        'model/mobility/mip6-mobile-node.h',
        'model/mobility/mip6-home-agent.h',
        'model/mobility/mip6-probe-application.h',
        'model/mobility/mip6-options.h',
        'model/mobility/mip6-header.h',
        'model/mobility/mip6-extensions.h',
        'model/mobility/mip6-l4-protocol.h',
        'model/security/mip6-security-design.h',
        'model/security/mip6-security-factory.h',
        'model/security/mip6-none-design.h',
        'model/metrics/mip6-handover-timeline.h',
        'model/metrics/mip6-result-writer.h',
        'model/metrics/mip6-category-tag.h',
        'model/metrics/mip6-overhead-meter.h',
        'model/metrics/mip6-state-meter.h',
        'model/links/mip6-wlan-access-helper.h',
        'helper/mip6-helper.h',
        'helper/mip6-compare-options.h',
        'model/ipsec/mip6-esp-sa.h',
        'model/ipsec/mip6-esp-protocol.h',
        'model/ipsec/mip6-ipsec-sad.h',
        'model/ipsec/mip6-ipsec-manual-design.h',
        'model/ipsec/mip6-ikev2-payloads.h',
        'model/ipsec/mip6-ikev2-sk.h',
        'model/ipsec/mip6-ipsec-ikev2-design.h',
    ]
