/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/mip6-mhauth.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/mip6-mac.h"

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cctype>
#include <cstdio>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6MhAuth");

NS_OBJECT_ENSURE_REGISTERED(Mip6MhAuthHeader);

namespace
{

const char* const kCrlf = "\r\n";

/// \return true for a name character (RFC 6618 names are lower-case tokens with '-')
bool
IsNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/// \return true for a value character (visible ASCII and space)
bool
IsValueChar(char c)
{
    return c >= 0x20 && c <= 0x7e;
}

std::string
ToLower(std::string s)
{
    for (auto& c : s)
    {
        if (c >= 'A' && c <= 'Z')
        {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return s;
}

/// Strict hex: even, non-empty, only [0-9a-fA-F].
std::optional<Mip6Bytes>
StrictHex(const std::string& v)
{
    if (v.empty() || v.size() % 2 != 0)
    {
        return std::nullopt;
    }
    for (char c : v)
    {
        if (!std::isxdigit(static_cast<unsigned char>(c)))
        {
            return std::nullopt;
        }
    }
    auto r = Mip6FromHex(v);
    if (!r)
    {
        return std::nullopt;
    }
    return r.Value();
}

/// Strict decimal: 1..maxDigits digits, no sign, no leading zero unless "0".
std::optional<uint64_t>
StrictDecimal(const std::string& v, size_t maxDigits)
{
    if (v.empty() || v.size() > maxDigits || (v.size() > 1 && v[0] == '0'))
    {
        return std::nullopt;
    }
    uint64_t n = 0;
    for (char c : v)
    {
        if (c < '0' || c > '9')
        {
            return std::nullopt;
        }
        n = n * 10 + (c - '0');
    }
    return n;
}

bool
IsIpv6Text(const std::string& v)
{
    if (v.empty() || v.size() > 45)
    {
        return false;
    }
    uint8_t buf[16];
    return inet_pton(AF_INET6, v.c_str(), buf) == 1;
}

bool
IsPrefixText(const std::string& v)
{
    const size_t slash = v.find('/');
    if (slash == std::string::npos)
    {
        return false;
    }
    auto len = StrictDecimal(v.substr(slash + 1), 3);
    return len && *len <= 128 && IsIpv6Text(v.substr(0, slash));
}

// Howard Hinnant's days_from_civil / civil_from_days (public-domain algorithms).
int64_t
DaysFromCivil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void
CivilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

const std::array<const char*, 7> kDays = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
const std::array<const char*, 12> kMonths =
    {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/// Weekday index in kDays of a day count (1970-01-01 was a Thursday).
size_t
WeekdayOf(int64_t days)
{
    return static_cast<size_t>(((days % 7) + 7) % 7);
}

Mip6MhAuthParseResult
Fail(Mip6MhAuthStatus status, const std::string& reason)
{
    Mip6MhAuthParseResult r;
    r.status = status;
    r.error = reason;
    return r;
}

} // namespace

bool
Mip6MhAuthIsKnownStatus(uint16_t code)
{
    switch (code)
    {
    case 100:
    case 200:
    case 400:
    case 401:
    case 500:
    case 501:
    case 503:
    case 504:
        return true;
    default:
        return false;
    }
}

// ---------------------------------------------------------------------------------------------
// RFC 6618 §5.2: the container header.

TypeId
Mip6MhAuthHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Mip6MhAuthHeader")
                            .SetParent<Header>()
                            .SetGroupName("Mip6")
                            .AddConstructor<Mip6MhAuthHeader>();
    return tid;
}

TypeId
Mip6MhAuthHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
Mip6MhAuthHeader::GetSerializedSize() const
{
    return SIZE;
}

void
Mip6MhAuthHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteU8(static_cast<uint8_t>((m_version & 0x7) << 5 | (m_reserved & 0x1f)));
    start.WriteU8(m_identifier);
    start.WriteHtonU16(m_length);
}

uint32_t
Mip6MhAuthHeader::Deserialize(Buffer::Iterator start)
{
    const uint8_t first = start.ReadU8();
    m_version = first >> 5;
    m_reserved = first & 0x1f;
    m_identifier = start.ReadU8();
    m_length = start.ReadNtohU16();
    return SIZE;
}

void
Mip6MhAuthHeader::Print(std::ostream& os) const
{
    os << "MHAuth ver=" << unsigned(m_version) << " id=" << unsigned(m_identifier)
       << " length=" << m_length;
}

void
Mip6MhAuthHeader::SetVersion(uint8_t version)
{
    m_version = version & 0x7;
}

uint8_t
Mip6MhAuthHeader::GetVersion() const
{
    return m_version;
}

void
Mip6MhAuthHeader::SetReserved(uint8_t reserved)
{
    m_reserved = reserved & 0x1f;
}

uint8_t
Mip6MhAuthHeader::GetReserved() const
{
    return m_reserved;
}

void
Mip6MhAuthHeader::SetIdentifier(uint8_t identifier)
{
    m_identifier = identifier;
}

uint8_t
Mip6MhAuthHeader::GetIdentifier() const
{
    return m_identifier;
}

void
Mip6MhAuthHeader::SetLength(uint16_t length)
{
    m_length = length;
}

uint16_t
Mip6MhAuthHeader::GetLength() const
{
    return m_length;
}

// ---------------------------------------------------------------------------------------------
// RFC 6618 §5.3: the message (TV-headers).

void
Mip6MhAuthMessage::SetIdentifier(uint8_t identifier)
{
    m_identifier = identifier;
}

uint8_t
Mip6MhAuthMessage::GetIdentifier() const
{
    return m_identifier;
}

void
Mip6MhAuthMessage::Add(const std::string& name, const std::string& value)
{
    const std::string n = ToLower(name);
    NS_ABORT_MSG_IF(n.empty() || !std::all_of(n.begin(), n.end(), IsNameChar),
                    "MHAuth: invalid header name '" << name << "'");
    NS_ABORT_MSG_IF(!std::all_of(value.begin(), value.end(), IsValueChar),
                    "MHAuth: control character in the value of " << n);
    NS_ABORT_MSG_IF(Has(n), "MHAuth: header " << n << " already present");
    NS_ABORT_MSG_IF(!Mip6MhAuthParser::CheckValue(n, value),
                    "MHAuth: invalid value '" << value << "' for " << n);
    m_fields.emplace_back(n, value);
}

void
Mip6MhAuthMessage::AddHex(const std::string& name, const Mip6Bytes& bytes)
{
    Add(name, Mip6ToHex(bytes));
}

void
Mip6MhAuthMessage::AddNumber(const std::string& name, uint64_t value)
{
    Add(name, std::to_string(value));
}

void
Mip6MhAuthMessage::Remove(const std::string& name)
{
    const std::string n = ToLower(name);
    m_fields.erase(std::remove_if(m_fields.begin(),
                                  m_fields.end(),
                                  [&n](const Field& f) { return f.first == n; }),
                   m_fields.end());
}

bool
Mip6MhAuthMessage::Has(const std::string& name) const
{
    return Get(name).has_value();
}

std::optional<std::string>
Mip6MhAuthMessage::Get(const std::string& name) const
{
    const std::string n = ToLower(name);
    for (const auto& f : m_fields)
    {
        if (f.first == n)
        {
            return f.second;
        }
    }
    return std::nullopt;
}

std::optional<Mip6Bytes>
Mip6MhAuthMessage::GetHex(const std::string& name) const
{
    auto v = Get(name);
    if (!v)
    {
        return std::nullopt;
    }
    return StrictHex(*v);
}

std::optional<uint64_t>
Mip6MhAuthMessage::GetNumber(const std::string& name) const
{
    auto v = Get(name);
    if (!v)
    {
        return std::nullopt;
    }
    return StrictDecimal(*v, 19);
}

const std::vector<Mip6MhAuthMessage::Field>&
Mip6MhAuthMessage::GetFields() const
{
    return m_fields;
}

std::string
Mip6MhAuthMessage::GetContent() const
{
    std::string s;
    for (const auto& f : m_fields)
    {
        s += f.first + ":" + f.second + kCrlf;
    }
    s += kCrlf;
    return s;
}

Mip6Bytes
Mip6MhAuthMessage::GetAuthOctets() const
{
    std::string s;
    for (const auto& f : m_fields)
    {
        if (f.first != Mip6MhAuthName::AUTH)
        {
            s += f.first + ":" + f.second + kCrlf;
        }
    }
    return Mip6BytesFromString(s);
}

uint32_t
Mip6MhAuthMessage::GetSerializedSize() const
{
    return Mip6MhAuthHeader::SIZE + GetContent().size();
}

Mip6Bytes
Mip6MhAuthMessage::Serialize() const
{
    const std::string content = GetContent();
    NS_ABORT_MSG_IF(content.size() > 0xffff, "MHAuth: content beyond 65535 octets");
    Mip6MhAuthHeader h;
    h.SetIdentifier(m_identifier);
    h.SetLength(static_cast<uint16_t>(content.size()));
    Buffer b;
    b.AddAtStart(Mip6MhAuthHeader::SIZE);
    h.Serialize(b.Begin());
    Mip6Bytes out(Mip6MhAuthHeader::SIZE);
    b.CopyData(out.data(), out.size());
    out.insert(out.end(), content.begin(), content.end());
    return out;
}

// ---------------------------------------------------------------------------------------------
// Parser.

Mip6MhAuthParser::FrameState
Mip6MhAuthParser::Frame(const uint8_t* data,
                        size_t size,
                        size_t& frameSize,
                        Mip6MhAuthParseResult& error)
{
    if (size < Mip6MhAuthHeader::SIZE)
    {
        return FrameState::NEED_MORE;
    }
    const uint8_t version = data[0] >> 5;
    if (version != Mip6MhAuthHeader::VERSION)
    {
        error = Fail(Mip6MhAuthStatus::NOT_IMPLEMENTED, "unknown-version");
        return FrameState::ERROR;
    }
    const size_t length = (size_t{data[2]} << 8) | data[3];
    if (length == 0)
    {
        error = Fail(Mip6MhAuthStatus::BAD_REQUEST, "empty-content");
        return FrameState::ERROR;
    }
    if (size < Mip6MhAuthHeader::SIZE + length)
    {
        return FrameState::NEED_MORE;
    }
    frameSize = Mip6MhAuthHeader::SIZE + length;
    return FrameState::COMPLETE;
}

Mip6MhAuthParseResult
Mip6MhAuthParser::Parse(const Mip6Bytes& bytes)
{
    return Parse(bytes.data(), bytes.size(), Limits());
}

Mip6MhAuthParseResult
Mip6MhAuthParser::Parse(const uint8_t* data, size_t size, const Limits& limits)
{
    if (data == nullptr || size < Mip6MhAuthHeader::SIZE)
    {
        return Fail(Mip6MhAuthStatus::BAD_REQUEST, "truncated-container");
    }
    Buffer b;
    b.AddAtStart(Mip6MhAuthHeader::SIZE);
    b.Begin().Write(data, Mip6MhAuthHeader::SIZE);
    Mip6MhAuthHeader h;
    h.Deserialize(b.Begin());
    if (h.GetVersion() != Mip6MhAuthHeader::VERSION)
    {
        return Fail(Mip6MhAuthStatus::NOT_IMPLEMENTED, "unknown-version");
    }
    if (h.GetIdentifier() == 0)
    {
        return Fail(Mip6MhAuthStatus::BAD_REQUEST, "bad-identifier");
    }
    const size_t length = h.GetLength();
    if (length == 0)
    {
        return Fail(Mip6MhAuthStatus::BAD_REQUEST, "empty-content");
    }
    if (length > size - Mip6MhAuthHeader::SIZE)
    {
        return Fail(Mip6MhAuthStatus::BAD_REQUEST, "length-beyond-data");
    }
    if (length < size - Mip6MhAuthHeader::SIZE)
    {
        return Fail(Mip6MhAuthStatus::BAD_REQUEST, "trailing-octets");
    }

    Mip6MhAuthParseResult result;
    result.message.SetIdentifier(h.GetIdentifier());
    std::vector<Mip6MhAuthMessage::Field> fields;
    const char* p = reinterpret_cast<const char*>(data) + Mip6MhAuthHeader::SIZE;
    const char* end = p + length;
    bool ended = false;
    while (p < end)
    {
        // Find CRLF within the line limit; never read beyond end.
        const char* eol = nullptr;
        for (const char* q = p; q + 1 < end && q < p + limits.maxLineLength; ++q)
        {
            if (q[0] == '\r' && q[1] == '\n')
            {
                eol = q;
                break;
            }
            if (q[0] == '\n' || q[0] == '\r')
            {
                return Fail(Mip6MhAuthStatus::BAD_REQUEST, "bare-cr-or-lf");
            }
        }
        if (eol == nullptr)
        {
            if (static_cast<size_t>(end - p) >= limits.maxLineLength)
            {
                return Fail(Mip6MhAuthStatus::BAD_REQUEST, "header-too-long");
            }
            return Fail(Mip6MhAuthStatus::BAD_REQUEST, "missing-crlf");
        }
        if (eol == p)
        {
            // The empty line ends the content: nothing may follow it.
            ended = true;
            p += 2;
            break;
        }
        if (fields.size() >= limits.maxHeaders)
        {
            return Fail(Mip6MhAuthStatus::BAD_REQUEST, "too-many-headers");
        }
        const std::string line(p, eol);
        p = eol + 2;
        const size_t colon = line.find(':');
        if (colon == std::string::npos || colon == 0)
        {
            return Fail(Mip6MhAuthStatus::BAD_REQUEST, "bad-header-syntax");
        }
        const std::string name = ToLower(line.substr(0, colon));
        if (!std::all_of(name.begin(), name.end(), IsNameChar))
        {
            return Fail(Mip6MhAuthStatus::BAD_REQUEST, "bad-header-name");
        }
        size_t vstart = colon + 1;
        while (vstart < line.size() && (line[vstart] == ' ' || line[vstart] == '\t'))
        {
            vstart++;
        }
        const std::string value = line.substr(vstart);
        if (!std::all_of(value.begin(), value.end(), IsValueChar))
        {
            return Fail(Mip6MhAuthStatus::BAD_REQUEST, "bad-header-value");
        }
        for (const auto& f : fields)
        {
            if (f.first == name)
            {
                return Fail(Mip6MhAuthStatus::BAD_REQUEST, "duplicate-" + name);
            }
            if (f.first == Mip6MhAuthName::AUTH)
            {
                return Fail(Mip6MhAuthStatus::BAD_REQUEST, "auth-not-last");
            }
        }
        if (!CheckValue(name, value))
        {
            return Fail(Mip6MhAuthStatus::BAD_REQUEST, "bad-value-" + name);
        }
        fields.emplace_back(name, value);
    }
    if (!ended)
    {
        return Fail(Mip6MhAuthStatus::BAD_REQUEST, "missing-final-crlf");
    }
    if (p != end)
    {
        return Fail(Mip6MhAuthStatus::BAD_REQUEST, "octets-after-final-crlf");
    }
    if (fields.empty())
    {
        return Fail(Mip6MhAuthStatus::BAD_REQUEST, "no-headers");
    }
    for (const auto& f : fields)
    {
        result.message.Add(f.first, f.second);
    }
    return result;
}

bool
Mip6MhAuthParser::CheckValue(const std::string& n, const std::string& v)
{
    using namespace Mip6MhAuthName;
    if (!std::all_of(v.begin(), v.end(), IsValueChar))
    {
        return false;
    }
    if (n == MN_ID)
    {
        // An NAI (RFC 7542): 1..253 visible characters, no space.
        return !v.empty() && v.size() <= 253 &&
               std::all_of(v.begin(), v.end(), [](char c) { return c > 0x20 && c < 0x7f; });
    }
    if (n == MN_RAND || n == HAC_RAND)
    {
        auto b = StrictHex(v);
        return b && b->size() == 32;
    }
    if (n == AUTH)
    {
        auto b = StrictHex(v);
        return b && b->size() == 32; // HMAC-SHA-256
    }
    if (n == AUTH_METHOD)
    {
        // One method or a comma-separated list of method tokens.
        if (v.empty() || v.front() == ',' || v.back() == ',' || v.find(",,") != std::string::npos)
        {
            return false;
        }
        return std::all_of(v.begin(), v.end(), [](char c) { return IsNameChar(c) || c == ','; });
    }
    if (n == EAP_PAYLOAD)
    {
        auto b = StrictHex(v);
        return b && b->size() >= 4; // EAP header
    }
    if (n == STATUS_CODE)
    {
        auto c = StrictDecimal(v, 3);
        return c && v.size() == 3 && Mip6MhAuthIsKnownStatus(static_cast<uint16_t>(*c));
    }
    if (n == SPI)
    {
        auto s = StrictDecimal(v, 9);
        return s && *s >= 1 && *s <= 0x0fffffff;
    }
    if (n == MN_TO_HA_IKEY || n == MN_TO_HA_EKEY || n == HA_TO_MN_IKEY || n == HA_TO_MN_EKEY)
    {
        auto b = StrictHex(v);
        return b && b->size() <= 64;
    }
    if (n == SA_VALIDITY_END || n == RETRY_AFTER)
    {
        return Mip6MhAuthParseDate(v).has_value();
    }
    if (n == SAS)
    {
        return v == "0" || v == "1";
    }
    if (n == CIPHERSUITE)
    {
        return Mip6MhAuthParseSuite(v).has_value();
    }
    if (n == SUITELIST)
    {
        return Mip6MhAuthParseSuiteList(v).has_value();
    }
    if (n == HAA_IP6 || n == IP6_HOA || n == DNS_IP6)
    {
        return IsIpv6Text(v);
    }
    if (n == IP6_HNP)
    {
        return IsPrefixText(v);
    }
    if (n == PORT)
    {
        auto port = StrictDecimal(v, 5);
        return port && *port >= 1 && *port <= 65535;
    }
    return true; // unknown names are not checked
}

Mip6MhAuthParseResult
Mip6MhAuthParser::CheckRole(const Mip6MhAuthMessage& m, Mip6MhAuthRole role)
{
    using namespace Mip6MhAuthName;
    std::vector<const char*> required;
    switch (role)
    {
    case Mip6MhAuthRole::INIT_REQUEST:
        required = {MN_ID, MN_RAND, AUTH_METHOD};
        break;
    case Mip6MhAuthRole::INIT_RESPONSE:
        if (m.Has(STATUS_CODE) && m.Get(STATUS_CODE) != std::string("100") &&
            m.Get(STATUS_CODE) != std::string("200"))
        {
            required = {STATUS_CODE};
            break;
        }
        required = {MN_RAND, HAC_RAND, AUTH_METHOD};
        break;
    case Mip6MhAuthRole::MID_REQUEST:
    case Mip6MhAuthRole::MID_RESPONSE:
        required = {EAP_PAYLOAD};
        break;
    case Mip6MhAuthRole::DONE_REQUEST:
        required = {MN_RAND, HAC_RAND, SAS, SUITELIST, AUTH};
        break;
    case Mip6MhAuthRole::DONE_RESPONSE:
        if (!m.Has(STATUS_CODE))
        {
            return Fail(Mip6MhAuthStatus::BAD_REQUEST, std::string("missing-") + STATUS_CODE);
        }
        if (m.Get(STATUS_CODE) != std::string("200"))
        {
            return Mip6MhAuthParseResult();
        }
        required = {MN_RAND,
                    HAC_RAND,
                    SPI,
                    MN_TO_HA_IKEY,
                    HA_TO_MN_IKEY,
                    SA_VALIDITY_END,
                    CIPHERSUITE,
                    SAS,
                    AUTH};
        break;
    }
    for (const char* name : required)
    {
        if (!m.Has(name))
        {
            return Fail(Mip6MhAuthStatus::BAD_REQUEST, std::string("missing-") + name);
        }
    }
    if (role == Mip6MhAuthRole::DONE_RESPONSE)
    {
        // Encryption keys are required unless the suite has NULL encryption ({00,02}, {00,3B}).
        const uint16_t suite = *Mip6MhAuthParseSuite(*m.Get(CIPHERSUITE));
        const bool nullCipher = suite == 0x0002 || suite == 0x003B;
        if (!nullCipher)
        {
            for (const char* name : {MN_TO_HA_EKEY, HA_TO_MN_EKEY})
            {
                if (!m.Has(name))
                {
                    return Fail(Mip6MhAuthStatus::BAD_REQUEST, std::string("missing-") + name);
                }
            }
        }
    }
    return Mip6MhAuthParseResult();
}

// ---------------------------------------------------------------------------------------------
// Value formats.

std::string
Mip6MhAuthFormatSuite(uint16_t code)
{
    char buf[16];
    std::snprintf(buf, sizeof(buf), "{%02X,%02X}", code >> 8, code & 0xff);
    return buf;
}

std::optional<uint16_t>
Mip6MhAuthParseSuite(const std::string& t)
{
    if (t.size() != 7 || t[0] != '{' || t[3] != ',' || t[6] != '}')
    {
        return std::nullopt;
    }
    auto hi = StrictHex(t.substr(1, 2));
    auto lo = StrictHex(t.substr(4, 2));
    if (!hi || !lo)
    {
        return std::nullopt;
    }
    return static_cast<uint16_t>((*hi)[0] << 8 | (*lo)[0]);
}

std::optional<std::vector<uint16_t>>
Mip6MhAuthParseSuiteList(const std::string& text)
{
    std::vector<uint16_t> codes;
    size_t i = 0;
    while (i < text.size())
    {
        if (!codes.empty())
        {
            if (text[i] != ',' && text[i] != ' ')
            {
                return std::nullopt;
            }
            i++;
        }
        if (i + 7 > text.size())
        {
            return std::nullopt;
        }
        auto code = Mip6MhAuthParseSuite(text.substr(i, 7));
        if (!code || codes.size() >= 64)
        {
            return std::nullopt;
        }
        codes.push_back(*code);
        i += 7;
    }
    if (codes.empty())
    {
        return std::nullopt;
    }
    return codes;
}

std::string
Mip6MhAuthFormatSuiteList(const std::vector<uint16_t>& codes)
{
    std::string s;
    for (size_t i = 0; i < codes.size(); ++i)
    {
        s += (i ? "," : "") + Mip6MhAuthFormatSuite(codes[i]);
    }
    return s;
}

std::string
Mip6MhAuthFormatDate(int64_t seconds)
{
    int64_t days = seconds / 86400;
    int64_t rem = seconds % 86400;
    if (rem < 0)
    {
        rem += 86400;
        days--;
    }
    int64_t y;
    unsigned m;
    unsigned d;
    CivilFromDays(days, y, m, d);
    char buf[64];
    std::snprintf(buf,
                  sizeof(buf),
                  "%s, %02u %s %04lld %02lld:%02lld:%02lld GMT",
                  kDays[WeekdayOf(days)],
                  d,
                  kMonths[m - 1],
                  static_cast<long long>(y),
                  static_cast<long long>(rem / 3600),
                  static_cast<long long>(rem / 60 % 60),
                  static_cast<long long>(rem % 60));
    return buf;
}

std::optional<int64_t>
Mip6MhAuthParseDate(const std::string& t)
{
    // "Sun, 06 Nov 1994 08:49:37 GMT": 29 characters exactly.
    if (t.size() != 29 || t.substr(3, 2) != ", " || t[7] != ' ' || t[11] != ' ' || t[16] != ' ' ||
        t[19] != ':' || t[22] != ':' || t.substr(25) != " GMT")
    {
        return std::nullopt;
    }
    auto digits = [&t](size_t pos, size_t len) -> std::optional<unsigned> {
        unsigned n = 0;
        for (size_t i = pos; i < pos + len; ++i)
        {
            if (t[i] < '0' || t[i] > '9')
            {
                return std::nullopt;
            }
            n = n * 10 + (t[i] - '0');
        }
        return n;
    };
    auto day = digits(5, 2);
    auto year = digits(12, 4);
    auto hh = digits(17, 2);
    auto mm = digits(20, 2);
    auto ss = digits(23, 2);
    if (!day || !year || !hh || !mm || !ss || *hh > 23 || *mm > 59 || *ss > 59)
    {
        return std::nullopt;
    }
    unsigned month = 0;
    for (unsigned i = 0; i < 12; ++i)
    {
        if (t.compare(8, 3, kMonths[i]) == 0)
        {
            month = i + 1;
        }
    }
    if (month == 0 || *day == 0 || *day > 31)
    {
        return std::nullopt;
    }
    const int64_t days = DaysFromCivil(*year, month, *day);
    // Reject 31 Feb and the like: the date must map back to itself.
    int64_t y;
    unsigned m;
    unsigned d;
    CivilFromDays(days, y, m, d);
    if (y != *year || m != month || d != *day || t.compare(0, 3, kDays[WeekdayOf(days)]) != 0)
    {
        return std::nullopt;
    }
    return days * 86400 + *hh * 3600 + *mm * 60 + *ss;
}

// RFC 3748 §4: EAP packet format.
Mip6Bytes
Mip6EapPacket::Serialize() const
{
    const bool typed = code == REQUEST || code == RESPONSE;
    const size_t length = 4 + (typed ? 1 + data.size() : 0);
    NS_ABORT_MSG_IF(length > 0xffff, "EAP packet too long");
    Mip6Bytes out{code,
                  identifier,
                  static_cast<uint8_t>(length >> 8),
                  static_cast<uint8_t>(length & 0xff)};
    if (typed)
    {
        out.push_back(type);
        out.insert(out.end(), data.begin(), data.end());
    }
    return out;
}

std::optional<Mip6EapPacket>
Mip6EapPacket::Parse(const Mip6Bytes& bytes)
{
    if (bytes.size() < 4)
    {
        return std::nullopt;
    }
    const size_t length = (size_t{bytes[2]} << 8) | bytes[3];
    if (length != bytes.size() || bytes[0] < REQUEST || bytes[0] > FAILURE)
    {
        return std::nullopt;
    }
    Mip6EapPacket p;
    p.code = bytes[0];
    p.identifier = bytes[1];
    if (p.code == SUCCESS || p.code == FAILURE)
    {
        if (length != 4)
        {
            return std::nullopt;
        }
        return p;
    }
    if (length < 5)
    {
        return std::nullopt;
    }
    p.type = bytes[4];
    p.data.assign(bytes.begin() + 5, bytes.end());
    return p;
}

// RFC 3748 §5.4 (RFC 1994 §4.1): Response Value = MD5(Identifier || secret || Challenge).
Mip6Bytes
Mip6EapMd5Value(uint8_t identifier, const Mip6Bytes& secret, const Mip6Bytes& challenge)
{
    Mip6Bytes in{identifier};
    in.insert(in.end(), secret.begin(), secret.end());
    in.insert(in.end(), challenge.begin(), challenge.end());
    auto d = Mip6Digest(Mip6HashAlgorithm::MD5, in);
    return d ? d.Value() : Mip6Bytes();
}

Mip6Bytes
Mip6EapMd5TypeData(const Mip6Bytes& value, const std::string& name)
{
    NS_ABORT_MSG_IF(value.size() > 255, "EAP-MD5 value too long");
    Mip6Bytes out{static_cast<uint8_t>(value.size())};
    out.insert(out.end(), value.begin(), value.end());
    out.insert(out.end(), name.begin(), name.end());
    return out;
}

std::optional<Mip6Bytes>
Mip6EapMd5ParseValue(const Mip6Bytes& data)
{
    if (data.empty() || data[0] == 0 || size_t{data[0]} + 1 > data.size())
    {
        return std::nullopt;
    }
    return Mip6Bytes(data.begin() + 1, data.begin() + 1 + data[0]);
}

} // namespace ns3
