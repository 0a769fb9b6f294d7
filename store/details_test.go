package store

import (
	"encoding/json"
	"reflect"
	"testing"

	"zhaoyin"
)

// FuzzFillFast checks that fillFast reads details as encoding/json does whenever it reads
// them at all, and that it reads what detailsOf writes for ordinary text.
func FuzzFillFast(f *testing.F) {
	for _, p := range []*zhaoyin.Project{
		{},
		{Tags: []string{"市重点项目", "省重大项目"}, Batches: []string{"2024年春季全市重大项目集中开工"},
			Investors: []zhaoyin.Investor{{Name: "潍柴动力股份有限公司", USCC: "91370700MA3C5LXY2X"}, {Name: "山东天瑞重工有限公司"}}},
		{Tags: []string{`引号"和\反斜杠`, "<&>", "tab\there", "\u2028", "bad \xff byte"}},
	} {
		f.Add(detailsOf(p, nil))
	}
	for _, s := range []string{
		`{"t":null,"b":[],"i":[]}`, `{"t":[],"b":[],"i":[["a"]]}`, `{"t":[],"b":[],"i":[["a","b","c"]]}`,
		`{"b":[],"t":[],"i":[]}`, `{ "t":[],"b":[],"i":[]}`, `{"t":["a",],"b":[],"i":[]}`, `{"t":[],"b":[],"i":[]}x`,
		`{"t":["\u00e9"],"b":[],"i":[]}`, "{\"t\":[\"\x01\"],\"b\":[],\"i\":[]}", `{"t":["a"`, ``,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fast := &projectRow{details: s}
		fast.Tags, fast.Batches, fast.Investors = []string{}, []string{}, []zhaoyin.Investor{}
		if !fast.fillFast() {
			if len(fast.Tags)+len(fast.Batches)+len(fast.Investors) > 0 {
				t.Fatalf("%q: fillFast failed and left %+v", s, fast.Project)
			}
			return
		}
		var d details
		if err := json.Unmarshal([]byte(s), &d); err != nil {
			t.Fatalf("%q: fillFast read what encoding/json refuses: %v", s, err)
		}
		want := &projectRow{}
		want.Tags, want.Batches, want.Investors = append([]string{}, d.Tags...), append([]string{}, d.Batches...), []zhaoyin.Investor{}
		for _, inv := range d.Investors {
			want.Investors = append(want.Investors, zhaoyin.Investor{Name: inv[0], USCC: inv[1]})
		}
		if !reflect.DeepEqual(fast.Project, want.Project) {
			t.Fatalf("%q: fillFast read %+v, encoding/json %+v", s, fast.Project, want.Project)
		}
	})
}

func TestFillFastReadsDetailsOf(t *testing.T) {
	p := &zhaoyin.Project{Tags: []string{"市重点项目", "省重大项目"}, Batches: []string{"2024年春季全市重大项目集中开工"},
		Investors: []zhaoyin.Investor{{Name: "潍柴动力股份有限公司", USCC: "91370700MA3C5LXY2X"}, {Name: "山东天瑞重工有限公司"}}}
	r := &projectRow{details: detailsOf(p, nil)}
	if !r.fillFast() || !reflect.DeepEqual(r.Tags, p.Tags) || !reflect.DeepEqual(r.Batches, p.Batches) || !reflect.DeepEqual(r.Investors, p.Investors) {
		t.Fatalf("fillFast of %s: %+v", r.details, r.Project)
	}
}
