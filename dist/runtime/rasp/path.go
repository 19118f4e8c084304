package rasp

import (
	"path"
	"strings"
	"unicode/utf8"
)

// CheckPath reports the first input that makes the file path p escape the
// directory it was meant to stay in: a `..` segment that climbs above the
// point where the input was joined, an absolute path that becomes the whole
// path, or a NUL byte. Encoded forms count when the program decoded them:
// each input is tried raw and after successive decodings (percent, double
// percent, %uXXXX, overlong UTF-8, full-width forms, backslashes), and a
// variant only matters if it is what actually reached p.
func CheckPath(p string, inputs []Input) *Finding {
	if p == "" {
		return nil
	}
	for _, in := range inputs {
		if in.Value == "" {
			continue
		}
		for _, v := range pathVariants(in.Value) {
			if reason := judgePath(p, v); reason != "" {
				return &Finding{Rule: RulePathTraversal, Input: in, Reason: reason}
			}
		}
	}
	return nil
}

// judgePath decides for one decoded form v of an input.
func judgePath(p, v string) string {
	if strings.IndexByte(v, 0) >= 0 {
		if strings.Contains(p, v) {
			return "input puts a NUL byte in the path"
		}
		return ""
	}
	slashed := strings.ReplaceAll(v, `\`, "/")
	cleaned := path.Clean(slashed)
	pslashed := strings.ReplaceAll(p, `\`, "/")

	if isAbsolute(slashed) {
		// Joined paths neutralise an absolute input (filepath.Join("d", "/x")
		// is "d/x"); only an input that is where the path begins escapes.
		if strings.HasPrefix(pslashed, slashed) || strings.HasPrefix(path.Clean(pslashed), cleaned) {
			return "input is an absolute path"
		}
		return ""
	}
	if cleaned != ".." && !strings.HasPrefix(cleaned, "../") {
		return "" // whatever climbing it does stays below where it is joined
	}
	// Raw concatenation: the input is in the path as sent, and it climbs
	// above the point where it was joined.
	if strings.Contains(pslashed, slashed) {
		return "input climbs out of its directory with `..`"
	}
	// Joined and cleaned (filepath.Join): the `..` segments are gone from p,
	// but what the input pointed at is still there.
	payload := strings.TrimLeft(strings.TrimPrefix(cleaned, ".."), "/")
	for strings.HasPrefix(payload, "../") || payload == ".." {
		payload = strings.TrimLeft(strings.TrimPrefix(payload, ".."), "/")
	}
	if payload == "" {
		if path.Clean(pslashed) == ".." || strings.HasPrefix(path.Clean(pslashed), "../") {
			return "input climbs out of its directory with `..`"
		}
		return ""
	}
	for from := 0; ; {
		i := strings.Index(pslashed[from:], payload)
		if i < 0 {
			return ""
		}
		i += from
		if i == 0 || pslashed[i-1] == '/' {
			return "input climbs out of its directory with `..`"
		}
		from = i + 1
	}
}

func isAbsolute(s string) bool {
	if strings.HasPrefix(s, "/") {
		return true
	}
	// Drive letters count too: a Windows service gets the same attacks.
	return len(s) >= 3 && s[1] == ':' && s[2] == '/' && (s[0]|0x20 >= 'a' && s[0]|0x20 <= 'z')
}

// pathVariants returns v and the distinct forms successive decodings produce.
func pathVariants(v string) []string {
	out := []string{v}
	cur := v
	for i := 0; i < 4; i++ {
		next := foldFullWidth(decodeOverlong(percentDecode(cur)))
		if next == cur {
			break
		}
		out = append(out, next)
		cur = next
	}
	return out
}

// percentDecode decodes %XX and the IIS-style %uXXXX, leaving malformed
// escapes alone (a program that decodes leniently does the same).
func percentDecode(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' {
			if i+5 < len(s) && (s[i+1] == 'u' || s[i+1] == 'U') {
				if r, ok := hexValue(s[i+2 : i+6]); ok {
					b.WriteRune(rune(r))
					i += 5
					continue
				}
			}
			if i+2 < len(s) {
				if h, ok := hexValue(s[i+1 : i+3]); ok {
					b.WriteByte(byte(h))
					i += 2
					continue
				}
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func hexValue(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			n = n*16 + int(c-'0')
		case c|0x20 >= 'a' && c|0x20 <= 'f':
			n = n*16 + int(c|0x20-'a'+10)
		default:
			return 0, false
		}
	}
	return n, true
}

// decodeOverlong rewrites the two-byte overlong encodings of '.', '/' and
// '\' (C0 AE, C0 AF, C1 9C…) that lenient UTF-8 decoders accept.
func decodeOverlong(s string) string {
	if !strings.ContainsAny(s, "\xc0\xc1\xe0") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if (s[i] == 0xc0 || s[i] == 0xc1) && i+1 < len(s) && s[i+1]&0xc0 == 0x80 {
			b.WriteByte((s[i]&0x1f)<<6 | s[i+1]&0x3f)
			i++
			continue
		}
		if s[i] == 0xe0 && i+2 < len(s) && s[i+1]&0xe0 == 0x80 && s[i+2]&0xc0 == 0x80 {
			b.WriteByte((s[i+1]&0x3f)<<6 | s[i+2]&0x3f)
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// foldFullWidth maps full-width ASCII (U+FF01–U+FF5E), the one-dot leader
// and the division/fraction slashes to ASCII, as NFKC normalisation would.
func foldFullWidth(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFF01 + '!'
		case r == 0x2024: // one dot leader
			return '.'
		case r == 0x2215 || r == 0x2044: // division slash, fraction slash
			return '/'
		}
		return r
	}, s)
}
