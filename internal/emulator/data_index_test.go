package emulator

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

func idxDoc(ms int64, id string) *dataDoc { return &dataDoc{ID: id, ms: ms} }

func idsOf(docs []*dataDoc) string {
	var b strings.Builder
	for _, d := range docs {
		b.WriteString(d.ID)
	}
	return b.String()
}

func TestMergeSorted(t *testing.T) {
	t.Parallel()
	s := mergeSorted(nil, []*dataDoc{idxDoc(3, "c"), idxDoc(1, "a")})
	if idsOf(s) != "ac" {
		t.Fatalf("unsorted input: %s", idsOf(s))
	}
	s = mergeSorted(s, []*dataDoc{idxDoc(4, "d"), idxDoc(5, "e")}) // append path
	s = mergeSorted(s, []*dataDoc{idxDoc(2, "b"), idxDoc(0, "0"), idxDoc(3, "b")})
	if got := idsOf(s); got != "0abbcde" {
		t.Fatalf("merge: %s", got)
	}
	// equal times order by id
	s = mergeSorted(s, []*dataDoc{idxDoc(3, "a")})
	if got := idsOf(s); got != "0ababcde" {
		t.Fatalf("tie on time: %s", got)
	}
}

func TestRemoveDocs(t *testing.T) {
	t.Parallel()
	build := func(n int) []*dataDoc {
		var s []*dataDoc
		for i := range n {
			s = append(s, idxDoc(int64(i/2), fmt.Sprintf("%03d", i)))
		}
		return s
	}
	for _, n := range []int{10, 200} { // binary-search path and filter path
		s := build(n)
		var gone []*dataDoc
		for i := 0; i < n; i += 3 {
			gone = append(gone, s[i])
		}
		s = removeDocs(s, gone)
		if len(s) != n-len(gone) {
			t.Fatalf("n=%d: %d left", n, len(s))
		}
		for _, d := range s {
			var i int
			_, _ = fmt.Sscanf(d.ID, "%d", &i)
			if i%3 == 0 {
				t.Fatalf("n=%d: %s not removed", n, d.ID)
			}
		}
	}
	// removing something absent changes nothing
	s := build(4)
	if got := removeDocs(s, []*dataDoc{idxDoc(9, "zzz")}); len(got) != 4 {
		t.Fatal("removed an absent doc")
	}
}

func TestSpansAndWalk(t *testing.T) {
	t.Parallel()
	r := &deviceRecords{vars: map[string][]*dataDoc{}, byID: map[string]*dataDoc{}}
	a := []*dataDoc{idxDoc(1, "a1"), idxDoc(4, "a4"), idxDoc(6, "a6")}
	b := []*dataDoc{idxDoc(2, "b2"), idxDoc(4, "b4"), idxDoc(5, "b5"), idxDoc(9, "b9")}
	r.vars["a"], r.vars["b"] = a, b
	r.all = mergeSorted(mergeSorted(nil, a), b)
	collect := func(sp []span, asc bool, limit int) string {
		var out []string
		walk(sp, asc, func(d *dataDoc) bool {
			out = append(out, d.ID)
			return len(out) < limit
		})
		return strings.Join(out, ",")
	}
	all := r.spans([]string{"a", "b", "a"}, math.MinInt64, math.MaxInt64)
	if len(all) != 2 {
		t.Fatalf("duplicate variable gave %d spans", len(all))
	}
	if got := collect(all, true, 100); got != "a1,b2,a4,b4,b5,a6,b9" {
		t.Fatalf("asc merge %s", got)
	}
	if got := collect(all, false, 3); got != "b9,a6,b5" {
		t.Fatalf("desc merge %s", got)
	}
	if got := collect(r.spans([]string{"a", "b"}, 4, 5), false, 100); got != "b5,b4,a4" {
		t.Fatalf("range [4,5]: %s", got)
	}
	if got := collect(r.spans(nil, 2, 4), true, 100); got != "b2,a4,b4" {
		t.Fatalf("all records in [2,4]: %s", got)
	}
	if sp := r.spans([]string{"zzz"}, math.MinInt64, math.MaxInt64); len(sp) != 0 {
		t.Fatal("unknown variable has spans")
	}
	if sp := (*deviceRecords)(nil).spans(nil, 0, 1); sp != nil {
		t.Fatal("nil device has spans")
	}
}
