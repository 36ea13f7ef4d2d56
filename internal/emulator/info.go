package emulator

import "net/http"

func (e *Emulator) registerInfo(r *Router) {
	// Device tokens now; analysis tokens join in the analysis slice.
	r.Handle("GET", "/info", e.info, kindDevice)
}

// info answers GET /info with the DeviceInfo of the token's device.
func (e *Emulator) info(c *Ctx) (int, any, error) {
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
