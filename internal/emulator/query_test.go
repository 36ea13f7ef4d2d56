package emulator

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestParseQueryStructure(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		raw  string
		want string // JSON of ToAny()
	}{
		{"single", "fields=a", `{"fields":"a"}`},
		{"repeated", "fields=a&fields=b", `{"fields":["a","b"]}`},
		{"brackets", "fields[]=a&fields[]=b", `{"fields":["a","b"]}`},
		{"brackets encoded", "fields%5B%5D=a&fields%5B%5D=b", `{"fields":["a","b"]}`},
		{"indices", "fields[0]=a&fields[1]=b", `{"fields":{"0":"a","1":"b"}}`},
		{"indices encoded", "fields%5B0%5D=id&fields%5B1%5D=name", `{"fields":{"0":"id","1":"name"}}`},
		{"nested filter", "filter[name]=Temp%2A", `{"filter":{"name":"Temp*"}}`},
		{"plus is space", "filter[name]=my+device", `{"filter":{"name":"my device"}}`},
		{"tags", "filter[tags][0][key]=type&filter[tags][0][value]=sensor&filter[tags][1][key]=k",
			`{"filter":{"tags":{"0":{"key":"type","value":"sensor"},"1":{"key":"k"}}}}`},
		{"rails-style array of objects", "filter[tags][][key]=a&filter[tags][][value]=1&filter[tags][][key]=b",
			`{"filter":{"tags":{"0":{"key":"a","value":"1"},"1":{"key":"b"}}}}`},
		{"orderBy tuple", "orderBy[0]=name&orderBy[1]=desc", `{"orderBy":{"0":"name","1":"desc"}}`},
		{"empty value", "a=&b", `{"a":"","b":""}`},
		{"unbalanced bracket literal", "a[b=1", `{"a[b":"1"}`},
		{"bad escape kept", "a=%zz", `{"a":"%zz"}`},
		{"empty pairs", "&&a=1&", `{"a":"1"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(ParseQuery(tt.raw).ToAny())
			if err != nil {
				t.Fatal(err)
			}
			var a, b any
			_ = json.Unmarshal(got, &a)
			if err := json.Unmarshal([]byte(tt.want), &b); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("ParseQuery(%q) = %s, want %s", tt.raw, got, tt.want)
			}
		})
	}
}

func TestQueryListEncodings(t *testing.T) {
	t.Parallel()
	want := []string{"id", "name"}
	for _, raw := range []string{
		"fields[]=id&fields[]=name",
		"fields[0]=id&fields[1]=name",
		"fields[1]=name&fields[0]=id", // indices decide the order, not arrival
		"fields=id&fields=name",
		"fields=id,name",
		"fields=id%2Cname",
		"fields%5B0%5D=id&fields%5B1%5D=name",
	} {
		if got := ParseQuery(raw).Get("fields").List(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %v, want %v", raw, got, want)
		}
	}
	if got := ParseQuery("fields=id").Get("fields").List(); !reflect.DeepEqual(got, []string{"id"}) {
		t.Errorf("single: got %v", got)
	}
	if got := ParseQuery("x=1").Get("fields").List(); got != nil {
		t.Errorf("absent: got %v", got)
	}
	// indices beyond 9 sort numerically
	raw := ""
	for i := 11; i >= 0; i-- {
		raw += "v[" + itoa(i) + "]=" + itoa(i) + "&"
	}
	got := ParseQuery(raw).Get("v").Values()
	for i, s := range got {
		if s != itoa(i) {
			t.Fatalf("numeric order broken: %v", got)
		}
	}
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func TestQueryAccessors(t *testing.T) {
	t.Parallel()
	q := ParseQuery("filter[tags][0][key]=type&filter[tags][0][value]=sensor&filter[tags][1][key]=only&page=2&flag=True")
	tags := q.Path("filter", "tags").Items()
	if len(tags) != 2 {
		t.Fatalf("tags: %d", len(tags))
	}
	if tags[0].String("key") != "type" || tags[0].String("value") != "sensor" {
		t.Fatalf("tag 0: %v", tags[0].ToAny())
	}
	if _, ok := tags[1].Get("value").Value(); ok {
		t.Fatal("key-only tag has a value")
	}
	if q.String("page") != "2" || q.String("missing") != "" {
		t.Fatal("String")
	}
	if v, ok := q.Get("flag").Bool(); !ok || !v {
		t.Fatal("Bool True")
	}
	if !q.Has("page") || q.Has("nope") {
		t.Fatal("Has")
	}
	var nilNode *QNode
	if nilNode.Get("x") != nil || nilNode.Values() != nil || nilNode.Keys() != nil {
		t.Fatal("nil node accessors")
	}
}

func TestParseBool(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]bool{"true": true, "True": true, "TRUE": true, "1": true, "false": false, "False": false, "0": false} {
		got, ok := parseBool(in)
		if !ok || got != want {
			t.Errorf("parseBool(%q) = %v,%v", in, got, ok)
		}
	}
	if _, ok := parseBool("yes"); ok {
		t.Error("parseBool(yes) accepted")
	}
}

func TestParseOrderBy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw   string
		field string
		desc  bool
		ok    bool
	}{
		{"orderBy=name,asc", "name", false, true},
		{"orderBy=name,desc", "name", true, true},
		{"orderBy=created_at,DESC", "created_at", true, true},
		{"orderBy[0]=name&orderBy[1]=desc", "name", true, true},
		{"orderBy[]=name&orderBy[]=desc", "name", true, true},
		{"orderBy=name&orderBy=desc", "name", true, true},
		{"orderBy=name", "name", false, true},
		{"x=1", "", false, false},
	}
	for _, tt := range tests {
		f, d, ok := parseOrderBy(ParseQuery(tt.raw).Get("orderBy"))
		if f != tt.field || d != tt.desc || ok != tt.ok {
			t.Errorf("%s: got %q %v %v", tt.raw, f, d, ok)
		}
	}
}
