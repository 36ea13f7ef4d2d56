package emulator

import (
	"runtime"
	"sync"
	"time"
)

// fakeClock is a clock that moves only when the test says so (Options.Clock).
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// awaitNextTimestamp returns once the emulator's timestamps (milliseconds) have moved past the
// current one, so that the next write gets a later created_at/updated_at than the last. It
// waits for the clock itself, not for a guessed duration.
func awaitNextTimestamp() {
	for last := nowTime(); !nowTime().After(last); {
		runtime.Gosched()
	}
}
