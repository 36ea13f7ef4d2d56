package main

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// phase is a Terraform command the benchmark measures.
type phase string

const (
	phaseApply   phase = "apply"   // terraform apply from an empty state: every resource created
	phasePlan    phase = "plan"    // terraform plan with nothing to change: every resource refreshed
	phaseDestroy phase = "destroy" // terraform destroy: a refresh, then every resource deleted
)

var phases = []phase{phaseApply, phasePlan, phaseDestroy}

// spend is one request a resource may send in a phase, on a route as the emulator's stats name
// it ("METHOD /template"), and why.
type spend struct {
	Route string
	Why   string
}

// kindLabel names a kind in the tables.
var kindLabel = map[kind]string{
	kindDeviceMutable: "tagoio_device (with configuration_params)", kindDeviceImmutable: "tagoio_device",
	kindToken: "tagoio_device_token", kindDashboard: "tagoio_dashboard", kindWidget: "tagoio_dashboard_widget",
	kindAnalysis: "tagoio_analysis (with source)", kindAction: "tagoio_action", kindSecret: "tagoio_secret",
	kindRunUser: "tagoio_run_user", kindPolicy: "tagoio_access_management",
}

// kindsInOrder is the order of the kinds in the tables.
var kindsInOrder = []kind{kindDeviceMutable, kindDeviceImmutable, kindToken, kindDashboard, kindWidget,
	kindAnalysis, kindAction, kindSecret, kindRunUser, kindPolicy}

// Routes of each kind: its creating request, its one read, its delete.
type kindRoutes struct{ create, read, remove string }

var routesOf = map[kind]kindRoutes{
	kindDeviceMutable:   {"POST /device", "GET /device/{id}", "DELETE /device/{id}"},
	kindDeviceImmutable: {"POST /device", "GET /device/{id}", "DELETE /device/{id}"},
	// A token has no GET of its own: reading it is reading its device's token list.
	kindToken:     {"POST /device/token", "GET /device/token/{deviceID}", "DELETE /device/token/{token}"},
	kindDashboard: {"POST /dashboard", "GET /dashboard/{id}", "DELETE /dashboard/{id}"},
	kindWidget: {"POST /dashboard/{dashID}/widget", "GET /dashboard/{dashID}/widget/{widgetID}",
		"DELETE /dashboard/{dashID}/widget/{widgetID}"},
	kindAnalysis: {"POST /analysis", "GET /analysis/{id}", "DELETE /analysis/{id}"},
	kindAction:   {"POST /action", "GET /action/{id}", "DELETE /action/{id}"},
	kindSecret:   {"POST /secrets", "GET /secrets/{id}", "DELETE /secrets/{id}"},
	kindRunUser:  {"POST /run/users", "GET /run/users/{id}", "DELETE /run/users/{id}"},
	kindPolicy:   {"POST /am", "GET /am/{id}", "DELETE /am/{id}"},
}

// Arrangement routes: a widget's place on its dashboard is part of the dashboard, and the API
// replaces the whole list on every write, so placing or removing a widget is a read and a write
// of the dashboard.
const (
	arrangementRead  = "GET /dashboard/{id}"
	arrangementWrite = "PUT /dashboard/{id}"
)

// budget is the request budget of one resource of a kind in a phase (fault-free runs):
//   - create: the creating request plus at most one read; a widget also one arrangement read and
//     write; an analysis with source one upload;
//   - refresh: exactly one GET; a device with configuration params also reads its params; a
//     device token reads its device's token list;
//   - destroy: one DELETE; a widget also its arrangement update. terraform destroy refreshes
//     first, so its budget is the refresh's plus the delete's.
func budget(k kind, p phase) []spend {
	r := routesOf[k]
	refresh := []spend{{r.read, "refresh"}}
	if k == kindDeviceMutable {
		refresh = append(refresh, spend{"GET /device/{id}/params", "refresh: configuration params"})
	}
	switch p {
	case phaseApply:
		out := []spend{{r.create, "create"}}
		if k == kindAnalysis {
			out = append(out, spend{"POST /analysis/{id}/upload", "source upload"})
		}
		if k == kindWidget {
			out = append(out, spend{arrangementRead, "arrangement read"}, spend{arrangementWrite, "arrangement write"})
		}
		return append(out, spend{r.read, "read after create"})
	case phasePlan:
		return refresh
	case phaseDestroy:
		out := append(refresh, spend{r.remove, "delete"})
		if k == kindWidget {
			out = append(out, spend{arrangementRead, "arrangement read"}, spend{arrangementWrite, "arrangement write"})
		}
		return out
	}
	return nil
}

// routeCheck is one route of a phase: what the budget allows and what the emulator counted.
type routeCheck struct {
	Route    string
	Spenders []string // "tagoio_device ×100: create"
	Budget   int64
	Measured int64
}

func (c routeCheck) ok() bool { return c.Measured == c.Budget }

// kindCheck is one kind's requests per resource in a phase.
type kindCheck struct {
	Kind     kind
	Count    int
	Budget   float64 // requests per resource
	Measured float64 // requests per resource, shared routes split in proportion to the budgets
}

func (c kindCheck) ok() bool { return math.Abs(c.Measured-c.Budget) < 1e-9 }

// budgetReport compares one phase's emulator stats with the graph's budget.
type budgetReport struct {
	Phase  phase
	Routes []routeCheck
	Kinds  []kindCheck
	// Errors counts answers that were not 2xx: a fault-free run has none.
	Errors int64
}

func (r budgetReport) ok() bool {
	for _, c := range r.Routes {
		if !c.ok() {
			return false
		}
	}
	return r.Errors == 0
}

func checkBudget(p phase, nodes []node, s emulatorStats) budgetReport {
	counts := map[kind]int{}
	for _, nd := range nodes {
		counts[nd.Kind]++
	}
	expected := map[string]int64{}
	spenders := map[string][]string{}
	for _, k := range kindsInOrder {
		if counts[k] == 0 {
			continue
		}
		for _, sp := range budget(k, p) {
			expected[sp.Route] += int64(counts[k])
			spenders[sp.Route] = append(spenders[sp.Route], fmt.Sprintf("%s ×%d: %s", kindLabel[k], counts[k], sp.Why))
		}
	}
	routes := map[string]bool{}
	for route := range expected {
		routes[route] = true
	}
	for route := range s.ByRoute {
		routes[route] = true
	}
	rep := budgetReport{Phase: p}
	for route := range routes {
		who := spenders[route]
		if len(who) == 0 {
			who = []string{"no budget names this route"}
		}
		rep.Routes = append(rep.Routes, routeCheck{Route: route, Spenders: who, Budget: expected[route], Measured: s.ByRoute[route]})
	}
	sort.Slice(rep.Routes, func(i, j int) bool { return routeOrder(rep.Routes[i].Route) < routeOrder(rep.Routes[j].Route) })
	for _, k := range kindsInOrder {
		if counts[k] == 0 {
			continue
		}
		c := kindCheck{Kind: k, Count: counts[k]}
		for _, sp := range budget(k, p) {
			c.Budget++
			// The kind's share of what the route measured, in proportion to its budget on it.
			c.Measured += float64(s.ByRoute[sp.Route]) / float64(expected[sp.Route])
		}
		rep.Kinds = append(rep.Kinds, c)
	}
	for status, n := range s.ByStatus {
		if !strings.HasPrefix(status, "2") {
			rep.Errors += n
		}
	}
	return rep
}

// routeOrder sorts routes by path, then method.
func routeOrder(route string) string {
	method, path, _ := strings.Cut(route, " ")
	return path + " " + method
}
