// Text escaping for the export formats. Every function appends to `out`, replaces
// invalid UTF-8 (found with chipgraph::text::find_invalid_utf8) by U+FFFD, and drops
// the characters the target format cannot carry.
#pragma once

#include <string>
#include <string_view>

namespace chipgraph::exporters {

// XML 1.0 text or attribute value: escapes & < > " and TAB/LF/CR as character
// references (&#9; &#10; &#13;, so attribute-value normalization keeps them); drops
// the other C0 controls and U+FFFE/U+FFFF, which XML 1.0 forbids.
void append_xml_escaped(std::string& out, std::string_view s);

// Content of a double-quoted DOT string used as a label (escString): \ -> \\,
// " -> \", LF or CRLF or CR -> \n, TAB -> space, other C0 controls and DEL dropped,
// U+FFFE/U+FFFF -> U+FFFD (Graphviz would copy them into SVG, which XML forbids).
// The result never contains \N \G \E \T \H \L and never ends in an odd backslash.
void append_dot_escaped(std::string& out, std::string_view s);

// One RFC 4180 CSV field, always quoted: "..." with " doubled. C0 controls other than
// TAB/LF/CR are dropped.
void append_csv_quoted(std::string& out, std::string_view s);

// `s` when it is valid UTF-8, else a copy in `scratch` with U+FFFD for each bad byte.
std::string_view valid_utf8(std::string_view s, std::string& scratch);

// The longest prefix of at most `max_bytes` bytes that does not split a UTF-8
// sequence.
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);

// `s`, or its utf8_prefix followed by "…" when longer than `max_bytes` (the result may
// exceed max_bytes by the 3 bytes of the ellipsis).
std::string truncate_utf8(std::string_view s, std::size_t max_bytes);
void append_truncated_utf8(std::string& out, std::string_view s, std::size_t max_bytes);

}  // namespace chipgraph::exporters
