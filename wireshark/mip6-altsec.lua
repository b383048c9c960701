-- SPDX-License-Identifier: GPL-2.0-only
--
-- Wireshark/tshark dissectors for RFC 6618 (mip6 model `altsec-tls`):
--  * "altsec": the MN-HA packets in UDP (port 7872): PType (4 bits), SPI (28 bits), sequence
--    number; PType 0 carries a plaintext IPv6 packet (handed to the IPv6 dissector), PTypes 1 and
--    8 an IV, the encrypted payload and the ICV (shown as opaque bytes: the keys are in the HAC's
--    MHAuth-Done response, not in a Wireshark table).
--  * "mhauth": the MHAuth container (Ver 3 bits, reserved 5, Identifier, Length) and its
--    TV-headers `name:value CRLF`, inside TLS to the HA Controller (TCP 7872). Decrypt TLS with
--    the key log mip6 writes: -o tls.keylog_file:keys/tls-keylog.txt
--
-- Use:  tshark -X lua_script:wireshark/mip6-altsec.lua -r run.pcap -Y altsec
--       tshark -X lua_script:wireshark/mip6-altsec.lua -o tls.keylog_file:k.txt -Y mhauth
--       tshark -X lua_script:wireshark/mip6-altsec.lua -r hac-link.pcap -Y hacha
-- or copy the file into Wireshark's personal Lua plugins folder (Help > About > Folders).

local ALTSEC_PORT = 7872
local HAC_PORT = 7872

-- ---------------------------------------------------------------------------------------------
-- altsec UDP packets (RFC 6618 §6)

local altsec = Proto("altsec", "RFC 6618 MN-HA packet (DSMIP6-TLS)")

local ptype_names = {
    [0] = "Plaintext IP packet",
    [1] = "Protected IP packet",
    [8] = "Protected Mobility Header",
}

local f_ptype = ProtoField.uint32("altsec.ptype", "PType", base.DEC, ptype_names, 0xf0000000)
local f_spi = ProtoField.uint32("altsec.spi", "SPI", base.DEC_HEX, nil, 0x0fffffff)
local f_seq = ProtoField.uint32("altsec.seq", "Sequence Number", base.DEC)
local f_payload = ProtoField.bytes("altsec.payload", "IV, encrypted payload and ICV")
altsec.fields = { f_ptype, f_spi, f_seq, f_payload }

local e_short = ProtoExpert.new("altsec.short", "Shorter than the 8-byte altsec header",
                                expert.group.MALFORMED, expert.severity.ERROR)
local e_plain = ProtoExpert.new("altsec.plain_nonzero", "PType 0 with a non-zero SPI or sequence",
                                expert.group.PROTOCOL, expert.severity.WARN)
altsec.experts = { e_short, e_plain }

local ipv6_dissector = Dissector.get("ipv6")

function altsec.dissector(tvb, pinfo, tree)
    local len = tvb:len()
    pinfo.cols.protocol = "altsec"
    local t = tree:add(altsec, tvb(), "RFC 6618 MN-HA packet")
    if len < 8 then
        t:add_proto_expert_info(e_short)
        return len
    end
    local first = tvb(0, 4):uint()
    local ptype = bit.rshift(first, 28)
    local spi = bit.band(first, 0x0fffffff)
    local seq = tvb(4, 4):uint()
    t:add(f_ptype, tvb(0, 4))
    t:add(f_spi, tvb(0, 4))
    t:add(f_seq, tvb(4, 4))
    local name = ptype_names[ptype] or "Unknown PType"
    pinfo.cols.info = string.format("%s, PType %d, SPI %d, Seq %d", name, ptype, spi, seq)
    if ptype == 0 then
        if spi ~= 0 or seq ~= 0 then
            t:add_proto_expert_info(e_plain)
        end
        if len > 8 then
            ipv6_dissector:call(tvb(8):tvb(), pinfo, tree)
            pinfo.cols.protocol = "altsec"
        end
    elseif len > 8 then
        t:add(f_payload, tvb(8))
    end
    return len
end

DissectorTable.get("udp.port"):add(ALTSEC_PORT, altsec)

-- ---------------------------------------------------------------------------------------------
-- MHAuth inside TLS (RFC 6618 §5)

local mhauth = Proto("mhauth", "RFC 6618 MHAuth")

local f_ver = ProtoField.uint8("mhauth.version", "Version", base.DEC, nil, 0xe0)
local f_rsv = ProtoField.uint8("mhauth.reserved", "Reserved", base.HEX, nil, 0x1f)
local f_id = ProtoField.uint8("mhauth.identifier", "Identifier", base.DEC)
local f_len = ProtoField.uint16("mhauth.length", "Length", base.DEC)
local f_hdr = ProtoField.string("mhauth.header", "TV-header")
local f_name = ProtoField.string("mhauth.name", "Name")
local f_value = ProtoField.string("mhauth.value", "Value")
local f_status = ProtoField.uint16("mhauth.status", "Status code", base.DEC)
mhauth.fields = { f_ver, f_rsv, f_id, f_len, f_hdr, f_name, f_value, f_status }

local e_crlf = ProtoExpert.new("mhauth.no_crlf", "TV-header without CRLF",
                               expert.group.MALFORMED, expert.severity.ERROR)
mhauth.experts = { e_crlf }

-- One container at offset; returns its size, or a negative number of missing bytes.
local function dissect_one(tvb, offset, pinfo, tree)
    local avail = tvb:len() - offset
    if avail < 4 then
        return -(4 - avail)
    end
    local length = tvb(offset + 2, 2):uint()
    if avail < 4 + length then
        return -(4 + length - avail)
    end
    local t = tree:add(mhauth, tvb(offset, 4 + length), "MHAuth")
    t:add(f_ver, tvb(offset, 1))
    t:add(f_rsv, tvb(offset, 1))
    t:add(f_id, tvb(offset + 1, 1))
    t:add(f_len, tvb(offset + 2, 2))
    local content = tvb(offset + 4, length):string()
    local pos = 1
    local names = {}
    while pos <= #content do
        local eol = content:find("\r\n", pos, true)
        if eol == nil then
            t:add_proto_expert_info(e_crlf)
            break
        end
        if eol == pos then
            break -- the empty line ends the content
        end
        local line = content:sub(pos, eol - 1)
        local h = t:add(f_hdr, tvb(offset + 4 + pos - 1, eol - pos), line)
        local colon = line:find(":", 1, true)
        if colon then
            local name = line:sub(1, colon - 1):lower()
            local value = line:sub(colon + 1):gsub("^[ \t]+", "")
            h:add(f_name, tvb(offset + 4 + pos - 1, colon - 1), name)
            h:add(f_value, tvb(offset + 4 + pos + colon - 1, eol - pos - colon), value)
            if name == "status-code" then
                t:add(f_status, tvb(offset + 4 + pos + colon - 1, eol - pos - colon),
                      tonumber(value) or 0)
            end
            names[#names + 1] = name
        end
        pos = eol + 2
    end
    pinfo.cols.protocol = "MHAuth"
    pinfo.cols.info:append(string.format(" MHAuth id=%d [%s]", tvb(offset + 1, 1):uint(),
                                         table.concat(names, ",")))
    return 4 + length
end

function mhauth.dissector(tvb, pinfo, tree)
    local offset = 0
    while offset < tvb:len() do
        local n = dissect_one(tvb, offset, pinfo, tree)
        if n < 0 then
            pinfo.desegment_offset = offset
            pinfo.desegment_len = -n
            return tvb:len()
        end
        offset = offset + n
    end
    return offset
end

-- TLS on the HAC's port, MHAuth inside it.
DissectorTable.get("tcp.port"):add(HAC_PORT, Dissector.get("tls"))
DissectorTable.get("tls.port"):add(HAC_PORT, mhauth)

-- ---------------------------------------------------------------------------------------------
-- The HAC-HA protocol of the mip6 model (remote HAC, UDP 7873; doc/altsec-tls.rst): a clear
-- 8-byte header (Version, Type, Length, Sequence Number), then the AES-128-GCM ciphertext and
-- its 16-byte ICV (opaque: the HAC-HA key is a pre-configured attribute).

local HACHA_PORT = 7873

local hacha = Proto("hacha", "mip6 HAC-HA protocol")

local hacha_types = {
    [1] = "SA-PUSH",
    [2] = "SA-ACK",
    [3] = "SA-REQUEST",
    [4] = "SA-RESPONSE",
}

local f_hversion = ProtoField.uint8("hacha.version", "Version", base.DEC)
local f_htype = ProtoField.uint8("hacha.type", "Type", base.DEC, hacha_types)
local f_hlength = ProtoField.uint16("hacha.length", "Length", base.DEC)
local f_hseq = ProtoField.uint32("hacha.seq", "Sequence Number", base.DEC)
local f_hbody = ProtoField.bytes("hacha.body", "Encrypted body")
local f_hicv = ProtoField.bytes("hacha.icv", "ICV")
hacha.fields = { f_hversion, f_htype, f_hlength, f_hseq, f_hbody, f_hicv }

local e_hshort = ProtoExpert.new("hacha.short", "Shorter than header and ICV (24 bytes)",
                                 expert.group.MALFORMED, expert.severity.ERROR)
local e_hlength = ProtoExpert.new("hacha.bad_length", "Length is not the datagram's",
                                  expert.group.MALFORMED, expert.severity.ERROR)
hacha.experts = { e_hshort, e_hlength }

function hacha.dissector(tvb, pinfo, tree)
    local len = tvb:len()
    pinfo.cols.protocol = "HAC-HA"
    local t = tree:add(hacha, tvb(), "mip6 HAC-HA message")
    if len < 24 then
        t:add_proto_expert_info(e_hshort)
        return len
    end
    t:add(f_hversion, tvb(0, 1))
    t:add(f_htype, tvb(1, 1))
    local lf = t:add(f_hlength, tvb(2, 2))
    if tvb(2, 2):uint() ~= len then
        lf:add_proto_expert_info(e_hlength)
    end
    t:add(f_hseq, tvb(4, 4))
    if len > 24 then
        t:add(f_hbody, tvb(8, len - 24))
    end
    t:add(f_hicv, tvb(len - 16, 16))
    local name = hacha_types[tvb(1, 1):uint()] or "Unknown type"
    pinfo.cols.info = string.format("%s, Seq %d, Length %d", name, tvb(4, 4):uint(), len)
    return len
end

DissectorTable.get("udp.port"):add(HACHA_PORT, hacha)
