// Command tagoio-emulator serves a local, stateful emulation of the TagoIO REST API.
//
// It prints two lines to stdout once it listens, so that a shell can
//
//	eval "$(tagoio-emulator --listen 127.0.0.1:0 &)"
//
// them: TAGOIO_API=http://127.0.0.1:<port> and TAGOIO_TOKEN=<profile token> (then
// TAGOIO_ACCOUNT_EMAIL and TAGOIO_ACCOUNT_PASSWORD, the account's credentials). Logs go
// to stderr. SIGINT/SIGTERM shut it down cleanly (exit 0).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"regexp"
	"syscall"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/emulator"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "tagoio-emulator:", err)
		os.Exit(1)
	}
}

// run starts the emulator and serves until ctx is done.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("tagoio-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:8080", "address to listen on (port 0 picks a free port)")
	data := fs.String("data", "", "bbolt file keeping the state across restarts (default: in memory)")
	token := fs.String("token", "", "profile token to accept with full permission (default: generated, or the one stored in --data)")
	latency := fs.Duration("latency", 0, "latency added to every API request (Go duration, e.g. 50ms)")
	quiet := fs.Bool("quiet", false, "do not log requests to stderr")
	accountEmail := fs.String("account-email", "", "email of the emulated account (default admin@tagoio-emulator.local)")
	accountPassword := fs.String("account-password", "", "password of the emulated account, asked when minting profile tokens (default \"tagoio-emulator\")")
	accountName := fs.String("account-name", "", "name of the emulated account when it is first created (default \"TagoIO Emulator\")")
	noLegacyBuckets := fs.Bool("disable-legacy-buckets", false, "answer every /bucket route with 404, like today's API")
	var faults emulator.FaultOptions
	fs.Float64Var(&faults.Rate429, "fault-429-rate", 0, "share of API requests refused with 429 before processing (0-1)")
	fs.Float64Var(&faults.Rate503, "fault-503-rate", 0, "share of API requests refused with 503 before processing (0-1)")
	fs.Float64Var(&faults.Rate500, "fault-500-rate", 0, "share of API requests processed, then answered 500 (0-1)")
	fs.Float64Var(&faults.RateDrop, "drop-response-rate", 0, "share of API requests processed, then answered by closing the connection (0-1)")
	fs.Uint64Var(&faults.Seed, "seed", 1, "seed of the fault generator, for reproducible runs")
	rateLimit := fs.String("rate-limit", "", "apply a plan's per-route rate limits: free, starter or scale")
	notFoundStatus := fs.Int("not-found-status", 404, "status answered for an unknown object id: 404 (TagoIO), or 400 or 422 with \"Invalid <Object> ID\" (TagoCore)")
	timeScale := fs.Float64("time-scale", 1, "divide the one-minute rate-limit window by this factor (e.g. 60: one second)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}

	opts := emulator.Options{Token: *token, DataPath: *data, Latency: *latency}
	opts.AccountEmail, opts.AccountName, opts.DisableLegacyBuckets = *accountEmail, *accountName, *noLegacyBuckets
	opts.AccountPassword = *accountPassword
	opts.Faults, opts.RateLimitPlan, opts.TimeScale = faults, *rateLimit, *timeScale
	opts.NotFoundStatus = *notFoundStatus
	for name, rate := range map[string]float64{"fault-429-rate": faults.Rate429, "fault-503-rate": faults.Rate503,
		"fault-500-rate": faults.Rate500, "drop-response-rate": faults.RateDrop} {
		if rate < 0 || rate > 1 {
			return fmt.Errorf("--%s must be between 0 and 1, got %g", name, rate)
		}
	}
	if *timeScale <= 0 {
		return fmt.Errorf("--time-scale must be positive, got %g", *timeScale)
	}
	if !*quiet {
		opts.Logger = stderr
	}
	e, err := emulator.New(opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return errors.Join(err, e.Close())
	}
	srv := &http.Server{Handler: e.Handler(), ReadHeaderTimeout: 30 * time.Second}
	srv.RegisterOnShutdown(e.CloseEventStreams) // open SSE streams would hold Shutdown up
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	api := "http://" + clientAddr(ln.Addr())
	if _, err := fmt.Fprintf(stdout, "TAGOIO_API=%s\nTAGOIO_TOKEN=%s\n", api, shellQuote(e.ProfileToken())); err != nil {
		_ = srv.Close()
		return errors.Join(err, e.Close())
	}
	// The account's credentials, for minting profile tokens (POST /account/profile/token).
	if _, err := fmt.Fprintf(stdout, "TAGOIO_ACCOUNT_EMAIL=%s\nTAGOIO_ACCOUNT_PASSWORD=%s\n",
		shellQuote(e.AccountEmail()), shellQuote(e.AccountPassword())); err != nil {
		_ = srv.Close()
		return errors.Join(err, e.Close())
	}
	where := "memory"
	if *data != "" {
		where = *data
	}
	_, _ = fmt.Fprintf(stderr, "tagoio-emulator %s listening on %s (profile %s, state in %s, latency %s)\n",
		emulator.Version, api, e.ProfileID(), where, *latency)

	select {
	case <-ctx.Done():
	case err := <-served:
		return errors.Join(err, e.Close())
	}
	_, _ = fmt.Fprintln(stderr, "tagoio-emulator: shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	shutdownErr := srv.Shutdown(sctx)
	if shutdownErr != nil {
		_ = srv.Close()
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		shutdownErr = errors.Join(shutdownErr, err)
	}
	return errors.Join(shutdownErr, e.Close())
}

// clientAddr is the address a client on this machine should dial: unspecified hosts
// (0.0.0.0, ::) become 127.0.0.1.
func clientAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	ip := tcp.IP
	if ip == nil || ip.IsUnspecified() {
		ip = net.IPv4(127, 0, 0, 1)
	}
	return net.JoinHostPort(ip.String(), fmt.Sprint(tcp.Port))
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_.:/@%+=,-]+$`)

// shellQuote leaves ordinary tokens alone and single-quotes anything else, so that
// eval "$(tagoio-emulator ...)" always works.
func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	out := "'"
	for _, r := range s {
		if r == '\'' {
			out += `'\''`
			continue
		}
		out += string(r)
	}
	return out + "'"
}
