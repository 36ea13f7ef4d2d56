package client

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// MaskPlaceholder replaces every secret in logs and error texts.
const MaskPlaceholder = "***"

// minSecretLength keeps short values (e.g. "1") from being registered and masking half a log.
const minSecretLength = 6

// secretKeys are JSON keys whose string values are secrets wherever they appear in a body.
var secretKeys = []string{
	"token", "analysis_token", "widget_token", "anonymous_token", "password", "cpassword",
	"new_password", "password_wo", "pin_code", "verification_code", "authorization",
	"additional_parameters", // a service authorization's verification code, echoed by its create
}

var secretKeyPattern = regexp.MustCompile(`"(` + strings.Join(secretKeys, "|") + `)"(\s*:\s*)"((?:[^"\\]|\\.)*)"`)

// Masker hides secrets in everything the client logs or returns as an error text. It knows the
// secrets it was given (the provider token, values sent to secret fields) and learns every value
// it sees under a secret JSON key, so a token read from a list is masked later in a URL too.
type Masker struct {
	mu      sync.RWMutex
	secrets map[string]struct{}
	sorted  []string // longest first, so that a secret containing another is replaced whole
	// byPrefix indexes sorted by each secret's first minSecretLength bytes, once there are more
	// than scanIndexThreshold secrets: a large configuration makes the masker learn hundreds of
	// tokens, and looking for each of them in every URL and body made every request cost
	// O(secrets). With the index a string is scanned once, whatever the number of secrets.
	byPrefix map[string][]string
}

// scanIndexThreshold is the number of secrets from which String scans with the prefix index
// rather than searching for each secret (a handful of strings.Contains is faster).
const scanIndexThreshold = 16

// NewMasker returns a Masker that knows the given secrets.
func NewMasker(secrets ...string) *Masker {
	m := &Masker{secrets: map[string]struct{}{}}
	m.Add(secrets...)
	return m
}

// maskingOff is a test hook: the secret-leak test switches masking off to prove it can fail.
var maskingOff atomic.Bool

// SetMaskingForTest switches masking off (false) or on (true) for every Masker. Tests only.
func SetMaskingForTest(on bool) { maskingOff.Store(!on) }

// Add registers secret values.
func (m *Masker) Add(secrets ...string) {
	var added bool
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, s := range secrets {
		if len(s) < minSecretLength {
			continue
		}
		if _, ok := m.secrets[s]; !ok {
			m.secrets[s] = struct{}{}
			added = true
		}
	}
	if added {
		m.sorted = m.sorted[:0]
		for s := range m.secrets {
			m.sorted = append(m.sorted, s)
		}
		sort.Slice(m.sorted, func(i, j int) bool { return len(m.sorted[i]) > len(m.sorted[j]) })
		m.byPrefix = nil
		if len(m.sorted) > scanIndexThreshold {
			m.byPrefix = make(map[string][]string, len(m.sorted))
			for _, secret := range m.sorted { // longest first within each prefix, too
				prefix := secret[:minSecretLength]
				m.byPrefix[prefix] = append(m.byPrefix[prefix], secret)
			}
		}
	}
}

// String replaces every known secret in s.
func (m *Masker) String(s string) string {
	if maskingOff.Load() || m == nil {
		return s
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.byPrefix != nil {
		return m.replaceIndexed(s)
	}
	for _, secret := range m.sorted {
		if strings.Contains(s, secret) {
			s = strings.ReplaceAll(s, secret, MaskPlaceholder)
		}
	}
	return s
}

// replaceIndexed replaces every known secret in s in one pass: at each position, the longest
// secret starting there, found through its prefix. The caller holds m.mu.
func (m *Masker) replaceIndexed(s string) string {
	var out strings.Builder
	masked := false
	copied := 0 // s[:copied] is already in out
	for i := 0; i+minSecretLength <= len(s); {
		match := ""
		for _, secret := range m.byPrefix[s[i:i+minSecretLength]] {
			if strings.HasPrefix(s[i:], secret) {
				match = secret
				break
			}
		}
		if match == "" {
			i++
			continue
		}
		if !masked {
			out.Grow(len(s))
			masked = true
		}
		out.WriteString(s[copied:i])
		out.WriteString(MaskPlaceholder)
		i += len(match)
		copied = i
	}
	if !masked {
		return s // nothing to mask: no copy
	}
	out.WriteString(s[copied:])
	return out.String()
}

// Body masks a JSON (or text) body: values under secret keys are learned and replaced, then every
// known secret is replaced wherever else it appears.
func (m *Masker) Body(body []byte) string {
	if maskingOff.Load() || m == nil {
		return string(body)
	}
	s := string(body)
	if matches := secretKeyPattern.FindAllStringSubmatch(s, -1); len(matches) > 0 {
		values := make([]string, 0, len(matches))
		for _, match := range matches {
			values = append(values, match[3])
		}
		m.Add(values...)
		s = secretKeyPattern.ReplaceAllString(s, `"$1"$2"`+MaskPlaceholder+`"`)
	}
	return m.String(s)
}
