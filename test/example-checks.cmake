# The teaching examples (doc/lab.rst), run by ctest as `mip6-examples` (cmake -P): each example
# runs in seconds, and what the lab asks students to observe is checked in its output. With tshark
# installed, the lab's tshark commands are run on the examples' pcaps with the exported keys.
#   -DEXAMPLES=<directory of the example programs> -DWORK=<scratch dir> [-DSRC=<repo>]
cmake_minimum_required(VERSION 3.13)

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

# Runs ${EXAMPLES}/<name> ARGN in ${WORK}; fails on a non-zero exit; its stdout goes to `out`.
function(run_example name)
  execute_process(COMMAND ${EXAMPLES}/${name} ${ARGN} WORKING_DIRECTORY ${WORK}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE stdout ERROR_VARIABLE err TIMEOUT 120)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name} ${ARGN}: exit ${rc}\n${stdout}\n${err}")
  endif()
  message(STATUS "${name} ${ARGN}: ran")
  set(out "${stdout}" PARENT_SCOPE)
  set(current "${name} ${ARGN}" PARENT_SCOPE)
endfunction()

# Every regular expression of ARGN must match the last run's output.
function(expect)
  foreach(re ${ARGN})
    if(NOT out MATCHES "${re}")
      message(FATAL_ERROR "${current}: no match for '${re}' in\n${out}")
    endif()
  endforeach()
endfunction()

# No regular expression of ARGN may match the last run's output.
function(expect_not)
  foreach(re ${ARGN})
    if(out MATCHES "${re}")
      message(FATAL_ERROR "${current}: unexpected match for '${re}' in\n${out}")
    endif()
  endforeach()
endfunction()

# The captures of two regular expressions must be equal (e.g. the SPI one end sends with and the
# one the other end receives with).
function(expect_same_capture re1 re2 what)
  string(REGEX MATCH "${re1}" m1 "${out}")
  set(c1 "${CMAKE_MATCH_1}")
  string(REGEX MATCH "${re2}" m2 "${out}")
  set(c2 "${CMAKE_MATCH_1}")
  if(c1 STREQUAL "" OR NOT c1 STREQUAL c2)
    message(FATAL_ERROR "${current}: ${what}: '${c1}' vs '${c2}'\n${out}")
  endif()
  message(STATUS "${what}: ${c1}")
endfunction()

# 1. Home registration (none): BU/BA sizes, sequence numbers, the HA's DAD for a new binding,
#    the refresh before the lifetime ends, the de-registration.
run_example(mip6-home-registration)
expect("sends Binding Update seq 1, lifetime 16 s\n"
       "BU MN->AP 96 B IPv6 packet"
       "BA AP->MN 80 B IPv6 packet"
       "new binding: Duplicate Address Detection for the home address first \\(1 s\\)"
       "receives Binding Ack seq 1 status 0 \\(accepted\\), lifetime granted 16 s"
       "last sequence 2, lifetime 16 s"
       "sends Binding Update seq 3, lifetime 0 s \\(de-registration\\)"
       "binding of [0-9a-f:]+ removed; bindings held: 0"
       "summary: last BU sequence 3, 0 binding\\(s\\) at the HA")
# The refresh comes at 80 % of the granted lifetime: 1.161 + 12.8 s.
expect(" 13\\.961 s  MN: sends Binding Update seq 2")
run_example(mip6-home-registration --lifetime=60 --deregisterAt=0 --simTime=20)
expect("receives Binding Ack seq 1 status 0" "last BU sequence 1, 1 binding")
expect_not("seq 2")

# 2. ESP on a BU (ipsec-manual): the SAs, the ESP sizes, the replay and the forged sequence
#    number refused by the HA's own checks.
run_example(mip6-esp-bu)
expect("BU out \\(MN -> HA\\) +SPI 0x1000, transport, cbc-sha1"
       "BU in \\(MN -> HA\\) +SPI 0x1000, transport, cbc-sha1"
       "BU MN->AP 148 B IPv6 packet"
       "BA AP->MN 132 B IPv6 packet"
       "Binding Ack seq 1 status 0"
       "6\\.[0-9]+ s  HA: ESP packet refused: replay"
       "7\\.[0-9]+ s  HA: ESP packet refused: bad-icv"
       "refused 1 as replay and 1 as bad-icv; binding still points at the MN's real CoA")
run_example(mip6-esp-bu --variant=ipsec-manual:esp=gcm)
expect("BU MN->AP 132 B IPv6 packet" "BA AP->MN 116 B IPv6 packet" "1 as replay and 1 as bad-icv")
execute_process(COMMAND ${EXAMPLES}/mip6-esp-bu --variant=none WORKING_DIRECTORY ${WORK}
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(NOT rc EQUAL 2)
  message(FATAL_ERROR "mip6-esp-bu --variant=none: exit ${rc}, expected 2")
endif()

# 3. IKEv2 (ipsec-ikev2): two exchanges with sizes and RTTs, the Child SA pair, the first BU.
run_example(mip6-ikev2-exchange)
expect("IKE_SA_INIT-req MN->HA [0-9]+ B"
       "IKE_SA_INIT-resp HA->MN [0-9]+ B IPv6 packet, RTT [0-9.]+ ms"
       "IKE_AUTH-resp HA->MN [0-9]+ B IPv6 packet, RTT [0-9.]+ ms"
       "IKE_AUTH done: both ends authenticated"
       "BU MN->HA 148 B"
       "Binding Ack seq 1 status 0"
       "summary: 4 IKE messages, [0-9]+ B on the air, 2 round trips before the first BU; the HA holds 1 IKE SA, 2 SAs")
expect_same_capture("MN out: SPI (0x[0-9a-f]+)" "HA in : SPI (0x[0-9a-f]+)" "BU Child SA")
expect_same_capture("HA out: SPI (0x[0-9a-f]+)" "MN in : SPI (0x[0-9a-f]+)" "BA Child SA")
run_example(mip6-ikev2-exchange --variant=ipsec-ikev2:auth=eap-md5)
expect("summary: 8 IKE messages, [0-9]+ B on the air, 4 round trips")

# 4. TLS bootstrap (altsec-tls): TCP + TLS, MHAuth 200, the same SA at both ends, the first BU.
run_example(mip6-tls-bootstrap)
expect("TCP-SYN MN->HAC/HA"
       "MHAuth exchange with [^ ]+ ended, status 200"
       "BU MN->HAC/HA 132 B"
       "BA HAC/HA->MN 116 B"
       "Binding Ack seq 1 status 0: the first BU"
       "5 round trips before the first BU"
       "the HA holds 2 SAs and 1 HAC record")
expect_same_capture("MN: SPI ([0-9]+), suite AES_128_CBC_SHA" "HA: SPI ([0-9]+), suite AES_128_CBC_SHA"
                    "MN-HA SA from the HAC")
run_example(mip6-tls-bootstrap --variant=altsec-tls:tls=1.3)
expect("4 round trips before the first BU")

# 5. MCoA (two accesses): BID 1 and BID 2 registered one by one, then one bulk BU refreshing
#    both, each BID accepted.
run_example(mip6-mcoa-bulk)
expect("sends a BU seq 1 with BID 1,"
       "sends a BU seq 2 with BID 2,"
       "sends a BULK BU seq 3 with BID 1 2,"
       "BU up 128 B IPv6 packet"
       "BA seq 3: BID 1 status 0 \\(accepted\\)"
       "BA seq 3: BID 2 status 0 \\(accepted\\)"
       "\\[BID 1, BID-PRI 1, [0-9a-f:]+\\] \\[BID 2, BID-PRI 2, [0-9a-f:]+\\]"
       "BID 1 \\(WLAN\\) registered, BID 2 \\(cell\\) registered; the HA holds 2 bindings")
run_example(mip6-mcoa-bulk --bulk=0)
expect("sends a BU seq 3 with BID 1," "sends a BU seq 4 with BID 2,")
expect_not("BULK")

# The handover example the README names.
run_example(mip6-wlan-handover --aps=2 --maxMissedBeacons=3 --simTime=20)
expect("new care-of address" "Binding Ack seq 2 status 0")

# The lab's tshark commands on the pcaps, with the keys the examples export.
find_program(TSHARK tshark)
if(NOT TSHARK)
  message(STATUS "tshark not installed: the pcap part of the lab is not checked")
  return()
endif()
# Runs tshark ARGN in ${WORK} (the key directory in the environment when given first as
# CONFIG=<dir>); its stdout goes to `out`. A capture's last packets may be unflushed when the
# program ends, which tshark reports on stderr with exit 2: the fields are what is checked.
function(run_tshark)
  set(env "")
  if(ARGV0 MATCHES "^CONFIG=(.*)")
    set(env ${CMAKE_COMMAND} -E env WIRESHARK_CONFIG_DIR=${WORK}/${CMAKE_MATCH_1})
    list(REMOVE_AT ARGN 0)
  endif()
  execute_process(COMMAND ${env} ${TSHARK} ${ARGN} WORKING_DIRECTORY ${WORK}
                  OUTPUT_VARIABLE stdout ERROR_VARIABLE err)
  set(out "${stdout}" PARENT_SCOPE)
  set(current "tshark ${ARGN}" PARENT_SCOPE)
endfunction()

run_example(mip6-home-registration --pcap=1)
run_tshark(-r home-registration-mn-1.pcap -Y mipv6 -T fields -e mip6.mhtype -e mip6.bu.seqnr
           -e mip6.bu.lifetime -e mip6.ba.status -e mip6.ba.seqnr)
# BU seq 1 lifetime 4 (x 4 s), its BA status 0, the refresh seq 2, the de-registration seq 3.
expect("5\t1\t4\t\t\n6\t\t\t0\t1\n5\t2\t4\t\t\n6\t\t\t0\t2\n5\t3\t0\t\t\n6\t\t\t0\t3")

run_example(mip6-esp-bu --pcap=1)
run_tshark(CONFIG=keys-esp-bu -r esp-bu-mn-1.pcap -Y esp -o esp.enable_encryption_decode:TRUE
           -o esp.enable_authentication_check:TRUE -T fields -e esp.spi -e esp.sequence
           -e esp.icv_good -e mip6.mhtype)
# Decrypted with the exported SAs: the BU and BA verify, the replay is the same packet (its ICV
# is good: the HA's replay window refuses it), the rewritten sequence number breaks the ICV.
expect("0x00001000\t1\t1\t5\n0x00001001\t1\t1\t6\n0x00001000\t1\t1\t5\n0x00001000\t4096\t0\t5")

run_example(mip6-ikev2-exchange --pcap=1)
run_tshark(CONFIG=keys-ikev2 -r ikev2-mn-1.pcap -Y isakmp -T fields -e isakmp.exchangetype
           -e isakmp.flag_r -e isakmp.typepayload)
# IKE_AUTH decrypted with the exported table: IDi (35), AUTH (39), SA (33), TSi/TSr (44, 45).
expect("34\t0\t33,2,3" "35\t0\t46,35,39,33" "35\t1\t46,36,39,33")

run_example(mip6-tls-bootstrap --pcap=1)
run_tshark(-r tls-bootstrap-mn-1.pcap -d tcp.port==7872,tls
           -o tls.keylog_file:keys-tls/tls-keylog.txt -Y tls.handshake.type -T fields
           -e tls.handshake.type)
# ClientHello; ServerHello, Certificate, ServerKeyExchange, ServerHelloDone; the client's
# Finished decrypted with the key log.
expect("^1\n2,11,12,14\n16,20\n20\n")
if(SRC)
  run_tshark(-X lua_script:${SRC}/wireshark/mip6-altsec.lua -r tls-bootstrap-mn-1.pcap
             -d tcp.port==7872,tls -o tls.keylog_file:keys-tls/tls-keylog.txt -Y mhauth
             -T fields -e mhauth.name)
  # The HAC's DONE response carries the SPI and the four MN-HA keys.
  expect("status-code,[^\n]*mip6-spi,mip6-mn-to-ha-ikey,mip6-mn-to-ha-ekey,mip6-ha-to-mn-ikey")
endif()
message(STATUS "every example printed what the lab describes")
