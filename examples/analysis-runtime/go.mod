module example.com/analysis-runtime

go 1.26.8

require github.com/tago-io/terraform-provider-tagoio v0.0.0

require (
	github.com/hashicorp/go-cleanhttp v0.5.2 // indirect
	github.com/hashicorp/go-retryablehttp v0.7.8 // indirect
)

// The repository this example sits in; a program of your own would require a released version.
replace github.com/tago-io/terraform-provider-tagoio => ../..
