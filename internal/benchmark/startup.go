package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"
)

// Item 4: the provider's start-up, measured by speaking the plugin protocol to the binary the way
// Terraform does. The benchmark starts the binary with go-plugin's handshake environment, reads
// the handshake line it prints once its gRPC server listens, and calls
// tfplugin6.Provider/GetProviderSchema over that socket (gRPC is HTTP/2 with a 5-byte frame
// header; the standard library speaks unencrypted HTTP/2, so no gRPC library is needed). The
// time from exec to the schema's last byte is what Terraform waits before it can do anything.

// pluginHandshakeEnv is what Terraform sets for a protocol-6 provider (terraform-plugin-go's
// tf6server handshake), without mTLS: the plugin then serves plain gRPC on a unix socket.
var pluginHandshakeEnv = []string{
	"TF_PLUGIN_MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
	"PLUGIN_PROTOCOL_VERSIONS=6",
}

// startupResult is one provider's start-up.
type startupResult struct {
	Name        string
	BinaryBytes int64
	Handshake   time.Duration // exec to the handshake line (median)
	Schema      time.Duration // exec to GetProviderSchema answered (median)
	SchemaBytes int
	Runs        int
}

func benchStartup(ctx context.Context, s settings, bins binaries) ([]startupResult, error) {
	var out []startupResult
	for _, p := range []struct{ name, bin string }{{"terraform-provider-tagoio", bins.provider}, {"floor provider (a)", bins.floor}} {
		logf("start-up: %s, %d runs", p.name, s.StartupRuns)
		res := startupResult{Name: p.name, BinaryBytes: fileSize(p.bin), Runs: s.StartupRuns}
		var handshakes, schemas []time.Duration
		for range s.StartupRuns {
			h, sc, n, err := startupOnce(ctx, p.bin)
			if err != nil {
				return nil, fmt.Errorf("start-up of %s: %w", p.name, err)
			}
			handshakes, schemas, res.SchemaBytes = append(handshakes, h), append(schemas, sc), n
		}
		res.Handshake, res.Schema = median(handshakes), median(schemas)
		out = append(out, res)
	}
	return out, nil
}

// startupOnce starts the provider, waits for its handshake, asks for its schema and kills it.
func startupOnce(ctx context.Context, bin string) (handshake, schema time.Duration, schemaBytes int, err error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	cmd.Env = append(os.Environ(), pluginHandshakeEnv...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return 0, 0, 0, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, 0, err
	}
	defer func() {
		_ = cmd.Process.Kill() // our own child, done with
		_ = cmd.Wait()
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		return 0, 0, 0, fmt.Errorf("no handshake line (%v): %s", err, stderr.String())
	}
	handshake = time.Since(start)
	network, addr, err := parseHandshake(line)
	if err != nil {
		return 0, 0, 0, err
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	body, err := grpcUnaryCall(ctx, network, addr, "/tfplugin6.Provider/GetProviderSchema")
	if err != nil {
		return 0, 0, 0, err
	}
	return handshake, time.Since(start), len(body), nil
}

// parseHandshake reads go-plugin's "core-version|app-version|network|address|protocol|cert".
func parseHandshake(line string) (network, addr string, err error) {
	parts := strings.Split(strings.TrimSpace(line), "|")
	if len(parts) < 5 || parts[0] != "1" || parts[4] != "grpc" {
		return "", "", fmt.Errorf("unexpected plugin handshake %q", line)
	}
	return parts[2], parts[3], nil
}

// grpcUnaryCall sends an empty request message to method and returns the answer message's bytes.
func grpcUnaryCall(ctx context.Context, network, addr, method string) ([]byte, error) {
	var protocols http.Protocols
	protocols.SetUnencryptedHTTP2(true)
	transport := &http.Transport{
		Protocols: &protocols,
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		},
	}
	defer transport.CloseIdleConnections()
	// One frame: not compressed (0), length 0 (an empty GetProviderSchema.Request).
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://plugin"+method, bytes.NewReader(make([]byte, 5)))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/grpc")
	req.Header.Set("TE", "trailers")
	resp, err := (&http.Client{Transport: transport}).Do(req)
	if err != nil {
		return nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	frame, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	status := resp.Trailer.Get("Grpc-Status")
	if status == "" {
		status = resp.Header.Get("Grpc-Status") // a trailers-only answer
	}
	if resp.StatusCode != http.StatusOK || status != "0" {
		return nil, fmt.Errorf("%s: HTTP %d, grpc-status %q: %s", method, resp.StatusCode, status,
			resp.Trailer.Get("Grpc-Message")+resp.Header.Get("Grpc-Message"))
	}
	if len(frame) < 5 {
		return nil, fmt.Errorf("%s: a %d-byte answer", method, len(frame))
	}
	return frame[5:], nil
}
