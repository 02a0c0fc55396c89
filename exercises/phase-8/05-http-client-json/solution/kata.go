package kata

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
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
	// Timeout covers the whole exchange: connect, headers and reading the body.
	return &Client{BaseURL: baseURL, HTTP: &http.Client{Timeout: timeout}}
}

// GetUser fetches one user.
func (c *Client) GetUser(ctx context.Context, id string) (User, error) {
	// PathEscape: "a/b c" must stay one path segment ("a%2Fb%20c"), not become a new route.
	endpoint := c.BaseURL + "/users/" + url.PathEscape(id)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
	if err != nil {
		return User{}, fmt.Errorf("get user %q: %w", id, err)
	}
	req.Header.Set("Accept", "application/json")

	resp, err := c.HTTP.Do(req)
	if err != nil {
		// %w keeps *url.Error → context.DeadlineExceeded / net.Error in the chain for callers.
		return User{}, fmt.Errorf("get user %q: %w", id, err)
	}
	// Always close: an unclosed body keeps the connection busy, so it can't go back to the pool.
	defer resp.Body.Close()

	switch {
	case resp.StatusCode == http.StatusNotFound:
		return User{}, fmt.Errorf("get user %q: %w", id, ErrNotFound)
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		// Bounded read: an error page can be huge; 512 bytes is enough for a log line.
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return User{}, &StatusError{Code: resp.StatusCode, Body: string(body)}
	}

	var u User
	if err := json.NewDecoder(resp.Body).Decode(&u); err != nil {
		return User{}, fmt.Errorf("get user %q: decode: %w", id, err)
	}
	return u, nil
}
