package client

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// plainMask is what Masker.String does below scanIndexThreshold secrets: every secret, longest
// first, replaced everywhere.
func plainMask(secrets []string, s string) string {
	m := NewMasker(secrets...)
	for _, secret := range m.sorted {
		s = strings.ReplaceAll(s, secret, MaskPlaceholder)
	}
	return s
}

// TestMasker_IndexedScanMasksLikeThePlainSearch: with many secrets (the indexed scan), every
// secret is masked wherever it appears (at the start, at the end, twice, next to another, one
// inside a longer one) and nothing else is touched, exactly as the plain search masks them.
func TestMasker_IndexedScanMasksLikeThePlainSearch(t *testing.T) {
	t.Parallel()
	var secrets []string
	for i := range 3 * scanIndexThreshold {
		secrets = append(secrets, fmt.Sprintf("%08x-1111-4222-8333-%012x", i*7919, i))
	}
	long := "p-" + secrets[3]                        // a secret that contains another
	sameStart := secrets[5][:minSecretLength] + "zz" // shares a prefix with a secret, shorter
	secrets = append(secrets, long, sameStart, "hunter2hunter2")
	m := NewMasker(secrets...)
	if m.byPrefix == nil {
		t.Fatalf("%d secrets did not build the index", len(secrets))
	}
	cases := []string{
		"",
		"short",
		"nothing secret here, only 0123456789abcdef-ids and /device/6298fcc3e0b6840012b6abfa",
		secrets[0],
		secrets[0] + secrets[1],
		"/device/token/" + secrets[2],
		secrets[4] + "?page=1&amount=1000",
		`{"token":"` + long + `","other":"` + secrets[3] + `","tail":"` + secrets[3][:10] + `"}`,
		"prefix " + sameStart + " and " + secrets[5] + " and " + secrets[5][:minSecretLength+2],
		"password=hunter2hunter2&x=hunter2hunter",
		strings.Repeat(secrets[7]+" ", 3),
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 { // random mixes of secrets, pieces of secrets and filler
		var b strings.Builder
		for range 1 + r.IntN(8) {
			secret := secrets[r.IntN(len(secrets))]
			switch r.IntN(3) {
			case 0:
				b.WriteString(secret)
			case 1:
				b.WriteString(secret[:r.IntN(len(secret))])
			default:
				b.WriteString("-filler-")
			}
		}
		cases = append(cases, b.String())
	}
	for _, in := range cases {
		got, want := m.String(in), plainMask(secrets, in)
		if got != want {
			t.Errorf("masking %q:\n indexed %q\n plain   %q", in, got, want)
		}
		for _, secret := range secrets {
			if strings.Contains(got, secret) {
				t.Errorf("masking %q left the secret %q: %q", in, secret, got)
			}
		}
	}
}
