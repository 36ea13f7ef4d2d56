package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// The account's plan and how its resources are allocated among its profiles
// (TagoIO's "Account Plan" and "Resources Allocation"), and the e-mail/password login
// that lists the account's profiles.
func (e *Emulator) registerAccountBilling(r *Router) {
	r.Handle("GET", "/account/plan", e.getAccountPlan, kindProfile)
	r.Handle("GET", "/account/allocation", e.getAllocation, kindProfile)
	r.Handle("POST", "/account/allocation", e.editAllocation, kindProfile)
	r.Handle("POST", "/account/login", e.accountLogin, anonymous)
}

// allocationKey is the profile's allocation in collMeta; absent, it is profileLimits.
const allocationKey = "allocation"

// allocationServices are the allocatable services of a profile (the API's
// allocation object, all numbers).
var allocationServices = []string{
	"analysis", "data_records", "email", "file_storage", "input", "output",
	"push_notification", "run_users", "sms",
}

type allocationDoc struct {
	Values    map[string]float64 `json:"values"`
	UpdatedAt apiTime            `json:"updated_at"`
}

func (e *Emulator) getAccountPlan(*Ctx) (int, any, error) {
	return http.StatusOK, record{"plan": accountPlan}, nil
}

func (e *Emulator) loadAllocation(tx Tx, now apiTime) (*allocationDoc, error) {
	a, err := getDoc[allocationDoc](tx, collMeta, allocationKey)
	if err != nil || a != nil {
		return a, err
	}
	a = &allocationDoc{Values: map[string]float64{}, UpdatedAt: now}
	for _, k := range allocationServices {
		if n, ok := profileLimits[k].(int); ok {
			a.Values[k] = float64(n)
		}
	}
	return a, nil
}

func (e *Emulator) getAllocation(c *Ctx) (int, any, error) {
	var a *allocationDoc
	if err := e.store.View(func(tx Tx) (err error) {
		a, err = e.loadAllocation(tx, apiTime(c.Now))
		return err
	}); err != nil {
		return 0, nil, err
	}
	item := record{"profile": e.profileID, "updated_at": a.UpdatedAt}
	for _, k := range allocationServices {
		item[k] = a.Values[k]
	}
	return http.StatusOK, []record{item}, nil
}

// editAllocation takes an array of {profile, <service>: number...}; services left out
// keep their allocation. Every profile must be one of the account's.
func (e *Emulator) editAllocation(c *Ctx) (int, any, error) {
	b, err := readBody(c.R)
	if err != nil {
		return 0, nil, err
	}
	if t := bytes.TrimSpace(b); len(t) == 0 || t[0] != '[' {
		return 0, nil, badRequest("The allocation must be an array of {profile, ...services}")
	}
	items, err := parseObjectOrArray(b)
	if err != nil {
		return 0, nil, err
	}
	err = e.store.Update(func(tx Tx) error {
		a, err := e.loadAllocation(tx, apiTime(c.Now))
		if err != nil {
			return err
		}
		for i, it := range items {
			profile, present, err := it.str("profile")
			if err != nil || !present || profile == "" {
				return badRequest("[%d].profile is required", i)
			}
			if profile != e.profileID {
				return badRequest("Profile %s does not belong to this account", profile)
			}
			for _, k := range allocationServices {
				raw, ok := it[k]
				if !ok {
					continue
				}
				var n float64
				if err := json.Unmarshal(raw, &n); err != nil || n < 0 {
					return badRequest("[%d].%s must be a number of at least 0", i, k)
				}
				a.Values[k] = n
			}
		}
		a.UpdatedAt = apiTime(c.Now)
		return putDoc(tx, collMeta, allocationKey, a)
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, "Profile resource allocation Successfully Updated", nil
}

// accountLogin checks the account's e-mail and password and answers the account with
// its profiles (the first step of a login; no token is issued here).
func (e *Emulator) accountLogin(c *Ctx) (int, any, error) {
	body, err := c.object()
	if err != nil {
		return 0, nil, err
	}
	if err := e.checkCredentials(body); err != nil {
		return 0, nil, err
	}
	acct, prof, err := e.accountState(c.Now)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, record{
		"id": acct.ID, "name": acct.Name, "email": e.AccountEmail(), "company": acct.Company,
		"phone": acct.Phone, "type": "user",
		"profiles": []record{{"account": acct.ID, "id": prof.ID, "name": prof.Name, "logo_url": prof.LogoURL}},
	}, nil
}
