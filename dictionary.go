package zhaoyin

import (
	"context"
	"time"
)

// Dictionary kinds: the free-text project fields whose values an administrator keeps in order.
// Project types are not among them: DOMAIN.md fixes them (TypeLabels).
const (
	DictChain = "chain" // 产业链, projects.chain
	DictTag   = "tag"   // 标签
	DictBatch = "batch" // 批次
)

var DictKindLabels = []Label{{DictChain, "产业链"}, {DictTag, "标签"}, {DictBatch, "批次"}}

// DictEntry is one value of a dictionary: registered by an administrator, in use on
// projects, or both.
type DictEntry struct {
	Kind        string `json:"kind"`
	Name        string `json:"name"`
	Description string `json:"description"`
	SortOrder   int    `json:"sort_order"`
	// Retired values stay on the projects that have them but are no longer offered in forms.
	Retired bool `json:"retired"`
	// Registered is false for a value that is only in use on projects (nobody has added,
	// described or ordered it yet).
	Registered bool `json:"registered"`
	// ProjectCount counts the projects using the value, within the caller's scope.
	ProjectCount int        `json:"project_count"`
	CreatedAt    *time.Time `json:"created_at"`
	UpdatedAt    *time.Time `json:"updated_at"`
}

// DictEntryUpdate carries the changes to an entry; nil = unchanged.
type DictEntryUpdate struct {
	Description *string
	SortOrder   *int
	Retired     *bool
}

// DictionaryService keeps the dictionaries. Anyone signed in reads them (counts within the
// caller's scope); only administrators and the city bureau change them.
type DictionaryService interface {
	// FindDictEntries lists a kind's entries ordered by sort order and name; q, when not
	// empty, keeps those whose name or description contains it.
	FindDictEntries(ctx context.Context, kind, q string) ([]*DictEntry, error)
	CreateDictEntry(ctx context.Context, e *DictEntry) error
	UpdateDictEntry(ctx context.Context, kind, name string, upd DictEntryUpdate) (*DictEntry, error)
	// RenameDictEntry renames the value on the entry and on every project using it, in one
	// transaction, and returns the entry and the number of projects changed. A name already
	// registered or in use is ECONFLICT unless merge is true.
	RenameDictEntry(ctx context.Context, kind, name, to string, merge bool) (*DictEntry, int, error)
	// DeleteDictEntry removes an entry no project uses (ECONFLICT otherwise).
	DeleteDictEntry(ctx context.Context, kind, name string) error
}
