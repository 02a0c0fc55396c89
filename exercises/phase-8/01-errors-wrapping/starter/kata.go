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
		return User{}, errors.New("id: must be non-empty without spaces") // TODO: return a *ValidationError
	}
	u, ok := s[id]
	if !ok {
		return User{}, fmt.Errorf("get user %q: %v", id, ErrNotFound) // TODO: %v loses the chain
	}
	return u, nil
}

// LoadProfile formats "<id> <email>" for a user.
func LoadProfile(s Store, id string) (string, error) {
	u, err := GetUser(s, id)
	if err != nil {
		return "", err // TODO: add context
	}
	return u.ID + " " + u.Email, nil
}

// HTTPStatus maps an error chain to an HTTP status code.
func HTTPStatus(err error) int {
	switch {
	case err == nil:
		return 200
	case err == ErrNotFound: // TODO: only matches the bare sentinel
		return 404
	case err == context.DeadlineExceeded:
		return 504
	}
	if _, ok := err.(*ValidationError); ok { // TODO: misses wrapped validation errors
		return 400
	}
	return 500
}
