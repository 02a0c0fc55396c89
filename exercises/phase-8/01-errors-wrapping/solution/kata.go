package kata

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// ErrNotFound is the sentinel for missing records.
var ErrNotFound = errors.New("not found")

// ValidationError reports a bad input field.
type ValidationError struct {
	Field string
	Msg   string
}

func (e *ValidationError) Error() string { return e.Field + ": " + e.Msg }

// User is a stored user.
type User struct {
	ID    string
	Email string
}

// Store is an in-memory user table.
type Store map[string]User

// GetUser validates id and looks it up.
func GetUser(s Store, id string) (User, error) {
	if id == "" || strings.Contains(id, " ") {
		// A typed error carries structured data (which field) that callers can extract with errors.As.
		return User{}, &ValidationError{Field: "id", Msg: "must be non-empty without spaces"}
	}
	u, ok := s[id]
	if !ok {
		// %w keeps ErrNotFound in the chain; the text still reads naturally: get user "42": not found
		return User{}, fmt.Errorf("get user %q: %w", id, ErrNotFound)
	}
	return u, nil
}

// LoadProfile formats "<id> <email>" for a user.
func LoadProfile(s Store, id string) (string, error) {
	u, err := GetUser(s, id)
	if err != nil {
		// Each layer adds its own context and wraps again; the chain grows, nothing is lost.
		return "", fmt.Errorf("load profile: %w", err)
	}
	return u.ID + " " + u.Email, nil
}

// HTTPStatus maps an error chain to an HTTP status code.
func HTTPStatus(err error) int {
	var ve *ValidationError
	switch {
	case err == nil:
		return 200
	case errors.Is(err, ErrNotFound): // identity anywhere in the chain, not string matching
		return 404
	case errors.As(err, &ve): // finds a *ValidationError anywhere in the chain and assigns it to ve
		return 400
	case errors.Is(err, context.DeadlineExceeded):
		return 504
	default:
		return 500
	}
}
