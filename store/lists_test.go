package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"zhaoyin"
)

// TestListsWaitInLine checks that a list waits for a place among the readers, and gives up
// when its request ends first.
func TestListsWaitInLine(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "zhaoyin.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ps := NewProjectService(db)
	for range cap(db.lists) {
		db.lists <- struct{}{}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, _, err := ps.FindProjects(ctx, zhaoyin.ProjectFilter{}); err == nil {
		t.Fatal("a list ran with every place taken")
	}
	done := make(chan error)
	go func() {
		_, _, err := ps.FindProjects(context.Background(), zhaoyin.ProjectFilter{})
		done <- err
	}()
	<-db.lists // a place frees up
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
