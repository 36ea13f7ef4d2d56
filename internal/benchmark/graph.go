package main

import (
	"fmt"
	"strings"
)

// The benchmark applies one dependency graph three times: with tagoio resources, with the floor
// provider's floor_thing and with Terraform's built-in terraform_data. Every node becomes one
// resource and every edge one reference, so Terraform walks the same graph in all three.

// kind is what a node stands for in the tagoio configuration.
type kind string

const (
	kindDeviceMutable   kind = "device_mutable"   // tagoio_device with configuration parameters
	kindDeviceImmutable kind = "device_immutable" // tagoio_device, chunked storage
	kindToken           kind = "token"            // tagoio_device_token -> device
	kindDashboard       kind = "dashboard"        // tagoio_dashboard
	kindWidget          kind = "widget"           // tagoio_dashboard_widget -> dashboard, device
	kindAnalysis        kind = "analysis"         // tagoio_analysis with source
	kindAction          kind = "action"           // tagoio_action -> device, analysis
	kindSecret          kind = "secret"           // tagoio_secret
	kindRunUser         kind = "run_user"         // tagoio_run_user
	kindPolicy          kind = "policy"           // tagoio_access_management -> device (and a run user when one exists)
)

// resourceType is the tagoio resource type of each kind.
var resourceType = map[kind]string{
	kindDeviceMutable: "tagoio_device", kindDeviceImmutable: "tagoio_device", kindToken: "tagoio_device_token",
	kindDashboard: "tagoio_dashboard", kindWidget: "tagoio_dashboard_widget", kindAnalysis: "tagoio_analysis",
	kindAction: "tagoio_action", kindSecret: "tagoio_secret", kindRunUser: "tagoio_run_user",
	kindPolicy: "tagoio_access_management",
}

// node is one resource of the graph; refs are indexes of the nodes it refers to, always lower
// than its own.
type node struct {
	Kind kind
	Refs []int
}

// name is the node's resource name in every variant.
func name(i int) string { return fmt.Sprintf("n%d", i) }

// buildGraph returns n nodes: units of ten (two devices with a token each, a dashboard with two
// widgets showing those devices, an analysis and an action running it on the first device's
// data, and one of a secret, a Run user or an access policy in turn), the last unit cut short
// when n is not a multiple of ten.
func buildGraph(n int) []node {
	nodes := make([]node, 0, n)
	lastRunUser := -1
	for u := 0; len(nodes) < n; u++ {
		base := len(nodes)
		devA, devB, dash, analysis := base, base+1, base+4, base+7
		unit := []node{
			{Kind: kindDeviceMutable},
			{Kind: kindDeviceImmutable},
			{Kind: kindToken, Refs: []int{devA}},
			{Kind: kindToken, Refs: []int{devB}},
			{Kind: kindDashboard},
			{Kind: kindWidget, Refs: []int{dash, devA}},
			{Kind: kindWidget, Refs: []int{dash, devB}},
			{Kind: kindAnalysis},
			{Kind: kindAction, Refs: []int{devA, analysis}},
		}
		switch u % 3 {
		case 0:
			unit = append(unit, node{Kind: kindSecret})
		case 1:
			unit = append(unit, node{Kind: kindRunUser})
		default:
			policy := node{Kind: kindPolicy, Refs: []int{devA}}
			if lastRunUser >= 0 {
				policy.Refs = []int{lastRunUser, devA}
			}
			unit = append(unit, policy)
		}
		for _, nd := range unit {
			if len(nodes) == n {
				break
			}
			if nd.Kind == kindRunUser {
				lastRunUser = len(nodes)
			}
			nodes = append(nodes, nd)
		}
	}
	return nodes
}

// countByType counts the graph's resources per tagoio resource type.
func countByType(nodes []node) map[string]int {
	out := map[string]int{}
	for _, nd := range nodes {
		out[resourceType[nd.Kind]]++
	}
	return out
}

// variant is one of the configurations of a graph.
type variant string

const (
	variantTagoIO        variant = "tagoio"
	variantTwin          variant = "twin"  // (a′) tagoio's schemas, no I/O
	variantFloor         variant = "floor" // (a) a trivial resource, no I/O
	variantTerraformData variant = "terraform_data"
)

var variants = []variant{variantTagoIO, variantTwin, variantFloor, variantTerraformData}

// Connector and network of the plain HTTPS device (README, examples).
const (
	httpsConnector = "62333bd36977fc001a2990c8"
	httpsNetwork   = "62336c32ab6e0d0012e06c04"
)

// renderConfig writes the graph as one main.tf of the variant.
func renderConfig(v variant, nodes []node) string {
	var b strings.Builder
	switch v {
	case variantTagoIO:
		b.WriteString("terraform {\n  required_providers {\n    tagoio = { source = \"tago-io/tagoio\" }\n  }\n}\n\n" +
			"# api_url and token come from TAGOIO_API and TAGOIO_TOKEN.\nprovider \"tagoio\" {}\n")
	case variantTwin:
		b.WriteString("terraform {\n  required_providers {\n    twin = { source = \"bench/twin\" }\n  }\n}\n")
	case variantFloor:
		b.WriteString("terraform {\n  required_providers {\n    floor = { source = \"bench/floor\" }\n  }\n}\n")
	}
	b.WriteString(renderResources(v, nodes))
	return b.String()
}

// renderResources writes the graph's resources without the terraform and provider blocks.
func renderResources(v variant, nodes []node) string {
	var b strings.Builder
	for i, nd := range nodes {
		b.WriteString("\n")
		switch v {
		case variantTagoIO:
			b.WriteString(tagoioResource(i, nd, nodes))
		case variantTwin:
			// The twin's types are tagoio's renamed: the same resources, attributes and references.
			b.WriteString(strings.ReplaceAll(tagoioResource(i, nd, nodes), "tagoio_", "twin_"))
		case variantFloor:
			fmt.Fprintf(&b, "resource \"floor_thing\" %q {\n  name = %q\n  refs = [%s]\n  tags = { kind = %q }\n}\n",
				name(i), fmt.Sprintf("bench-%d", i), refList(nd.Refs, func(j int) string { return "floor_thing." + name(j) + ".id" }), nd.Kind)
		case variantTerraformData:
			fmt.Fprintf(&b, "resource \"terraform_data\" %q {\n  input = { name = %q, kind = %q, refs = [%s] }\n}\n",
				name(i), fmt.Sprintf("bench-%d", i), nd.Kind, refList(nd.Refs, func(j int) string { return "terraform_data." + name(j) + ".id" }))
		}
	}
	return b.String()
}

func refList(refs []int, ref func(int) string) string {
	parts := make([]string, len(refs))
	for k, j := range refs {
		parts[k] = ref(j)
	}
	return strings.Join(parts, ", ")
}

// tagoioResource is node i as a tagoio resource; references go through the referenced
// resource's id.
func tagoioResource(i int, nd node, nodes []node) string {
	id := func(j int) string { return resourceType[nodes[j].Kind] + "." + name(j) + ".id" }
	label := fmt.Sprintf("bench-%d", i)
	head := fmt.Sprintf("resource %q %q {\n", resourceType[nd.Kind], name(i))
	switch nd.Kind {
	case kindDeviceMutable:
		return head + fmt.Sprintf("  name                 = %q\n  type                 = \"mutable\"\n"+
			"  connector            = %q\n  network              = %q\n  tags                 = [{ key = \"bench\", value = \"mix\" }]\n"+
			"  configuration_params = [{ key = \"interval\", value = \"60\" }]\n}\n", label, httpsConnector, httpsNetwork)
	case kindDeviceImmutable:
		return head + fmt.Sprintf("  name            = %q\n  type            = \"immutable\"\n  connector       = %q\n"+
			"  network         = %q\n  chunk_period    = \"day\"\n  chunk_retention = 7\n}\n", label, httpsConnector, httpsNetwork)
	case kindToken:
		return head + fmt.Sprintf("  device_id  = %s\n  name       = %q\n  permission = \"write\"\n}\n", id(nd.Refs[0]), label)
	case kindDashboard:
		return head + fmt.Sprintf("  label = %q\n  tabs  = [{ key = \"main\", value = \"Main\" }]\n}\n", label)
	case kindWidget:
		return head + fmt.Sprintf("  dashboard_id = %s\n  label        = %q\n  type         = \"display\"\n"+
			"  data         = [{ origin = %s, variables = [\"temperature\"] }]\n"+
			"  position     = { x = 0, y = 0, width = 2, height = 3, tab = \"main\" }\n}\n", id(nd.Refs[0]), label, id(nd.Refs[1]))
	case kindAnalysis:
		return head + fmt.Sprintf("  name    = %q\n  runtime = \"node-rt2025\"\n  source  = \"console.log('%s');\\n\"\n}\n",
			label, label)
	case kindAction:
		return head + fmt.Sprintf("  name    = %q\n  type    = \"condition\"\n"+
			"  trigger = [{ device = %s, variable = \"temperature\", is = \">\", value = \"80\", value_type = \"number\" }]\n"+
			"  action  = { type = \"script\", script = [%s] }\n}\n", label, id(nd.Refs[0]), id(nd.Refs[1]))
	case kindSecret:
		return head + fmt.Sprintf("  key   = \"BENCH_SECRET_%d\"\n  value = \"value-%d\"\n}\n", i, i)
	case kindRunUser:
		return head + fmt.Sprintf("  name     = %q\n  email    = \"bench-%d@example.com\"\n  password = \"Bench-Password-%d\"\n"+
			"  timezone = \"UTC\"\n}\n", label, i, i)
	case kindPolicy:
		target := `["run_user", "tag_match", "company"]`
		device := nd.Refs[len(nd.Refs)-1]
		if len(nd.Refs) == 2 {
			target = fmt.Sprintf(`["run_user", "id", %s]`, id(nd.Refs[0]))
		}
		return head + fmt.Sprintf("  name        = %q\n  targets     = [%s]\n"+
			"  permissions = [{ effect = \"allow\", action = [\"access\"], resource = [\"device\", \"id\", %s] }]\n}\n",
			label, target, id(device))
	}
	panic("unknown kind " + string(nd.Kind))
}
