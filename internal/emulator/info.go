package emulator

import "net/http"

func (e *Emulator) registerInfo(r *Router) {
	// docs/api-notes.md §1.2 (token kinds) and §2.7: an external analysis first calls GET /info with
	// its analysis token and expects {name, active, run_on}.
	r.Handle("GET", "/info", e.info, kindDevice|kindAnalysis)
}

// info answers GET /info with the DeviceInfo of the token's device, or the analysis of an
// analysis token.
func (e *Emulator) info(c *Ctx) (int, any, error) {
	if id := c.Auth.Token.AnalysisID; id != "" {
		var a *analysisDoc
		if err := e.store.View(func(tx Tx) (err error) {
			a, err = loadAnalysis(tx, id)
			return err
		}); err != nil {
			return 0, nil, err
		}
		return http.StatusOK, analysisRecord(a), nil
	}
	var d *deviceDoc
	if err := e.store.View(func(tx Tx) (err error) {
		d, err = getDoc[deviceDoc](tx, collDevices, c.Auth.Token.DeviceID)
		return err
	}); err != nil {
		return 0, nil, err
	}
	if d == nil { // the token outlived its device: cannot happen with the cascade
		return 0, nil, errInvalidToken()
	}
	return http.StatusOK, deviceInfo(d), nil
}
