package divisions

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func byCode(t *testing.T) map[string]Division {
	t.Helper()
	m := map[string]Division{}
	for _, d := range All() {
		if _, dup := m[d.Code]; dup {
			t.Fatalf("duplicate code %s", d.Code)
		}
		m[d.Code] = d
	}
	return m
}

func children(parent string) []string {
	var out []string
	for _, d := range All() {
		if d.ParentCode == parent {
			out = append(out, d.Code+" "+d.Name)
		}
	}
	return out
}

func TestCounts(t *testing.T) {
	n := map[string]int{}
	for _, d := range All() {
		n[d.Kind]++
	}
	// 31 provincial units of the mainland; the data has no 台湾/香港/澳门.
	if n["province"] != 31 {
		t.Errorf("provinces = %d, want 31", n["province"])
	}
	if n["city"] != 333 {
		t.Errorf("cities = %d, want 333", n["city"])
	}
	if n["county"] < 2800 || n["county"] > 2900 {
		t.Errorf("counties = %d, want about 2850", n["county"])
	}
	if len(n) != 3 {
		t.Errorf("kinds = %v, want only province, city, county", n)
	}
}

func TestWeifang(t *testing.T) {
	want := []string{
		"370702 潍城区", "370703 寒亭区", "370704 坊子区", "370705 奎文区",
		"370724 临朐县", "370725 昌乐县",
		"370781 青州市", "370782 诸城市", "370783 寿光市", "370784 安丘市", "370785 高密市", "370786 昌邑市",
	}
	if got := children("370700"); !slices.Equal(got, want) {
		t.Errorf("children of 370700 =\n%v\nwant\n%v", got, want)
	}
	m := byCode(t)
	if d := m["370700"]; d != (Division{"370700", "潍坊市", "370000", "city"}) {
		t.Errorf("370700 = %+v", d)
	}
	for _, zone := range []string{"370771", "370772", "370773"} {
		if d, ok := m[zone]; ok {
			t.Errorf("zone %+v must not be built in", d)
		}
	}
}

func TestLiaocheng(t *testing.T) {
	want := []string{
		"371502 东昌府区", "371503 茌平区", "371521 阳谷县", "371522 莘县",
		"371524 东阿县", "371525 冠县", "371526 高唐县", "371581 临清市",
	}
	if got := children("371500"); !slices.Equal(got, want) {
		t.Errorf("children of 371500 = %v, want %v", got, want)
	}
	if d := byCode(t)["371500"]; d.Name != "聊城市" || d.ParentCode != "370000" {
		t.Errorf("371500 = %+v", d)
	}
}

func TestShandong(t *testing.T) {
	cities, counties := 0, 0
	for _, d := range All() {
		if !strings.HasPrefix(d.Code, "37") {
			continue
		}
		switch d.Kind {
		case "city":
			cities++
		case "county":
			counties++
		}
	}
	if cities != 16 || counties != 136 {
		t.Errorf("Shandong has %d cities and %d county-level units, want 16 and 136", cities, counties)
	}
}

func TestMunicipalities(t *testing.T) {
	m := byCode(t)
	for _, code := range []string{"110000", "120000", "310000", "500000"} {
		if m[code].Kind != "province" {
			t.Errorf("%s = %+v, want a province", code, m[code])
		}
		prefix := code[:2]
		for _, d := range All() {
			if strings.HasPrefix(d.Code, prefix) && d.Code != code && (d.Kind != "county" || d.ParentCode != code) {
				t.Errorf("%+v: want a county directly under %s", d, code)
			}
		}
	}
	if d := m["110108"]; d != (Division{"110108", "海淀区", "110000", "county"}) {
		t.Errorf("110108 = %+v", d)
	}
	if d := m["500229"]; d != (Division{"500229", "城口县", "500000", "county"}) {
		t.Errorf("500229 = %+v", d)
	}
	// County-level units directly under a province.
	if d := m["419001"]; d != (Division{"419001", "济源市", "410000", "county"}) {
		t.Errorf("419001 = %+v", d)
	}
	// Cities without county-level divisions are leaves.
	for _, code := range []string{"441900", "442000", "460400", "620200"} {
		if m[code].Kind != "city" || len(children(code)) != 0 {
			t.Errorf("%s = %+v with children %v, want a city leaf", code, m[code], children(code))
		}
	}
}

func TestTree(t *testing.T) {
	m := byCode(t)
	code := regexp.MustCompile(`^[1-9][0-9]{5}$`)
	prev := ""
	for _, d := range All() {
		if d.Code <= prev {
			t.Errorf("%s after %s: not ordered by code", d.Code, prev)
		}
		prev = d.Code
		if !code.MatchString(d.Code) || d.Name == "" {
			t.Errorf("bad division %+v", d)
		}
		for _, w := range []string{"开发区", "高新", "示范区", "管理区", "市辖区", "直辖"} {
			if strings.Contains(d.Name, w) {
				t.Errorf("%+v: name contains %s", d, w)
			}
		}
		switch d.Kind {
		case "province":
			if d.ParentCode != "" || !strings.HasSuffix(d.Code, "0000") {
				t.Errorf("bad province %+v", d)
			}
		case "city":
			p := m[d.ParentCode]
			if p.Kind != "province" || !strings.HasSuffix(d.Code, "00") || d.Code[:2] != p.Code[:2] {
				t.Errorf("bad city %+v under %+v", d, p)
			}
		case "county":
			p, ok := m[d.ParentCode]
			if !ok || p.Kind == "county" || strings.HasSuffix(d.Code, "00") || d.Code[:2] != p.Code[:2] ||
				(p.Kind == "city" && d.Code[:4] != p.Code[:4]) {
				t.Errorf("bad county %+v under %+v", d, p)
			}
			// 71-80 is the Stats Bureau's range for functional zones.
			if s := d.Code[4:]; s >= "71" && s <= "80" {
				t.Errorf("%+v: code in the zone range", d)
			}
		default:
			t.Errorf("bad kind %+v", d)
		}
	}
}

func TestAllIsACopy(t *testing.T) {
	a := All()
	a[0].Name = "x"
	if All()[0].Name == "x" {
		t.Error("All returns shared storage")
	}
}
