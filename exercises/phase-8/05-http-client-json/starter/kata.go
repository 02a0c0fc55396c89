package kata

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// ErrNotFound means the API answered 404.
var ErrNotFound = errors.New("not found")

// StatusError is any other non-2xx answer.
type StatusError struct {
	Code int
	Body string
}

func (e *StatusError) Error() string { return fmt.Sprintf("unexpected status %d: %s", e.Code, e.Body) }

// User is the API's user resource.
type User struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

// Client talks to the users API.
type Client struct {
	BaseURL string
	HTTP    *http.Client
}

// NewClient returns a client whose requests time out after timeout.
func NewClient(baseURL string, timeout time.Duration) *Client {
	_ = timeout
	return &Client{BaseURL: baseURL, HTTP: http.DefaultClient} // TODO: DefaultClient never times out
}

// GetUser fetches one user.
func (c *Client) GetUser(ctx context.Context, id string) (User, error) {
	// Naive: no ctx, no escaping, no status check, body never closed.
	resp, err := c.HTTP.Get(c.BaseURL + "/users/" + id)
	if err != nil {
		return User{}, err
	}
	var u User
	_ = json.NewDecoder(resp.Body).Decode(&u)
	return u, nil
}
