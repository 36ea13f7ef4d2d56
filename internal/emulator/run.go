package emulator

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// runDoc is the profile's TagoRUN settings (docs/api-notes.md §2.11 RunInfo): each top-level
// key holds the JSON last written, so a PUT replaces top-level values wholesale (a
// new theme object replaces the whole theme, it is not merged into it).
type runDoc map[string]json.RawMessage

// runFieldChecks validates each editable RunInfo key. Keys not listed here are
// ignored: unknown ones, as the API ignores keys it does not know, and the read-only
// profile, anonymous_token, created_at and updated_at. The OAS defines no enumeration
// for Run settings (signup_method is a free string, example "default"); the JS types
// fix signin_buttons[].type to "link", which is checked.
var runFieldChecks = map[string]func(b jsonBody, k string) error{
	"active":                  runCheckBool,
	"sso_saml_active":         runCheckBool,
	"name":                    runCheckNonEmptyString,
	"url":                     runCheckNonEmptyString,
	"sub_title":               runCheckString,
	"signup_method":           runCheckString,
	"auth_token_ttl":          runCheckRelativeTime,
	"email_domain":            runCheckNullableString,
	"favicon":                 runCheckNullableString,
	"logo":                    runCheckNullableString,
	"signup_logo":             runCheckNullableString,
	"dictionary":              runCheckNullableObjectID,
	"logo_options":            runCheckObject,
	"signup_logo_options":     runCheckObject,
	"integration":             runCheckObject,
	"feature_devicewifisetup": runCheckObject,
	"feature_geolocation":     runCheckObjectOrNull,
	"theme":                   runCheckTheme,
	"email_templates":         runCheckEmailTemplates,
	"security":                runCheckSecurity,
	"sidebar_buttons": runCheckObjectItems(map[string]func(jsonBody, string) error{
		"color": runCheckString, "href": runCheckString, "iconUrl": runCheckString, "text": runCheckString,
		"type": runCheckString, "value": runCheckString, "isInNewLine": runCheckBool,
	}),
	"signin_buttons": runCheckObjectItems(map[string]func(jsonBody, string) error{
		"label": runCheckString, "url": runCheckString, "type": runCheckSigninButtonType,
	}),
	"signup_fields": runCheckObjectItems(map[string]func(jsonBody, string) error{
		"name": runCheckString, "placeholder": runCheckString, "type": runCheckString, "required": runCheckBool,
	}),
}

// defaultRun is the Run every profile has from the start.
func defaultRun(profileID string, now time.Time) (runDoc, error) {
	template := func(subject, value string) record { return record{"subject": subject, "value": value} }
	values := record{
		"profile": profileID, "active": true, "name": "TagoRUN", "sub_title": "",
		"url":          profileID + ".run.tago.io",
		"email_domain": nil, "signup_method": "default",
		"favicon": nil, "logo": nil, "signup_logo": nil,
		"logo_options": record{}, "signup_logo_options": record{},
		"sidebar_buttons": []record{{"color": "grey", "href": "/", "iconUrl": "https://svg.internal.tago.io/home.svg", "text": "Home", "type": ""}},
		"signin_buttons":  []record{}, "signup_fields": []record{},
		"email_templates": record{
			"password_recover":     template("Password Recovery", "### Hi $name$.\n\nClick [here]($recover_link$) to set a new password."),
			"welcome_actived":      template("Your account was activated!", "### Hi $name$.\n\nYour account was confirmed. You can now log in!"),
			"welcome_adminconfirm": template("Your account is being analysed", "### Hi $name$.\n\nYour account creation is being analysed."),
			"welcome_autoconfirm":  template("Welcome $name$!", "### Hi $name$.\n\nClick [here]($confirmation_link$) to confirm your email."),
		},
		"feature_devicewifisetup": record{
			"enabled": false, "name": "", "ip": "", "port": "", "protocol": "http", "language": "EN",
			"background_color": "white", "text_color": "rgb(60, 60, 60)",
			"button_cancel_background_color": "white", "button_cancel_text_color": "black",
			"button_confirm_background_color": "hsl(229, 100%, 23%)", "button_confirm_text_color": "white",
			"translations": record{},
		},
		"feature_geolocation": record{
			"enabled": false, "device": nil, "target": "", "middleware_url": "",
			"buffer_size": 0, "minimum_distance": 0, "minimum_interval": 0,
		},
		"theme": record{
			"primary": "hsl(229, 100%, 23%)", "navbar": "hsl(229, 100%, 23%)", "navbarText": "hsl(0, 100%, 100%)",
			"buttonPrimary": "hsl(229, 100%, 23%)", "buttonPrimaryText": "hsl(0, 0%, 100%)",
			"sidebarBackground": "hsl(0, 0%, 100%)", "link": "hsl(208, 56%, 46%)",
			"auth_bg_type": "default", "auth_bg_src": "", "auth_bg_opacity": 100, "auth_form_opacity": nil,
		},
		"integration":     record{"google_analytics": "", "zoho_salesiq": ""},
		"sso_saml_active": false,
		"security":        record{"otp": record{"authenticator": false, "sms": false, "email": false}},
		"anonymous_token": newUUID(),
		"auth_token_ttl":  "3 months",
		"dictionary":      nil,
		"created_at":      apiTime(now), "updated_at": apiTime(now),
	}
	doc := runDoc{}
	for k, v := range values {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		doc[k] = b
	}
	return doc, nil
}

func (e *Emulator) registerRun(r *Router) {
	r.Handle("GET", "/run", e.getRun, kindProfile)
	r.Handle("PUT", "/run", e.editRun, kindProfile)
}

// loadRun returns the profile's Run, creating the default one on first use (within
// the caller's write transaction).
func (e *Emulator) loadRun(tx Tx, now time.Time) (runDoc, error) {
	doc, err := getDoc[runDoc](tx, collRun, e.profileID)
	if err != nil {
		return nil, err
	}
	if doc != nil {
		return *doc, nil
	}
	run, err := defaultRun(e.profileID, now)
	if err != nil {
		return nil, err
	}
	return run, putDoc(tx, collRun, e.profileID, run)
}

func (e *Emulator) getRun(c *Ctx) (int, any, error) {
	var run runDoc
	if err := e.store.View(func(tx Tx) error {
		doc, err := getDoc[runDoc](tx, collRun, e.profileID)
		if doc != nil {
			run = *doc
		}
		return err
	}); err != nil {
		return 0, nil, err
	}
	if run == nil { // first use: create the default Run once, so that it stays stable
		if err := e.store.Update(func(tx Tx) (err error) {
			run, err = e.loadRun(tx, c.Now)
			return err
		}); err != nil {
			return 0, nil, err
		}
	}
	return http.StatusOK, map[string]json.RawMessage(run), nil
}

func (e *Emulator) editRun(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	for _, k := range slices.Sorted(maps.Keys(body)) { // sorted: the first error is stable
		if check, ok := runFieldChecks[k]; ok {
			if err := check(body, k); err != nil {
				return 0, nil, err
			}
		}
	}
	err = e.store.Update(func(tx Tx) error {
		run, err := e.loadRun(tx, c.Now)
		if err != nil {
			return err
		}
		for k, v := range body {
			if _, ok := runFieldChecks[k]; ok {
				run[k] = v
			}
		}
		if run["updated_at"], err = json.Marshal(apiTime(c.Now)); err != nil {
			return err
		}
		return putDoc(tx, collRun, e.profileID, run)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "TagoIO Run Successfully Updated", nil
}

// Field checks: each validates body[k] (known to be present) and names k on failure.

func runCheckBool(b jsonBody, k string) error { _, _, err := b.boolean(k); return err }

func runCheckString(b jsonBody, k string) error { _, _, err := b.str(k); return err }

func runCheckNullableString(b jsonBody, k string) error { _, _, err := b.nullableStr(k); return err }

func runCheckNonEmptyString(b jsonBody, k string) error {
	if s, _, err := b.str(k); err != nil || strings.TrimSpace(s) == "" {
		return badRequest("%s must be a non-empty string", k)
	}
	return nil
}

func runCheckNullableObjectID(b jsonBody, k string) error {
	v, _, err := b.nullableStr(k)
	if err != nil || (v != nil && !isObjectID(*v)) {
		return badRequest("%s must be an ID (24 hex characters) or null", k)
	}
	return nil
}

// runCheckRelativeTime accepts a relative duration like "3 months" (auth_token_ttl).
func runCheckRelativeTime(b jsonBody, k string) error {
	s, _, err := b.str(k)
	if err == nil {
		if _, ok := addRelative(s, time.Time{}, 1); ok {
			return nil
		}
	}
	return badRequest("%s must be a relative time like \"3 months\"", k)
}

func runCheckObject(b jsonBody, k string) error { _, _, _, err := fieldObject(b, k); return err }

func runCheckObjectOrNull(b jsonBody, k string) error {
	if b.isNull(k) {
		return nil
	}
	if _, _, _, err := fieldObject(b, k); err != nil {
		return badRequest("%s must be an object or null", k)
	}
	return nil
}

// runCheckTheme: theme is a map of option -> CSS value (strings), plus numeric
// opacities; null clears an option.
func runCheckTheme(b jsonBody, k string) error {
	theme, _, _, err := fieldObject(b, k)
	if err != nil {
		return err
	}
	for opt, raw := range theme {
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return badRequest("%s.%s is not valid JSON", k, opt)
		}
		switch v.(type) {
		case string, float64, nil:
		default:
			return badRequest("%s.%s must be a string, a number or null", k, opt)
		}
	}
	return nil
}

// runCheckEmailTemplates: {<template key>: {subject, value}}.
func runCheckEmailTemplates(b jsonBody, k string) error {
	templates, _, _, err := fieldObject(b, k)
	if err != nil {
		return err
	}
	for name := range templates {
		tpl, _, _, err := fieldObject(templates, name)
		if err != nil {
			return within(k+".", err)
		}
		for _, f := range []string{"subject", "value"} {
			if _, _, err := tpl.str(f); err != nil {
				return within(k+"."+name+".", err)
			}
		}
	}
	return nil
}

// runCheckSecurity: {otp: {authenticator, sms, email}} with boolean flags.
func runCheckSecurity(b jsonBody, k string) error {
	sec, _, _, err := fieldObject(b, k)
	if err != nil {
		return err
	}
	otp, _, present, err := fieldObject(sec, "otp")
	if err != nil || !present {
		return within(k+".", err)
	}
	for _, f := range []string{"authenticator", "sms", "email"} {
		if _, _, err := otp.boolean(f); err != nil {
			return within(k+".otp.", err)
		}
	}
	return nil
}

func runCheckSigninButtonType(b jsonBody, k string) error {
	if s, _, err := b.str(k); err != nil || s != "link" {
		return badRequest("%s must be \"link\"", k)
	}
	return nil
}

// runCheckObjectItems builds a check for an array of objects whose listed keys, when
// present, must pass their checks.
func runCheckObjectItems(fields map[string]func(jsonBody, string) error) func(jsonBody, string) error {
	return func(b jsonBody, k string) error {
		items, _, err := fieldArray(b, k)
		if err != nil {
			return err
		}
		for i, raw := range items {
			prefix := k + "[" + strconv.Itoa(i) + "]."
			obj, err := parseObject(raw)
			if err != nil {
				return badRequest("%s[%d] must be an object", k, i)
			}
			for _, f := range slices.Sorted(maps.Keys(fields)) {
				if obj.has(f) {
					if err := fields[f](obj, f); err != nil {
						return within(prefix, err)
					}
				}
			}
		}
		return nil
	}
}
