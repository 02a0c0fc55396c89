package gobasics

import (
	"errors"
	"fmt"
	"strings"
)

// Step 2 — errors are values.

// Sentinel errors: compare with errors.Is, even after wrapping.
var (
	ErrMissingID = errors.New("document has no id")
	ErrEmptyDoc  = errors.New("document has no words")
)

// DuplicateError carries data; callers extract it with errors.As.
type DuplicateError struct {
	ID string
}

func (e *DuplicateError) Error() string { return fmt.Sprintf("document %q is already indexed", e.ID) }

// Add indexes one document. %w wraps the sentinel so context is added without losing identity.
func (ix *Index) Add(d Doc) error {
	if strings.TrimSpace(d.ID) == "" {
		return fmt.Errorf("add: %w", ErrMissingID)
	}
	if ix.docs[d.ID] {
		return &DuplicateError{ID: d.ID}
	}
	tokens := Tokenize(d.Text)
	if len(tokens) == 0 {
		return fmt.Errorf("add %q: %w", d.ID, ErrEmptyDoc)
	}
	ix.addTokens(d.ID, tokens)
	return nil
}
