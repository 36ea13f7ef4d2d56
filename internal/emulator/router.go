package emulator

import (
	"net/http"
	"sort"
	"strings"
	"time"
)

// tokenKind is the kind of a token, found by looking the token up (never by header).
// Routes declare the set of kinds they accept.
type tokenKind uint8

const (
	kindProfile tokenKind = 1 << iota
	kindDevice
	kindAnalysis // analysis tokens
	kindNetwork  // network tokens

	// anonymous marks a route that needs no token at all.
	anonymous tokenKind = 1 << 7
)

func (k tokenKind) String() string {
	switch k {
	case kindProfile:
		return "profile"
	case kindDevice:
		return "device"
	case kindAnalysis:
		return "analysis"
	case kindNetwork:
		return "network"
	}
	return "unknown"
}

// HandlerFunc handles one API request. It returns the success status and the value of
// "result", or an error (an *apiError becomes its status and message, anything else a
// 500). The envelope is written by the router.
type HandlerFunc func(c *Ctx) (status int, result any, err error)

// Handler is a step of the middleware chain; it writes the response through c.W.
type Handler func(c *Ctx)

// Middleware wraps a Handler. The chain (see Emulator.middlewares) is
// recover -> log -> stats -> latency -> rate limits -> faults -> auth -> dispatch.
type Middleware func(next Handler) Handler

// Route is one registered API route.
type Route struct {
	Method   string
	Template string // e.g. "/device/{id}", no trailing slash
	Handler  HandlerFunc
	Kinds    tokenKind
	segs     []string
}

// Key is the route's name in the stats: "METHOD /template".
func (rt *Route) Key() string { return rt.Method + " " + rt.Template }

// Router matches a method and path to a Route.
type Router struct {
	routes []*Route
}

// Handle registers a route in one line: method, template with {param} placeholders,
// handler, and the token kinds allowed (or anonymous).
func (r *Router) Handle(method, template string, h HandlerFunc, kinds tokenKind) {
	template = normalizePath(template)
	r.routes = append(r.routes, &Route{
		Method: method, Template: template, Handler: h, Kinds: kinds, segs: splitPath(template),
	})
}

// normalizePath drops trailing slashes so "/device/" and "/device" are one path.
func normalizePath(p string) string {
	p = strings.TrimRight(p, "/")
	if p == "" {
		return "/"
	}
	return p
}

func splitPath(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

func isParam(seg string) bool { return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") }

// specificity ranks a template: literal segments beat parameters, earlier segments
// weigh more, so "/device/token/{id}" wins over "/device/{id}/params" for
// "/device/token/params".
func (rt *Route) specificity() string {
	b := make([]byte, len(rt.segs))
	for i, s := range rt.segs {
		if isParam(s) {
			b[i] = '0'
		} else {
			b[i] = '1'
		}
	}
	return string(b)
}

// match finds the most specific route for method and path. When the path is known but
// not for this method it returns nil and the allowed methods (a 405).
func (r *Router) match(method, path string) (*Route, map[string]string, []string) {
	segs := splitPath(path)
	if method == http.MethodHead {
		method = http.MethodGet
	}
	var best *Route
	var bestParams map[string]string
	allowed := map[string]bool{}
	for _, rt := range r.routes {
		if len(rt.segs) != len(segs) {
			continue
		}
		params, ok := matchSegs(rt.segs, segs)
		if !ok {
			continue
		}
		allowed[rt.Method] = true
		if rt.Method != method {
			continue
		}
		if best == nil || rt.specificity() > best.specificity() {
			best, bestParams = rt, params
		}
	}
	if best != nil {
		return best, bestParams, nil
	}
	methods := make([]string, 0, len(allowed))
	for m := range allowed {
		methods = append(methods, m)
	}
	sort.Strings(methods)
	return nil, nil, methods
}

func matchSegs(tmpl, segs []string) (map[string]string, bool) {
	var params map[string]string
	for i, t := range tmpl {
		if isParam(t) {
			if params == nil {
				params = map[string]string{}
			}
			params[t[1:len(t)-1]] = segs[i]
			continue
		}
		if t != segs[i] {
			return nil, false
		}
	}
	return params, true
}

// Ctx is the state of one API request as it goes through the chain.
type Ctx struct {
	W       *statusWriter
	R       *http.Request
	Route   *Route   // nil when no route matched
	Allowed []string // methods the path accepts, when Route is nil because of the method
	Params  map[string]string
	Query   *QNode
	Auth    *Auth // nil on anonymous routes and before the auth middleware ran
	Now     time.Time
	e       *Emulator
}

// Param returns a path parameter.
func (c *Ctx) Param(name string) string { return c.Params[name] }

// RouteKey is the stats key of the matched route ("" when none matched).
func (c *Ctx) RouteKey() string {
	if c.Route == nil {
		return ""
	}
	method := c.R.Method
	return method + " " + c.Route.Template
}

// object reads the request body as a JSON object.
func (c *Ctx) object() (jsonBody, error) {
	b, err := readBody(c.R)
	if err != nil {
		return nil, err
	}
	return parseObject(b)
}

// statusWriter records the status code written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Flush lets streaming handlers (the /events SSE stream) flush through the wrapper.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap exposes the underlying writer to http.ResponseController.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
