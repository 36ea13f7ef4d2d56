// Package provider is the TagoIO Terraform provider: one file per resource or data source.
package provider

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

// Environment variables the provider reads; TAGOIO_API is the one the official SDKs read too.
const (
	envToken  = "TAGOIO_TOKEN"
	envRegion = "TAGOIO_REGION"
	envAPI    = "TAGOIO_API"
)

const defaultRequestTimeout = 60 * time.Second

var (
	_ provider.Provider                       = &tagoioProvider{}
	_ provider.ProviderWithEphemeralResources = &tagoioProvider{}
)

type tagoioProvider struct {
	version string
}

type providerModel struct {
	Token          types.String `tfsdk:"token"`
	Region         types.String `tfsdk:"region"`
	APIURL         types.String `tfsdk:"api_url"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
	DefaultTags    types.Map    `tfsdk:"default_tags"`
}

// resourceData is what Configure hands to resources: the client and the provider's default tags.
type resourceData struct {
	client      *client.Client
	defaultTags tagDefaults
}

// New returns the provider factory; version is the provider's release version. It changes
// nothing outside the provider: quieting the logs is main's business (QuietLogsTerraformDiscards).
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &tagoioProvider{version: version} }
}

func (p *tagoioProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "tagoio"
	resp.Version = p.version
}

func (p *tagoioProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages a [TagoIO](https://tago.io) account: devices, tokens, dashboards, analyses and more.",
		Attributes: map[string]schema.Attribute{
			"token": schema.StringAttribute{
				MarkdownDescription: "A TagoIO profile (account) token with `full` permission. Can also be set with the `TAGOIO_TOKEN` environment variable.",
				Optional:            true,
				Sensitive:           true,
				// An empty token must not quietly fall back to TAGOIO_TOKEN: that would point
				// Terraform at whatever account the environment holds.
				Validators: []validator.String{validate.NotBlank()},
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "The TagoIO region: `us-e1` (default) or `eu-w1`. Can also be set with `TAGOIO_REGION`. Conflicts with `api_url`.",
				Optional:            true,
				Validators: []validator.String{
					validate.NotBlank(),
					stringvalidator.OneOf(client.Regions()...),
					stringvalidator.ConflictsWith(path.MatchRoot("api_url")),
				},
			},
			"api_url": schema.StringAttribute{
				MarkdownDescription: "The API base URL, for a TagoDeploy instance (`https://api.<id>.tagoio.net`) or the `tagoio-emulator` " +
					"(`http://127.0.0.1:8080`). Can also be set with `TAGOIO_API`, the variable the official SDKs read. Conflicts with `region`.",
				Optional:   true,
				Validators: []validator.String{validate.NotBlank(), validate.HTTPURL()},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times a request is retried after a rate limit (429), an unavailable API (503), "+
					"or, for requests that are safe to repeat, another server or connection error. Defaults to `%d`.", client.DefaultMaxRetries),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 100)},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: "The timeout of one HTTP attempt, as a Go duration such as `30s` or `2m`. Defaults to `60s`, like the official SDKs.",
				Optional:            true,
				Validators:          []validator.String{validate.Duration(time.Second, time.Hour)},
			},
			"default_tags": defaultTagsProviderAttribute(),
		},
	}
}

// endpoint is the API URL in use and where it came from (for the log).
type endpoint struct {
	url    string
	source string
}

// resolveEndpoint applies the precedence: configuration beats the environment, and an explicit
// URL beats a region at the same level.
func resolveEndpoint(configRegion, configURL, envRegionValue, envURLValue string) (endpoint, error) {
	switch {
	case configURL != "":
		return endpoint{configURL, "api_url"}, nil
	case configRegion != "":
		u, err := client.RegionURL(configRegion)
		return endpoint{u, "region"}, err
	case envURLValue != "":
		return endpoint{envURLValue, envAPI}, nil
	case envRegionValue != "":
		u, err := client.RegionURL(envRegionValue)
		if err != nil {
			return endpoint{}, fmt.Errorf("%s: %w", envRegion, err)
		}
		return endpoint{u, envRegion}, nil
	}
	u, err := client.RegionURL(client.DefaultRegion)
	return endpoint{u, "default region " + client.DefaultRegion}, err
}

func (p *tagoioProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for attr, v := range map[string]types.String{"token": cfg.Token, "region": cfg.Region, "api_url": cfg.APIURL} {
		if v.IsUnknown() {
			env := map[string]string{"token": envToken, "region": envRegion, "api_url": envAPI}[attr]
			addUnknownProviderValueError(&resp.Diagnostics, attr, env)
		}
	}
	if cfg.MaxRetries.IsUnknown() || cfg.RequestTimeout.IsUnknown() || cfg.DefaultTags.IsUnknown() {
		resp.Diagnostics.AddError("Unknown TagoIO provider setting",
			"max_retries, request_timeout and default_tags must be known at plan time: use a literal or a variable.")
	}
	if resp.Diagnostics.HasError() {
		return
	}

	// The environment fills only what the configuration leaves unset (null); an empty or blank
	// value in the configuration is refused by the schema's validators.
	token := cfg.Token.ValueString()
	if cfg.Token.IsNull() {
		token = os.Getenv(envToken)
	}
	if strings.TrimSpace(token) == "" {
		addMissingTokenError(&resp.Diagnostics)
		return
	}
	// Terraform validates ConflictsWith too, but only for values known at validate time.
	if cfg.Region.ValueString() != "" && cfg.APIURL.ValueString() != "" {
		addInvalidAttributeError(&resp.Diagnostics, path.Root("api_url"), "Conflicting TagoIO endpoint",
			"Set either region or api_url in the provider block, not both.")
		return
	}
	ep, err := resolveEndpoint(cfg.Region.ValueString(), cfg.APIURL.ValueString(), os.Getenv(envRegion), os.Getenv(envAPI))
	if err != nil {
		addInvalidAttributeError(&resp.Diagnostics, path.Root("region"), "Invalid TagoIO region", err.Error())
		return
	}
	maxRetries := client.DefaultMaxRetries
	if !cfg.MaxRetries.IsNull() {
		maxRetries = int(cfg.MaxRetries.ValueInt64())
	}
	timeout := defaultRequestTimeout
	if !cfg.RequestTimeout.IsNull() {
		timeout, _ = time.ParseDuration(cfg.RequestTimeout.ValueString()) // validated by the schema
	}

	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, "token")
	ctx = tflog.MaskMessageStrings(ctx, token)
	c, err := client.New(client.Config{
		BaseURL:        ep.url,
		Token:          token,
		UserAgent:      "terraform-provider-tagoio/" + p.version,
		MaxRetries:     maxRetries,
		RequestTimeout: timeout,
		Logger:         tflogAdapter{},
	})
	if err != nil {
		addInvalidAttributeError(&resp.Diagnostics, path.Root("api_url"), "Invalid TagoIO API URL", err.Error())
		return
	}
	tflog.Info(ctx, "TagoIO API endpoint", map[string]any{"api_url": ep.url, "source": ep.source, "max_retries": maxRetries,
		"request_timeout": timeout.String()})
	defaults, diags := defaultTagsFromConfig(ctx, cfg.DefaultTags)
	resp.Diagnostics.Append(diags...)
	resp.ResourceData = &resourceData{client: c, defaultTags: defaults}
	resp.DataSourceData = c
	resp.EphemeralResourceData = c
}

func (p *tagoioProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewDeviceResource,
		NewDeviceTokenResource,
		NewSecretResource,
		NewBucketResource,
		NewRunResource,
		NewRunCustomDomainResource,
		NewActionResource,
		NewAnalysisResource,
		NewRunUserResource,
		NewAccessManagementResource,
		NewDashboardResource,
		NewDashboardWidgetResource,
		NewDictionaryResource,
		NewConnectorResource,
		NewNetworkResource,
		NewFileResource,
		NewEntityResource,
		NewServiceAuthorizationResource,
		NewProfileTeamMemberResource,
	}
}

// EphemeralResources need Terraform >= 1.10; older CLIs never ask for them.
func (p *tagoioProvider) EphemeralResources(_ context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{
		NewDeviceTokenEphemeralResource,
	}
}

func (p *tagoioProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewDeviceDataSource,
		NewDevicesDataSource,
		NewDeviceTokensDataSource,
		NewConnectorDataSource,
		NewNetworkDataSource,
		NewSecretDataSource,
		NewSecretsDataSource,
		NewBucketDataSource,
		NewBucketsDataSource,
		NewRunDataSource,
		NewRunCustomDomainDataSource,
		NewAccountDataSource,
		NewActionDataSource,
		NewActionsDataSource,
		NewAnalysisDataSource,
		NewAnalysesDataSource,
		NewRunUserDataSource,
		NewRunUsersDataSource,
		NewAccessManagementDataSource,
		NewAccessManagementsDataSource,
		NewDeviceDataDataSource,
		NewDashboardDataSource,
		NewDashboardsDataSource,
		NewDashboardWidgetDataSource,
		NewDashboardWidgetsDataSource,
		NewDictionaryDataSource,
		NewFileDataSource,
		NewFilesDataSource,
		NewEntityDataSource,
		NewProfileTeamMembersDataSource,
	}
}

// clientFrom is the Configure step every resource and data source shares.
func clientFrom(providerData any, diags *diag.Diagnostics) *client.Client {
	if providerData == nil {
		return nil // not configured yet (validate); the framework calls Configure again later
	}
	if data, ok := providerData.(*resourceData); ok {
		return data.client
	}
	c, ok := providerData.(*client.Client)
	if !ok {
		addConfigureTypeError(diags, providerData)
		return nil
	}
	return c
}
