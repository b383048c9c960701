/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MIP6_RESULT_WRITER_H
#define MIP6_RESULT_WRITER_H

#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup mip6
 * The output schema of DESIGN.md §4 and §5: the CSV file names and their column lists, in order.
 * These lists are a contract with the project's users; the mip6-metrics test suite compares them
 * with literal strings, so a change here or in DESIGN.md without the other fails.
 */
class Mip6Schema
{
  public:
    /// \return "handovers.csv" (DESIGN.md §4.1)
    static const std::string& HandoversFile();
    /// \return "bootstrap.csv" (DESIGN.md §4.2)
    static const std::string& BootstrapFile();
    /// \return "overhead.csv" (DESIGN.md §4.3)
    static const std::string& OverheadFile();
    /// \return "state.csv" (DESIGN.md §4.4)
    static const std::string& StateFile();
    /// \return "mcoa.csv" (DESIGN.md §4.5)
    static const std::string& McoaFile();
    /// \return "messages.csv" (DESIGN.md §4.6)
    static const std::string& MessagesFile();
    /// \return "manifest.json" (DESIGN.md §5)
    static const std::string& ManifestFile();

    /**
     * DESIGN.md §4.1. Order: the keys run, seed, design, mn, handover, kind, from_access,
     * to_access, t_start_s; then the nine time/loss columns in the order of the §4.1 table
     * (l2_detect_s, l2_attach_s, md_s, dad_s, sec_s, reg_s, total_s, outage_s, probes_lost);
     * then bu_sent, ba_status.
     * \return the columns of handovers.csv
     */
    static const std::vector<std::string>& HandoverColumns();
    /// \return the columns of bootstrap.csv, DESIGN.md §4.2 order
    static const std::vector<std::string>& BootstrapColumns();
    /// \return the columns of overhead.csv, DESIGN.md §4.3 order (keys, then the counts)
    static const std::vector<std::string>& OverheadColumns();
    /// \return the columns of state.csv, DESIGN.md §4.4 order (keys, then the counts)
    static const std::vector<std::string>& StateColumns();
    /**
     * DESIGN.md §4.5, written by mip6-mcoa (doc/scenarios.rst). Two rows per design × policy
     * (`policy` single or mcoa), told apart by `interfaces`, the accesses up in the phase:
     * - `2` (WLAN and cellular): `add_coa_bytes` = IP bytes of mip6/ike/tls signalling at mn-air
     *   from the WLAN CoA's CoaUsable after a coverage return to its accepted registration (BA
     *   status of BID 1, or the single binding's accepted BA), mean over the returns;
     *   `add_coa_s` = that interval; `simultaneous_use` = true when CN→HoA probes came through
     *   both CoAs in one two-access period (from 1 s after the second CoA is usable to the next
     *   WLAN loss); failover columns NA.
     * - `1` (cellular only): `failover_outage_s` = from the last CN→HoA probe received at or
     *   before the WLAN loss to the first received after it, mean over the losses;
     *   `failover_probes_lost` = probes of both directions sent between those two and never
     *   received, summed; add-CoA and simultaneous_use columns NA.
     * - `ike_sas`, `sa_count` (both): the HA's state for the HoA at the end of each period with
     *   that many accesses up, the largest value.
     * \return the columns of mcoa.csv, DESIGN.md §4.5 order
     */
    static const std::vector<std::string>& McoaColumns();
    /// \return the columns of messages.csv, DESIGN.md §4.6 order
    static const std::vector<std::string>& MessagesColumns();
};

/**
 * \ingroup mip6
 * Deterministic, locale-independent formatting of CSV cells. Every CSV the project writes goes
 * through these, so equal simulations give byte-identical files (DESIGN.md §5).
 */
class Mip6Format
{
  public:
    /// The cell of a value that does not apply (DESIGN.md §4: never 0, never empty).
    static const std::string NA;

    /**
     * Formats a simulated time in seconds with 6 decimals, from the integer nanosecond count
     * (no floating point, so no platform rounding differences); half away from zero.
     * \param t the time
     * \return e.g. "1.234568"; never "-0.000000"
     */
    static std::string Seconds(Time t);
    /**
     * Formats seconds given as a double with 6 decimals.
     * \param seconds a finite value (a non-finite value is a programming error: aborts)
     * \return e.g. "0.012000"; never "-0.000000"
     */
    static std::string Seconds(double seconds);
    /**
     * Fixed-point formatting of a finite double.
     * \param value the value (non-finite aborts: write NA explicitly instead)
     * \param decimals number of decimals (0..17)
     * \return the text, "-0" variants normalised to no sign
     */
    static std::string Fixed(double value, int decimals);
    /**
     * \param value an unsigned integer
     * \return its decimal text
     */
    static std::string Uint(uint64_t value);
    /**
     * \param value a signed integer
     * \return its decimal text
     */
    static std::string Int(int64_t value);
    /**
     * \param value a boolean
     * \return "true" or "false"
     */
    static std::string Bool(bool value);
};

/**
 * \ingroup mip6
 * The three columns every CSV begins with (DESIGN.md §4: run, seed, design).
 */
struct Mip6RunInfo
{
    uint64_t run{1};    ///< ns-3 RngRun
    uint32_t seed{1};   ///< ns-3 RngSeed
    std::string design; ///< canonical design variant name, e.g. "ipsec-ikev2:k=0"
};

/**
 * \ingroup mip6
 * Builds one CSV row cell by cell with the Mip6Format rules.
 */
class Mip6CsvRow
{
  public:
    /// An empty row.
    Mip6CsvRow() = default;
    /**
     * Starts a row with the run, seed and design cells.
     * \param info the run
     */
    explicit Mip6CsvRow(const Mip6RunInfo& info);

    /**
     * \param text a cell as is (must not be empty; use AddNa())
     * \return this row
     */
    Mip6CsvRow& Add(const std::string& text);
    /// \return this row, with an NA cell appended
    Mip6CsvRow& AddNa();
    /**
     * \param value an unsigned integer cell
     * \return this row
     */
    Mip6CsvRow& AddUint(uint64_t value);
    /**
     * \param value a signed integer cell
     * \return this row
     */
    Mip6CsvRow& AddInt(int64_t value);
    /**
     * \param t a time cell in seconds (6 decimals)
     * \return this row
     */
    Mip6CsvRow& AddSeconds(Time t);
    /**
     * \param seconds a time cell in seconds (6 decimals)
     * \return this row
     */
    Mip6CsvRow& AddSeconds(double seconds);
    /**
     * \param t a time cell in seconds, or NA when empty
     * \return this row
     */
    Mip6CsvRow& AddSeconds(const std::optional<Time>& t);
    /**
     * \param value a fixed-point cell
     * \param decimals number of decimals
     * \return this row
     */
    Mip6CsvRow& AddFixed(double value, int decimals);
    /**
     * \param value an unsigned integer cell, or NA when empty
     * \return this row
     */
    Mip6CsvRow& AddUint(const std::optional<uint64_t>& value);
    /**
     * \param value a boolean cell ("true"/"false")
     * \return this row
     */
    Mip6CsvRow& AddBool(bool value);

    /// \return the cells
    const std::vector<std::string>& GetCells() const;

  private:
    std::vector<std::string> m_cells; ///< the cells so far
};

/**
 * \ingroup mip6
 * A CSV table with fixed columns (RFC 4180 quoting, LF line ends, one header line).
 *
 * A row with the wrong number of cells, or with an empty cell, is a programming error and aborts
 * with a message naming the table, so a ragged or ambiguous file is never written.
 */
class Mip6CsvTable
{
  public:
    /**
     * \param columns the column names (non-empty, unique)
     */
    explicit Mip6CsvTable(std::vector<std::string> columns);

    /// \return the column names
    const std::vector<std::string>& GetColumns() const;
    /**
     * Appends a row.
     * \param cells exactly one cell per column, none empty
     */
    void AddRow(std::vector<std::string> cells);
    /**
     * Appends a row.
     * \param row exactly one cell per column
     */
    void AddRow(const Mip6CsvRow& row);
    /// \return the number of rows held
    size_t GetRowCount() const;
    /**
     * \param i row index (< GetRowCount())
     * \return the cells of row i
     */
    const std::vector<std::string>& GetRow(size_t i) const;
    /// Forgets every row (the columns stay).
    void Clear();

    /// \return the header line, without the line end
    std::string GetHeaderLine() const;
    /**
     * \param withHeader true to start with the header line
     * \return the CSV text, every line ended by LF
     */
    std::string ToString(bool withHeader = true) const;

    /**
     * Writes the rows to a file. A missing or empty file gets the header line first; an existing
     * one must begin with exactly this table's header line and end with a line end (several
     * designs run one after another append to one file with one header).
     * \param path the file
     * \param error why it failed (I/O error, header of another schema, truncated file)
     * \return true on success
     */
    bool AppendToFile(const std::string& path, std::string& error) const;

    /**
     * RFC 4180 quoting: a cell with a comma, a double quote, CR or LF is enclosed in double
     * quotes, and each double quote in it doubled.
     * \param cell the raw cell
     * \return the cell as written
     */
    static std::string Quote(const std::string& cell);

  private:
    /**
     * \param cells one row
     * \return the row as one line with its LF
     */
    static std::string Line(const std::vector<std::string>& cells);

    std::vector<std::string> m_columns;           ///< column names
    std::vector<std::vector<std::string>> m_rows; ///< rows, each with one cell per column
};

/**
 * \ingroup mip6
 * A minimal JSON text writer: objects, arrays, strings (escaped per RFC 8259 §7; invalid UTF-8
 * replaced by U+FFFD so the output is always valid JSON), integers, doubles, booleans, null.
 * Output is indented by two spaces. Misuse (a value where a key is due, unbalanced ends) aborts.
 */
class Mip6JsonWriter
{
  public:
    /// An empty document.
    Mip6JsonWriter() = default;

    /// Opens an object.
    void BeginObject();
    /// Closes the innermost object.
    void EndObject();
    /// Opens an array.
    void BeginArray();
    /// Closes the innermost array.
    void EndArray();
    /**
     * Writes the key of the next member of the innermost object.
     * \param key the member name
     */
    void Key(const std::string& key);
    /**
     * \param value a string value
     */
    void String(const std::string& value);
    /**
     * \param value an integer value
     */
    void Int(int64_t value);
    /**
     * \param value an unsigned integer value
     */
    void Uint(uint64_t value);
    /**
     * \param value a double value (shortest round-trip form; non-finite becomes null, as JSON
     * has no NaN or infinity)
     */
    void Double(double value);
    /**
     * \param value a boolean value
     */
    void Bool(bool value);
    /// Writes null.
    void Null();

    /// \return the text; aborts if an object or array is still open
    std::string GetText() const;

    /**
     * \param text any bytes
     * \return the JSON string literal, quotes included
     */
    static std::string Escape(const std::string& text);

  private:
    /// Prepares for a value: separators, indentation, state checks.
    void BeforeValue();
    /// Writes a line end and the current indentation.
    void NewLine();

    /// One open container.
    struct Level
    {
        bool object{false};     ///< object (true) or array
        size_t count{0};        ///< members or elements written
        bool keyPending{false}; ///< an object key was written, its value is due
    };

    std::string m_text;         ///< text so far
    std::vector<Level> m_stack; ///< open containers
    bool m_done{false};         ///< the top-level value is complete
};

/**
 * \ingroup mip6
 * The content of manifest.json (DESIGN.md §5). Keys are written in a fixed order and maps sorted,
 * so the file differs between equal runs only in wall_time_s.
 */
struct Mip6Manifest
{
    std::string program;                          ///< e.g. "mip6-compare"
    std::string version;                          ///< `git describe --always --dirty` at configure
    std::string ns3Version{"3.37"};               ///< ns-3 release the build uses
    std::string opensslVersion{OpenSslVersion()}; ///< OpenSSL_version(OPENSSL_VERSION)
    uint64_t run{1};                              ///< RngRun
    uint32_t seed{1};                             ///< RngSeed
    /// every RngRun of an invocation that ran several (`mip6-compare --runs N`, N > 1), in order;
    /// empty for one run, and then not written (the file stays as before)
    std::vector<uint64_t> runs;
    std::vector<std::string> designs;                  ///< canonical design names, in run order
    std::map<std::string, std::string> parameters;     ///< scenario parameters (option → value)
    std::map<std::string, std::string> attributes;     ///< every attribute differing from default
    std::map<std::string, std::string> tcp;            ///< TCP settings in force on the HAC path
    std::map<std::string, std::string> dataProtection; ///< design → payload protection
    double wallTimeS{0};                               ///< wall-clock duration of the program
    uint64_t eventsExecuted{0};                        ///< Simulator::GetEventCount() summed

    /// \return the JSON text (ends with a line end)
    std::string ToJson() const;
    /**
     * Writes the manifest (replacing the file).
     * \param path the file
     * \param error why it failed
     * \return true on success
     */
    bool Write(const std::string& path, std::string& error) const;

    /// \return OpenSSL_version(OPENSSL_VERSION), e.g. "OpenSSL 3.0.19 ..."
    static std::string OpenSslVersion();
    /**
     * Every attribute whose default value was changed in this process (Config::SetDefault,
     * CommandLine, --ns3:: options), as "ns3::Type::Attribute" → serialised value. Attributes
     * set on individual objects are not visible here; the caller adds them.
     * \return the changed defaults, sorted by name
     */
    static std::map<std::string, std::string> ChangedAttributeDefaults();
};

} // namespace ns3

#endif /* MIP6_RESULT_WRITER_H */
