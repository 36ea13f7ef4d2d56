package dataplane

import (
	"context"
	"net/http"
	"net/url"
)

// Tags reads which tag keys the profile's objects use (GET /tags/keys/{type}), with a
// profile token: handy to build filters or to check a naming convention in CI.
type Tags struct {
	c *Client
}

// NewTags returns the tag calls of c's profile.
func NewTags(c *Client) *Tags { return &Tags{c: c} }

// Keys lists the tag keys in use on one type of object: "device", "dashboard",
// "action", "analysis", "user" (TagoRUN users), "secrets"... The API's docs write the
// types capitalised (Device, Dashboard); both spellings are sent as given.
func (t *Tags) Keys(ctx context.Context, objectType string) ([]string, error) {
	if objectType == "" {
		return nil, &ArgumentError{Field: "objectType", Reason: "is required"}
	}
	keys := []string{}
	err := call(ctx, t.c, http.MethodGet, "/tags/keys/"+url.PathEscape(objectType), nil, nil, &keys)
	return keys, err
}
