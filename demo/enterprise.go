package demo

import (
	"math/rand/v2"
	"strings"

	"zhaoyin"
)

// enterprise is an investor (投资方). The registry keeps one USCC per name, so that an
// enterprise investing in several projects keeps its code.
type enterprise struct {
	Name    string // legal name: 山东华瑞重工有限公司
	Short   string // what project names use: 华瑞重工
	USCC    string
	Capital string // the capital source of the projects it leads
	Chain   string // "" for state-owned investment companies
	Unit    string // unit code of the projects it leads, for local ones
}

type registry struct {
	r      *rand.Rand
	byName map[string]*enterprise
	codes  map[string]bool
	shorts map[string]bool
	pools  map[string][]*enterprise // by chain and capital source
	list   []*enterprise            // in creation order
}

func newRegistry(r *rand.Rand) *registry {
	return &registry{r: r, byName: map[string]*enterprise{}, codes: map[string]bool{}, shorts: map[string]bool{}, pools: map[string][]*enterprise{}}
}

// usccChars is the GB 32100-2015 character set.
const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// orgCheck is the check character of an organisation code (GB 11714-1997) over its first 8
// characters.
func orgCheck(s string) byte {
	w := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 8; i++ {
		c := s[i]
		v := int(c - '0')
		if c >= 'A' && c <= 'Z' {
			v = int(c-'A') + 10
		}
		sum += v * w[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X'
	case 11:
		return '0'
	default:
		return byte('0' + c)
	}
}

// newUSCC makes a credit code for an enterprise (登记管理部门 9 = 工商, 类别 1 = 企业)
// registered in division: the 9-character organisation code is either an old 8-digit code or a
// newer "MA…" one, with its own check character, then the USCC check character.
func (g *registry) newUSCC(division string) string {
	for {
		var b strings.Builder
		b.WriteString("91")
		b.WriteString(division)
		var org string
		if g.r.IntN(10) < 7 {
			o := []byte("MA")
			for len(o) < 8 {
				o = append(o, usccChars[g.r.IntN(len(usccChars))])
			}
			org = string(o)
		} else {
			o := []byte{byte('1' + g.r.IntN(9))}
			for len(o) < 8 {
				o = append(o, byte('0'+g.r.IntN(10)))
			}
			org = string(o)
		}
		b.WriteString(org)
		b.WriteByte(orgCheck(org))
		c, err := zhaoyin.USCCCheckChar(b.String())
		if err != nil {
			panic("demo: " + err.Error())
		}
		b.WriteByte(c)
		code := b.String()
		if !g.codes[code] {
			g.codes[code] = true
			return code
		}
	}
}

// add registers a named enterprise (the seeds' own, or state-owned companies); the same name
// returns the same enterprise.
func (g *registry) add(name, short, division, capital, chain, unitCode string) *enterprise {
	if e, ok := g.byName[name]; ok {
		return e
	}
	e := &enterprise{Name: name, Short: short, USCC: g.newUSCC(division), Capital: capital, Chain: chain, Unit: unitCode}
	g.byName[name] = e
	g.shorts[short] = true
	g.list = append(g.list, e)
	return e
}

// pick returns an enterprise of chain whose projects have the capital source: often one that
// already invests (链主 and repeat investors), otherwise a new one.
func (g *registry) pick(chain string, capital string, u *unit) *enterprise {
	key := chain + "|" + capital
	pool := g.pools[key]
	if len(pool) > 0 && g.r.Float64() < 0.3 {
		// Earlier enterprises are likelier: the first ones become the chain's big investors.
		i := int(float64(len(pool)) * g.r.Float64() * g.r.Float64())
		return pool[i]
	}
	c := chainByName(chain)
	for {
		word := c.Words[g.r.IntN(len(c.Words))]
		var name, short, division string
		switch capital {
		case zhaoyin.CapitalForeign, zhaoyin.CapitalHKMacaoTaiwan:
			words := foreignWords
			if capital == zhaoyin.CapitalHKMacaoTaiwan {
				words = hmtWords
			}
			short = words[g.r.IntN(len(words))] + word
			if g.r.IntN(2) == 0 {
				name = short + "（潍坊）有限公司"
			} else {
				name = short + "（山东）有限公司"
			}
			division = "370700"
		case zhaoyin.CapitalOutOfProvince:
			p := outPlaces[g.r.IntN(len(outPlaces))]
			short = brandWords[g.r.IntN(len(brandWords))] + word
			name = p.Name + short + "有限公司"
			if g.r.IntN(4) == 0 {
				name = p.Name + short + "股份有限公司"
			}
			division = p.Code
		default:
			short = brandWords[g.r.IntN(len(brandWords))] + word
			division = u.Code
			if u.Kind == "zone" {
				division = "370700"
			}
			switch g.r.IntN(10) {
			case 0, 1, 2, 3:
				name = "山东" + short + "有限公司"
			case 4, 5:
				name = "潍坊" + short + "有限公司"
			case 6:
				name = "山东" + short + "股份有限公司"
			case 7:
				if u.Kind == "zone" {
					name = "潍坊" + short + "科技有限公司"
				} else {
					name = strings.TrimRight(u.Name, "市县区") + short + "有限公司"
				}
			default:
				p := shandongPlaces[g.r.IntN(len(shandongPlaces))]
				name = p.Name + short + "有限公司"
				division = p.Code
			}
		}
		if g.shorts[short] || g.byName[name] != nil {
			continue
		}
		e := g.add(name, short, division, capital, chain, u.Code)
		g.pools[key] = append(g.pools[key], e)
		return e
	}
}

// stateOwned returns one of the unit's state-owned investment companies (平台公司), which
// invest in parks, schools, hospitals and roads.
func (g *registry) stateOwned(u *unit, i int) *enterprise {
	kinds := []string{"城市建设投资集团有限公司", "国有资本投资运营有限公司", "产业发展投资集团有限公司"}
	name := u.Org + kinds[i%len(kinds)]
	division := u.Code
	if u.Kind == "zone" {
		division = "370700"
	}
	return g.add(name, u.Org+"国投", division, zhaoyin.CapitalInProvince, "", u.Code)
}

// cityStateOwned is the city's own investment company, a frequent co-investor.
func (g *registry) cityStateOwned() *enterprise {
	return g.add("潍坊市城市建设发展投资集团有限公司", "潍坊城投", "370700", zhaoyin.CapitalInProvince, "", "370700")
}
