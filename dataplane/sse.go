package dataplane

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"time"
)

// sseEvent is one server-sent event (the WHATWG "server-sent events" format).
type sseEvent struct {
	Type  string // "message" when the stream names none
	Data  string
	ID    string
	Retry time.Duration // the reconnection time the server asked for, 0 if none
}

// maxSSELine bounds one line of the stream; a trigger carries a scope, which can be large.
const maxSSELine = 8 << 20

// readSSE reads events from r and calls emit for each complete one, until r ends (io.EOF is
// returned as nil) or fails. A "retry:" line alone is reported as an event with no data and
// Type "" so the caller can adopt the new reconnection time.
func readSSE(r io.Reader, emit func(sseEvent)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxSSELine)
	var eventType, lastID string
	var data strings.Builder
	hasData := false
	for sc.Scan() {
		line := sc.Text() // ScanLines drops "\n" and a trailing "\r"
		if line == "" {
			if hasData {
				typ := eventType
				if typ == "" {
					typ = "message"
				}
				emit(sseEvent{Type: typ, Data: strings.TrimSuffix(data.String(), "\n"), ID: lastID})
			}
			eventType, hasData = "", false
			data.Reset()
			continue
		}
		if strings.HasPrefix(line, ":") {
			continue // a comment, e.g. a keep-alive
		}
		field, value, found := strings.Cut(line, ":")
		if found {
			value = strings.TrimPrefix(value, " ")
		}
		switch field {
		case "event":
			eventType = value
		case "data":
			data.WriteString(value)
			data.WriteByte('\n')
			hasData = true
		case "id":
			if !strings.ContainsRune(value, 0) {
				lastID = value
			}
		case "retry":
			if ms, err := strconv.Atoi(value); err == nil && ms >= 0 {
				emit(sseEvent{Retry: time.Duration(ms) * time.Millisecond, ID: lastID})
			}
		}
	}
	return sc.Err()
}
