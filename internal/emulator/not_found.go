package emulator

import (
	"errors"
	"net/http"
	"regexp"
)

// objectNotFound matches a handler's answer about an unknown object ("Device not found").
var objectNotFound = regexp.MustCompile(`(?i)^(.+) not found$`)

// unknownIDAnswer answers an unknown object id the way Options.NotFoundStatus says: TagoIO says
// 404 "Device not found"; TagoCore, TagoIO's open-source server, says 400 "Invalid Device ID".
// Route-not-found answers never reach here (they are written before any handler runs).
func (e *Emulator) unknownIDAnswer(err error) error {
	status := e.opts.NotFoundStatus
	if status == 0 || status == http.StatusNotFound {
		return err
	}
	var ae *apiError
	if !errors.As(err, &ae) || ae.Status != http.StatusNotFound {
		return err
	}
	m := objectNotFound.FindStringSubmatch(ae.Message)
	if m == nil {
		return err
	}
	return errorf(status, "Invalid %s ID", m[1])
}
