package benchdata

import "testing"

func TestProjectsAreValid(t *testing.T) {
	seen := map[string]bool{}
	for i := 1; i <= 2000; i++ {
		p := Project(i)
		if err := p.Validate(); err != nil {
			t.Fatalf("project %d: %v", i, err)
		}
		if seen[p.Code] {
			t.Fatalf("duplicate code %s", p.Code)
		}
		seen[p.Code] = true
	}
}
