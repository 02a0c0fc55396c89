package gobasics

import (
	"errors"
	"fmt"
	"testing"
)

func TestStep2SentinelErrorsSurviveWrapping(t *testing.T) {
	ix := NewIndex()
	err := ix.Add(Doc{ID: "empty.md", Text: " ... "})
	if !errors.Is(err, ErrEmptyDoc) {
		t.Fatalf("Add(empty) error = %v, want it to wrap ErrEmptyDoc", err)
	}
	if got := err.Error(); got != `add "empty.md": document has no words` {
		t.Fatalf("message = %q", got)
	}
	if err := ix.Add(Doc{Text: "no id"}); !errors.Is(err, ErrMissingID) {
		t.Fatalf("Add(no id) error = %v, want ErrMissingID", err)
	}
}

func TestStep2TypedErrorsCarryData(t *testing.T) {
	ix := NewIndex()
	if err := ix.Add(Doc{ID: "a.md", Text: "first"}); err != nil {
		t.Fatalf("first Add: %v", err)
	}
	err := fmt.Errorf("batch 3: %w", ix.Add(Doc{ID: "a.md", Text: "again"}))

	var dup *DuplicateError
	if !errors.As(err, &dup) {
		t.Fatalf("error %v does not contain a *DuplicateError", err)
	}
	if dup.ID != "a.md" {
		t.Fatalf("dup.ID = %q, want a.md", dup.ID)
	}
	if ix.Len() != 1 {
		t.Fatalf("Len = %d after a rejected duplicate, want 1", ix.Len())
	}
}
