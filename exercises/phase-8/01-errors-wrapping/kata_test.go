package kata

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

var store = Store{"42": {ID: "42", Email: "ana@example.com"}}

func TestGetUser(t *testing.T) {
	u, err := GetUser(store, "42")
	if err != nil || u.Email != "ana@example.com" {
		t.Fatalf("GetUser(42) = %+v, %v; want the stored user and nil", u, err)
	}
}

func TestGetUserNotFoundWrapsSentinel(t *testing.T) {
	_, err := GetUser(store, "7")
	if err == nil {
		t.Fatal("want an error for a missing user")
	}
	if got, want := err.Error(), `get user "7": not found`; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("errors.Is(err, ErrNotFound) = false; wrap with %%w, not %%v")
	}
}

func TestGetUserValidation(t *testing.T) {
	// Table-driven: one case per row, each run as a named subtest.
	tests := []struct {
		name string
		id   string
	}{
		{"empty", ""},
		{"space", "4 2"},
	}
	for _, tc := range tests {
		tc := tc // Go < 1.22 reuses the loop variable; copy it (matters for parallel subtests)
		t.Run(tc.name, func(t *testing.T) {
			_, err := GetUser(store, tc.id)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("GetUser(%q) error = %v; want a *ValidationError", tc.id, err)
			}
			if ve.Field != "id" {
				t.Errorf("Field = %q, want %q", ve.Field, "id")
			}
			if errors.Is(err, ErrNotFound) {
				t.Errorf("a validation error must not look like ErrNotFound")
			}
		})
	}
}

func TestLoadProfileAddsContext(t *testing.T) {
	got, err := LoadProfile(store, "42")
	if err != nil || got != "42 ana@example.com" {
		t.Fatalf("LoadProfile(42) = %q, %v", got, err)
	}
	_, err = LoadProfile(store, "7")
	if err == nil {
		t.Fatal("want an error")
	}
	if got, want := err.Error(), `load profile: get user "7": not found`; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("double-wrapped error lost ErrNotFound")
	}
}

func TestHTTPStatus(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, 200},
		{"bare sentinel", ErrNotFound, 404},
		{"wrapped sentinel", fmt.Errorf("get user: %w", ErrNotFound), 404},
		{"double-wrapped sentinel", fmt.Errorf("handler: %w", fmt.Errorf("repo: %w", ErrNotFound)), 404},
		{"validation", &ValidationError{Field: "email", Msg: "invalid"}, 400},
		{"wrapped validation", fmt.Errorf("create user: %w", &ValidationError{Field: "email", Msg: "invalid"}), 400},
		{"wrapped deadline", fmt.Errorf("query: %w", context.DeadlineExceeded), 504},
		{"same text, different error", errors.New("not found"), 500},
		{"flattened with %v", fmt.Errorf("get user: %v", ErrNotFound), 500},
		{"unknown", errors.New("boom"), 500},
	}
	for _, tc := range tests {
		tc := tc
		t.Run(tc.name, func(t *testing.T) {
			if got := HTTPStatus(tc.err); got != tc.want {
				t.Errorf("HTTPStatus(%v) = %d, want %d", tc.err, got, tc.want)
			}
		})
	}
}

func TestHTTPStatusOfRealErrors(t *testing.T) {
	_, notFound := LoadProfile(store, "7")
	_, invalid := LoadProfile(store, "")
	if got := HTTPStatus(notFound); got != 404 {
		t.Errorf("HTTPStatus(LoadProfile missing) = %d, want 404", got)
	}
	if got := HTTPStatus(invalid); got != 400 {
		t.Errorf("HTTPStatus(LoadProfile invalid) = %d, want 400", got)
	}
}
